#!/usr/bin/env bash
# Measures how many TLS-RPT reports per second app.MapTlsRptReports() (MtaSts.AspNetCore.TlsRpt) takes and keeps, with
# zero loss: a site published from the packed packages receives POSTs from wrk on loopback, then every 200 is checked
# against the store on disk. Two kinds of load, interleaved round by round (a paired A/B):
#   stored     every POST is a new report (a unique report-id): parse, gzip, write, flush to disk, rename. What a
#              receiver does for real reports.
#   duplicate  every POST is the same report, already stored: parse and a file-exists check, nothing written. The
#              ratio stored/duplicate is what durable storage costs.
# Prints the median and interquartile range of reports per second per kind and the median of the per-round ratios.
# A round fails the script (exit 1) if any response was not 200, if a 'stored' run has fewer new files than 200s (a
# lost report) or more than the 200s plus the requests in flight when wrk stopped (one per connection: sent, never
# answered), or if a 'duplicate' run made a file. At the end every stored file must be whole gzip'd JSON and no
# temporary file may be left.
#
# Everything is on loopback, bounded in time (ROUNDS x 2 x (WARMUP + DURATION) seconds of load plus packing and
# publishing, about 3 minutes with the defaults), and every process the script starts is stopped at the end, by id.
#
# How it is fair:
#   - The site is published in Release (framework-dependent), runs in Production with the web template's
#     appsettings.json (Microsoft.AspNetCore at Warning) and MtaSts.AspNetCore.TlsRpt at Warning (no log line per
#     report), the daily caps raised out of the way; Kestrel's defaults otherwise (server GC).
#   - Plain HTTP on loopback, as build/benchmark-serving.sh argues: TLS costs the same per request whatever the
#     endpoint does, and on 2 cores shared with wrk it would mostly measure TLS.
#   - The body is a real-sized report (Google's shape: one sts policy, two failure rows), about 700 bytes of JSON
#     posted as application/tlsrpt+json, the same for both kinds but the report-id.
#   - wrk runs on the same cores as the site: compare the figures with each other, not with another machine's.
#
# usage: build/benchmark-receiver.sh [--rounds N] [--duration S] [--warmup S] [--connections N] [--threads N]
#                                    [--feed DIR --version V] [--write FILE] [--keep]
#   --rounds N       rounds of the two kinds (default 5)
#   --duration S     seconds of each measured wrk run (default 8)
#   --warmup S       seconds of the warm-up before each measured run (default 5)
#   --connections N  wrk connections (default 16)
#   --threads N      wrk threads (default 2)
#   --feed DIR       use the packages from this feed instead of packing (with --version)
#   --version V      the package version in --feed
#   --write FILE     also put the results (markdown) between the benchmark-receiver markers of FILE,
#                    e.g. docs/performance.md
#   --keep           keep the temporary directory (site, store, logs)
# Needs wrk and curl: build/prerequisites.sh installs them.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=5
duration=8
warmup=5
connections=16
threads=2
feed=""
version=""
write_file=""
keep=0
domain="contoso.example"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --feed) feed="$(cd "$2" && pwd)"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --write) write_file="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "benchmark-receiver: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$rounds" "$duration" "$warmup" "$connections" "$threads"; do
  [[ "$n" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "benchmark-receiver: counts and seconds are whole numbers from 1" >&2; exit 2; }
done
if { [ -n "$feed" ] && [ -z "$version" ]; } || { [ -z "$feed" ] && [ -n "$version" ]; }; then
  echo "benchmark-receiver: --feed and --version go together" >&2
  exit 2
fi
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "benchmark-receiver: $tool is missing (build/prerequisites.sh installs it)" >&2; exit 1; }
done

log() { echo "benchmark-receiver: $*" >&2; }

work="$(mktemp -d /tmp/mtasts-receiver-XXXXXX)"
logs="$work/logs"
mkdir -p "$logs"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
export MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/packages"

site_pid=""
cleanup() {
  if [ -n "$site_pid" ]; then
    kill "$site_pid" 2>/dev/null || true
    wait "$site_pid" 2>/dev/null || true
  fi
  if [ "$keep" -eq 1 ]; then
    echo "benchmark-receiver: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- the packages
# shellcheck source=build/lib/bench-site.sh
. "$repo_root/build/lib/bench-site.sh"
pack_unless_given receiver

# ---------------------------------------------------------------- the site, outside the repository
isolate_site_folder
# MtaSts.* from the feed only; the rest (YamlDotNet) from wherever NuGet gets it.
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <clear />
    <packageSource key="local">
      <package pattern="MtaSts" />
      <package pattern="MtaSts.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
  <auditSources>
    <clear />
  </auditSources>
</configuration>
EOF

site="$work/Receiver"
mkdir -p "$site"
cat > "$site/Receiver.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="MtaSts.AspNetCore.TlsRpt" Version="$version" />
  </ItemGroup>
</Project>
EOF
cat > "$site/Program.cs" <<'EOF'
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMtaSts();
builder.Services.AddTlsRptReceiver(options =>
{
    options.StorePath = Environment.GetEnvironmentVariable("TLSRPT_STORE")!;
    options.MaxReportsPerDay = int.MaxValue;
    options.MaxBytesPerDay = long.MaxValue;
});
var app = builder.Build();
app.MapMtaStsPolicy();
app.MapTlsRptReports();
app.Run();
EOF
cat > "$site/appsettings.json" <<'EOF'
{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning",
      "MtaSts.AspNetCore.TlsRpt": "Warning"
    }
  },
  "AllowedHosts": "*"
}
EOF
cat > "$site/mta-sts.yaml" <<EOF
domain: $domain
mode: testing
mx: [mx1.$domain, mx2.$domain]
max_age: 1w
tls_rpt:
  rua: [https://www.$domain/tlsrpt]
EOF

log "publishing the site"
(cd "$site" && dotnet publish -c Release -o "$work/publish" -nodeReuse:false -tl:off -nologo > "$logs/publish.log" 2>&1) \
  || { tail -40 "$logs/publish.log" >&2; exit 1; }

store="$work/store"
mkdir -p "$store"
TLSRPT_STORE="$store" ASPNETCORE_ENVIRONMENT=Production dotnet "$work/publish/Receiver.dll" --urls "http://127.0.0.1:0" \
  --contentRoot "$work/publish" > "$logs/site.log" 2>&1 &
site_pid=$!
base=""
for _ in $(seq 1 100); do
  base="$(sed -n 's/.*Now listening on: \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$logs/site.log" | head -1)"
  [ -n "$base" ] && break
  kill -0 "$site_pid" 2>/dev/null || { cat "$logs/site.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$base" ] || { log "the site did not start"; cat "$logs/site.log" >&2; exit 1; }
log "site at $base, store $store"

# ---------------------------------------------------------------- the load
# wrk's Lua: each thread numbers its reports; KIND=duplicate posts report-id "same" every time.
cat > "$work/post.lua" <<'EOF'
local kind = os.getenv("KIND")
local run = os.getenv("RUN")
local counter = 0

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local template = '{"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-12-01T00:00:00Z","end-datetime":"2026-12-01T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com","report-id":"%s","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing","mx: mx1.contoso.example","mx: mx2.contoso.example","max_age: 604800"],"policy-domain":"contoso.example","mx-host":["mx1.contoso.example","mx2.contoso.example"]},"summary":{"total-successful-session-count":1042,"total-failure-session-count":3},"failure-details":[{"result-type":"certificate-expired","sending-mta-ip":"209.85.220.41","receiving-mx-hostname":"mx2.contoso.example","receiving-ip":"192.0.2.25","failed-session-count":2},{"result-type":"validation-failure","sending-mta-ip":"209.85.220.42","receiving-mx-hostname":"mx1.contoso.example","receiving-ip":"192.0.2.24","failed-session-count":1}]}]}'

request = function()
  counter = counter + 1
  local id = "same"
  if kind == "stored" then
    id = string.format("%s-%d-%d", run, thread_id, counter)
  end
  return wrk.format("POST", "/tlsrpt", { ["Content-Type"] = "application/tlsrpt+json" }, string.format(template, id))
end

-- One line the script reads: requests and non-2xx responses of the measured run.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %.3f\n", summary.requests, errors, summary.duration / 1e6))
end
EOF

# The duplicate report, stored once before the rounds.
curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/tlsrpt+json' --data-binary \
  '{"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-12-01T00:00:00Z","end-datetime":"2026-12-01T23:59:59Z"},"report-id":"same","policies":[{"policy":{"policy-type":"sts","policy-domain":"contoso.example"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]}' \
  "$base/tlsrpt" | grep -qx 200 || { log "the first report was not answered 200"; cat "$logs/site.log" >&2; exit 1; }

count_files() { find "$store" -type f -name '*.json.gz' | wc -l; }

# run KIND SECONDS LABEL -> prints "requests errors seconds"; checks zero loss for 'stored'
run_load() {
  local kind="$1" seconds="$2" label="$3" before after out result
  before="$(count_files)"
  out="$(KIND="$kind" RUN="$label" wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$work/post.lua" "$base" 2>&1)"
  echo "$out" > "$logs/wrk-$label.log"
  result="$(echo "$out" | sed -n 's/^RESULT //p')"
  [ -n "$result" ] || { log "wrk gave no result:"; echo "$out" >&2; exit 1; }
  read -r requests errors secs <<< "$result"
  after="$(count_files)"
  if [ "$errors" -ne 0 ]; then
    log "$label: $errors responses were not 2xx or failed"; echo "$out" >&2; exit 1
  fi
  # wrk counts the responses it received: every 200 of a 'stored' run must be a file (no loss). The requests still in
  # flight when wrk stops (at most one per connection) were sent but never answered; the site may have stored them.
  if [ "$kind" = stored ] && { [ $((after - before)) -lt "$requests" ] || [ $((after - before)) -gt $((requests + connections)) ]; }; then
    log "$label: $requests reports answered 200 but $((after - before)) new files (at most $connections more allowed): loss or duplicates"; exit 1
  fi
  if [ "$kind" = duplicate ] && [ "$after" -ne "$before" ]; then
    log "$label: a duplicate made a new file"; exit 1
  fi
  echo "$requests $secs"
}

results="$work/results.tsv"
: > "$results"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then order=(stored duplicate); else order=(duplicate stored); fi
  for kind in "${order[@]}"; do
    run_load "$kind" "$warmup" "warm-$round-$kind" > /dev/null
    read -r requests secs <<< "$(run_load "$kind" "$duration" "round-$round-$kind")"
    rate="$(python3 -c "print(f'{$requests / $secs:.1f}')")"
    printf '%s\t%s\t%s\n' "$round" "$kind" "$rate" >> "$results"
    log "round $round $kind: $requests reports in ${secs}s = $rate reports/s"
  done
done

# The store as `mta-sts reports` would read it: every file whole (gzip), no leftover temporary file.
leftovers="$(find "$store" -name '.*' -type f | wc -l)"
[ "$leftovers" -eq 0 ] || { log "$leftovers temporary files left in the store"; exit 1; }
python3 - "$store" <<'EOF' || exit 1
import gzip, json, os, sys
count = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        with gzip.open(os.path.join(root, name)) as f:
            json.load(f)
        count += 1
print(f"benchmark-receiver: {count} stored files, each whole gzip'd JSON", file=sys.stderr)
EOF

summary="$(python3 - "$results" "$connections" "$threads" "$duration" "$rounds" <<'EOF'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
connections, threads, duration, rounds = sys.argv[2:6]
def q(values):
    values = sorted(values)
    if len(values) < 4:
        return statistics.median(values), values[0], values[-1]
    quartiles = statistics.quantiles(values, n=4, method="inclusive")
    return quartiles[1], quartiles[0], quartiles[2]
by = {}
for round_, kind, rate in rows:
    by.setdefault(kind, {})[round_] = float(rate)
ratios = [by["stored"][r] / by["duplicate"][r] for r in by["stored"]]
stored = q(list(by["stored"].values()))
duplicate = q(list(by["duplicate"].values()))
print(f"wrk -t{threads} -c{connections}, {rounds} rounds of {duration} s per kind, loopback HTTP, zero loss checked after every run.")
print()
print("| Load | Reports/s (median) | IQR |")
print("|---|---|---|")
print(f"| stored: each POST a new report, written and flushed to disk | {stored[0]:,.0f} | {stored[1]:,.0f}–{stored[2]:,.0f} |")
print(f"| duplicate: the same report again, parsed and answered 200 | {duplicate[0]:,.0f} | {duplicate[1]:,.0f}–{duplicate[2]:,.0f} |")
print()
print(f"Ratio stored/duplicate per round, median: {statistics.median(ratios):.2f} (durable storage's share of the cost).")
EOF
)"
echo "$summary"
if [ -n "$write_file" ]; then
  # shellcheck source=lib/write-results.sh
  . "$repo_root/build/lib/write-results.sh"
  write_results "$write_file" "benchmark-receiver" "$summary" "build/benchmark-receiver.sh"
fi
