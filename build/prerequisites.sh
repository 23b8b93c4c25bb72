#!/usr/bin/env bash
# Installs the system packages the test suite needs (Debian/Ubuntu, as root), then nothing else.
# Idempotent: packages already installed are left alone. The .NET SDK itself is expected on PATH (see global.json).
#   knot, knot-dnsutils                a real DNS server (knotd, knotc) and kdig (interop test)
#   knot-dnssecutils, bind9-utils      kzonecheck and named-checkzone (interop test; end-to-end tests load zone snippets)
#   postfix-mta-sts-resolver           mta-sts-query, a real MTA-STS sending-side client (interop test)
#   iproute2, openssl, curl            network namespace, a throwaway CA, waiting for the site (interop test)
#                                      knot, knot-dnsutils, iproute2, openssl, curl and python3 also run the lab of
#                                      the mta-sts check tests (build/check-lab.sh: Knot DNS and the HTTPS policy hosts)
#   postfix                            the real MX hosts of the mta-sts check lab: one postfix instance of its own
#                                      (config, queue and data directories under the lab's work directory) whose smtpd
#                                      offers STARTTLS on each MX address. Installed with debconf's "No configuration":
#                                      no /etc/postfix/main.cf, so Debian's own instance neither asks nor starts
#                                      (its init script exits without main.cf), and it is disabled below where systemd runs
#   chromium                           the real browser for the web generator tests (Playwright)
#   mono-devel                         a .NET Framework 4.7.2 runtime for the package's net472 task (NetFrameworkTaskTests);
#                                      mono-runtime alone lacks the netstandard.dll facade that MtaSts.dll binds to
#   afl++                              the fuzzer behind build/fuzz.sh and its smoke run (FuzzSmokeTests)
#   clang, zlib1g-dev                  Native AOT's linker and zlib: the PublishAot site of NativeAotTests
#   nodejs, npm (unless npm is there)  run the generated DNSControl file against a stub, and HashiCorp's HCL parser
#                                      (npm @cdktf/hcl2json, which build/npm-tools.sh installs into artifacts/) on the
#                                      generated Terraform files (DnsFormatToolTests)
#   wrk                                the HTTP load generator of build/benchmark-serving.sh (requests/s, p99 latency)
#   nginx-light                        the reference server of build/benchmark-serving.sh (run by the script with a config
#                                      of its own; Debian's own nginx service is disabled below where systemd runs);
#                                      also runs the generated mta-sts.nginx.conf (WebServerTests)
#   caddy                              runs the generated mta-sts.Caddyfile in the foreground (WebServerTests; its service
#                                      is disabled below where systemd runs)
#   apache2                            runs the generated mta-sts.apache.conf with apache2 -X (WebServerTests; its service
#                                      is disabled below where systemd runs)
# build/interop/ci-packages.txt lists the interop test's share, for running build/interop.sh by hand.
set -euo pipefail

packages=(knot knot-dnsutils knot-dnssecutils bind9-utils postfix-mta-sts-resolver postfix iproute2 openssl curl python3 chromium ca-certificates mono-devel afl++
  clang zlib1g-dev nodejs wrk nginx-light caddy apache2)
# Debian's npm only where there is no npm yet: a nodejs from elsewhere (NodeSource) brings its own, and conflicts with it.
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "prerequisites: all system packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "prerequisites: missing ${missing[*]}; run as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi

echo "prerequisites: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Unanswered, postfix's debconf question defaults to "Internet Site": a main.cf and a system MTA on the host's port 25.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts knotd (and, configured, postfix; and nginx, caddy, apache2) as services on install; the tests run their own instances
# inside their own network namespaces or with their own configs, and nothing of theirs may hold the host's ports 25, 53,
# 80 or 443.
# Only what this run installed: a mail server configured before it is the machine owner's.
for service in knot postfix nginx caddy apache2; do
  package="$service"
  [ "$service" = nginx ] && package=nginx-light
  if [[ " ${missing[*]} " != *" $package "* ]]; then continue; fi
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now "$service" >/dev/null 2>&1 || true; fi
  # Without a running systemd (a container), Debian's init script may have started it instead: stop that too.
  if [ ! -d /run/systemd/system ] && command -v service >/dev/null 2>&1; then service "$service" stop >/dev/null 2>&1 || true; fi
done
echo "prerequisites: done"
