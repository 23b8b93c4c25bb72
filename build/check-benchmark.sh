#!/usr/bin/env bash
# Measures that `mta-sts check` probes MX hosts concurrently: the check is network-bound, so what matters is that four
# slow MX hosts cost about as much as one, not four times as much.
#
# In a lab namespace (build/check-lab.sh), `tc netem` delays every packet sent to the MX addresses 127.0.3.1-4 by
# LATENCY ms (default 300; one way, so each round trip to an MX gains that much). DNS and the policy host are not
# delayed. Where the kernel has no netem (`tc` answers "Specified qdisc kind is unknown"), the lab's latency proxy in
# front of those addresses (build/interop/latency-proxy.py) adds the same delay to everything sent towards the MX
# hosts instead; the script says which it used. Then, RUNS times each (default 5):
#   bench1.example  one MX (mx1.bench.example): the time of one MX probe (connect, greeting, EHLO, STARTTLS, TLS, QUIT)
#   bench4.example  four MX hosts, each behind the same latency: the whole check
# and prints the medians and the ratio whole check (4 MX) / one MX probe, which must stay under 2 (sequential probes
# would give about 4). Exit 1 if it does not. Needs root, and the packages of build/prerequisites.sh.
#
# usage: build/check-benchmark.sh [--latency MS] [--runs N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$PATH:/usr/sbin:/sbin" MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
latency=300
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --latency) latency="${2:?}"; shift 2 ;;
    --runs) runs="${2:?}"; shift 2 ;;
    *) echo "usage: build/check-benchmark.sh [--latency MS] [--runs N]" >&2; exit 2 ;;
  esac
done
[[ "$latency" =~ ^[0-9]+$ && "$runs" =~ ^[1-9][0-9]?$ ]] || { echo "check-benchmark: --latency MS and --runs 1-99" >&2; exit 2; }

ns="mtasts-chk-bench-$$"
work="${TMPDIR:-/tmp}/$ns"
lab() { bash "$root/build/check-lab.sh" "$1" --ns "$ns" --work "$work" "${@:2}"; }

echo "check-benchmark: building the mta-sts tool (Release)"
dotnet build "$root/src/MtaSts.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/artifacts/bin/MtaSts.Cli/release/mta-sts.dll"

# netem where the kernel has it (tried in a scratch namespace), else the lab's latency proxy.
scratch="mtasts-chk-netem-$$"
ip netns add "$scratch"
if ip netns exec "$scratch" tc qdisc add dev lo root netem delay 1ms 2>/dev/null; then method=netem; else method=proxy; fi
ip netns del "$scratch"

if [ "$method" = netem ]; then lab up >/dev/null; else lab up --bench-latency "$latency" >/dev/null; fi
trap 'lab down >/dev/null' EXIT
if [ "$method" = netem ]; then
  # prio gives a fourth band that the priomap never uses; only the filter sends packets for 127.0.3.0/24 into it.
  lab exec tc qdisc add dev lo root handle 1: prio bands 4
  lab exec tc qdisc add dev lo parent 1:4 handle 40: netem delay "${latency}ms"
  lab exec tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip dst 127.0.3.0/24 flowid 1:4
  echo "check-benchmark: tc netem adds ${latency} ms to every packet for 127.0.3.0/24 (the four MX addresses)"
else
  echo "check-benchmark: this kernel has no tc netem; build/interop/latency-proxy.py adds ${latency} ms to everything sent to 127.0.3.1-4 (the four MX addresses) and to each connection's start"
fi

# run DOMAIN: one check as JSON; prints "total_ms probe_ms..." from the report.
run() {
  lab exec dotnet "$cli" check "$1" --dns-server 127.0.0.1 --ca-file "$work/ca/ca.crt" --format json \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["passed"], r["summary"]; print(r["elapsedMs"], *[p["elapsedMs"] for h in r["mxHosts"] for p in h["probes"]])'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

one_probe=() one_total=() four_total=() four_sum=()
run bench4.example >/dev/null   # warm-up: JIT, first TLS
for i in $(seq 1 "$runs"); do
  read -r total probe < <(run bench1.example)
  one_total+=("$total") one_probe+=("$probe")
  read -r total p1 p2 p3 p4 < <(run bench4.example)
  four_total+=("$total") four_sum+=($((p1 + p2 + p3 + p4)))
  echo "check-benchmark: run $i: bench1 check ${one_total[-1]} ms (MX probe ${one_probe[-1]} ms); bench4 check ${total} ms (probes ${p1}, ${p2}, ${p3}, ${p4} ms)"
done

probe="$(printf '%s\n' "${one_probe[@]}" | median)"
whole1="$(printf '%s\n' "${one_total[@]}" | median)"
whole4="$(printf '%s\n' "${four_total[@]}" | median)"
sum4="$(printf '%s\n' "${four_sum[@]}" | median)"
ratio="$(awk -v a="$whole4" -v b="$probe" 'BEGIN {printf "%.2f", a / b}')"
echo
echo "| latency per packet to each MX | one MX probe | whole check, 1 MX | whole check, 4 MX | 4 probes added up | 4 MX check / one probe |"
echo "|---|---|---|---|---|---|"
echo "| ${latency} ms | ${probe} ms | ${whole1} ms | ${whole4} ms | ${sum4} ms | ${ratio}x |"
echo
if awk -v r="$ratio" 'BEGIN {exit !(r < 2)}'; then
  echo "check-benchmark: PASS: the whole check with 4 slow MX hosts takes ${ratio}x one MX probe (< 2x)"
else
  echo "check-benchmark: FAIL: the whole check with 4 slow MX hosts takes ${ratio}x one MX probe (must be < 2x)"
  exit 1
fi
