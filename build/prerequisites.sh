#!/usr/bin/env bash
# Installs the system packages the test suite needs (Debian/Ubuntu, as root), then nothing else.
# Idempotent: packages already installed are left alone. The .NET SDK itself is expected on PATH (see global.json).
#   knot, knot-dnsutils                a real DNS server (knotd, knotc) and kdig (interop test)
#   knot-dnssecutils, bind9-utils      kzonecheck and named-checkzone (interop test)
#   postfix-mta-sts-resolver           mta-sts-query, a real MTA-STS sending-side client (interop test)
#   iproute2, openssl, curl            network namespace, a throwaway CA, waiting for the site (interop test)
#                                      knot, knot-dnsutils, iproute2, openssl, curl and python3 also run the lab of
#                                      the mta-sts check tests (build/check-lab.sh: Knot, HTTPS and STARTTLS servers)
#   chromium                           the real browser for the web generator tests (Playwright)
#   mono-devel                         a .NET Framework 4.7.2 runtime for the package's net472 task (NetFrameworkTaskTests);
#                                      mono-runtime alone lacks the netstandard.dll facade that MtaSts.dll binds to
#   afl++                              the fuzzer behind build/fuzz.sh and its smoke run (FuzzSmokeTests)
# build/interop/ci-packages.txt lists the interop test's share, for running build/interop.sh by hand.
set -euo pipefail

packages=(knot knot-dnsutils knot-dnssecutils bind9-utils postfix-mta-sts-resolver iproute2 openssl curl python3 chromium ca-certificates mono-devel afl++)

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
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts knotd as a service on install; the interop test runs its own instance on its own port/namespace.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now knot >/dev/null 2>&1 || true; fi
echo "prerequisites: done"
