#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers of outside input with SharpFuzz and afl++ (tests/MtaSts.Fuzz).
#
# usage: build/fuzz.sh TARGET|all [--execs N | --minutes M] [--output DIR]
#   TARGET       one of `dotnet run --project tests/MtaSts.Fuzz -- list` (config, policy, sts-record, ...)
#   --execs N    stop each target after about N executions (default 2000: the CI smoke)
#   --minutes M  stop each target after M minutes instead
#   --output DIR afl's working folders (default artifacts/fuzz/); findings stay there
#
# Builds tests/MtaSts.Fuzz in Release, instruments MtaSts.dll, MtaSts.Reporting.dll and YamlDotNet.dll with the SharpFuzz tool (a local
# dotnet tool: .config is dotnet-tools.json at the repository root, `dotnet tool restore`), runs afl-fuzz per target
# seeded with tests/MtaSts.Fuzz/corpus/TARGET/, then prints per target: executions, time, coverage (afl's bitmap and
# edges), queue size, crashes and hangs. Every finding is replayed through the property checks and printed with its
# file. Exit status 1 when anything was found, so the smoke run fails CI.
# Needs afl++ (Debian package `afl++`, installed by build/prerequisites.sh).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target=""
execs=2000
minutes=""
work="$repo_root/artifacts/fuzz"

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --execs) [ $# -ge 2 ] || { usage >&2; exit 2; }; execs="$2"; minutes=""; shift 2 ;;
    --minutes) [ $# -ge 2 ] || { usage >&2; exit 2; }; minutes="$2"; shift 2 ;;
    --output) [ $# -ge 2 ] || { usage >&2; exit 2; }; work="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fuzz: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) [ -z "$target" ] || { usage >&2; exit 2; }; target="$1"; shift ;;
  esac
done
[ -n "$target" ] || { usage >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz not found; run build/prerequisites.sh (Debian package afl++)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1
cd "$repo_root"
dotnet tool restore >/dev/null
dotnet build tests/MtaSts.Fuzz -c Release -nodeReuse:false -tl:off -v:quiet -nologo >/dev/null

# Instrument a copy: the build output stays uninstrumented for the tests that replay the corpus.
bin="$work/bin"
rm -rf "$bin"
mkdir -p "$work"
cp -r "$repo_root/artifacts/bin/MtaSts.Fuzz/release" "$bin"
for assembly in MtaSts.dll MtaSts.Reporting.dll YamlDotNet.dll; do
  dotnet sharpfuzz "$bin/$assembly" >/dev/null
done

mapfile -t all_targets < <(dotnet "$bin/MtaSts.Fuzz.dll" list)
if [ "$target" = all ]; then
  targets=("${all_targets[@]}")
elif printf '%s\n' "${all_targets[@]}" | grep -qx -- "$target"; then
  targets=("$target")
else
  echo "fuzz: unknown target '$target' (targets: ${all_targets[*]})" >&2
  exit 2
fi

# afl++ on a shared machine, driving `dotnet` (not an instrumented binary itself: SharpFuzz talks afl's protocol).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
# A slow input is a finding: the harness fails an input that takes longer than this (FuzzTarget.SlowInput).
export MTASTS_FUZZ_SLOW_MS="${MTASTS_FUZZ_SLOW_MS:-1000}"
if [ -n "$minutes" ]; then limit=(-V "$((minutes * 60))"); else limit=(-E "$execs"); fi

stat() { sed -n "s/^$1 *: *//p" "$2/fuzzer_stats" | head -1; }
total_findings=0
printf '%-14s %10s %8s %10s %12s %7s %8s %6s\n' target executions seconds bitmap edges queue crashes hangs
for t in "${targets[@]}"; do
  out="$work/findings/$t"
  rm -rf "$out"
  mkdir -p "$work/findings"
  # -t: afl's own hang limit per input (ms), above the harness's slow-input limit so the harness reports first.
  afl-fuzz -i "$repo_root/tests/MtaSts.Fuzz/corpus/$t" -o "$out" -t 5000 -m none "${limit[@]}" \
    -- "$(command -v dotnet)" "$bin/MtaSts.Fuzz.dll" afl "$t" >"$work/$t.log" 2>&1 || {
      echo "fuzz: afl-fuzz failed for $t; its output: $work/$t.log" >&2; tail -20 "$work/$t.log" >&2; exit 1; }
  d="$out/default"
  crashes=$(stat saved_crashes "$d"); hangs=$(stat saved_hangs "$d")
  printf '%-14s %10s %8s %10s %12s %7s %8s %6s\n' "$t" "$(stat execs_done "$d")" "$(stat run_time "$d")" \
    "$(stat bitmap_cvg "$d")" "$(stat edges_found "$d")/$(stat total_edges "$d")" "$(stat corpus_count "$d")" "$crashes" "$hangs"
  total_findings=$((total_findings + crashes + hangs))
  if [ $((crashes + hangs)) -gt 0 ]; then
    # Replayed by the uninstrumented build (the instrumented one needs afl's shared memory): what each input broke.
    # A hang replays as "slow input" or not at all (then it only exceeded afl's limit on a loaded machine).
    dotnet "$repo_root/artifacts/bin/MtaSts.Fuzz/release/MtaSts.Fuzz.dll" replay "$t" "$d/crashes" "$d/hangs" 2>&1 \
      | head -n 20 | sed 's/^/  /' || true
  fi
done

echo "fuzz: ${#targets[@]} target(s), $total_findings finding(s); afl folders under $work/findings"
[ "$total_findings" -eq 0 ]
