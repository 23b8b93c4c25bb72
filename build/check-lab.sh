#!/usr/bin/env bash
# A lab of live MTA-STS deployments for `mta-sts check`, inside a network namespace: one zone `example.` served by
# Knot DNS, a subdomain per scenario (healthy.example, notxt.example, …), every policy host on one HTTPS server that
# (mis)behaves per host name, and Debian's postfix as the MX hosts, on their own loopback addresses.
#   127.0.0.1:53   Knot DNS, authoritative for example.
#   127.0.1.1:443  the policy hosts mta-sts.<scenario>.example (build/interop/policy-hosts.py)
#   127.0.2.x:25   MX hosts, each its own postfix smtpd service with its own host name and certificate: .1 mx1.healthy,
#                  .2 mx2.healthy, .3 no STARTTLS, .4 certificate for another name, .5 self-signed, .6 nothing listens
#                  (port 25 closed), .8 certificate expired, .9 a key that does not match its certificate (postfix
#                  still advertises STARTTLS, then answers it with 454), .10 TLS 1.1 and older only
#   127.0.1.2:443  with --kestrel-site DIR: a real ASP.NET Core site built with MtaSts.Build (DIR holds SITE.dll and
#                  the build's mta-sts.zone, $INCLUDEd into the zone; its domain must end in .example), on Kestrel
#   127.0.2.7:25   the MX host mail.<that domain>, STARTTLS
#   SSRF targets   ssrf-*.example resolve their Policy Host and MX to non-public addresses (127.0.0.1, ::1, 10.0.0.25,
#                  169.254.0.25, fd00::25, ::ffff:127.0.0.1, through a CNAME, 1.2.3.4 beside 10.0.0.25); on each address
#                  ports 25 and 443 are build/interop/connection-log.py, which writes every connection to
#                  WORK/logs/ssrf-connections.log: a checker with the public-only address policy leaves it empty
#   127.0.3.1-4:25 mx1-4.bench.example, for build/check-benchmark.sh: build/interop/latency-proxy.py, which adds
#                  --bench-latency MS (default 0) towards the postfix services behind it on 127.0.4.1-4
# The MX hosts are one postfix instance of the lab's own (WORK/postfix: main.cf, master.cf, queue and data
# directories; its master in the foreground, logging to WORK/logs/smtp.log), not Debian's system instance: master.cf
# gives every MX address an smtpd service with its own myhostname and smtpd_tls_chain_files, so nothing is shared
# with the host or with another lab running at the same time.
# Certificates come from a CA made for the run (WORK/ca/ca.crt): pass it to the check with --ca-file.
# Every process started runs under `timeout` (--lifetime, default 3600 s), is recorded by id and is stopped by `down`,
# which then stops whatever else is left in the namespace; nothing outside the namespace is touched. Needs root.
#
# usage:
#   build/check-lab.sh up   [--ns NAME] [--work DIR] [--bench-latency MS] [--lifetime SECONDS]
#                           [--kestrel-site DIR --kestrel-dll NAME.dll]
#                                                       build and start the lab (default NAME mtasts-chk-lab)
#   build/check-lab.sh exec [--ns NAME] [--work DIR] COMMAND...   run a command in the namespace
#   build/check-lab.sh down [--ns NAME] [--work DIR]   stop every process by its id, delete the namespace and DIR
# The scenarios and what `mta-sts check` says about each are listed in docs/checking.md ("Testing").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PATH="$PATH:/usr/sbin:/sbin"
say() { echo "check-lab: $*"; }
die() { echo "check-lab: error: $*" >&2; exit 1; }

command="${1:-}"
[ -n "$command" ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
shift
ns=mtasts-chk-lab
work=""
bench_latency=0
lifetime=3600
kestrel_site=""
kestrel_dll=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ns) ns="${2:?--ns needs a name}"; shift 2 ;;
    --work) work="${2:?--work needs a directory}"; shift 2 ;;
    --bench-latency) bench_latency="${2:?--bench-latency needs milliseconds}"; shift 2 ;;
    --lifetime) lifetime="${2:?--lifetime needs seconds}"; shift 2 ;;
    --kestrel-site) kestrel_site="$(realpath "${2:?--kestrel-site needs a directory}")"; shift 2 ;;
    --kestrel-dll) kestrel_dll="${2:?--kestrel-dll needs the site assembly}"; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
[[ "$bench_latency" =~ ^[0-9]{1,5}$ ]] || die "--bench-latency: milliseconds"
[[ "$lifetime" =~ ^[1-9][0-9]{0,5}$ ]] || die "--lifetime: seconds"
[[ "$ns" =~ ^[A-Za-z0-9_.-]{1,40}$ ]] || die "--ns '$ns': letters, digits, '.', '_' and '-' only"
work="${work:-${TMPDIR:-/tmp}/$ns}"

in_ns() { ip netns exec "$ns" env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY "$@"; }

# stop_pids PID... : TERM to each that still runs in the namespace, all at once; KILL whatever is left after 5 s.
stop_pids() {
  local pid i pids=() alive
  for pid in "$@"; do
    if [ "$(ip netns identify "$pid" 2>/dev/null)" = "$ns" ] && kill -TERM "$pid" 2>/dev/null; then pids+=("$pid"); fi
  done
  for i in $(seq 1 50); do
    alive=()
    for pid in "${pids[@]}"; do if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); fi; done
    [ ${#alive[@]} -gt 0 ] || return 0
    pids=("${alive[@]}")
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
}

wait_for() {
  local seconds="$1" i
  shift
  for i in $(seq 1 $((seconds * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

# --- certificates -------------------------------------------------------------------------------------------------

# cert NAME SAN... : a certificate for the DNS names, signed by the lab CA, valid for 90 days (no expiry warning).
cert() {
  local name="$1" san
  shift
  san="$(printf 'DNS:%s,' "$@")"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
    -keyout "$work/ca/$name.key" -out "$work/ca/$name.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "${san%,}" >"$work/ca/$name.ext"
  openssl x509 -req -in "$work/ca/$name.csr" -CA "$work/ca/ca.crt" -CAkey "$work/ca/ca.key" -CAcreateserial -days 90 \
    -extfile "$work/ca/$name.ext" -out "$work/ca/$name.crt" 2>/dev/null
}

# expired_cert NAME HOST : a certificate for HOST from the lab CA that expired in 2020, so only its dates are wrong.
# `openssl ca` is the one that takes explicit dates in OpenSSL 3.0.
expired_cert() {
  local name="$1" host="$2"
  if [ ! -f "$work/ca/ca.cnf" ]; then
    : >"$work/ca/db/index.txt"
    echo 1000 >"$work/ca/db/serial"
    cat >"$work/ca/ca.cnf" <<EOF
[ ca ]
default_ca = lab
[ lab ]
database = $work/ca/db/index.txt
serial = $work/ca/db/serial
new_certs_dir = $work/ca/db
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
EOF
  fi
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$host" \
    -keyout "$work/ca/$name.key" -out "$work/ca/$name.csr" 2>/dev/null
  printf '[ ext ]\nsubjectAltName = DNS:%s\nextendedKeyUsage = serverAuth\n' "$host" >"$work/ca/$name.ext"
  openssl ca -batch -notext -config "$work/ca/ca.cnf" -cert "$work/ca/ca.crt" -keyfile "$work/ca/ca.key" \
    -extfile "$work/ca/$name.ext" -extensions ext -startdate 20200101000000Z -enddate 20200201000000Z \
    -in "$work/ca/$name.csr" -out "$work/ca/$name.crt" 2>/dev/null
}

make_certificates() {
  mkdir -p "$work/ca/db"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
    -subj "/CN=MtaSts.Build check lab CA (throwaway)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$work/ca/ca.key" -out "$work/ca/ca.crt" 2>/dev/null
  local hosts=() s
  for s in "${scenarios[@]}"; do hosts+=("mta-sts.$s.example"); done
  cert policy "${hosts[@]}"
  cert othername mta-sts.other.example
  cert mx1 mx1.healthy.example
  cert mx2 mx2.healthy.example
  cert mxwrongname mx.other.example
  expired_cert expired mta-sts.expired.example
  expired_cert mxexpired mx.mxexpired.example
  cert mxbrokenkey mx.mxbrokenkey.example
  cert mxoldtls mx.mxoldtls.example
  cert bench mx1.bench.example mx2.bench.example mx3.bench.example mx4.bench.example
  if [ -n "$kestrel_site" ]; then
    cert kestrel "mta-sts.$kestrel_label.example"
    cert kestrelmx "mail.$kestrel_label.example"
  fi
  # Self-signed, for the right name: only its trust is wrong.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj "/CN=mx.selfsigned.example" \
    -addext "subjectAltName=DNS:mx.selfsigned.example" -keyout "$work/ca/selfsigned.key" -out "$work/ca/selfsigned.crt" 2>/dev/null
}

# --- the scenarios ------------------------------------------------------------------------------------------------

scenarios=(healthy notxt twotxt cname redirect html wrongcert expired big uncovered uncoveredtesting stale
  nostarttls mxwrongname selfsigned mxexpired mxbrokenkey mxoldtls closed drift caa bench1 bench4 noaddress)

# policy NAME MODE MX... : a policy file as the core writes it (CRLF, version, mode, mx…, max_age).
policy() {
  local name="$1" mode="$2" mx
  shift 2
  { printf 'version: STSv1\r\nmode: %s\r\n' "$mode"; for mx in "$@"; do printf 'mx: %s\r\n' "$mx"; done
    printf 'max_age: 604800\r\n'; } >"$work/policies/$name.txt"
}

# The id `id: auto` gives: the first 32 hex digits of SHA-256 over the policy text.
id_of() { sha256sum "$work/policies/$1.txt" | cut -c1-32; }

write_policies() {
  mkdir -p "$work/policies"
  policy healthy enforce mx1.healthy.example mx2.healthy.example
  policy generic enforce mx1.healthy.example
  policy uncovered enforce mx1.healthy.example
  policy uncoveredtesting testing mx1.healthy.example
  policy stale enforce mx1.healthy.example old.stale.example
  policy nostarttls enforce mx.nostarttls.example
  policy mxwrongname enforce mx.mxwrongname.example
  policy selfsigned enforce mx.selfsigned.example
  policy mxexpired enforce mx.mxexpired.example
  policy mxbrokenkey enforce mx.mxbrokenkey.example
  policy mxoldtls enforce mx.mxoldtls.example
  policy closed enforce mx.closed.example
  policy noaddress enforce mx1.healthy.example mx.noaddress.example
  policy bench enforce "*.bench.example"
  # drift: the configuration generates 'generic'; the served file was edited afterwards, the id left as it was.
  policy drift enforce mx1.healthy.example mx9.drift.example
  cat >"$work/policies/drift.yaml" <<EOF
domain: drift.example
mode: enforce
mx: [mx1.healthy.example]
max_age: 1w
EOF
  # big: a valid start, then an extension field that takes the body past 64 KiB.
  { cat "$work/policies/generic.txt"; printf 'padding: '; head -c 70000 /dev/zero | tr '\0' 'x'; printf '\r\n'; } >"$work/policies/big.txt"
}

write_hosts() {
  local s policyfile cert status type location first=1
  {
    echo "{"
    for s in "${scenarios[@]}"; do
      policyfile=generic cert=policy status=200 type="text/plain; charset=utf-8" location=""
      case "$s" in
        healthy|uncovered|uncoveredtesting|stale|nostarttls|mxwrongname|selfsigned|mxexpired|mxbrokenkey|mxoldtls|closed|drift|big|noaddress) policyfile="$s" ;;
        bench1|bench4) policyfile=bench ;;
        redirect) status=302 location="https://www.redirect.example/mta-sts.txt" ;;
        html) type="text/html; charset=utf-8" ;;
        wrongcert) cert=othername ;;
        expired) cert=expired ;;
      esac
      [ $first -eq 1 ] || echo ","
      first=0
      printf '  "mta-sts.%s.example": {"cert": "%s", "key": "%s", "policy": "%s", "status": %s, "contentType": "%s", "location": "%s"}' \
        "$s" "$work/ca/$cert.crt" "$work/ca/$cert.key" "$work/policies/$policyfile.txt" "$status" "$type" "$location"
    done
    echo
    echo "}"
  } >"$work/hosts.json"
}

write_zone() {
  local s
  mkdir -p "$work/zone"
  {
    echo "\$ORIGIN example."
    echo "\$TTL 300"
    echo "@ IN SOA ns.example. hostmaster.example. ( 1 3600 600 86400 300 )"
    echo "@ IN NS ns.example."
    echo "ns IN A 127.0.0.1"
    echo "mx1.healthy IN A 127.0.2.1"
    echo "mx2.healthy IN A 127.0.2.2"
    echo "mx.nostarttls IN A 127.0.2.3"
    echo "mx.mxwrongname IN A 127.0.2.4"
    echo "mx.selfsigned IN A 127.0.2.5"
    echo "mx.closed IN A 127.0.2.6"
    echo "mx.mxexpired IN A 127.0.2.8"
    echo "mx.mxbrokenkey IN A 127.0.2.9"
    echo "mx.mxoldtls IN A 127.0.2.10"
    for s in 1 2 3 4; do echo "mx$s.bench IN A 127.0.3.$s"; done
    for s in "${scenarios[@]}"; do echo "mta-sts.$s IN A 127.0.1.1"; done
    echo "_smtp._tls.healthy IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@healthy.example\""
    echo "healthy IN MX 10 mx1.healthy.example."
    echo "healthy IN MX 20 mx2.healthy.example."
    echo "_mta-sts.healthy IN TXT \"v=STSv1; id=$(id_of healthy);\""
    for s in notxt twotxt cname redirect html wrongcert expired big stale drift caa; do echo "$s IN MX 10 mx1.healthy.example."; done
    # DANE for mx1.healthy (information only: DANE senders use it instead of the policy).
    echo "_25._tcp.mx1.healthy IN TLSA 3 1 1 $(openssl x509 -in "$work/ca/mx1.crt" -noout -pubkey | openssl pkey -pubin -outform DER 2>/dev/null | sha256sum | cut -c1-64)"
    # caa: the CAA set that applies to its policy host lets no CA issue.
    echo "caa IN CAA 0 issue \";\""
    echo "_mta-sts.caa IN TXT \"v=STSv1; id=$(id_of generic);\""
    for s in uncovered uncoveredtesting; do
      echo "$s IN MX 10 mx1.healthy.example."
      echo "$s IN MX 20 mx2.healthy.example."
    done
    for s in nostarttls mxwrongname selfsigned mxexpired mxbrokenkey mxoldtls closed; do echo "$s IN MX 10 mx.$s.example."; done
    echo "bench1 IN MX 10 mx1.bench.example."
    # noaddress: a second MX whose name has no address record.
    echo "noaddress IN MX 10 mx1.healthy.example."
    echo "noaddress IN MX 20 mx.noaddress.example."
    for s in 1 2 3 4; do echo "bench4 IN MX 10 mx$s.bench.example."; done
    echo "_mta-sts.twotxt IN TXT \"v=STSv1; id=$(id_of generic);\""
    echo "_mta-sts.twotxt IN TXT \"v=STSv1; id=20200101T000000Z;\""
    # cname: the record lives with a provider (RFC 8461 §8.2 delegation); TXT strings split in two, as long ones are.
    echo "_mta-sts.cname IN CNAME _mta-sts.provider.example."
    echo "_mta-sts.provider IN TXT \"v=STSv1; \" \"id=$(id_of generic);\""
    for s in redirect html wrongcert expired big; do echo "_mta-sts.$s IN TXT \"v=STSv1; id=$(id_of generic);\""; done
    for s in uncovered uncoveredtesting stale nostarttls mxwrongname selfsigned mxexpired mxbrokenkey mxoldtls closed noaddress; do
      echo "_mta-sts.$s IN TXT \"v=STSv1; id=$(id_of "$s");\""
    done
    echo "_mta-sts.drift IN TXT \"v=STSv1; id=$(id_of generic);\""
    echo "_mta-sts.bench1 IN TXT \"v=STSv1; id=$(id_of bench);\""
    echo "_mta-sts.bench4 IN TXT \"v=STSv1; id=$(id_of bench);\""
    # notxt: only a record senders discard (it does not begin with v=STSv1;).
    echo "_mta-sts.notxt IN TXT \"v=spf1 -all\""
    # SSRF: a valid _mta-sts record each, the Policy Host and the MX on an address a public checker must not reach.
    ssrf_zone
    if [ -n "$kestrel_site" ]; then
      echo "mta-sts.$kestrel_label IN A 127.0.1.2"
      echo "$kestrel_label IN MX 10 mail.$kestrel_label.example."
      echo "mail.$kestrel_label IN A 127.0.2.7"
      echo "\$INCLUDE $kestrel_site/mta-sts.zone"
    fi
  } >"$work/zone/example.zone"
  cat >"$work/knot.conf" <<EOF
server:
    rundir: "$work"
    listen: 127.0.0.1@53
log:
  - target: stderr
    any: warning
database:
    storage: "$work/knotdb"
template:
  - id: default
    storage: "$work/zone"
    file: "%s.zone"
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: example.
EOF
}

# The SSRF scenarios: NAME TYPE ADDRESS for the Policy Host and the MX host of ssrf-NAME.example.
ssrf_targets=(
  "loopback A 127.0.0.1"
  "v6loopback AAAA ::1"
  "private A 10.0.0.25"
  "linklocal A 169.254.0.25"
  "uniquelocal AAAA fd00::25"
  "mapped AAAA ::ffff:127.0.0.1"
)
# Addresses the listeners need on lo; 1.2.3.4 stands for a public address (the namespace has no route out).
ssrf_addresses=(10.0.0.25 169.254.0.25 1.2.3.4)
ssrf_listen=(127.0.0.1 "[::1]" 10.0.0.25 169.254.0.25 "[fd00::25]" 1.2.3.4)

ssrf_zone() {
  local target name type address
  for target in "${ssrf_targets[@]}"; do
    read -r name type address <<<"$target"
    echo "ssrf-$name IN MX 10 mx.ssrf-$name.example."
    echo "_mta-sts.ssrf-$name IN TXT \"v=STSv1; id=$(id_of generic);\""
    echo "mta-sts.ssrf-$name IN $type $address"
    echo "mx.ssrf-$name IN $type $address"
  done
  # cname: each name is a CNAME to a host on a private address.
  echo "ssrf-cname IN MX 10 mx.ssrf-cname.example."
  echo "_mta-sts.ssrf-cname IN TXT \"v=STSv1; id=$(id_of generic);\""
  echo "mta-sts.ssrf-cname IN CNAME internal.ssrf-cname.example."
  echo "mx.ssrf-cname IN CNAME internal.ssrf-cname.example."
  echo "internal.ssrf-cname IN A 10.0.0.25"
  # mixed: a public address and a private one in the same answer: the host is refused as a whole.
  echo "ssrf-mixed IN MX 10 mx.ssrf-mixed.example."
  echo "_mta-sts.ssrf-mixed IN TXT \"v=STSv1; id=$(id_of generic);\""
  for name in mta-sts mx; do
    echo "$name.ssrf-mixed IN A 1.2.3.4"
    echo "$name.ssrf-mixed IN A 10.0.0.25"
  done
}

# --- the MX hosts: the lab's own postfix instance ---------------------------------------------------------------------

# mx ADDRESS HOST [CERT [KEY [PARAMETER=VALUE...]]] : a master.cf line: an smtpd on ADDRESS:25 that greets as HOST and
# offers STARTTLS with the lab certificate CERT (WORK/ca/CERT.crt, with the key WORK/ca/KEY.key, KEY defaulting to
# CERT) and any further main.cf parameters; without CERT it offers no STARTTLS.
mx() {
  local address="$1" host="$2" cert="${3:-}" key="${4:-${3:-}}" tls parameter
  if [ -n "$cert" ]; then
    tls="-o smtpd_tls_chain_files=$work/ca/$key.key,$work/ca/$cert.crt"
  else
    tls="-o smtpd_tls_security_level=none"
  fi
  for parameter in "${@:5}"; do tls+=" -o $parameter"; done
  printf '%s:25 inet n - n - - smtpd -o myhostname=%s %s\n' "$address" "$host" "$tls"
}

# One instance, all its state under WORK/postfix; it runs as Debian's postfix user (mail_owner). The master runs in the
# foreground (master -s) and its services are spawned on demand; no mail is accepted (no local or relay domains).
write_postfix() {
  local conf="$work/postfix/conf" queue="$work/postfix/queue" data="$work/postfix/data" i
  mkdir -p "$conf"
  install -d -m 755 "$queue" "$queue/pid"
  install -d -o postfix -m 700 "$queue/private" "$data"
  install -d -o postfix -g postdrop -m 710 "$queue/public"
  # Its services run as postfix and meet in queue/private: every directory above WORK must let that user through.
  setpriv --reuid=postfix --regid=postfix --clear-groups test -x "$queue/private" ||
    die "user postfix cannot reach $queue (a directory above it is closed to others): give --work a directory under /tmp"
  cat >"$conf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $queue
data_directory = $data
# postlogd writes to the master's stdout (master -s), which the lab appends to WORK/logs/smtp.log.
maillog_file = /dev/stdout
inet_protocols = ipv4
myhostname = mx.lab.example
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
# The namespace has no resolver for client addresses; a reverse lookup would only delay the greeting.
smtpd_peername_lookup = no
smtpd_banner = \$myhostname ESMTP
# STARTTLS offered as an MX offers it on port 25 (RFC 3207): opportunistic; each service brings its own certificate.
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
# Nobody to tell: the lab delivers no mail, not even to the postmaster.
notify_classes =
EOF
  {
    echo "# service          type  private unpriv chroot wakeup maxproc command"
    mx 127.0.2.1 mx1.healthy.example mx1
    mx 127.0.2.2 mx2.healthy.example mx2
    mx 127.0.2.3 mx.nostarttls.example
    mx 127.0.2.4 mx.mxwrongname.example mxwrongname
    mx 127.0.2.5 mx.selfsigned.example selfsigned
    mx 127.0.2.8 mx.mxexpired.example mxexpired
    # postfix logs "key ... does not match", keeps advertising STARTTLS and answers it "454 4.7.0 TLS not available".
    mx 127.0.2.9 mx.mxbrokenkey.example mxbrokenkey mx2
    # A server that never moved past TLS 1.1 (its OpenSSL's security level lowered so that it can still speak it).
    mx 127.0.2.10 mx.mxoldtls.example mxoldtls mxoldtls "smtpd_tls_protocols=<=TLSv1.1" smtpd_tls_ciphers=low \
      "tls_low_cipherlist=DEFAULT@SECLEVEL=0"
    [ -z "$kestrel_site" ] || mx 127.0.2.7 "mail.$kestrel_label.example" kestrelmx
    for i in 1 2 3 4; do mx "127.0.4.$i" "mx$i.bench.example" bench; done
    echo "tlsmgr unix - - n 1000? 1 tlsmgr"
    echo "anvil unix - - n - 1 anvil"
    echo "postlog unix-dgram n - n - 1 postlogd"
  } >"$conf/master.cf"
}

serves_zone() { in_ns kdig @127.0.0.1 +short +norecurse +timeout=1 +retry=0 SOA example. | grep -q hostmaster; }
policy_answers() { in_ns curl -sS -o /dev/null --max-time 2 --cacert "$work/ca/ca.crt" --resolve mta-sts.healthy.example:443:127.0.1.1 https://mta-sts.healthy.example/.well-known/mta-sts.txt; }
kestrel_answers() { in_ns curl -sS -o /dev/null --fail --max-time 2 --cacert "$work/ca/ca.crt" --resolve "mta-sts.$kestrel_label.example:443:127.0.1.2" "https://mta-sts.$kestrel_label.example/.well-known/mta-sts.txt"; }
ssrf_listens() { grep -q '^listening' "$work/logs/ssrf.log" 2>/dev/null; }
smtp_answers() { in_ns bash -c 'exec 3<>/dev/tcp/127.0.2.1/25 && head -c 3 <&3' | grep -q 220; }

# start NAME COMMAND... : COMMAND in the namespace, bounded by --lifetime; its id is recorded for `down`.
start() {
  local name="$1"
  shift
  ip netns exec "$ns" timeout -k 5 "$lifetime" "$@" </dev/null >>"$work/logs/$name.log" 2>&1 &
  echo $! >"$work/pids/$name"
}

do_up() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, ports 25, 53 and 443 inside it)"
  local tool
  for tool in ip knotd kdig openssl curl python3 postconf timeout setpriv; do command -v "$tool" >/dev/null || die "missing $tool; run build/prerequisites.sh"; done
  id -u postfix >/dev/null 2>&1 || die "no user postfix (the MX hosts run as Debian's postfix user); run build/prerequisites.sh"
  ! ip netns list | awk '{print $1}' | grep -qx "$ns" || die "namespace $ns exists; run: build/check-lab.sh down --ns $ns"
  [ ! -e "$work" ] || [ -z "$(ls -A "$work")" ] || die "$work exists and is not empty"
  mkdir -p "$work/pids" "$work/logs" "$work/knotdb"
  touch "$work/.mtasts-check-lab"
  trap 'status=$?; if [ $status -ne 0 ]; then say "up failed; cleaning up"; do_down; fi' EXIT

  if [ -n "$kestrel_site" ]; then
    [ -f "$kestrel_site/$kestrel_dll" ] && [ -f "$kestrel_site/mta-sts.zone" ] || die "--kestrel-site needs $kestrel_site/$kestrel_dll (--kestrel-dll) and mta-sts.zone"
    kestrel_domain="$(sed -n 's/^_mta-sts\.\([^ ]*\)\.example\. .*/\1/p' "$kestrel_site/mta-sts.zone" | head -n 1)"
    [ -n "$kestrel_domain" ] || die "$kestrel_site/mta-sts.zone has no _mta-sts record under .example"
    kestrel_label="$kestrel_domain"
  fi
  make_certificates
  write_policies
  write_hosts
  write_zone
  write_postfix

  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  local a
  for a in 127.0.1.1 127.0.2.1 127.0.2.2 127.0.2.3 127.0.2.4 127.0.2.5 127.0.2.6 127.0.2.8 127.0.2.9 127.0.2.10 127.0.3.1 127.0.3.2 127.0.3.3 127.0.3.4 \
    127.0.4.1 127.0.4.2 127.0.4.3 127.0.4.4 127.0.1.2 127.0.2.7; do
    ip netns exec "$ns" ip addr add "$a/32" dev lo
  done
  for a in "${ssrf_addresses[@]}"; do ip netns exec "$ns" ip addr add "$a/32" dev lo; done
  ip netns exec "$ns" ip addr add fd00::25/128 dev lo nodad

  start knotd knotd -c "$work/knot.conf"
  start https python3 "$here/interop/policy-hosts.py" --hosts "$work/hosts.json" --default mta-sts.healthy.example --address 127.0.1.1
  start smtp "$(postconf -c "$work/postfix/conf" -h daemon_directory)/master" -c "$work/postfix/conf" -s
  local listen=()
  for a in "${ssrf_listen[@]}"; do listen+=(--listen "$a:443" --listen "$a:25"); done
  : >"$work/logs/ssrf-connections.log"
  start ssrf python3 "$here/interop/connection-log.py" --log "$work/logs/ssrf-connections.log" "${listen[@]}"
  start latency python3 "$here/interop/latency-proxy.py" --delay "$bench_latency" \
    --forward 127.0.3.1:25=127.0.4.1:25 --forward 127.0.3.2:25=127.0.4.2:25 \
    --forward 127.0.3.3:25=127.0.4.3:25 --forward 127.0.3.4:25=127.0.4.4:25

  if [ -n "$kestrel_site" ]; then
    (cd "$kestrel_site" && exec ip netns exec "$ns" timeout -k 5 "$lifetime" env -u ASPNETCORE_ENVIRONMENT ASPNETCORE_URLS="https://127.0.1.2:443" \
      Kestrel__Certificates__Default__Path="$work/ca/kestrel.crt" Kestrel__Certificates__Default__KeyPath="$work/ca/kestrel.key" \
      DOTNET_NOLOGO=1 dotnet "$kestrel_dll") </dev/null >>"$work/logs/kestrel.log" 2>&1 &
    echo $! >"$work/pids/kestrel"
  fi

  wait_for 20 serves_zone || { cat "$work/logs/knotd.log" >&2; die "Knot does not serve example."; }
  wait_for 20 policy_answers || { cat "$work/logs/https.log" >&2; die "the policy hosts do not answer"; }
  wait_for 20 ssrf_listens || { cat "$work/logs/ssrf.log" >&2; die "the SSRF listeners do not listen"; }
  wait_for 20 smtp_answers || { cat "$work/logs/smtp.log" >&2; die "postfix does not answer on 127.0.2.1:25"; }
  if [ -n "$kestrel_site" ]; then
    wait_for 60 kestrel_answers || { cat "$work/logs/kestrel.log" >&2; die "the Kestrel site does not answer"; }
    say "Kestrel: $kestrel_dll serves https://mta-sts.$kestrel_label.example/.well-known/mta-sts.txt"
  fi
  trap - EXIT
  say "up: namespace $ns, work $work, CA $work/ca/ca.crt, ${#scenarios[@]} scenario domains under example."
}

do_down() {
  local i
  if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
    # First what the lab started (each ends its own children: postfix's master its services), then any stragglers.
    stop_pids $(cat "$work"/pids/* 2>/dev/null)
    for i in 1 2 3; do [ -n "$(ip netns pids "$ns")" ] || break; stop_pids $(ip netns pids "$ns"); sleep 0.1; done
    [ -z "$(ip netns pids "$ns")" ] || die "processes still in namespace $ns: $(ip netns pids "$ns" | tr '\n' ' ')"
    ip netns del "$ns"
  fi
  if [ -f "$work/.mtasts-check-lab" ]; then rm -rf "$work"; fi
  say "down: namespace $ns removed"
}

case "$command" in
  up) do_up ;;
  down) [ "$(id -u)" -eq 0 ] || die "must run as root"; do_down ;;
  exec) [ $# -gt 0 ] || die "exec needs a command"; in_ns "$@" ;;
  *) die "unknown command '$command' (up, exec, down)" ;;
esac
