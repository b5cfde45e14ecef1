# shellcheck shell=bash
# server.sh: the archive server (start, stop, status), and reindex / verify, which run its jar
# in command mode.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- server

server_jar() {
  local f
  for f in "$ROOT"/vna-server/target/vna-server-*.jar; do
    [ -f "$f" ] || continue
    case $f in *-sources.jar | *-javadoc.jar | *-tests.jar | *-plain.jar) continue ;; esac
    echo "$f"; return 0
  done
  return 1
}

# What the server and the maintenance commands (reindex, verify) share: the same blob store and
# index. Anything else comes from the same application.properties / environment for both.
SERVER_CONFIG=(--vna.storage.fs.root="$DATA/blobs" --vna.ingest.log.directory="$DATA/ingest-log"
  --vna.elasticsearch.url="http://127.0.0.1:$ES_PORT")

# Where this machine reaches an address the server listens on: itself, or loopback for "every interface".
connect_host() {
  case "$1" in
    0.0.0.0 | '*') echo 127.0.0.1 ;;
    :: | '[::]') echo '[::1]' ;;
    *:*) echo "[$1]" ;;
    *) echo "$1" ;;
  esac
}

# HTTPS (VNA_HTTPS=1): a Spring Boot SSL bundle of PEM files under data/security/, a development
# certificate made on the first such start (self-signed, owner-only); curl trusts exactly it.
HTTP_SCHEME=http
HTTPS_CERT=$DATA/security/http-tls.crt
HTTPS_KEY=$DATA/security/http-tls.key
CURL_TLS=()
HTTPS_CONFIG=()
if [ "$HTTPS" = 1 ]; then
  HTTP_SCHEME=https
  CURL_TLS=(--cacert "$HTTPS_CERT")
  HTTPS_CONFIG=(--server.ssl.bundle=vna-http
    --spring.ssl.bundle.pem.vna-http.keystore.certificate="file:$HTTPS_CERT"
    --spring.ssl.bundle.pem.vna-http.keystore.private-key="file:$HTTPS_KEY")
fi
http_base() { echo "$HTTP_SCHEME://$(connect_host "$HTTP_ADDRESS"):$HTTP_PORT"; }
server_health_url() { echo "$(http_base)/actuator/health"; }

# The development certificate: EC P-256, valid 825 days, for localhost, the loopback addresses,
# this host's name and the address HTTP listens on. Made once; delete both files to make a new one.
http_tls_ensure() {
  [ "$HTTPS" = 1 ] || return 0
  [ -s "$HTTPS_CERT" ] && [ -s "$HTTPS_KEY" ] && return 0
  need_command openssl openssl
  local san="DNS:localhost,IP:127.0.0.1,IP:::1" host
  host=$(hostname 2>/dev/null || true)
  case $host in '' | localhost) ;; *) san="$san,DNS:$host" ;; esac
  case $HTTP_ADDRESS in
    127.0.0.1 | ::1 | 0.0.0.0 | :: | '*' | localhost) ;;
    *[!0-9.:a-fA-F]*) san="$san,DNS:$HTTP_ADDRESS" ;;
    *) san="$san,IP:$HTTP_ADDRESS" ;;
  esac
  mkdir -p "$DATA/security" && chmod 700 "$DATA/security"
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
    -subj "/CN=Vesalius development certificate" -addext "subjectAltName=$san" \
    -keyout "$HTTPS_KEY.tmp" -out "$HTTPS_CERT.tmp" >/dev/null 2>&1) || die "openssl could not make a certificate in ${HTTPS_CERT%/*}"
  mv "$HTTPS_KEY.tmp" "$HTTPS_KEY" && mv "$HTTPS_CERT.tmp" "$HTTPS_CERT"
  # The server's user (root starts it as another) must read them; data/security may be its already.
  [ "$(id -u)" -ne 0 ] || chown "$(es_run_user):$(es_run_user)" "$HTTPS_KEY" "$HTTPS_CERT"
  say "HTTPS: development certificate ${HTTPS_CERT#"$ROOT"/} ($san; owner-only, self-signed: trust it in your client, e.g. curl --cacert)"
}

# The embedded issuer's clients and users (vna-server/README.md, "Security"): made once, owner-only,
# with generated secrets, under data/ (never committed). `./vna token` reads it.
ISSUER_FILE=$DATA/security/issuer.properties
ISSUER_URI=$(http_base)
SECURITY_CONFIG=(--vna.security.enabled=true --vna.security.embedded-issuer.enabled=true
  --vna.security.embedded-issuer.file="$ISSUER_FILE" --vna.security.issuer-uri="$ISSUER_URI")
# VNA_SECURITY=off: HTTP without tokens, for a benchmark that compares engines on loopback
# (bench/archive; the cost of tokens is measured on its own in bench/security). Never on another
# address: a web page in the user's browser can reach loopback, but nothing else can.
if [ "${VNA_SECURITY:-on}" = off ]; then
  case $HTTP_ADDRESS in
    127.* | ::1 | localhost) SECURITY_CONFIG+=(--vna.security.enabled=false) ;;
    *) die "VNA_SECURITY=off is for a loopback VNA_HTTP_ADDRESS only (it is $HTTP_ADDRESS)" ;;
  esac
elif [ "${VNA_SECURITY:-on}" != on ]; then
  die "VNA_SECURITY is on (the default) or off, not ${VNA_SECURITY}"
fi

new_secret() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='; }

issuer_file_ensure() {
  [ -f "$ISSUER_FILE" ] && return 0
  mkdir -p "$DATA/security" && chmod 700 "$DATA/security"
  (umask 077 && cat >"$ISSUER_FILE.tmp" <<EOF
# The embedded issuer of ./vna start: clients and users (vna-server/README.md, "Security").
# Generated once by ./vna start; edit and restart the server to change it. Keep it owner-only.
# scripts: ./vna token (default client); checks: the shared checks (./vna token checks);
# demo-data: stores the demo studies; ohif-viewer: the viewer's login (authorization code + PKCE).
client.scripts.secret={noop}$(new_secret)
client.scripts.grants=client_credentials
client.scripts.roles=admin,reader
client.checks.secret={noop}$(new_secret)
client.checks.grants=client_credentials
client.checks.roles=reader
client.demo-data.secret={noop}$(new_secret)
client.demo-data.grants=client_credentials
client.demo-data.roles=ingest
client.ohif-viewer.grants=authorization_code
client.ohif-viewer.redirect-uris=http://127.0.0.1:$HTTP_PORT/viewer/callback,http://localhost:$HTTP_PORT/viewer/callback,https://127.0.0.1:$HTTP_PORT/viewer/callback,https://localhost:$HTTP_PORT/viewer/callback
client.ohif-viewer.scopes=openid,profile
user.admin.password={noop}$(new_secret)
user.admin.roles=admin,reader
EOF
  ) && mv "$ISSUER_FILE.tmp" "$ISSUER_FILE"
  say "embedded issuer: clients and users generated in ${ISSUER_FILE#"$ROOT"/} (owner-only)"
}

# ./vna token [CLIENT]: a bearer token of the running server's embedded issuer for CLIENT (client
# credentials grant), on standard output, with the client's registered scopes (client.CLIENT.scopes:
# SMART scopes such as patient/ImagingStudy.rs) and, when the file gives one, its patient context.
# The secret goes to curl on its standard input, not in its arguments (which other users can see).
cmd_token() {
  local client=${1:-scripts} secret scopes response token
  [[ $client =~ ^[A-Za-z0-9_-]+$ ]] || die "not a client name: $client"
  [ -r "$ISSUER_FILE" ] || die "no ${ISSUER_FILE#"$ROOT"/}: ./vna start creates it (the embedded issuer's clients)"
  secret=$(sed -n "s/^client\.$client\.secret={noop}//p" "$ISSUER_FILE" | tail -1)
  [ -n "$secret" ] || die "client $client has no plain ({noop}) secret in ${ISSUER_FILE#"$ROOT"/}"
  scopes=$(sed -n "s/^client\.$client\.scopes=//p" "$ISSUER_FILE" | tail -1 | tr ',' ' ' | tr -s ' ' | sed 's/^ //; s/ $//')
  response=$(printf 'user = "%s:%s"\n' "$client" "$secret" |
    curl "${CURL_TLS[@]}" -sS --max-time 10 -K - -d grant_type=client_credentials ${scopes:+--data-urlencode "scope=$scopes"} \
      "$ISSUER_URI/oauth2/token") ||
    die "the embedded issuer at $ISSUER_URI does not answer (./vna start)"
  token=$(printf '%s' "$response" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || die "no token for client $client: $response"
  printf '%s\n' "$token"
}

# Up = alive (liveness): the server accepts C-STORE and STOW-RS even while Elasticsearch is down
# (instances are queued for indexing). Ready = readiness: blob store and index both answer.
server_up() { curl "${CURL_TLS[@]}" -fsS --max-time 5 -o /dev/null "$(server_health_url)/liveness" 2>/dev/null; }
server_ready() { curl "${CURL_TLS[@]}" -fsS --max-time 5 -o /dev/null "$(server_health_url)/readiness" 2>/dev/null; }

server_start() {
  local jar app pid t0=$SECONDS mark
  jar=$(server_jar) || return 1
  if pid=$(pid_from "$SERVER_PID" vna-server); then
    say "vna-server already running (pid $pid)"
    return 0
  fi
  port_open "$HTTP_PORT" && die "port $HTTP_PORT is taken by another process (not ours); stop it or set VNA_HTTP_PORT"
  port_open "$HL7_PORT" && die "port $HL7_PORT (HL7 MLLP) is taken by another process (not ours); stop it or set VNA_HL7_PORT"
  mkdir -p "$DATA/blobs" "$DATA/ingest-log" "$DATA/audit" "$DATA/hl7" "$LOGS" "$RUN"
  chmod 700 "$DATA/blobs" "$DATA/ingest-log" "$DATA/audit" "$DATA/hl7"
  issuer_file_ensure
  http_tls_ensure
  # Owner-only: the log names patients' UIDs; the server's own files get umask 077 below.
  touch "$SERVER_LOG" && chmod 600 "$SERVER_LOG"
  mark=$(file_size "$SERVER_LOG")
  say "starting vna-server (${jar#"$ROOT"/}; log ${SERVER_LOG#"$ROOT"/})"
  # Run an extracted copy: a rebuild of target/ while the server runs must not pull classes from
  # under it, and classes loaded from plain jars (not nested ones) can go into the AOT cache.
  app=$(server_app "$jar") || die "cannot extract ${jar#"$ROOT"/} into ${AOT_DIR#"$ROOT"/}"
  server_aot_options "$app"
  server_run_as_service_user "$app"
  # An OutOfMemoryError may leave a thread (an HTTP client's I/O reactor, say) dead in a process
  # that looks alive: exit instead, so a supervisor restarts it and the catch-up indexes the rest.
  # shellcheck disable=SC2086  # VNA_*_JAVA_OPTS holds several JVM options: split on blanks on purpose
  (umask 077 && cd "${STATE_HOME:-$ROOT}" && exec setsid "${SERVER_AS[@]}" java -XX:+ExitOnOutOfMemoryError "${SERVER_AOT_OPTS[@]}" ${VNA_SERVER_JAVA_OPTS:-} -jar "$app" \
    "${SERVER_CONFIG[@]}" "${SECURITY_CONFIG[@]}" "${HTTPS_CONFIG[@]}" \
    --server.address="$HTTP_ADDRESS" --server.port="$HTTP_PORT" \
    --vna.dicom.bind-address="$DICOM_ADDRESS" --vna.dicom.port="$DICOM_PORT" --vna.dicom.ae-title="$AET" \
    --vna.hl7.enabled=true --vna.hl7.bind-address="$HL7_ADDRESS" --vna.hl7.port="$HL7_PORT" --vna.hl7.log-directory="$DATA/hl7" \
    --vna.audit.enabled=true --vna.audit.queue-directory="$DATA/audit" \
    --vna.viewer.directory="$VIEWER_APP") </dev/null >>"$SERVER_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$SERVER_PID"
  while ! server_up; do
    if ! pid_alive "$pid"; then
      rm -f "$SERVER_PID"
      tail_log "$SERVER_LOG" 40 "$mark"
      die "vna-server exited during start-up"
    fi
    if [ $((SECONDS - t0)) -ge "$SERVER_TIMEOUT" ]; then
      tail_log "$SERVER_LOG" 40 "$mark"
      stop_pid vna-server "$pid" >&2 || true
      rm -f "$SERVER_PID"
      die "vna-server not alive at $(server_health_url)/liveness after $SERVER_TIMEOUT s (VNA_SERVER_TIMEOUT)"
    fi
    sleep 1
  done
  say "vna-server up in $((SECONDS - t0)) s (pid $pid)"
  server_ready || say "vna-server is not ready yet (blob store or index not answering): see $(server_health_url)"
}

# ---------------------------------------------------------------------------- extracted jar, AOT cache

# The server runs from its jar extracted (Spring Boot's jarmode=tools: the application jar plus
# lib/) into AOT_DIR/app-KEY, KEY naming the jar (size, time, name): a rebuild of target/ while
# the server runs cannot pull classes from under it, classes loaded from plain jars (not nested
# ones) can go into an AOT cache, and that cache stays valid because the class path of every
# start with this jar is the same. The three newest app directories are kept.
AOT_DIR=${VNA_AOT_DIR:-$RUN/aot}
server_app() {  # jar -> the application jar to run
  local jar=$1 key dir tmp f
  key=$(stat -c '%s %Y %n' "$jar" | sha256sum | cut -c1-12)
  dir=$AOT_DIR/app-$key
  if [ ! -f "$dir/.complete" ]; then
    mkdir -p "$AOT_DIR"
    tmp=$(mktemp -d "$AOT_DIR/.app.XXXXXX")
    if ! java -Djarmode=tools -jar "$jar" extract --destination "$tmp/app" >"$tmp/extract.log" 2>&1 &&
       ! { rm -rf "$tmp/app"; java -Djarmode=tools -jar "$jar" extract --destination "$tmp/app" >"$tmp/extract.log" 2>&1; }; then
      cat "$tmp/extract.log" >&2; rm -rf "$tmp"; return 1
    fi
    touch "$tmp/app/.complete"
    # An atomic rename; when another start got there first, its copy (the same jar) stays.
    mv -T "$tmp/app" "$dir" 2>/dev/null || true
    rm -rf "$tmp"
    find "$AOT_DIR" -maxdepth 1 -name 'app-*' -type d -printf '%T@ %p\n' | sort -rn | tail -n +4 | cut -d' ' -f2- \
      | while read -r f; do rm -rf "$f"; done
  fi
  for f in "$dir"/*.jar; do [ -f "$f" ] && { echo "$f"; return 0; }; done
  return 1
}

# JVM options for start-up and warm-up (SERVER_AOT_OPTS): with JDK 25+ an AOT cache (JEP 514/515:
# classes loaded and linked, method profiles), on JDK 19-24 a dynamic CDS archive, beside the
# extracted jars and keyed on the JDK. The first start with a new jar or JDK is the training run:
# the cache is written when that server stops normally (./vna stop), later starts use it. A cache
# the JVM cannot use (other JVM options, a damaged file) is ignored by the JVM with a warning in
# the server log. VNA_AOT=off: none of it.
SERVER_AOT_OPTS=()
AOT_FILE=""
server_aot_paths() {  # application jar; sets AOT_FILE (empty: this JDK has neither) and AOT_MAJOR
  local key
  AOT_FILE=""
  AOT_MAJOR=$(java_major "$JAVA_HOME") || return 0
  [ "$AOT_MAJOR" -ge 19 ] || return 0
  key=$(java -version 2>&1 | sha256sum | cut -c1-12)
  if [ "$AOT_MAJOR" -ge 25 ]; then AOT_FILE=$(dirname "$1")/vna-server-$key.aot
  else AOT_FILE=$(dirname "$1")/vna-server-$key.jsa; fi
}

server_aot_options() {  # application jar
  SERVER_AOT_OPTS=()
  rm -f "$RUN/vna-server.aot-training"
  [ "${VNA_AOT:-auto}" != off ] || return 0
  server_aot_paths "$1"
  [ -n "$AOT_FILE" ] || return 0
  if [ "$AOT_MAJOR" -lt 25 ]; then
    SERVER_AOT_OPTS=(-XX:SharedArchiveFile="$AOT_FILE" -XX:+AutoCreateSharedArchive)
  elif [ -s "$AOT_FILE" ]; then
    SERVER_AOT_OPTS=(-XX:AOTCache="$AOT_FILE")
    say "vna-server uses the AOT cache ${AOT_FILE#"$ROOT"/}"
  else
    # -Xlog: the training run lists every class it cannot archive (proxies, ...): keep the log readable.
    SERVER_AOT_OPTS=(-XX:AOTCacheOutput="$AOT_FILE" -Xlog:aot=error -Xlog:cds=error)
    echo "$AOT_FILE" >"$RUN/vna-server.aot-training"
    say "vna-server trains its AOT cache in this run: written to ${AOT_FILE#"$ROOT"/} when it stops"
  fi
}

# Run by root, the server runs as the unprivileged $ES_USER (the user Elasticsearch runs as), owner
# of the blobs, the ingest log, the audit queue, the HL7 message log and the AOT cache; setpriv execs (no extra process), so the pid file
# holds the JVM's pid.
SERVER_AS=()
server_run_as_service_user() {  # application jar
  SERVER_AS=()
  [ "$(id -u)" -eq 0 ] || return 0
  local user d
  user=$(es_run_user)
  [ -z "$STATE_HOME" ] || chmod 755 "$(dirname "$STATE_HOME")" "$STATE_HOME" 2>/dev/null || true
  for d in "$DATA" "$DATA/blobs" "$DATA/ingest-log" "$DATA/audit" "$DATA/hl7" "$DATA/security" "$AOT_DIR" "$(dirname "$1")"; do
    mkdir -p "$d"
    # Recursively only when it is not the user's yet (an existing store from a root-run server).
    [ "$(stat -c %U "$d")" = "$user" ] || chown -R "$user:$user" "$d"
  done
  as_es_user test -r "$1" 2>/dev/null ||
    die "user $user cannot read $1: $(unreachable_hint "$1") is not traversable for it (VNA_RUN_DIR)"
  SERVER_AS=(setpriv --reuid="$user" --regid="$user" --init-groups)
  say "vna-server runs as user $user"
}

server_stop() {
  local pid training=""
  [ -f "$RUN/vna-server.aot-training" ] && training=$(cat "$RUN/vna-server.aot-training")
  if pid=$(pid_from "$SERVER_PID" vna-server); then
    if [ -n "$training" ]; then
      # The training run writes the AOT cache as it exits (a child JVM assembles it): allow time.
      say "vna-server writes its AOT cache on exit (${training#"$ROOT"/})"
      STOP_TIMEOUT=$((STOP_TIMEOUT + ${VNA_AOT_TIMEOUT:-180})) stop_pid vna-server "$pid"
      if [ -s "$training" ]; then say "AOT cache written: ${training#"$ROOT"/}"
      else say "no AOT cache written (see $SERVER_LOG)"; fi
    else
      stop_pid vna-server "$pid"
    fi
  elif server_jar >/dev/null; then
    say "vna-server not running"
  fi
  rm -f "$SERVER_PID" "$RUN/vna-server.aot-training"
}

print_urls() {
  cat <<EOF
vna:   Elasticsearch  http://127.0.0.1:$ES_PORT  (single node, security disabled, loopback only)
EOF
  if server_jar >/dev/null; then
    cat <<EOF
vna:   DICOM DIMSE    $(connect_host "$DICOM_ADDRESS"):$DICOM_PORT  AE title $AET  (listening on $DICOM_ADDRESS, VNA_DICOM_ADDRESS)
vna:   DICOMweb       $(http_base)/dicomweb  (STOW-RS POST /studies, QIDO-RS GET /studies /series /instances)
vna:   HTTP           listening on $HTTP_ADDRESS port $HTTP_PORT (VNA_HTTP_ADDRESS)$([ "$HTTPS" = 1 ] && echo ", HTTPS (VNA_HTTPS), certificate ${HTTPS_CERT#"$ROOT"/}")
vna:   Health         $(server_health_url)  (status: $(http_base)/api/status)
EOF
    if [ "${VNA_SECURITY:-on}" = off ]; then
      say "  Tokens         NOT required on HTTP (VNA_SECURITY=off; loopback only)"
    else
      say "  Tokens         required on HTTP: ./vna token [CLIENT] prints one; clients and users (viewer login: admin) in ${ISSUER_FILE#"$ROOT"/}"
    fi
    if viewer_installed; then
      say "  Viewer         $(http_base)/viewer/  (OHIF $(sed -n 's:.*ohif-app-\([^"/]*\)".*:\1:p' "$VIEWER_APP/vesalius-viewer.json"))"
      if server_up; then print_viewer_login; print_demo_links; fi
    else
      say "  Viewer         not installed: ./vna viewer-install (or ./vna demo-data, which also loads demo studies)"
    fi
  fi
}
# ---------------------------------------------------------------------------- reindex / verify

# The server jar in command mode: the server's configuration, no listeners; the report on stdout,
# logs on stderr, JSON lines under run/reports. Exit code as the command's (0, 1, 2).
cmd_maintenance() {  # reindex|verify [--property=value ...]
  local cmd=$1 jar report arg config=() rc=0
  shift
  select_jdk quiet
  build_if_stale
  jar=$(server_jar) || die "vna-server jar missing after build"
  mkdir -p "$RUN/reports"
  report=$RUN/reports/$cmd-$(date -u +%Y%m%dT%H%M%SZ).jsonl
  # A property given on the command line replaces ours (Spring would join two values of one key).
  for arg in "${SERVER_CONFIG[@]}" "--vna.$cmd.report=$report"; do
    given_arg "${arg%%=*}" "$@" || config+=("$arg")
  done
  for arg in "$@"; do
    case $arg in "--vna.$cmd.report="*) report=${arg#*=} ;; esac
  done
  note "$cmd with the server's configuration; JSON lines report: $report"
  # shellcheck disable=SC2086  # VNA_*_JAVA_OPTS holds several JVM options: split on blanks on purpose
  (umask 077 && cd "$ROOT" && exec java ${VNA_SERVER_JAVA_OPTS:-} -jar "$jar" "$cmd" "${config[@]}" "$@") || rc=$?
  return $rc
}

given_arg() {  # --name args... ; true when an argument sets --name
  local name=$1 a
  shift
  for a in "$@"; do
    case $a in "$name"=*) return 0 ;; esac
  done
  return 1
}

# ---------------------------------------------------------------------------- commands

cmd_aot_cache() {
  local jar app
  select_jdk quiet
  build_if_stale
  jar=$(server_jar) || die "vna-server jar missing after build"
  app=$(server_app "$jar") || die "cannot extract ${jar#"$ROOT"/} into ${AOT_DIR#"$ROOT"/}"
  [ "${VNA_AOT:-auto}" != off ] || { say "VNA_AOT=off: no AOT cache"; return 1; }
  server_aot_paths "$app"
  echo "$AOT_FILE"
  [ -s "$AOT_FILE" ]
}

cmd_start() {
  select_jdk
  build_if_stale
  [ -z "$STATE_HOME" ] || say "the vesalius user cannot traverse $ROOT: run/ and data/ are under $STATE_HOME (VNA_STATE_HOME)"
  es_start
  if server_jar >/dev/null; then
    server_start
    say "running:"
  else
    say "only Elasticsearch runs: the archive server arrives with the vna-server module, which does not exist yet"
  fi
  print_urls
}

cmd_stop() {
  server_stop
  es_stop
}

cmd_status() {
  local ok=0 pid st
  if pid=$(pid_from "$ES_PID" org.elasticsearch); then
    st=$(es_health "$ES_PORT" || echo "not answering")
    say "Elasticsearch  running  pid $pid  http://127.0.0.1:$ES_PORT  transport $ES_TRANSPORT_PORT  cluster $st"
    case $st in green | yellow) ;; *) ok=3 ;; esac
  else
    say "Elasticsearch  stopped"
    ok=3
  fi
  if server_jar >/dev/null; then
    if pid=$(pid_from "$SERVER_PID" vna-server); then
      if server_ready; then st=UP; elif server_up; then st="alive, not ready: see $(server_health_url)"; ok=3; else st="not healthy"; ok=3; fi
      say "vna-server     running  pid $pid  http $HTTP_PORT ($st)  dicom $DICOM_PORT ($AET)  hl7 $HL7_PORT"
    else
      say "vna-server     stopped"
      ok=3
    fi
  else
    say "vna-server     not built (arrives with the vna-server module)"
  fi
  return $ok
}
