#!/usr/bin/env bash
# Proves an MTA-STS deployment end to end with real servers and a real MTA-STS client, inside a network namespace:
#   - Knot DNS, authoritative on 127.0.0.1:53, serves a zone for each domain: an SOA/NS header, an address record for
#     mta-sts.<domain> (127.0.0.1), and the domain's zone snippet ($INCLUDEd unchanged);
#   - your site (--site) or a tiny static server (--policy) serves the policy over HTTPS on 127.0.0.1:443 with one
#     certificate for every mta-sts.<domain> (a SAN each) from a throwaway certificate authority made for this run;
#   - mta-sts-query (Debian's postfix-mta-sts-resolver, the policy fetcher of a real mail server) looks up
#     _mta-sts.<domain> and fetches https://mta-sts.<domain>/.well-known/mta-sts.txt, trusting only that CA.
# Nothing touches the host's DNS or network: the namespace has only a loopback interface, and its own resolv.conf
# and hosts files (/etc/netns/<ns>/) send every name lookup to the Knot server inside it. Needs root.
#
# usage:
#   build/interop.sh check  --domain D --zone-snippet FILE (--policy FILE | --site CMD [--site-dir DIR])
#       one shot: up, query, verdict, down. Passes when the client reports the policy VALID under the id of the
#       snippet's _mta-sts record, and NOT_CHANGED when given that id.
#   build/interop.sh up     --domain D --zone-snippet FILE (--policy FILE | --site CMD [--site-dir DIR])
#       many domains (the multi-domain form of mta-sts.yaml, one site for all): repeat --domain D --zone-snippet FILE,
#       the Nth snippet belonging to the Nth domain; check then proves every domain (--policy serves one file to all)
#   build/interop.sh query  [DOMAIN [KNOWN_ID]]   run mta-sts-query in the namespace (DOMAIN defaults to the one up)
#   build/interop.sh dig    KDIG_ARGS...           run kdig @127.0.0.1 in the namespace, e.g. dig +short _smtp._tls.D TXT
#   build/interop.sh exec   COMMAND...             run any command in the namespace; SSL_CERT_FILE is the test CA,
#                                                  WORK/ca/ca.crt (for curl: --cacert WORK/ca/ca.crt)
#   build/interop.sh restart-site [--policy FILE | --site CMD [--site-dir DIR]]   serve a new policy
#   build/interop.sh reload-zone  [--zone-snippet FILE]...                       publish new zone snippets (one per domain)
#   build/interop.sh reload [both sets of options]
#       restart-site, then reload-zone: RFC 8461 section 8.1, the new policy is served before the new id
#   build/interop.sh logs                          print the end of the DNS server's and the site's logs
#   build/interop.sh down   [--keep]               stop every process by its id, delete the namespace and work dir
#   build/interop.sh prune                         take down every namespace this script made for an owner process
#                                                  that no longer runs (a killed test run); nothing else
# options for every command:
#   --ns NAME     network namespace (default mtasts-interop)
#   --work DIR    work directory: CA, zone, logs, process ids (default ${TMPDIR:-/tmp}/NAME)
#   --owner-pid PID  (up) the namespace belongs to that process: once it has exited, prune takes the namespace
#                 down. check's namespace belongs to check itself. Without it, only down removes the namespace.
#
#   D is the Policy Domain; an IDN is turned into its A-label (xn--...), which is what DNS, the certificate and the
#   client use. --site CMD is a shell command run in the namespace from DIR (default: the current directory) with
#   ASPNETCORE_URLS=https://127.0.0.1:443 and Kestrel__Certificates__Default__Path/KeyPath set to the test
#   certificate, e.g. --site "dotnet MySite.dll" --site-dir bin/Release/net10.0/publish.
#   --policy FILE serves that file (the build's wwwroot/.well-known/mta-sts.txt) as a static host would.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# knotd, knotc and ip live in sbin, which a non-login root shell may not have on PATH.
export PATH="$PATH:/usr/sbin:/sbin"
address=127.0.0.1

say() { echo "interop: $*"; }
die() { echo "interop: error: $*" >&2; exit 1; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

# --- arguments ----------------------------------------------------------------------------------------------------

command="${1:-}"
[ -n "$command" ] || { usage >&2; exit 2; }
shift

ns=""
work=""
domain_args=()
snippet_args=()
policy_arg=""
site_arg=""
site_dir_arg=""
keep=0
owner_pid=""
positional=()

while [ $# -gt 0 ]; do
  case "$1" in
    --ns) ns="${2:?--ns needs a name}"; shift 2 ;;
    --work) work="${2:?--work needs a directory}"; shift 2 ;;
    --domain) domain_args+=("${2:?--domain needs a domain}"); shift 2 ;;
    --zone-snippet) snippet_args+=("${2:?--zone-snippet needs a file}"); shift 2 ;;
    --policy) policy_arg="${2:?--policy needs a file}"; shift 2 ;;
    --site) site_arg="${2:?--site needs a command}"; shift 2 ;;
    --site-dir) site_dir_arg="${2:?--site-dir needs a directory}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --owner-pid) owner_pid="${2:?--owner-pid needs a process id}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    *) positional+=("$@"); break ;;
  esac
done

[ -z "$ns" ] || [[ "$ns" =~ ^[A-Za-z0-9_.-]{1,40}$ ]] || die "--ns '$ns': use letters, digits, '.', '_' and '-' only"
[ -z "$owner_pid" ] || [[ "$owner_pid" =~ ^[0-9]{1,10}$ ]] || die "--owner-pid '$owner_pid' is not a process id"
# check runs in a namespace of its own, so it never meets one that `up` left running.
[ -n "$ns" ] || { [ "$command" = check ] && ns="mtasts-check-$$" || ns=mtasts-interop; }
work="${work:-${TMPDIR:-/tmp}/$ns}"
state="$work/state"

# --- helpers ------------------------------------------------------------------------------------------------------

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, ports 53 and 443)"
}

require_tools() {
  local tool missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; install the packages in build/interop/ci-packages.txt"
}

# The A-label form of a domain (IDNA, as DNS and certificates carry it), lower case, no trailing dot.
a_label() {
  python3 -c 'import sys; print(sys.argv[1].rstrip(".").encode("idna").decode("ascii").lower())' "$1" \
    || die "'$1' is not a valid domain name"
}

# Runs a command inside the namespace with no proxy settings (everything must go to the servers in the namespace)
# and the test CA as the only CA that Python's ssl trusts (mta-sts-query); curl is given it with --cacert.
in_ns() {
  ip netns exec "$ns" env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY \
    SSL_CERT_FILE="$work/ca/ca.crt" "$@"
}

load_state() {
  [ -f "$state" ] || die "nothing is up for namespace '$ns' (no $state); run: build/interop.sh up ..."
  # shellcheck source=/dev/null
  source "$state"
}

# DOMAINS and SNIPPETS go in pairs (A-label, zone snippet); DOMAIN and SNIPPET are the first pair, the default of
# query and of the messages.
save_state() {
  {
    printf 'DOMAINS=(%s)\n' "$(printf '%q ' "${DOMAINS[@]}")"
    printf 'SNIPPETS=(%s)\n' "$(printf '%q ' "${SNIPPETS[@]}")"
    printf 'DOMAIN=%q\n' "${DOMAINS[0]}"
    printf 'SNIPPET=%q\n' "${SNIPPETS[0]:-}"
    printf 'POLICY=%q\n' "$POLICY"
    printf 'SITE=%q\n' "$SITE"
    printf 'SITE_DIR=%q\n' "$SITE_DIR"
    printf 'SERIAL=%q\n' "$SERIAL"
  } >"$state.tmp"
  mv "$state.tmp" "$state"
}

# Takes --zone-snippet/--policy/--site/--site-dir into the state variables: one snippet per domain, in order.
take_site_and_snippet_arguments() {
  local snippet
  if [ ${#snippet_args[@]} -gt 0 ]; then
    [ ${#snippet_args[@]} -eq ${#DOMAINS[@]} ] \
      || die "give one --zone-snippet per --domain, in the same order (${#DOMAINS[@]} domain(s), ${#snippet_args[@]} snippet(s))"
    SNIPPETS=()
    for snippet in "${snippet_args[@]}"; do
      [ -f "$snippet" ] || die "--zone-snippet $snippet does not exist"
      snippet="$(realpath "$snippet")"
      [[ "$snippet" != *[[:space:]]* ]] || die "the zone snippet's path must not contain spaces (\$INCLUDE): $snippet"
      SNIPPETS+=("$snippet")
    done
    SNIPPET="${SNIPPETS[0]}"
  fi
  [ -z "$policy_arg" ] || [ -z "$site_arg" ] || die "give either --policy or --site, not both"
  if [ -n "$policy_arg" ]; then
    [ -f "$policy_arg" ] || die "--policy $policy_arg does not exist"
    POLICY="$(realpath "$policy_arg")"
    SITE=""
    SITE_DIR=""
  elif [ -n "$site_arg" ]; then
    SITE="$site_arg"
    SITE_DIR="$(realpath "${site_dir_arg:-.}")"
    POLICY=""
  fi
}

# Stops one process we started, by its id: TERM, up to 10 s to exit, then KILL. Only if it is still in our
# namespace, so a recycled process id never hits an unrelated process.
stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  [ "$(ip netns identify "$pid" 2>/dev/null)" = "$ns" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  say "process $pid did not stop within 10 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# Bounded wait: runs "$@" every 0.25 s until it succeeds, at most $1 seconds.
wait_for() {
  local seconds="$1" i
  shift
  for i in $(seq 1 $((seconds * 4))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

# --- ownership ----------------------------------------------------------------------------------------------------

# The mark of a namespace this script made: /run/mtasts-interop/<ns>, with the work directory and the owner process
# (id and start time, so a recycled id is not mistaken for the owner). prune reads only namespaces that carry it. Not
# under /etc/netns/<ns>/: ip netns exec bind-mounts every file there over /etc. /run, like the namespaces, does not
# outlive a reboot.
mark_dir=/run/mtasts-interop
mark_file() { echo "$mark_dir/$1"; }

# The start time of a process (field 22 of /proc/PID/stat, counted after the parenthesised command name).
process_start() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  set -- $stat
  echo "${20}"
}

write_mark() {
  local start=""
  [ -z "$owner_pid" ] || start="$(process_start "$owner_pid")" || die "--owner-pid $owner_pid: no such process"
  mkdir -p "$mark_dir"
  {
    printf 'MARK_WORK=%q\n' "$work"
    printf 'MARK_OWNER_PID=%q\n' "$owner_pid"
    printf 'MARK_OWNER_START=%q\n' "$start"
  } >"$(mark_file "$ns")"
}

# Every marked namespace whose owner has exited goes down, like `down` (processes by id, namespace, resolver files,
# the marked work directory). Unmarked namespaces, and marked ones without an owner, are never touched.
do_prune() {
  local mark name MARK_WORK MARK_OWNER_PID MARK_OWNER_START removed=0
  for mark in "$mark_dir"/*; do
    [ -f "$mark" ] || continue
    name="$(basename "$mark")"
    MARK_WORK="" MARK_OWNER_PID="" MARK_OWNER_START=""
    # shellcheck source=/dev/null
    source "$mark"
    [ -n "$MARK_OWNER_PID" ] || continue
    [ "$(process_start "$MARK_OWNER_PID" 2>/dev/null)" != "$MARK_OWNER_START" ] || continue
    say "namespace $name: its owner (pid $MARK_OWNER_PID) has exited; taking it down"
    ( ns="$name"; work="$MARK_WORK"; keep=0; do_down )
    removed=$((removed + 1))
  done
  say "prune: $removed namespace(s) removed"
}

# --- certificate authority ----------------------------------------------------------------------------------------

# A CA that exists only for this run, and one certificate for every mta-sts.<domain> (RFC 8461 section 3.3: a DNS-ID
# for each Policy Host, chaining to a CA the sender trusts, not expired), as one SAN certificate covers many domains.
# Valid for 90 days, like a real one: within 21 days `mta-sts check` warns that it expires soon (MTASTS7030).
make_ca() {
  local dir="$work/ca" host="mta-sts.$DOMAIN" names="" d
  for d in "${DOMAINS[@]}"; do names="${names:+$names, }DNS:mta-sts.$d"; done
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
    -subj "/CN=MtaSts.Build interop test CA (throwaway)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=$host" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  cat >"$dir/server.ext" <<EOF
subjectAltName = $names
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
EOF
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 90 \
    -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
  openssl verify -CAfile "$dir/ca.crt" "$dir/server.crt" >/dev/null || die "the test certificate does not verify"
}

# --- DNS ----------------------------------------------------------------------------------------------------------

# Each domain's zone as a DNS host would have it: header records, the policy host's address, its snippet unchanged.
write_zones() {
  local i
  for i in "${!DOMAINS[@]}"; do
    DOMAIN="${DOMAINS[$i]}" SNIPPET="${SNIPPETS[$i]}" write_zone
  done
}

write_zone() {
  mkdir -p "$work/zone"
  cat >"$work/zone/$DOMAIN.zone" <<EOF
; Zone $DOMAIN for the interop run (build/interop.sh): the header records a DNS host already has,
; the address of the policy host, and the MTA-STS zone snippet included unchanged.
\$ORIGIN $DOMAIN.
\$TTL 300
@        IN SOA ns.$DOMAIN. hostmaster.$DOMAIN. ( $SERIAL 3600 600 86400 300 )
@        IN NS  ns.$DOMAIN.
ns       IN A   $address
mta-sts  IN A   $address
\$INCLUDE $SNIPPET
EOF

  # The snippet on its own terms: no \$ORIGIN or \$TTL for it to lean on, and included under a foreign origin, so a
  # relative owner name lands outside the zone and a missing TTL draws a warning instead of silently working.
  cat >"$work/zone/$DOMAIN.snippet-check" <<EOF
$DOMAIN. 300 IN SOA ns.$DOMAIN. hostmaster.$DOMAIN. 1 3600 600 86400 300
$DOMAIN. 300 IN NS ns.$DOMAIN.
ns.$DOMAIN. 300 IN A $address
\$INCLUDE $SNIPPET invalid.
EOF
}

# Both reference parsers must accept both zones without a single warning: Knot's (kzonecheck, the server that serves
# it) and BIND's (named-checkzone).
check_zones() {
  local i
  for i in "${!DOMAINS[@]}"; do
    DOMAIN="${DOMAINS[$i]}" SNIPPET="${SNIPPETS[$i]}" check_zone
  done
}

check_zone() {
  local file output
  for file in "$work/zone/$DOMAIN.zone" "$work/zone/$DOMAIN.snippet-check"; do
    output="$(kzonecheck -o "$DOMAIN." "$file" 2>&1)" || die "kzonecheck rejects $file:"$'\n'"$output"
    output="$(named-checkzone -k fail "$DOMAIN" "$file" 2>&1)" || die "named-checkzone rejects $file:"$'\n'"$output"
    if [ "$(printf '%s\n' "$output" | grep -cv -e '^zone .*: loaded serial [0-9]*$' -e '^OK$')" -ne 0 ]; then
      die "named-checkzone warns about $file (the snippet must stand on its own: absolute names, explicit TTL):"$'\n'"$output"
    fi
  done
  # RFC 1035 master-file form the snippet promises: every record line has an absolute owner, a TTL and class IN.
  output="$(grep -v -e '^[[:space:]]*;' -e '^[[:space:]]*$' "$SNIPPET" \
    | grep -Ev '^[^[:space:];]+\.[[:space:]]+[0-9]+[[:space:]]+IN[[:space:]]+[A-Z]+[[:space:]]' || true)"
  [ -z "$output" ] || die "zone snippet lines without 'NAME. TTL IN TYPE':"$'\n'"$output"
}

write_knot_conf() {
  mkdir -p "$work/knot/db"
  cat >"$work/knot/knot.conf" <<EOF
server:
    rundir: "$work/knot"
    listen: $address@53
log:
  - target: stderr
    any: info
database:
    storage: "$work/knot/db"
control:
    listen: "$work/knot/knot.sock"
template:
  - id: default
    storage: "$work/zone"
    file: "%s.zone"
    semantic-checks: on
    zonefile-load: whole
    zonefile-sync: -1
    journal-content: none
zone:
$(printf '  - domain: %s.\n' "${DOMAINS[@]}")
EOF
}

# Every domain's zone is served with that serial.
serves_serial() {
  local d
  for d in "${DOMAINS[@]}"; do
    [ "$(in_ns kdig "@$address" +short +norecurse +timeout=1 +retry=0 SOA "$d." | awk '{print $3}')" = "$1" ] || return 1
  done
}

start_dns() {
  write_knot_conf
  ip netns exec "$ns" knotd -c "$work/knot/knot.conf" </dev/null >>"$work/logs/knotd.log" 2>&1 &
  echo $! >"$work/pids/knotd"
  wait_for 20 serves_serial "$SERIAL" || { tail -n 30 "$work/logs/knotd.log" >&2; die "Knot does not serve ${DOMAINS[*]}"; }
  say "Knot DNS (pid $(cat "$work/pids/knotd")) serves $(printf '%s. ' "${DOMAINS[@]}")on $address:53, serial $SERIAL"
}

reload_dns() {
  ip netns exec "$ns" knotc -s "$work/knot/knot.sock" -b zone-reload $(printf '%s. ' "${DOMAINS[@]}") >/dev/null
  wait_for 20 serves_serial "$SERIAL" || { tail -n 30 "$work/logs/knotd.log" >&2; die "Knot did not load serial $SERIAL"; }
  say "Knot DNS reloaded $(printf '%s. ' "${DOMAINS[@]}")serial $SERIAL"
}

# --- HTTPS --------------------------------------------------------------------------------------------------------

policy_url() { echo "https://mta-sts.${1:-$DOMAIN}/.well-known/mta-sts.txt"; }

site_answers() {
  local pid
  pid="$(cat "$work/pids/site")"
  kill -0 "$pid" 2>/dev/null || return 2
  in_ns curl -sS -o /dev/null --max-time 2 --cacert "$work/ca/ca.crt" "$(policy_url)" 2>"$work/logs/curl.err"
}

start_site() {
  local dir
  if [ -n "$POLICY" ]; then
    dir="$work"
    set -- python3 "$here/interop/policy-server.py" --policy "$POLICY" \
      --cert "$work/ca/server.crt" --key "$work/ca/server.key" --address "$address" --port 443
  else
    dir="$SITE_DIR"
    set -- bash -c "exec $SITE"
  fi
  # ip netns exec, env and bash all exec: the recorded id is the server's own.
  (cd "$dir" && exec ip netns exec "$ns" env \
    ASPNETCORE_URLS="https://$address:443" \
    Kestrel__Certificates__Default__Path="$work/ca/server.crt" \
    Kestrel__Certificates__Default__KeyPath="$work/ca/server.key" \
    "$@") </dev/null >>"$work/logs/site.log" 2>&1 &
  echo $! >"$work/pids/site"
  local i answer d
  for i in $(seq 1 240); do
    answer=0
    site_answers || answer=$?
    if [ $answer -eq 0 ]; then
      for d in "${DOMAINS[@]}"; do
        say "site (pid $(cat "$work/pids/site")) answers at $(policy_url "$d"):"
        in_ns curl -sS -D - -o /dev/null --max-time 5 --cacert "$work/ca/ca.crt" "$(policy_url "$d")" | tr -d '\r' \
          | grep -Ei '^(HTTP/|content-type:|content-length:|location:)' | sed 's/^/interop:   /'
      done
      return 0
    fi
    [ $answer -ne 2 ] || { say "the site exited"; break; }
    sleep 0.25
  done
  tail -n 40 "$work/logs/site.log" >&2
  cat "$work/logs/curl.err" >&2
  die "the site did not answer at $(policy_url) within 60 s"
}

stop_site() {
  if [ -f "$work/pids/site" ]; then
    stop_pid "$(cat "$work/pids/site")"
    rm -f "$work/pids/site"
  fi
}

# --- commands -----------------------------------------------------------------------------------------------------

do_down() {
  local pidfile pid
  if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
    # First what we started, by the ids we recorded; then anything else left in the namespace (its children).
    for pidfile in "$work"/pids/*; do
      if [ -f "$pidfile" ]; then stop_pid "$(cat "$pidfile")"; fi
    done
    for pid in $(ip netns pids "$ns"); do
      stop_pid "$pid"
    done
    [ -z "$(ip netns pids "$ns")" ] || die "processes still in namespace $ns: $(ip netns pids "$ns" | tr '\n' ' ')"
    ip netns del "$ns"
  fi
  rm -rf "/etc/netns/$ns"
  rm -f "$(mark_file "$ns")"
  if [ "$keep" -eq 1 ] || [ ! -f "$work/.mtasts-interop" ]; then
    rm -rf "$work/pids"
    say "namespace $ns removed; kept $work"
  else
    rm -rf "$work"
    say "namespace $ns removed"
  fi
}

do_up() {
  require_root
  require_tools ip knotd knotc kdig kzonecheck named-checkzone openssl curl python3 mta-sts-query
  [ ${#domain_args[@]} -gt 0 ] || die "up needs --domain"
  [ ${#snippet_args[@]} -gt 0 ] || die "up needs --zone-snippet"
  [ -n "$policy_arg" ] || [ -n "$site_arg" ] || die "up needs --policy FILE or --site COMMAND"
  ! ip netns list | awk '{print $1}' | grep -qx "$ns" || die "namespace $ns exists; run: build/interop.sh down --ns $ns"
  [ ! -e "$state" ] || die "$work is in use; run: build/interop.sh down --ns $ns"
  [ ! -e "$work" ] || [ -z "$(ls -A "$work")" ] || die "$work exists and is not empty; give another --work"

  local d
  DOMAINS=()
  for d in "${domain_args[@]}"; do DOMAINS+=("$(a_label "$d")"); done
  [ -z "$(printf '%s\n' "${DOMAINS[@]}" | sort | uniq -d)" ] || die "a --domain is given twice: ${DOMAINS[*]}"
  DOMAIN="${DOMAINS[0]}"
  SNIPPETS=() SNIPPET="" POLICY="" SITE="" SITE_DIR="" SERIAL=1
  take_site_and_snippet_arguments
  mkdir -p "$work/pids" "$work/logs"
  touch "$work/.mtasts-interop"   # down deletes only a work directory that carries this mark
  save_state

  # Whatever fails from here on, or interrupts it, nothing stays behind.
  trap 'status=$?; if [ $status -ne 0 ]; then say "up failed; cleaning up"; keep=0; do_down; fi' EXIT
  trap 'exit 130' INT TERM HUP

  make_ca
  write_zones
  check_zones
  say "zone snippet(s) $(printf '%s ' "${SNIPPETS[@]}")pass kzonecheck and named-checkzone"

  # The mark first: a run killed from here on leaves a namespace that prune recognises.
  write_mark
  ip netns add "$ns"
  ip netns exec "$ns" ip link set lo up
  mkdir -p "/etc/netns/$ns"
  printf 'nameserver %s\noptions timeout:1 attempts:2\n' "$address" >"/etc/netns/$ns/resolv.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' >"/etc/netns/$ns/hosts"
  say "namespace $ns: loopback only, resolver $address (Knot)"

  start_dns
  start_site
  trap - EXIT INT TERM HUP
  say "up: ${DOMAINS[*]} in namespace $ns (work dir $work)"
}

# A new policy: the site is restarted to serve it (after a rebuild, or with --policy/--site).
do_restart_site() {
  require_root
  load_state
  take_site_and_snippet_arguments
  save_state
  stop_site
  start_site
}

# A new zone snippet (the same file rewritten by a build, or --zone-snippet): the zone is checked, its serial
# raised, and Knot reloads it.
do_reload_zone() {
  require_root
  load_state
  take_site_and_snippet_arguments
  SERIAL=$((SERIAL + 1))
  write_zones
  check_zones
  save_state
  reload_dns
}

# Both, in the order of RFC 8461 section 8.1: serve the new policy before publishing the new id.
do_reload() {
  do_restart_site
  do_reload_zone
}

# mta-sts-query [DOMAIN [KNOWN_ID]]: prints (result, (id, policy)) as the resolver daemon would see it.
do_query() {
  load_state
  in_ns mta-sts-query -v warn "${1:-$DOMAIN}" ${2:+"$2"}
}

do_dig() {
  load_state
  in_ns kdig "@$address" +timeout=2 +retry=0 "$@"
}

do_exec() {
  load_state
  [ $# -gt 0 ] || die "exec needs a command"
  in_ns "$@"
}

do_logs() {
  local log
  for log in "$work"/logs/*.log; do
    [ -f "$log" ] || continue
    echo "----- $log (last 40 lines)"
    tail -n 40 "$log"
  done
}

# One shot for a user's own files: up, ask the client about every domain, compare with its snippet's id, down (also
# on failure).
do_check() {
  local i d snippet id result verdict=0 tlsrpt
  [ ${#snippet_args[@]} -gt 0 ] || die "check needs --zone-snippet"

  owner_pid=$$
  ( do_up ) || exit 1
  trap 'keep=0; do_down' EXIT
  trap 'exit 130' INT TERM HUP
  source "$state"

  for i in "${!DOMAINS[@]}"; do
    # d and snippet, not DOMAIN and SNIPPET: do_query and do_dig read the state anew.
    d="${DOMAINS[$i]}" snippet="${SNIPPETS[$i]}"
    id="$(sed -n 's/^_mta-sts\.[^ ]* .*"v=STSv1; *id=\([A-Za-z0-9]*\);\{0,1\}".*/\1/p' "$snippet" | head -n 1)"
    if [ -z "$id" ]; then
      say "FAIL: no _mta-sts TXT record with an id in $snippet"
      verdict=1
      continue
    fi

    result="$(do_query "$d" 2>&1)"
    say "mta-sts-query $d"
    echo "$result"
    if [[ "$result" == "(<STSFetchResult.VALID: 1>, ('$id', {"* ]]; then
      say "VALID under id $id, the id of the zone snippet"
    else
      say "FAIL: expected VALID under id $id"
      verdict=1
    fi

    result="$(do_query "$d" "$id" 2>&1)"
    say "mta-sts-query $d $id"
    echo "$result"
    if [ "$result" = "(<STSFetchResult.NOT_CHANGED: 3>, None)" ]; then
      say "NOT_CHANGED given that id"
    else
      say "FAIL: expected NOT_CHANGED given id $id"
      verdict=1
    fi

    if grep -q '^_smtp\._tls\.' "$snippet"; then
      tlsrpt="$(do_dig +short "_smtp._tls.$d." TXT)"
      say "_smtp._tls.$d. TXT $tlsrpt"
      [[ "$tlsrpt" == '"v=TLSRPTv1;'* ]] || { say "FAIL: expected a v=TLSRPTv1 record"; verdict=1; }
    fi
  done

  [ $verdict -eq 0 ] && say "check: PASS" || say "check: FAIL"
  return $verdict
}

case "$command" in
  up) do_up ;;
  down) require_root; do_down ;;
  prune) require_root; do_prune ;;
  reload) do_reload ;;
  restart-site) do_restart_site ;;
  reload-zone) do_reload_zone ;;
  query) do_query "${positional[@]}" ;;
  dig) do_dig "${positional[@]}" ;;
  exec) do_exec "${positional[@]}" ;;
  logs) do_logs ;;
  check) require_root; do_check ;;
  -h|--help|help) usage ;;
  *) echo "interop: unknown command '$command'" >&2; usage >&2; exit 2 ;;
esac
