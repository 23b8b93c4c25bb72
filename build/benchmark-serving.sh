#!/usr/bin/env bash
# Measures how fast a site serves its MTA-STS policy: requests per second and p99 latency of
# GET /.well-known/mta-sts.txt, measured with wrk (Debian's package), served
#   endpoint      by app.MapMtaStsPolicy() (MtaSts.AspNetCore; the Host header names the Policy Host, mta-sts.<domain>)
#   static files  by app.UseStaticFiles(): a site with MtaSts.Build alone (it writes the same file into wwwroot) and no
#                 MapMtaStsPolicy, so the request goes to the static file middleware; the same bytes
#   nginx         by Debian's nginx, serving the same file (the endpoint site's published wwwroot) on the same machine
#                 with a minimal configuration of its own
# and prints the median requests per second and p99 latency per server, with the ratio to nginx. Writes nothing into
# the repository unless --write is given.
#
# Everything is on loopback (127.0.0.1), bounded in time (about 2 minutes of load with the defaults, plus packing
# and publishing), and every process the script starts is stopped at the end, by process id.
#
# How it is fair:
#   - Both ASP.NET Core sites are published in Release (framework-dependent) from the packed packages, run in
#     Production (ASPNETCORE_ENVIRONMENT=Production) with the web template's appsettings.json (Microsoft.AspNetCore at
#     Warning, so no log line per request), Kestrel's defaults otherwise (server GC, as the Web SDK sets it).
#   - nginx: `nginx -c <a config in the temporary directory>` in the foreground (`daemon off;`), `worker_processes
#     auto` (one worker per core, 2 here: Kestrel also uses every core), `access_log off`, sendfile on,
#     `keepalive_requests` raised to 1,000,000 (Kestrel does not close a keep-alive connection after a number of
#     requests; nginx's default of 1,000 would make wrk reconnect for nginx only), its own pid, error log and temporary
#     folders in the temporary directory; nothing of /etc/nginx is read.
#   - Plain HTTP on loopback, not HTTPS: the policy host is served over HTTPS in production, but the TLS cost per
#     request (record encryption; the handshakes are amortised over keep-alive connections) is the same for all three,
#     and on 2 cores shared with wrk a TLS benchmark would mostly measure TLS, not the servers.
#   - The response bodies are checked with curl before measuring: 200, the exact bytes of the file the build wrote.
#   - The three are interleaved: ROUNDS rounds of (endpoint, static files, nginx), the order rotating from round to
#     round; each run is preceded by a short warm-up of that server (wrk for WARMUP seconds, not counted), then
#     `wrk -t2 -c32 -d<DURATION>s --latency -H 'Host: mta-sts.contoso.example'`. wrk runs on the same 2 cores as the
#     server: the figures are for this machine, compare them only with each other.
#
# usage: build/benchmark-serving.sh [--rounds N] [--duration S] [--warmup S] [--connections N] [--threads N]
#                                   [--feed DIR --version V] [--write FILE] [--keep]
#   --rounds N       rounds of the three servers (default 3); medians over the rounds are reported
#   --duration S     seconds of each measured wrk run (default 10)
#   --warmup S       seconds of the warm-up before each measured run (default 3)
#   --connections N  wrk connections (default 32)
#   --threads N      wrk threads (default 2)
#   --feed DIR       use the packages from this feed instead of packing (with --version)
#   --version V      the package version in --feed
#   --write FILE     also put the results (markdown) between the benchmark-serving markers of FILE,
#                    e.g. docs/performance.md
#   --keep           keep the temporary directory (sites, logs)
# Needs wrk, nginx (nginx-light is enough) and curl: build/prerequisites.sh installs them.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3
duration=10
warmup=3
connections=32
threads=2
feed=""
version=""
write_file=""
keep=0
domain="contoso.example"
policy_host="mta-sts.$domain"
path="/.well-known/mta-sts.txt"

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
    *) echo "benchmark-serving: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$rounds" "$duration" "$warmup" "$connections" "$threads"; do
  [[ "$n" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "benchmark-serving: counts and seconds are whole numbers from 1" >&2; exit 2; }
done
if { [ -n "$feed" ] && [ -z "$version" ]; } || { [ -z "$feed" ] && [ -n "$version" ]; }; then
  echo "benchmark-serving: --feed and --version go together" >&2
  exit 2
fi
export PATH="$PATH:/usr/sbin:/sbin"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "benchmark-serving: $tool is missing (build/prerequisites.sh installs it)" >&2; exit 1; }
done

log() { echo "benchmark-serving: $*" >&2; }

work="$(mktemp -d /tmp/mtasts-serving-XXXXXX)"
# nginx's workers run as nobody and must read the file it serves.
chmod 755 "$work"
logs="$work/logs"
mkdir -p "$logs"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
export MSBUILDDISABLENODEREUSE=1
export NUGET_PACKAGES="$work/packages"

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$keep" -eq 1 ]; then
    echo "benchmark-serving: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- the packages
# shellcheck source=build/lib/bench-site.sh
. "$repo_root/build/lib/bench-site.sh"
pack_unless_given serving

# ---------------------------------------------------------------- two sites, outside the repository
isolate_site_folder
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
  <auditSources>
    <clear />
  </auditSources>
</configuration>
EOF

# make_site NAME endpoint|static
make_site() {
  local name="$1" kind="$2" dir="$work/$1"
  mkdir -p "$dir/wwwroot"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk.Web">'
    echo '  <PropertyGroup>'
    echo '    <TargetFramework>net10.0</TargetFramework>'
    echo '    <Nullable>enable</Nullable>'
    echo '    <ImplicitUsings>enable</ImplicitUsings>'
    echo '  </PropertyGroup>'
    echo '  <ItemGroup>'
    if [ "$kind" = endpoint ]; then
      echo "    <PackageReference Include=\"MtaSts.AspNetCore\" Version=\"$version\" />"
    else
      echo "    <PackageReference Include=\"MtaSts.Build\" Version=\"$version\" PrivateAssets=\"all\" />"
    fi
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$dir/$name.csproj"
  {
    echo 'var builder = WebApplication.CreateBuilder(args);'
    [ "$kind" = endpoint ] && echo 'builder.Services.AddMtaSts();'
    echo 'var app = builder.Build();'
    [ "$kind" = endpoint ] && echo 'app.MapMtaStsPolicy();'
    echo 'app.UseStaticFiles();'
    echo 'app.MapGet("/", () => "Hello");'
    echo 'app.Run();'
  } > "$dir/Program.cs"
  # The web template's appsettings.json: no log line per request in Production.
  cat > "$dir/appsettings.json" <<'EOF'
{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning"
    }
  },
  "AllowedHosts": "*"
}
EOF
  cat > "$dir/mta-sts.yaml" <<EOF
domain: $domain
mode: enforce
mx:
  - mx1.$domain
  - "*.mail.$domain"
max_age: 1w
tls_rpt:
  rua: [mailto:tlsrpt@$domain]
EOF
}

make_site Endpoint endpoint
make_site StaticFiles static
for site in Endpoint StaticFiles; do
  log "publishing $site (Release)"
  (cd "$work/$site" && dotnet publish -c Release -o "$work/publish/$site" -nologo -tl:off > "$logs/publish-$site.log" 2>&1) \
    || { tail -30 "$logs/publish-$site.log" >&2; keep=1; exit 1; }
done
policy_file="$work/publish/Endpoint/wwwroot/.well-known/mta-sts.txt"
[ -f "$policy_file" ] || { log "the published site has no $path"; keep=1; exit 1; }
cmp -s "$policy_file" "$work/publish/StaticFiles/wwwroot/.well-known/mta-sts.txt" \
  || { log "the two sites' policy files differ"; keep=1; exit 1; }

# ---------------------------------------------------------------- the servers
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

declare -A port
for server in endpoint static nginx; do port[$server]="$(free_port)"; done

start_kestrel() { # server site
  local server="$1" site="$2"
  (cd "$work/publish/$site" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$site.dll" \
    --urls "http://127.0.0.1:${port[$server]}") > "$logs/$server.log" 2>&1 &
  pids+=("$!")
}
start_kestrel endpoint Endpoint
start_kestrel static StaticFiles

mkdir -p "$work/nginx/temp"
cat > "$work/nginx/nginx.conf" <<EOF
# build/benchmark-serving.sh: a minimal nginx serving one file.
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events {
  worker_connections 1024;
}
http {
  types {
    text/plain txt;
  }
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  server {
    listen 127.0.0.1:${port[nginx]};
    server_name $policy_host;
    root $work/publish/Endpoint/wwwroot;
    location = $path {
    }
  }
}
EOF
nginx -e "$work/nginx/error.log" -p "$work/nginx/" -c "$work/nginx/nginx.conf" > "$logs/nginx.log" 2>&1 &
pids+=("$!")

url() { echo "http://127.0.0.1:${port[$1]}$path"; }

# Wait for each server to answer, then check status, content type and the exact bytes.
for server in endpoint static nginx; do
  for ((i = 0; i < 150; i++)); do
    if curl -s -o /dev/null -H "Host: $policy_host" "$(url "$server")"; then break; fi
    sleep 0.2
  done
  status="$(curl -s -D "$work/headers-$server" -o "$work/body-$server" -w '%{http_code} %{content_type}' \
    -H "Host: $policy_host" "$(url "$server")" || true)"
  if [ "${status%% *}" != 200 ] || [[ "${status#* }" != text/plain* ]] || ! cmp -s "$work/body-$server" "$policy_file"; then
    log "$server: expected 200 text/plain and the exact bytes of $policy_file, got '$status'"
    cat "$work/headers-$server" "$logs/$server.log" >&2 2>/dev/null || true
    keep=1
    exit 1
  fi
done
log "all three answer 200 text/plain with the same $(wc -c < "$policy_file") bytes"

# ---------------------------------------------------------------- the measurement
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A samples
add() { samples["$1"]+="$2"$'\n'; }

# wrk_run SERVER SECONDS LOGFILE [--latency]
wrk_run() {
  wrk -t"$threads" -c"$connections" -d"$2s" "${@:4}" -H "Host: $policy_host" "$(url "$1")" > "$3" 2>&1
}

# From wrk's output: requests per second, and the 99% latency in ms (wrk prints us, ms or s).
wrk_rps() { awk '/^Requests\/sec:/ { printf "%d\n", $2 + 0.5 }' "$1"; }
wrk_p99() {
  awk '$1 == "99%" { v = $2; f = 1
    if (v ~ /us$/) f = 0.001; else if (v ~ /ms$/) f = 1; else if (v ~ /s$/) f = 1000
    sub(/[a-z]+$/, "", v); printf "%.3f\n", v * f }' "$1"
}
wrk_errors() { awk '/Non-2xx|Socket errors/ { print }' "$1"; }

order_of() { # round → the three servers in that round's order
  case $(($1 % 3)) in
    1) echo endpoint static nginx ;;
    2) echo static nginx endpoint ;;
    0) echo nginx endpoint static ;;
  esac
}

for ((r = 1; r <= rounds; r++)); do
  for server in $(order_of "$r"); do
    log "round $r/$rounds: $server (${warmup}s warm-up, ${duration}s measured)"
    wrk_run "$server" "$warmup" "$logs/warmup-$r-$server.log"
    wrk_run "$server" "$duration" "$logs/run-$r-$server.log" --latency
    errors="$(wrk_errors "$logs/run-$r-$server.log")"
    [ -z "$errors" ] || log "warning: $server, round $r: $errors"
    add "$server.rps" "$(wrk_rps "$logs/run-$r-$server.log")"
    add "$server.p99" "$(wrk_p99 "$logs/run-$r-$server.log")"
  done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report
values() { printf '%s' "${samples[$1]:-}" | { grep -v '^$' || true; }; }
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[1] "-" v[NR]; else print "-" }'; }

cores="$(nproc)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
sdk="$(cd "$work" && dotnet --version)"
nginx_version="$(nginx -v 2>&1 | sed 's/^nginx version: //')"
# wrk -v prints its version and its usage, and exits 1.
wrk_version="$( (wrk -v 2>&1 || true) | head -n 1 | awk '{ print $1, $2 }')"

report() {
  local server label rps p99 rps_n p99_n
  rps_n="$(values nginx.rps | median)"
  p99_n="$(values nginx.p99 | median)"
  echo "Machine: $cores cores ($cpu), .NET SDK $sdk, $nginx_version, $wrk_version; load average at the start"
  echo "$load_start, at the end $load_end (wrk and the servers load both cores themselves; more is other work on the machine)."
  echo
  echo "Packages: MtaSts.AspNetCore and MtaSts.Build $version, sites published in Release, Production. GET $path with"
  echo "\`Host: $policy_host\` over HTTP on 127.0.0.1, the same $(wc -c < "$policy_file") bytes from all three;"
  echo "\`wrk -t$threads -c$connections -d${duration}s --latency\`, $rounds rounds of the three interleaved, a ${warmup}s warm-up before each"
  echo "run. Median over the rounds, range in parentheses; the ratios are of the medians."
  echo
  echo "| server | requests/s | p99 latency | requests/s, ratio to nginx | p99, ratio to nginx | response headers |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for server in endpoint static nginx; do
    case "$server" in
      endpoint) label='`app.MapMtaStsPolicy()` (MtaSts.AspNetCore)' ;;
      static) label='`app.UseStaticFiles()`' ;;
      nginx) label="nginx (worker_processes auto)" ;;
    esac
    rps="$(values "$server.rps" | median)"
    p99="$(values "$server.p99" | median | awk '{ printf "%.2f", $1 }')"
    printf '| %s | %s (%s) | %s ms (%s) | %s | %s | %s bytes |\n' "$label" "$rps" "$(values "$server.rps" | range)" \
      "$p99" "$(values "$server.p99" | range | awk -F- '{ printf "%.2f-%.2f", $1, $2 }')" \
      "$(awk -v a="$rps" -v b="$rps_n" 'BEGIN { printf "%.2f×", a / b }')" \
      "$(awk -v a="$p99" -v b="$p99_n" 'BEGIN { printf "%.2f×", a / b }')" \
      "$(wc -c < "$work/headers-$server")"
  done
}

output="$(report)"
echo "$output"

if [ -n "$write_file" ]; then
  # shellcheck source=build/lib/write-results.sh
  . "$repo_root/build/lib/write-results.sh"
  write_results "$write_file" benchmark-serving "$output" build/benchmark-serving.sh
fi
