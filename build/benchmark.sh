#!/usr/bin/env bash
# Measures what MtaSts.Build costs a site's build: the same ASP.NET Core site with and without the package (Program.cs
# differs only by app.MapMtaStsPolicy()), measured side by side, interleaved, in one run. Prints a table; writes
# nothing into the repository unless --write is given. The headline numbers are paired ratios: each cold or no-op
# build of the site with the package divided by the build of the site without it that ran right next to it (the order
# alternates, AB BA AB …, so drift from other load on the machine hits both alike), then the median of those ratios.
#
# usage: build/benchmark.sh [--runs N] [--cold-runs N] [--split-runs N] [--domains LIST] [--feed DIR --version V]
#                           [--write FILE] [--keep]
#   --runs N       no-op build pairs and task samples (default 21); medians are reported
#   --cold-runs N  cold build pairs (default 11)
#   --split-runs N rounds of the CoreCompile split (default 7)
#   --domains LIST many mail domains instead (e.g. 10,100,1000): one site per count with a generated mta-sts.yaml in the
#                  multi-domain form (defaults + domains; every tenth domain overrides mode and mx, so the policies
#                  differ as in real estates), measured against the single-domain site:
#                    cold generation  `dotnet clean`, outputs deleted, `dotnet build`: the GenerateMtaStsFiles task's
#                                     time from the task performance summary (fresh build process), per count, with
#                                     the ms per domain between counts (linear growth keeps it flat)
#                    no-op build      the largest count against the single-domain site, paired and interleaved
#                  --cold-runs N cold builds per count (--runs N no-op pairs); --write puts the results between
#                  the benchmark-domains markers of FILE
#   --feed DIR     use MtaSts.Build from this feed instead of packing (with --version)
#   --version V    the package version in --feed
#   --write FILE   also put the results (markdown) between the benchmark markers of FILE, e.g. docs/performance.md
#   --keep         keep the temporary directory (sites, logs)
#
# What is measured (wall time from the shell, and MSBuild's own "Time Elapsed"):
#   cold build    `dotnet clean`, then `dotnet build --no-restore` (restore done once before; for the package site the
#                 policy file is deleted too, so the build generates everything as on a first build)
#   no-op build   `dotnet build --no-restore` with nothing changed, after warm-up builds
#   MtaSts targets in a no-op build: sum of the package's target times from -clp:PerformanceSummary
#   CoreCompile split: only the compiler reruns (Program.cs touched), for the site without the package, with it, and
#                 with it minus the dotnet watch generator; with the compiler's own analyzer and generator times
#                 (-p:ReportAnalyzer=true). Whether the compiler server is used (UseSharedCompilation) is printed.
#   GenerateMtaStsFiles task time: mta-sts.yaml touched (same content) so only the task runs, read from the task
#                 performance summary; once in a fresh `dotnet build` process (what a user sees after editing the
#                 file), and once in a warm MSBuild worker node (MSBUILDNOINPROCNODE=1, task assembly already loaded)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=21
cold_runs=11
split_runs=7
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
    -h|--help) usage; exit 0 ;;
    *) echo "benchmark: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if [ -n "$domains" ] && ! [[ "$domains" =~ ^[1-9][0-9]{0,4}(,[1-9][0-9]{0,4})*$ ]]; then
  echo "benchmark: --domains takes counts separated by commas, e.g. 10,100,1000" >&2
  exit 2
fi
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
  for pid in $(pgrep -f 'nodemode' || true); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "MTASTS_BENCHMARK_RUN=$work"; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}

cleanup() {
  stop_our_nodes
  if [ "$keep" -eq 1 ]; then
    echo "benchmark: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

log() { echo "benchmark: $*" >&2; }

# ---------------------------------------------------------------- the package
if [ -z "$feed" ]; then
  feed="$work/feed"
  version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S)"
  log "packing MtaSts.Build $version"
  "$repo_root/build/pack.sh" --version "$version" --output "$feed" > "$logs/pack.log" 2>&1 \
    || { cat "$logs/pack.log" >&2; exit 1; }
fi

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
cp "$repo_root/global.json" "$work/global.json"
printf '<Project>\n  <!-- Stops the search for Directory.Build.* here. -->\n</Project>\n' > "$work/Directory.Build.props"
cp "$work/Directory.Build.props" "$work/Directory.Build.targets"
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
      echo "    <PackageReference Include=\"MtaSts.Build\" Version=\"$version\" PrivateAssets=\"all\" />"
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
  compiler_server="off (UseSharedCompilation=false in the environment: a fresh compiler process per compilation)"
else
  compiler_server="on (VBCSCompiler)"
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

# write_results FILE MARKER TEXT: TEXT, dated, between FILE's "<!-- MARKER:begin" and "<!-- MARKER:end -->" lines
# (appended with the markers if FILE has none).
write_results() {
  local file="$1" marker="$2" text="$3" begin end block
  begin="<!-- $marker:begin (build/benchmark.sh --write replaces this block) -->"
  end="<!-- $marker:end -->"
  block="$(printf '%s\n_Measured %s._\n\n%s\n%s' "$begin" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$text" "$end")"
  if [ -f "$file" ] && grep -qF "$begin" "$file"; then
    BLOCK="$block" awk -v begin="$begin" -v end="$end" '
      index($0, begin) == 1 { print ENVIRON["BLOCK"]; skipping = 1; next }
      skipping && index($0, end) == 1 { skipping = 0; next }
      !skipping { print }' "$file" > "$file.tmp"
    mv "$file.tmp" "$file"
  else
    printf '\n%s\n' "$block" >> "$file"
  fi
  log "wrote the results into $file"
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
    echo "Machine: $cores cores ($cpu), .NET SDK $sdk; shared with other engineers' builds and tests while this ran"
    echo "(load average at the start $load_start, at the end $load)."
    echo
    echo "Package: MtaSts.Build $version. Each count is one site whose mta-sts.yaml lists that many domains (every"
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
    write_results "$write_file" benchmark-domains "$output"
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
warm_up "${sites[@]}"

# pair_order I: the sites in the order of round I. The headline pair alternates (AB, BA, …); the empty-package site
# takes each of the three places in turn, so that it sits next to both.
pair_order() {
  case $(($1 % 6)) in
    1) echo Plain WithPackage EmptyPackage ;;
    2) echo WithPackage Plain EmptyPackage ;;
    3) echo Plain EmptyPackage WithPackage ;;
    4) echo WithPackage EmptyPackage Plain ;;
    5) echo EmptyPackage Plain WithPackage ;;
    0) echo EmptyPackage WithPackage Plain ;;
  esac
}

log "cold builds ($cold_runs pairs)"
for ((i = 1; i <= cold_runs; i++)); do
  for site in $(pair_order "$i"); do
    run "$site" clean clean -nologo -tl:off -v:q
    rm -f "$work/$site/wwwroot/.well-known/mta-sts.txt"
    run "$site" cold "${build_args[@]}"
    add "$site.cold.wall" "$last_ms"
    pair[$site]=$last_ms
    add "$site.cold.msbuild" "$(msbuild_ms "$last_log")"
    add "$site.cold.compile" "$(perf_ms "$last_log" Target '^CoreCompile$')"
    if [ "$site" = WithPackage ]; then add "targets.cold" "$(perf_ms "$last_log" Target 'MtaSts')"; fi
  done
  add "ratio.cold" "$(ratio "${pair[WithPackage]}" "${pair[Plain]}")"
  add "ratio.cold.empty" "$(ratio "${pair[EmptyPackage]}" "${pair[Plain]}")"
  add "ratio.cold.own" "$(ratio "${pair[WithPackage]}" "${pair[EmptyPackage]}")"
done
# The first build after the cold ones writes nothing new but is not a no-op for MSBuild's own caches; settle first.
for site in "${sites[@]}"; do run "$site" settle "${build_args[@]}"; done

log "no-op builds ($runs pairs)"
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
  add "ratio.noop" "$(ratio "${pair[WithPackage]}" "${pair[Plain]}")"
  add "ratio.noop.empty" "$(ratio "${pair[EmptyPackage]}" "${pair[Plain]}")"
  add "ratio.noop.own" "$(ratio "${pair[WithPackage]}" "${pair[EmptyPackage]}")"
done

log "CoreCompile split ($split_runs rounds)"
# Only the compiler runs again (Program.cs touched): the site without the package, the site with it, and the site with
# it but without the dotnet watch generator (its Analyzer item left out), in turn. -p:ReportAnalyzer=true makes the
# compiler report its analyzers' and generators' own times; they appear at detailed verbosity, so these builds are
# not the ones the headline ratios come from.
split_args=(build --no-restore -nologo -tl:off -v:d "-clp:PerformanceSummary" -p:ReportAnalyzer=true)
for ((i = 1; i <= split_runs; i++)); do
  for variant in Plain WithPackage NoGenerator; do
    site=$variant
    extra=()
    if [ "$variant" = NoGenerator ]; then site=WithPackage; extra=(-p:_MtaStsWatchAnalyzer=none); fi
    touch "$work/$site/Program.cs"
    run "$site" "split-$variant" "${split_args[@]}" "${extra[@]}"
    add "split.$variant.compile" "$(perf_ms "$last_log" Target '^CoreCompile$')"
    add "split.$variant.analyzers" "$(seconds_ms "$last_log" 'Total analyzer execution time:')"
    add "split.$variant.generators" "$(seconds_ms "$last_log" 'Total generator execution time:')"
    if [ "$variant" = WithPackage ]; then
      add "split.stamp" "$(awk '{ for (f = 2; f <= NF; f++) if ($f == "MtaSts.Build.Watch.ConfigStampGenerator") v = $1 } END { if (v != "") printf "%d\n", (v ~ /^</ ? 0 : v * 1000) }' "$last_log")"
    fi
  done
done
# Put the sites back as the other measurements expect them (built with everything).
for site in "${sites[@]}"; do run "$site" settle "${build_args[@]}"; done

log "GenerateMtaStsFiles, fresh build process ($runs samples)"
for ((i = 1; i <= runs; i++)); do
  touch "$work/WithPackage/mta-sts.yaml"
  run WithPackage touch "${build_args[@]}"
  add "task.fresh" "$(perf_ms "$last_log" Task '^GenerateMtaStsFiles$')"
  add "touch.wall" "$last_ms"
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

# ---------------------------------------------------------------- report
cores="$(nproc)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
sdk="$(cd "$work" && dotnet --version)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
# Other builds on the machine add noise; the load average says how busy it was.

report() {
  echo "Machine: $cores cores ($cpu), .NET SDK $sdk; load average at the start $load_start, at the end $load."
  echo
  echo "Package: MtaSts.Build $version. Wall = the whole dotnet command. Compiler server: $compiler_server."
  echo
  echo "Paired ratios, with package / without (median of the per-pair ratios; interquartile range and full range):"
  echo
  echo "- cold build ($cold_runs pairs): $(ratio_cell ratio.cold)"
  echo "- no-op build ($runs pairs): $(ratio_cell ratio.noop)"
  echo
  echo "Split with a third site, the same as the one without the package plus an empty build package (empty props and"
  echo "targets): what any PackageReference costs, and what MtaSts.Build costs beyond that."
  echo
  echo "- cold build, empty package / without: $(ratio_cell ratio.cold.empty)"
  echo "- cold build, with package / empty package: $(ratio_cell ratio.cold.own)"
  echo "- no-op build, empty package / without: $(ratio_cell ratio.noop.empty)"
  echo "- no-op build, with package / empty package: $(ratio_cell ratio.noop.own)"
  echo
  echo "Times: median, range in parentheses."
  echo
  row "" "without package" "with package"
  row "---" "---:" "---:"
  row "cold build, wall ($cold_runs pairs)" "$(ms_cell Plain.cold.wall)" "$(ms_cell WithPackage.cold.wall)"
  row "cold build, wall, empty-package site" "$(ms_cell EmptyPackage.cold.wall)" "-"
  row "cold build, MSBuild elapsed" "$(ms_cell Plain.cold.msbuild)" "$(ms_cell WithPackage.cold.msbuild)"
  row "cold build: CoreCompile target" "$(ms_cell Plain.cold.compile)" "$(ms_cell WithPackage.cold.compile)"
  row "cold build: MtaSts targets (sum)" "-" "$(ms_cell targets.cold)"
  row "CoreCompile only, Program.cs touched ($split_runs)" "$(ms_cell split.Plain.compile)" "$(ms_cell split.WithPackage.compile)"
  row "  same, without the dotnet watch generator" "-" "$(ms_cell split.NoGenerator.compile)"
  row "  analyzers, compiler's own time (sum)" "$(ms_cell split.Plain.analyzers)" "$(ms_cell split.WithPackage.analyzers)"
  row "  generators, compiler's own time (sum)" "$(ms_cell split.Plain.generators)" "$(ms_cell split.WithPackage.generators)"
  row "  of which the dotnet watch generator" "-" "$(ms_cell split.stamp)"
  row "no-op build, wall ($runs pairs)" "$(ms_cell Plain.noop.wall)" "$(ms_cell WithPackage.noop.wall)"
  row "no-op build, wall, empty-package site" "$(ms_cell EmptyPackage.noop.wall)" "-"
  row "no-op build, MSBuild elapsed" "$(ms_cell Plain.noop.msbuild)" "$(ms_cell WithPackage.noop.msbuild)"
  row "MtaSts targets in a no-op build (sum)" "-" "$(ms_cell targets.noop)"
  row "yaml touched: build, wall" "-" "$(ms_cell touch.wall)"
  row "GenerateMtaStsFiles task, fresh build process" "-" "$(ms_cell task.fresh)"
  row "GenerateMtaStsFiles task, first in a new node" "-" "$(ms_cell task.node.first)"
  row "GenerateMtaStsFiles task, warm node (loaded)" "-" "$(ms_cell task.node.warm)"
}

output="$(report)"
echo "$output"

if [ -n "$write_file" ]; then
  write_results "$write_file" benchmark "$output"
fi
