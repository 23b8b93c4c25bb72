#!/usr/bin/env bash
# Measures what the MTA-STS packages cost a site's build: the same ASP.NET Core site with and without them, measured
# side by side, interleaved, in one run. The site "with package" references MtaSts.AspNetCore as `dotnet add package`
# writes it (no PrivateAssets; it brings MtaSts.Build and its build assets), has an mta-sts.yaml, and its Program.cs
# adds `builder.Services.AddMtaSts();` and `app.MapMtaStsPolicy();`. Prints a table; writes nothing into the
# repository unless --write is given.
#
# The headline numbers are paired ratios against the FAIR BASELINE: the same site with the same static files in wwwroot
# (including the policy file, .well-known/mta-sts.txt, as a hand-written static file) and one unrelated development-
# dependency package (an empty build package written by this script). Each cold or no-op build of the site with the
# package is divided by the build of the baseline that ran right next to it (the order rotates, so drift from other
# load on the machine hits all alike), then the median of those ratios, with the interquartile range. A secondary line
# gives the ratio against the plain site (no package at all, no policy file), as earlier versions of this script did.
# Targets: cold <= 1.03x, no-op <= 1.02x against the fair baseline.
#
# The compiler server: by default the measurement runs twice in one invocation, with one packed feed: once with it off
# (UseSharedCompilation=false: a fresh compiler process per compilation, this project's machines' default) and once
# with it on (VBCSCompiler, a developer's machine's default; `dotnet build-server shutdown --vbcscompiler` before and
# after that part). The script re-invokes itself with --compiler-server off and on and prints both tables (and writes
# both with --write). The task timing rows do not depend on the compiler and are measured only in the "off" part.
#
# usage: build/benchmark.sh [--runs N] [--cold-runs N] [--split-runs N] [--compiler-server off|on|both]
#                           [--domains LIST] [--feed DIR --version V] [--write FILE] [--keep]
#   --runs N       no-op build pairs and task samples (default 31); medians are reported
#   --cold-runs N  cold build pairs (default 15)
#   --split-runs N rounds of the CoreCompile split (default 7)
#   --compiler-server off|on|both
#                  measure with the compiler server off, on, or both one after the other (default both; with
#                  --domains the default is the environment's setting, unchanged)
#   --domains LIST many mail domains instead (e.g. 10,100,1000): one site per count with a generated mta-sts.yaml in the
#                  multi-domain form (defaults + domains; every tenth domain overrides mode and mx, so the policies
#                  differ as in real estates), measured against the single-domain site (all with the Program.cs of the
#                  site with the package: AddMtaSts + MapMtaStsPolicy):
#                    cold generation  `dotnet clean`, outputs deleted, `dotnet build`: the GenerateMtaStsFiles task's
#                                     time from the task performance summary (fresh build process), per count, with
#                                     the ms per domain between counts (linear growth keeps it flat)
#                    no-op build      the largest count against the single-domain site, paired and interleaved
#                  --cold-runs N cold builds per count (--runs N no-op pairs); --write puts the results between
#                  the benchmark-domains markers of FILE
#   --feed DIR     use the packages (MtaSts.Build and MtaSts.AspNetCore) from this feed instead of packing (with --version)
#   --version V    the package version in --feed
#   --write FILE   also put the results (markdown) between the benchmark markers of FILE, e.g. docs/performance.md
#   --keep         keep the temporary directory (sites, logs)
#
# What is measured (wall time from the shell, and MSBuild's own "Time Elapsed"):
#   cold build    `dotnet clean`, then `dotnet build --no-restore` (restore done once before; for the package site the
#                 generated policy file is deleted too, so the build generates everything as on a first build; the
#                 baseline's hand-written copy stays, it is a source file there)
#   no-op build   `dotnet build --no-restore` with nothing changed, after warm-up builds
#   MtaSts targets in a no-op build: sum of the package's target times from -clp:PerformanceSummary
#   CoreCompile split: only the compiler reruns (Program.cs touched), for the fair baseline, the site with the package,
#                 and the site with the package under -p:DotNetWatchBuild=true (what dotnet watch sets: the only builds
#                 that load the package's Roslyn generator, analyzer/MtaSts.Build.Watch.dll) with and without that
#                 generator (-p:_MtaStsWatchAnalyzer=none); with the compiler's own analyzer and generator times
#                 (-p:ReportAnalyzer=true). Ordinary builds load no generator of ours, so the "without the dotnet watch
#                 generator" variant of earlier versions (which compared ordinary builds) is gone.
#   GenerateMtaStsFiles task time: mta-sts.yaml touched (same content) so only the task runs, read from the task
#                 performance summary; once in a fresh `dotnet build` process (what a user sees after editing the
#                 file), and once in a warm MSBuild worker node (MSBUILDNOINPROCNODE=1, task assembly already loaded)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=31
cold_runs=15
split_runs=7
compiler_setting=""
summary_file=""
task_timing=1
feed=""
version=""
write_file=""
keep=0
domains=""

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --cold-runs) cold_runs="$2"; shift 2 ;;
    --split-runs) split_runs="$2"; shift 2 ;;
    --feed) feed="$(cd "$2" && pwd)"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --write) write_file="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    --domains) domains="$2"; shift 2 ;;
    --compiler-server) compiler_setting="$2"; shift 2 ;;
    # Internal, for the re-invocation per compiler setting: where to put the headline figures, and no task timing.
    --summary) summary_file="$2"; shift 2 ;;
    --no-task-timing) task_timing=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "benchmark: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if [ -n "$domains" ] && ! [[ "$domains" =~ ^[1-9][0-9]{0,4}(,[1-9][0-9]{0,4})*$ ]]; then
  echo "benchmark: --domains takes counts separated by commas, e.g. 10,100,1000" >&2
  exit 2
fi
case "$compiler_setting" in
  ""|off|on|both) ;;
  *) echo "benchmark: --compiler-server takes off, on or both" >&2; exit 2 ;;
esac
if [ -n "$domains" ] && [ "$compiler_setting" = both ]; then
  echo "benchmark: --domains measures one compiler setting: --compiler-server off or on" >&2
  exit 2
fi
[ -z "$domains" ] && [ -z "$compiler_setting" ] && compiler_setting=both
if { [ -n "$feed" ] && [ -z "$version" ]; } || { [ -z "$feed" ] && [ -n "$version" ]; }; then
  echo "benchmark: --feed and --version go together" >&2
  exit 2
fi

work="$(mktemp -d /tmp/mtasts-bench-XXXXXX)"
logs="$work/logs"
mkdir -p "$logs"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
export NUGET_PACKAGES="$work/packages"
# Our MSBuild nodes only ever talk to our builds (and ours never borrow someone else's), and they carry a marker in
# their environment so that cleanup can stop exactly them, by process id.
export MSBUILDNODEHANDSHAKESALT="mtasts-benchmark-$$"
export MTASTS_BENCHMARK_RUN="$work"
unset MSBUILDNOINPROCNODE MSBUILDDISABLENODEREUSE

stop_our_nodes() {
  local pid
  for pid in $(pgrep -f 'nodemode|VBCSCompiler' || true); do
    if { tr '\0' '\n' < "/proc/$pid/environ"; } 2>/dev/null | grep -qx "MTASTS_BENCHMARK_RUN=$work"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}

cleanup() {
  if [ "$compiler_setting" = on ]; then
    dotnet build-server shutdown --vbcscompiler > /dev/null 2>&1 || true
  fi
  stop_our_nodes
  if [ "$keep" -eq 1 ]; then
    echo "benchmark: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

log() { echo "benchmark: $*" >&2; }

# write_results FILE MARKER TEXT SCRIPT (build/lib/write-results.sh): the results into a block of FILE.
# shellcheck source=build/lib/write-results.sh
. "$repo_root/build/lib/write-results.sh"

# ---------------------------------------------------------------- the package
# shellcheck source=build/lib/bench-site.sh
. "$repo_root/build/lib/bench-site.sh"
pack_unless_given bench

# ---------------------------------------------------------------- both compiler settings, one feed
# The measurement part runs once per setting, in a child invocation of this script with the feed packed above; the
# task timing rows (they do not depend on the compiler) only in the "off" part. Both reports are printed, and written
# with --write.
if [ "$compiler_setting" = both ]; then
  child_args=(--runs "$runs" --cold-runs "$cold_runs" --split-runs "$split_runs" --feed "$feed" --version "$version")
  [ "$keep" -eq 1 ] && child_args+=(--keep)
  for setting in off on; do
    log "measuring with the compiler server $setting"
    extra=()
    [ "$setting" = on ] && extra=(--no-task-timing)
    "${BASH_SOURCE[0]}" "${child_args[@]}" --compiler-server "$setting" --summary "$work/summary-$setting" "${extra[@]}" \
      > "$work/report-$setting.md" || { log "the \"$setting\" part failed"; keep=1; exit 1; }
  done
  both_report() {
    echo "Packages: MtaSts.AspNetCore and MtaSts.Build $version. Headline: paired ratios of whole \`dotnet build\`"
    echo "processes, the site with the package / the fair baseline (the same site, the same static files including the"
    echo "policy file, and one unrelated development-dependency package): median (interquartile range). Targets: cold"
    echo "≤ 1.03×, no-op ≤ 1.02×."
    echo
    echo "| compiler server | cold build | no-op build | cold, against the plain site | no-op, against the plain site |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for setting in off on; do
      # shellcheck disable=SC1090
      ( . "$work/summary-$setting"
        echo "| $setting | $cold | $noop | $cold_plain | $noop_plain |" )
    done
    echo
    echo "#### Compiler server off (UseSharedCompilation=false)"
    echo
    cat "$work/report-off.md"
    echo
    echo "#### Compiler server on (VBCSCompiler)"
    echo
    cat "$work/report-on.md"
  }
  output="$(both_report)"
  echo "$output"
  if [ -n "$write_file" ]; then
    write_results "$write_file" benchmark "$output" build/benchmark.sh
  fi
  exit 0
fi

# The compiler server for this part: off is a fresh compiler process per compilation; on is VBCSCompiler, shut down
# before (so the first compilation starts it, as on a machine that just booted) and after (so it does not outlive the
# benchmark). --vbcscompiler: only the compiler server; MSBuild nodes of other builds on the machine are left alone.
case "$compiler_setting" in
  off) export UseSharedCompilation=false ;;
  on)
    export UseSharedCompilation=true
    dotnet build-server shutdown --vbcscompiler > "$logs/build-server-shutdown-before.log" 2>&1 || true
    ;;
esac

# An empty build package (an empty props and targets under build/, nothing else): what any PackageReference costs a
# site, whatever the package does. Written as a zip by hand, so that no restore or network is needed.
empty_version="1.0.0"
mkdir -p "$work/empty-feed"
python3 - "$work/empty-feed/MtaSts.Benchmark.Empty.$empty_version.nupkg" "$empty_version" <<'PY'
import sys, zipfile
path, version = sys.argv[1], sys.argv[2]
nuspec = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>MtaSts.Benchmark.Empty</id>
    <version>{version}</version>
    <authors>MtaSts.Build benchmark</authors>
    <description>An empty build package: the cost of any PackageReference.</description>
    <developmentDependency>true</developmentDependency>
  </metadata>
</package>
"""
with zipfile.ZipFile(path, "w") as z:
    z.writestr("MtaSts.Benchmark.Empty.nuspec", nuspec)
    z.writestr("build/MtaSts.Benchmark.Empty.props", "<Project />\n")
    z.writestr("build/MtaSts.Benchmark.Empty.targets", "<Project />\n")
PY

# ---------------------------------------------------------------- three sites, outside the repository
isolate_site_folder
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="empty" value="$work/empty-feed" />
  </packageSources>
  <auditSources>
    <clear />
  </auditSources>
</configuration>
EOF

# make_site NAME WITH_PACKAGE(true|false|empty)
#   true   the site with the package: MtaSts.AspNetCore as `dotnet add package` writes it, mta-sts.yaml, AddMtaSts and
#          MapMtaStsPolicy in Program.cs
#   empty  the fair baseline: the same site with the unrelated empty development-dependency package; its policy file is
#          a hand-written static file in wwwroot (copied from the package site's output, see below)
#   false  the plain site: no package, no policy file
make_site() {
  local name="$1" with_package="$2" dir="$work/$1"
  mkdir -p "$dir/wwwroot/css"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk.Web">'
    echo '  <PropertyGroup>'
    echo '    <TargetFramework>net10.0</TargetFramework>'
    echo '    <Nullable>enable</Nullable>'
    echo '    <ImplicitUsings>enable</ImplicitUsings>'
    echo '  </PropertyGroup>'
    if [ "$with_package" = true ]; then
      echo '  <ItemGroup>'
      echo "    <PackageReference Include=\"MtaSts.AspNetCore\" Version=\"$version\" />"
      echo '  </ItemGroup>'
    elif [ "$with_package" = empty ]; then
      echo '  <ItemGroup>'
      echo "    <PackageReference Include=\"MtaSts.Benchmark.Empty\" Version=\"$empty_version\" PrivateAssets=\"all\" />"
      echo '  </ItemGroup>'
    fi
    echo '</Project>'
  } > "$dir/$name.csproj"
  {
    echo 'var builder = WebApplication.CreateBuilder(args);'
    [ "$with_package" = true ] && echo 'builder.Services.AddMtaSts();'
    echo 'var app = builder.Build();'
    echo 'app.MapStaticAssets();'
    [ "$with_package" = true ] && echo 'app.MapMtaStsPolicy();'
    echo 'app.MapGet("/", () => "Hello");'
    echo 'app.Run();'
  } > "$dir/Program.cs"
  printf '<!doctype html>\n<title>Contoso</title>\n<link rel="stylesheet" href="css/site.css">\n' > "$dir/wwwroot/index.html"
  printf 'body { font-family: sans-serif; }\n' > "$dir/wwwroot/css/site.css"
  if [ "$with_package" = true ]; then
    cat > "$dir/mta-sts.yaml" <<'EOF'
domain: contoso.example
mode: enforce
mx:
  - mx1.contoso.example
  - "*.mail.contoso.example"
max_age: 1w
tls_rpt:
  rua: [mailto:tlsrpt@contoso.example]
EOF
  fi
}

run_count=0
last_log=""
last_ms=0
# run SITE LABEL ARGS... : dotnet ARGS in the site's folder, output into a log file. Sets last_log (its path) and
# last_ms (the wall time in milliseconds). A failure stops the benchmark and keeps the logs.
run() {
  local site="$1" label="$2"
  shift 2
  run_count=$((run_count + 1))
  last_log="$logs/$(printf '%03d' "$run_count")-$site-$label.log"
  local start end
  start=$(date +%s%N)
  if ! (cd "$work/$site" && dotnet "$@" > "$last_log" 2>&1); then
    log "failed: dotnet $* in $site (log: $last_log)"
    tail -30 "$last_log" >&2
    keep=1
    exit 1
  fi
  end=$(date +%s%N)
  last_ms=$(((end - start) / 1000000))
}

# MSBuild's "Time Elapsed 00:00:01.23" in milliseconds.
msbuild_ms() {
  awk '/^Time Elapsed/ { split($3, t, ":"); printf "%d\n", (t[1] * 3600 + t[2] * 60 + t[3]) * 1000 }' "$1" | tail -1
}

# perf_ms LOG SECTION(Target|Task) REGEX: summed ms of the matching lines of one performance summary section.
perf_ms() {
  awk -v section="$2 Performance Summary:" -v pattern="$3" '
    /Performance Summary:/ { in_section = index($0, section) > 0; next }
    in_section && $2 == "ms" && $3 ~ pattern { sum += $1; found = 1 }
    END { if (found) print sum; else print "" }' "$1"
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# quantiles: "p25-p75" of numbers, one a line (linear interpolation).
quartiles() {
  sort -n | awk '
    function q(p,   h, l) { h = (NR - 1) * p + 1; l = int(h); return l >= NR ? v[NR] : v[l] + (h - l) * (v[l + 1] - v[l]) }
    { v[NR] = $1 }
    END { if (NR == 0) print "-"; else printf "%d-%d\n", q(0.25) + 0.5, q(0.75) + 0.5 }'
}

# seconds_ms LOG TEXT: the compiler's "TEXT 0.123 seconds." (the last one in LOG) in milliseconds.
seconds_ms() {
  grep -o "$2 [0-9.]*" "$1" | awk '{ v = $NF } END { if (v != "") printf "%d\n", v * 1000 }'
}

# ratio B A: B/A in thousandths, rounded (integers keep median/quartiles simple).
ratio() { echo $((($1 * 1000 + $2 / 2) / $2)); }

spread() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[1] "-" v[NR] }'
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
# With UseSharedCompilation=false (a property, or an environment variable as on the project's machines) every
# CoreCompile starts a fresh compiler process, which loads and JIT-compiles every analyzer and generator again.
if [ "${UseSharedCompilation:-}" = false ]; then
  compiler_server="off (UseSharedCompilation=false: a fresh compiler process per compilation)"
else
  compiler_server="on (VBCSCompiler, shut down before and after this part)"
fi
declare -A samples
add() { samples["$1"]+="$2"$'\n'; }

build_args=(build --no-restore -nologo -tl:off -v:m "-clp:PerformanceSummary")

# warm_up SITE...: restore each site once and build it twice, so that the measured builds find everything in place.
warm_up() {
  local site
  for site in "$@"; do
    run "$site" restore restore -nologo -tl:off
    run "$site" warmup "${build_args[@]}"
    run "$site" warmup "${build_args[@]}"
  done
}

summary() { printf '%s' "${samples[$1]:-}" | { grep -v '^$' || true; } | "$2"; }

row() { # label without with
  printf '| %-48s | %20s | %20s |\n' "$1" "$2" "$3"
}
ratio_cell() { # key (thousandths) → "1.012× (IQR 1.004-1.020, 0.990-1.050)"
  local m q s
  m=$(summary "$1" median)
  [ "$m" = "-" ] && { echo "-"; return; }
  q=$(summary "$1" quartiles)
  s=$(summary "$1" spread)
  awk -v m="$m" -v q="$q" -v s="$s" 'BEGIN {
    split(q, qq, "-"); split(s, ss, "-")
    printf "%.3f× (IQR %.3f-%.3f, range %.3f-%.3f)\n", m / 1000, qq[1] / 1000, qq[2] / 1000, ss[1] / 1000, ss[2] / 1000 }'
}
ms_cell() { # key → "median ms (min-max)"
  local m s
  m=$(summary "$1" median)
  s=$(summary "$1" spread)
  if [ "$m" = "-" ]; then echo "-"; else echo "$m ms ($s)"; fi
}

# ---------------------------------------------------------------- many domains (--domains)
# task_split LOG 1|2: from the task's "MtaSts: N domain(s) read, checked and rendered in A ms; F files written or found
# unchanged in B ms" line, A (1) or B (2).
task_split() {
  sed -n 's/.*MtaSts: [0-9]* domain(s) read, checked and rendered in \([0-9]*\) ms; [0-9]* files written or found unchanged in \([0-9]*\) ms.*/\1 \2/p' "$1" \
    | tail -1 | awk -v f="$2" '{ print $f }'
}

# fs_reference SITE: the file system's own share, right after a cold build, in the same place: a minimal Python loop
# creates as many files as the build wrote zone snippets (same names, same size) in a new folder beside them (open,
# write, close; no .NET, no MSBuild), then deletes them. Prints the milliseconds.
fs_reference() {
  local zones dir
  zones="$(find "$work/$1/bin" -type d -name mta-sts -path '*Debug*' | head -n 1)"
  [ -n "$zones" ] || { echo ""; return; }
  dir="$zones.fs-reference"
  python3 - "$zones" "$dir" <<'PY'
import os, shutil, sys, time
zones, target = sys.argv[1], sys.argv[2]
files = [f for f in os.listdir(zones) if f.endswith(".zone")]
data = b"x" * (sum(os.path.getsize(os.path.join(zones, f)) for f in files) // max(len(files), 1))
shutil.rmtree(target, ignore_errors=True)
os.mkdir(target)
start = time.perf_counter()
for name in files:
    fd = os.open(os.path.join(target, name), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    os.write(fd, data)
    os.close(fd)
print(round((time.perf_counter() - start) * 1000))
shutil.rmtree(target)
PY
}

# make_domains_site NAME COUNT: the package site, with a generated multi-domain mta-sts.yaml of COUNT domains.
make_domains_site() {
  local name="$1" count="$2" i
  make_site "$name" true
  {
    echo "# $count mail domains, generated by build/benchmark.sh --domains"
    echo 'defaults:'
    echo '  mode: enforce'
    echo '  mx: ["*.mail.protection.outlook.com"]'
    echo '  max_age: 1w'
    echo '  tls_rpt: { rua: [mailto:tlsrpt@contoso.example] }'
    echo 'domains:'
    for ((i = 1; i <= count; i++)); do
      if ((i % 10 == 0)); then
        printf '  brand%05d.example: { mode: testing, mx: [mx1.brand%05d.example, mx2.brand%05d.example] }\n' "$i" "$i" "$i"
      else
        printf '  brand%05d.example: {}\n' "$i"
      fi
    done
  } > "$work/$name/mta-sts.yaml"
  # Program.cs as the single-domain site has it: MapMtaStsPolicy serves every domain.
}

domains_mode() {
  local counts n i j site largest order
  IFS=, read -r -a counts <<< "$domains"
  largest="${counts[-1]}"
  for n in "${counts[@]}"; do ((n > largest)) && largest=$n; done
  make_site WithPackage true
  for n in "${counts[@]}"; do make_domains_site "Domains$n" "$n"; done
  local all=(WithPackage) ; for n in "${counts[@]}"; do all+=("Domains$n"); done

  log "restoring and warming up ${all[*]}"
  warm_up "${all[@]}"
  add "snippets.$largest" "$(find "$work/Domains$largest/bin" -name '*.zone' -path '*mta-sts/*' | wc -l)"

  log "cold generation ($cold_runs builds per count, counts interleaved)"
  for ((i = 1; i <= cold_runs; i++)); do
    # A different order each round, so drift on the machine does not favour one count.
    order=("WithPackage")
    for ((j = 0; j < ${#counts[@]}; j++)); do order+=("Domains${counts[$(((i + j) % ${#counts[@]}))]}"); done
    for site in "${order[@]}"; do
      run "$site" clean clean -nologo -tl:off -v:q
      rm -rf "$work/$site/wwwroot/.well-known"
      # Normal verbosity: the task's own line says how long checking and rendering took and how long writing the files.
      run "$site" cold "${build_args[@]}" -v:n
      add "$site.cold.task" "$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')"
      add "$site.cold.render" "$(task_split "$last_log" 1)"
      add "$site.cold.write" "$(task_split "$last_log" 2)"
      add "$site.cold.targets" "$(perf_ms "$last_log" Target 'MtaSts')"
      add "$site.cold.compile" "$(perf_ms "$last_log" Target '^CoreCompile$')"
      add "$site.cold.wall" "$last_ms"
      add "$site.cold.fs" "$(fs_reference "$site")"
    done
  done

  log "yaml touched, nothing to write ($cold_runs builds per count)"
  for ((i = 1; i <= cold_runs; i++)); do
    for site in "${all[@]}"; do
      touch "$work/$site/mta-sts.yaml"
      run "$site" touch "${build_args[@]}"
      add "$site.touch.task" "$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')"
    done
  done

  for site in WithPackage "Domains$largest"; do run "$site" settle "${build_args[@]}"; done
  log "no-op builds: $largest domains against one ($runs pairs)"
  for ((i = 1; i <= runs; i++)); do
    if ((i % 2)); then order=(WithPackage "Domains$largest"); else order=("Domains$largest" WithPackage); fi
    for site in "${order[@]}"; do
      run "$site" noop "${build_args[@]}"
      pair[$site]=$last_ms
      add "$site.noop.wall" "$last_ms"
      add "$site.noop.targets" "$(perf_ms "$last_log" Target 'MtaSts')"
      if [ -n "$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')" ]; then
        log "warning: GenerateMtaStsFiles ran in a no-op build ($last_log)"
      fi
    done
    add "ratio.noop.domains" "$(ratio "${pair[Domains$largest]}" "${pair[WithPackage]}")"
  done

  local generated
  generated="$(find "$work/Domains$largest/obj" -name 'MtaSts.g.cs' | head -n 1)"
  cores="$(nproc)"
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  sdk="$(cd "$work" && dotnet --version)"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"

  domains_report() {
    local previous="" previous_ms="" m per
    echo "Machine: $cores cores ($cpu), .NET SDK $sdk; load average at the start $load_start, at the end $load"
    echo "(anything else running on the machine shows there)."
    echo
    echo "Packages: MtaSts.AspNetCore and MtaSts.Build $version. Each count is one site whose mta-sts.yaml lists that many domains (every"
    echo "tenth with its own mode and mx); \"1\" is the single-domain form. The $largest-domain site wrote"
    echo "$(summary "snippets.$largest" median) zone snippets; its generated C# is $(wc -c < "$generated") bytes."
    echo
    echo "Cold generation: \`dotnet clean\`, outputs deleted, \`dotnet build\` ($cold_runs builds per count): median, range in parentheses."
    echo "\"ms per added domain\" is the growth of the task's median time from the previous count, divided by the domains added."
    echo "\"checking and rendering\" and \"writing the files\" are the task's own split of its time (its log line at normal"
    echo "verbosity). \"file system reference\" is a minimal Python loop creating as many files of the same size, right after"
    echo "each build, in a new folder beside the snippets: what creating the files costs on this disk at that moment."
    echo
    printf '| %-8s | %22s | %22s | %22s | %22s | %22s | %22s | %22s | %20s |\n' "domains" "GenerateMtaStsFiles task" "checking and rendering" "writing the files" "file system reference" "ms per added domain" "yaml touched: task" "CoreCompile" "build, wall"
    printf '| %-8s | %22s | %22s | %22s | %22s | %22s | %22s | %22s | %20s |\n' "---:" "---:" "---:" "---:" "---:" "---:" "---:" "---:" "---:"
    for site in "${all[@]}"; do
      n="${site#Domains}"; [ "$site" = WithPackage ] && n=1
      m="$(summary "$site.cold.task" median)"
      per="-"
      if [ -n "$previous" ] && [ "$m" != "-" ]; then
        per="$(awk -v a="$previous_ms" -v b="$m" -v na="$previous" -v nb="$n" 'BEGIN { printf "%.3f", (b - a) / (nb - na) }')"
      fi
      printf '| %-8s | %22s | %22s | %22s | %22s | %22s | %22s | %22s | %20s |\n' "$n" "$(ms_cell "$site.cold.task")" "$(ms_cell "$site.cold.render")" "$(ms_cell "$site.cold.write")" "$(ms_cell "$site.cold.fs")" "$per" "$(ms_cell "$site.touch.task")" "$(ms_cell "$site.cold.compile")" "$(ms_cell "$site.cold.wall")"
      previous="$n" previous_ms="$m"
    done
    echo
    echo "No-op build, $largest domains against the single-domain site ($runs pairs, interleaved):"
    echo
    echo "- paired ratio of wall times, $largest domains / one: $(ratio_cell ratio.noop.domains)"
    echo "- wall: one domain $(ms_cell WithPackage.noop.wall), $largest domains $(ms_cell "Domains$largest.noop.wall")"
    echo "- MtaSts targets (sum): one domain $(ms_cell WithPackage.noop.targets), $largest domains $(ms_cell "Domains$largest.noop.targets")"
  }

  output="$(domains_report)"
  echo "$output"
  if [ -n "$write_file" ]; then
    write_results "$write_file" benchmark-domains "$output" build/benchmark.sh
  fi
}

declare -A pair
if [ -n "$domains" ]; then
  domains_mode
  exit 0
fi

make_site Plain false
make_site WithPackage true
make_site EmptyPackage empty
sites=(Plain WithPackage EmptyPackage)

log "restoring and warming up"
warm_up WithPackage
# The fair baseline serves the same policy as a static file of its own: the package site's output, copied.
mkdir -p "$work/EmptyPackage/wwwroot/.well-known"
cp "$work/WithPackage/wwwroot/.well-known/mta-sts.txt" "$work/EmptyPackage/wwwroot/.well-known/mta-sts.txt"
warm_up EmptyPackage Plain

# pair_order I: the sites in the order of round I. The headline pair (with package, fair baseline) alternates (AB,
# BA, …); the plain site takes each of the three places in turn, so that it sits next to both.
pair_order() {
  case $(($1 % 6)) in
    1) echo EmptyPackage WithPackage Plain ;;
    2) echo WithPackage EmptyPackage Plain ;;
    3) echo EmptyPackage Plain WithPackage ;;
    4) echo WithPackage Plain EmptyPackage ;;
    5) echo Plain EmptyPackage WithPackage ;;
    0) echo Plain WithPackage EmptyPackage ;;
  esac
}

log "cold builds ($cold_runs pairs, compiler server $compiler_setting)"
for ((i = 1; i <= cold_runs; i++)); do
  for site in $(pair_order "$i"); do
    run "$site" clean clean -nologo -tl:off -v:q
    # The package site's policy file is an output: deleted, so the build generates it. The baseline's is a source file.
    [ "$site" = WithPackage ] && rm -f "$work/$site/wwwroot/.well-known/mta-sts.txt"
    run "$site" cold "${build_args[@]}"
    add "$site.cold.wall" "$last_ms"
    pair[$site]=$last_ms
    add "$site.cold.msbuild" "$(msbuild_ms "$last_log")"
    add "$site.cold.compile" "$(perf_ms "$last_log" Target '^CoreCompile$')"
    if [ "$site" = WithPackage ]; then add "targets.cold" "$(perf_ms "$last_log" Target 'MtaSts')"; fi
  done
  add "ratio.cold" "$(ratio "${pair[WithPackage]}" "${pair[EmptyPackage]}")"
  add "ratio.cold.plain" "$(ratio "${pair[WithPackage]}" "${pair[Plain]}")"
  add "ratio.cold.baseline" "$(ratio "${pair[EmptyPackage]}" "${pair[Plain]}")"
done
# The first build after the cold ones writes nothing new but is not a no-op for MSBuild's own caches; settle first.
for site in "${sites[@]}"; do run "$site" settle "${build_args[@]}"; done

log "no-op builds ($runs pairs, compiler server $compiler_setting)"
for ((i = 1; i <= runs; i++)); do
  for site in $(pair_order "$i"); do
    run "$site" noop "${build_args[@]}"
    add "$site.noop.wall" "$last_ms"
    pair[$site]=$last_ms
    add "$site.noop.msbuild" "$(msbuild_ms "$last_log")"
    if [ "$site" = WithPackage ]; then
      add "targets.noop" "$(perf_ms "$last_log" Target 'MtaSts')"
      if [ -n "$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')" ]; then
        log "warning: GenerateMtaStsFiles ran in a no-op build ($last_log)"
      fi
    fi
  done
  add "ratio.noop" "$(ratio "${pair[WithPackage]}" "${pair[EmptyPackage]}")"
  add "ratio.noop.plain" "$(ratio "${pair[WithPackage]}" "${pair[Plain]}")"
  add "ratio.noop.baseline" "$(ratio "${pair[EmptyPackage]}" "${pair[Plain]}")"
done

log "CoreCompile split ($split_runs rounds)"
# Only the compiler runs again (Program.cs touched), in turn: the fair baseline; the site with the package (an ordinary
# build: no generator of ours); the same under -p:DotNetWatchBuild=true, as dotnet watch builds it (the package's
# generator loaded, mta-sts.yaml an additional file); and that without the generator (-p:_MtaStsWatchAnalyzer=none), so
# Watch − WatchNoGenerator is the generator's cost under dotnet watch. -p:ReportAnalyzer=true makes the compiler report
# its analyzers' and generators' own times; they appear at detailed verbosity, so these builds are not the ones the
# headline ratios come from.
split_args=(build --no-restore -nologo -tl:off -v:d "-clp:PerformanceSummary" -p:ReportAnalyzer=true)
split_variants=(EmptyPackage WithPackage Watch WatchNoGenerator)
for ((i = 1; i <= split_runs; i++)); do
  for variant in "${split_variants[@]}"; do
    site=$variant
    extra=()
    case "$variant" in
      Watch) site=WithPackage; extra=(-p:DotNetWatchBuild=true) ;;
      WatchNoGenerator) site=WithPackage; extra=(-p:DotNetWatchBuild=true -p:_MtaStsWatchAnalyzer=none) ;;
    esac
    touch "$work/$site/Program.cs"
    run "$site" "split-$variant" "${split_args[@]}" "${extra[@]}"
    add "split.$variant.compile" "$(perf_ms "$last_log" Target '^CoreCompile$')"
    add "split.$variant.analyzers" "$(seconds_ms "$last_log" 'Total analyzer execution time:')"
    add "split.$variant.generators" "$(seconds_ms "$last_log" 'Total generator execution time:')"
    stamp="$(awk '{ for (f = 2; f <= NF; f++) if ($f == "MtaSts.Build.Watch.ConfigStampGenerator") v = $1 } END { if (v != "") printf "%d\n", (v ~ /^</ ? 0 : v * 1000) }' "$last_log")"
    if [ "$variant" = Watch ]; then
      add "split.stamp" "$stamp"
    elif [ -n "$stamp" ]; then
      log "warning: the dotnet watch generator ran in the $variant variant ($last_log)"
    fi
  done
done
# Put the sites back as the other measurements expect them (an ordinary build).
for site in "${sites[@]}"; do run "$site" settle "${build_args[@]}"; done

if [ "$task_timing" -eq 1 ]; then
  log "GenerateMtaStsFiles, fresh build process ($runs samples)"
  for ((i = 1; i <= runs; i++)); do
    touch "$work/WithPackage/mta-sts.yaml"
    run WithPackage touch "${build_args[@]}"
    add "task.fresh" "$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')"
    add "touch.wall" "$last_ms"
    add "touch.compile" "$(perf_ms "$last_log" Target '^CoreCompile$')"
  done

  log "GenerateMtaStsFiles, warm worker node ($runs samples after one to load it)"
  # Every project goes to an out-of-process node, which stays alive between builds (node reuse) with the task loaded.
  export MSBUILDNOINPROCNODE=1
  for ((i = 0; i <= runs; i++)); do
    touch "$work/WithPackage/mta-sts.yaml"
    run WithPackage touch-node "${build_args[@]}"
    value="$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')"
    if [ "$i" -eq 0 ]; then add "task.node.first" "$value"; else add "task.node.warm" "$value"; fi
  done
  unset MSBUILDNOINPROCNODE
  stop_our_nodes
fi

# ---------------------------------------------------------------- report
cores="$(nproc)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
sdk="$(cd "$work" && dotnet --version)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
# Other builds on the machine add noise; the load average says how busy it was.

# short_ratio KEY: "1.012× (IQR 1.004-1.020)"
short_ratio() {
  local m q
  m=$(summary "$1" median)
  [ "$m" = "-" ] && { echo "-"; return; }
  q=$(summary "$1" quartiles)
  awk -v m="$m" -v q="$q" 'BEGIN { split(q, qq, "-"); printf "%.3f× (IQR %.3f-%.3f)\n", m / 1000, qq[1] / 1000, qq[2] / 1000 }'
}

report() {
  echo "Machine: $cores cores ($cpu), .NET SDK $sdk; load average at the start $load_start, at the end $load."
  echo
  echo "Packages: MtaSts.AspNetCore and MtaSts.Build $version. Wall = the whole dotnet command. Compiler server: $compiler_server."
  echo
  echo "Paired ratios, with package / fair baseline (the same site, the same static files including the policy file as a"
  echo "static file, one unrelated development-dependency package); median of the per-pair ratios, interquartile range"
  echo "and full range:"
  echo
  echo "- cold build ($cold_runs pairs): $(ratio_cell ratio.cold) (target ≤ 1.03×)"
  echo "- no-op build ($runs pairs): $(ratio_cell ratio.noop) (target ≤ 1.02×)"
  echo
  echo "Against the plain site (no package, no policy file), and the fair baseline's own cost against it:"
  echo
  echo "- cold build, with package / plain: $(ratio_cell ratio.cold.plain)"
  echo "- no-op build, with package / plain: $(ratio_cell ratio.noop.plain)"
  echo "- cold build, fair baseline / plain: $(ratio_cell ratio.cold.baseline)"
  echo "- no-op build, fair baseline / plain: $(ratio_cell ratio.noop.baseline)"
  echo
  echo "Times: median, range in parentheses."
  echo
  row "" "fair baseline" "with package"
  row "---" "---:" "---:"
  row "cold build, wall ($cold_runs pairs)" "$(ms_cell EmptyPackage.cold.wall)" "$(ms_cell WithPackage.cold.wall)"
  row "cold build, wall, plain site" "$(ms_cell Plain.cold.wall)" "-"
  row "cold build, MSBuild elapsed" "$(ms_cell EmptyPackage.cold.msbuild)" "$(ms_cell WithPackage.cold.msbuild)"
  row "cold build: CoreCompile target" "$(ms_cell EmptyPackage.cold.compile)" "$(ms_cell WithPackage.cold.compile)"
  row "cold build: MtaSts targets (sum)" "-" "$(ms_cell targets.cold)"
  row "CoreCompile only, Program.cs touched ($split_runs)" "$(ms_cell split.EmptyPackage.compile)" "$(ms_cell split.WithPackage.compile)"
  row "  analyzers, compiler's own time (sum)" "$(ms_cell split.EmptyPackage.analyzers)" "$(ms_cell split.WithPackage.analyzers)"
  row "  generators, compiler's own time (sum)" "$(ms_cell split.EmptyPackage.generators)" "$(ms_cell split.WithPackage.generators)"
  row "  same, DotNetWatchBuild=true (as dotnet watch)" "-" "$(ms_cell split.Watch.compile)"
  row "  DotNetWatchBuild=true, without our generator" "-" "$(ms_cell split.WatchNoGenerator.compile)"
  row "  DotNetWatchBuild=true: the watch generator" "-" "$(ms_cell split.stamp)"
  row "no-op build, wall ($runs pairs)" "$(ms_cell EmptyPackage.noop.wall)" "$(ms_cell WithPackage.noop.wall)"
  row "no-op build, wall, plain site" "$(ms_cell Plain.noop.wall)" "-"
  row "no-op build, MSBuild elapsed" "$(ms_cell EmptyPackage.noop.msbuild)" "$(ms_cell WithPackage.noop.msbuild)"
  row "MtaSts targets in a no-op build (sum)" "-" "$(ms_cell targets.noop)"
  if [ "$task_timing" -eq 1 ]; then
    row "yaml touched: build, wall" "-" "$(ms_cell touch.wall)"
    row "yaml touched: CoreCompile target" "-" "$(ms_cell touch.compile)"
    row "GenerateMtaStsFiles task, fresh build process" "-" "$(ms_cell task.fresh)"
    row "GenerateMtaStsFiles task, first in a new node" "-" "$(ms_cell task.node.first)"
    row "GenerateMtaStsFiles task, warm node (loaded)" "-" "$(ms_cell task.node.warm)"
  fi
}

output="$(report)"
echo "$output"

if [ -n "$summary_file" ]; then
  {
    echo "cold='$(short_ratio ratio.cold)'"
    echo "noop='$(short_ratio ratio.noop)'"
    echo "cold_plain='$(short_ratio ratio.cold.plain)'"
    echo "noop_plain='$(short_ratio ratio.noop.plain)'"
  } > "$summary_file"
fi
if [ -n "$write_file" ]; then
  write_results "$write_file" benchmark "$output" build/benchmark.sh
fi
