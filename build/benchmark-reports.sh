#!/usr/bin/env bash
# Measures `mta-sts reports`: N synthetic TLS-RPT reports (build/tlsrpt-generate.py: Google, Microsoft, Mail.ru and
# SocketLabs shapes, half .json.gz files and half .eml messages) summarised, with wall time, throughput and peak memory
# (maximum resident set size from /usr/bin/time -v). Runs several sizes so that flat memory shows. Also runs
# parsedmarc on the same files when a `parsedmarc` command is installed (Debian does not package it; PyPI may not
# be reachable): otherwise it says so and measures only mta-sts.
#
# usage: build/benchmark-reports.sh [--sizes "1000 10000"] [--runs N] [--keep]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="1000 10000"
runs=3
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/mta-sts-reports-bench.XXXXXX)"
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
echo "building mta-sts (Release)..." >&2
dotnet publish "$repo_root/src/MtaSts.Cli" -c Release -o "$work/cli" -p:UseAppHost=false >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }

parsedmarc_bin="$(command -v parsedmarc || true)"

# measure LABEL COMMAND...: prints "seconds max_rss_kb exit" of the fastest of $runs runs (peak memory of that run).
measure() {
  local best="" line
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/time.txt" timeout 1800 "$@" >"$work/out.txt" 2>"$work/err.txt" && code=0 || code=$?
    local wall rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
    line="$wall $rss $code"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$line"; fi
  done
  echo "$best"
}

printf '| tool | reports | files | wall time (s) | reports/s | peak memory (MiB) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n'
for n in $sizes; do
  dir="$work/reports-$n"
  python3 "$repo_root/build/tlsrpt-generate.py" "$n" "$dir" >/dev/null
  read -r wall rss code <<<"$(measure dotnet "$work/cli/mta-sts.dll" reports "$dir" --format json)"
  [ "$code" = 0 ] || { echo "mta-sts reports exited $code:" >&2; head -5 "$work/err.txt" >&2; exit 1; }
  counted="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["reports"])' "$work/out.txt")"
  [ "$counted" = "$n" ] || { echo "mta-sts counted $counted of $n reports" >&2; exit 1; }
  printf '| mta-sts reports | %s | %s | %.2f | %.0f | %.1f |\n' "$n" "$(ls "$dir" | wc -l)" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN { print n / w }')" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
  # The same with the .NET GC heap capped at 16 MiB: it still succeeds, so what is kept is small whatever N is (the
  # uncapped peak is mostly the runtime, JIT and a GC budget that grows with the allocation rate).
  read -r wall rss code <<<"$(DOTNET_GCHeapHardLimit=0x1000000 measure dotnet "$work/cli/mta-sts.dll" reports "$dir" --format json)"
  [ "$code" = 0 ] || { echo "mta-sts reports with a 16 MiB heap exited $code:" >&2; head -5 "$work/err.txt" >&2; exit 1; }
  printf '| mta-sts reports, GC heap capped at 16 MiB | %s | %s | %.2f | %.0f | %.1f |\n' "$n" "$(ls "$dir" | wc -l)" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN { print n / w }')" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
  if [ -n "$parsedmarc_bin" ]; then
    read -r wall rss code <<<"$(measure "$parsedmarc_bin" --offline -o "$work/parsedmarc-$n" "$dir"/*)"
    printf '| parsedmarc (exit %s) | %s | %s | %.2f | %.0f | %.1f |\n' "$code" "$n" "$(ls "$dir" | wc -l)" "$wall" "$(awk -v n="$n" -v w="$wall" 'BEGIN { print n / w }')" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
  fi
done
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version | sed 's/^/.NET SDK /'); best of $runs runs"
if [ -z "$parsedmarc_bin" ]; then
  echo "parsedmarc: not measured: no 'parsedmarc' command (Debian has no package for it and PyPI is not reachable here)."
fi
