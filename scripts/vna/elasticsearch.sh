# shellcheck shell=bash
# elasticsearch.sh: the local Elasticsearch (start, stop), the throw-away one of ./vna test
# and the dedicated ones of ./vna es-instance.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- Elasticsearch

# Elasticsearch refuses to run as root: as root it runs as the unprivileged system user
# $ES_USER (created once); otherwise as the calling user.
es_run_user() {
  if [ "$(id -u)" -ne 0 ]; then id -un; return 0; fi
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    note "creating system user $ES_USER to run Elasticsearch (it refuses to run as root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$ES_USER"
  fi
  echo "$ES_USER"
}

as_es_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi
}

es_own() {  # hand directories to the Elasticsearch user
  [ "$(id -u)" -eq 0 ] || return 0
  chown -R "$ES_USER:$ES_USER" "$@"
}

# Can the ES user read the distribution under $1? (A checkout under /root is not reachable.)
es_home_reachable() {
  as_es_user test -r "$1/lib/elasticsearch-$ES_VERSION.jar" 2>/dev/null
}

unreachable_hint() {  # path -> the first directory on it that the ES user cannot traverse
  local d="" part parts
  IFS=/ read -ra parts <<<"${1#/}"
  for part in "${parts[@]}"; do
    d=$d/$part
    as_es_user test -x "$d" 2>/dev/null || { echo "$d"; return 0; }
  done
  echo "$1"
}

es_unpack() {  # destination directory (becomes the ES home)
  local dest=$1 tmp
  [ -x "$dest/bin/elasticsearch" ] && return 0
  ensure_maven
  need_command unzip unzip
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp -d "$(dirname "$dest")/.es-unpack.XXXXXX")
  say "resolving $ES_ARTIFACT from Maven"
  mvn_run -q -N dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$tmp" ||
    { rm -rf "$tmp"; die "could not resolve $ES_ARTIFACT with Maven"; }
  say "unpacking Elasticsearch $ES_VERSION into ${dest#"$ROOT"/}"
  unzip -q "$tmp/elasticsearch-$ES_VERSION.zip" -d "$tmp" || { rm -rf "$tmp"; die "unzip failed"; }
  rm -rf "$dest"
  mv "$tmp/elasticsearch-$ES_VERSION" "$dest"
  rm -rf "$tmp"
}

# es_configure HOME CONF DATA LOGS HTTP_PORT TRANSPORT_PORT HEAP_MIN HEAP_MAX
# Writes a fresh ES_PATH_CONF (the distribution's files + our elasticsearch.yml and heap).
es_configure() {
  local home=$1 conf=$2 data=$3 logs=$4 http=$5 transport=$6 xms=$7 xmx=$8
  mkdir -p "$conf/jvm.options.d" "$data" "$logs"
  local f
  for f in "$home"/config/*; do
    case ${f##*/} in elasticsearch.yml | jvm.options.d) ;; *) cp -r "$f" "$conf/" ;; esac
  done
  cat >"$conf/elasticsearch.yml" <<EOF
# Written by ./vna on every start; edit the script, not this file.
cluster.name: $ES_CLUSTER
node.name: ${ES_CLUSTER}-local
path.data: $data
path.logs: $logs
network.host: 127.0.0.1
http.port: $http
transport.port: $transport
discovery.type: single-node
# Local development default: no TLS, no authentication, bound to loopback only.
xpack.security.enabled: false
# The index shares the disk with the blobs: disk watermarks as free space, so that near a full
# disk Elasticsearch blocks writes to the index (flood stage; ingest goes on, the ingest log
# keeps what is not indexed) before the disk fills under the blob store.
cluster.routing.allocation.disk.watermark.low: 2gb
cluster.routing.allocation.disk.watermark.high: 1gb
cluster.routing.allocation.disk.watermark.flood_stage: 512mb
EOF
  printf -- '-Xms%s\n-Xmx%s\n' "$xms" "$xmx" >"$conf/jvm.options.d/vna-heap.options"
}

es_health() {  # port -> green|yellow|red on stdout, fails if ES does not answer
  local body
  body=$(curl -fsS --max-time 5 "http://127.0.0.1:$1/_cluster/health" 2>/dev/null) || return 1
  printf '%s' "$body" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
}

# es_launch HOME CONF LOGS TMP PIDFILE HTTP_PORT TIMEOUT LAUNCHER_LOG
# Starts Elasticsearch as the ES user (daemonised, pid file), waits for yellow/green.
es_launch() {
  local home=$1 conf=$2 logs=$3 tmp=$4 pidfile=$5 port=$6 timeout=$7 llog=$8
  local launcher launcher_rc="" t0=$SECONDS status pid as=() mark
  mark=$(file_size "$logs/$ES_CLUSTER.log")
  [ "$(id -u)" -ne 0 ] || as=(runuser -u "$ES_USER" --)
  mkdir -p "$tmp"
  rm -f "$pidfile"
  (
    cd "$logs" || exit   # the JVM writes gc.log and any hs_err file into its working directory
    exec setsid "${as[@]}" env -i PATH=/usr/bin:/bin HOME="$tmp" \
      ES_JAVA_HOME="$JAVA_HOME" ES_PATH_CONF="$conf" ES_TMPDIR="$tmp" \
      "$home/bin/elasticsearch" -d -p "$pidfile"
  ) </dev/null >"$llog" 2>&1 &
  launcher=$!
  while :; do
    status=$(es_health "$port" || true)
    if [ "$status" = green ] || [ "$status" = yellow ]; then
      [ -n "$launcher_rc" ] || wait "$launcher" 2>/dev/null || true
      ES_STARTED_IN=$((SECONDS - t0))
      return 0
    fi
    # With -d the launcher returns once the node runs (0) or failed to start (non-zero).
    if [ -z "$launcher_rc" ] && ! pid_alive "$launcher"; then
      launcher_rc=0
      wait "$launcher" 2>/dev/null || launcher_rc=$?
    fi
    if [ -n "$launcher_rc" ] && { [ "$launcher_rc" -ne 0 ] || ! pid_from "$pidfile" >/dev/null; }; then
      note "Elasticsearch failed to start (launcher exit status $launcher_rc)"
      tail_log "$llog" 20
      tail_log "$logs/$ES_CLUSTER.log" 40 "$mark"
      return 1
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      note "Elasticsearch not healthy after $timeout s (VNA_ES_TIMEOUT)"
      tail_log "$llog" 20
      tail_log "$logs/$ES_CLUSTER.log" 40 "$mark"
      pid=$(pid_from "$pidfile" org.elasticsearch) && stop_pid Elasticsearch "$pid" >&2
      kill "$launcher" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

es_start() {
  local pid user
  if pid=$(pid_from "$ES_PID" org.elasticsearch); then
    say "Elasticsearch already running (pid $pid, http://127.0.0.1:$ES_PORT)"
    return 0
  fi
  port_open "$ES_PORT" && die "port $ES_PORT is taken by another process (not ours); stop it or set VNA_ES_PORT"
  need_command curl curl
  user=$(es_run_user)
  [ -n "$STATE_HOME" ] || as_es_user test -x "$ROOT" 2>/dev/null ||
    die "user $user cannot reach $ROOT: $(unreachable_hint "$ROOT") is not traversable for it. Move the checkout (e.g. under /work or /opt) or run: chmod o+x $(unreachable_hint "$ROOT")"
  es_unpack "$ES_HOME"
  mkdir -p "$ES_STATE" "$ES_DATA" "$ES_LOGS"
  es_configure "$ES_HOME" "$ES_STATE/config" "$ES_DATA" "$ES_LOGS" \
    "$ES_PORT" "$ES_TRANSPORT_PORT" "$ES_HEAP_MIN" "$ES_HEAP"
  mkdir -p "$ES_STATE/tmp"
  es_own "$ES_STATE" "$ES_DATA" "$ES_LOGS"
  local d
  for d in "$ES_STATE" "$ES_DATA" "$ES_LOGS"; do
    as_es_user test -w "$d" 2>/dev/null ||
      die "user $user cannot write $d: $(unreachable_hint "$d") is not traversable for it (VNA_RUN_DIR / VNA_DATA_DIR)"
  done
  if ! es_home_reachable "$ES_HOME"; then
    die "user $user cannot read $ES_HOME: $(unreachable_hint "$ES_HOME") is not traversable for it. Move the checkout (e.g. under /work or /opt) or run: chmod o+x $(unreachable_hint "$ES_HOME")"
  fi
  say "starting Elasticsearch $ES_VERSION as user $user on 127.0.0.1:$ES_PORT (heap $ES_HEAP_MIN..$ES_HEAP)"
  es_launch "$ES_HOME" "$ES_STATE/config" "$ES_LOGS" "$ES_STATE/tmp" "$ES_PID" \
    "$ES_PORT" "$ES_TIMEOUT" "$ES_LOGS/launcher.log" || die "Elasticsearch did not start (logs: ${ES_LOGS#"$ROOT"/})"
  say "Elasticsearch up in ${ES_STARTED_IN} s (pid $(pid_from "$ES_PID"), status $(es_health "$ES_PORT"))"
}

es_stop() {
  local pid
  if pid=$(pid_from "$ES_PID" org.elasticsearch); then
    stop_pid Elasticsearch "$pid"
  else
    say "Elasticsearch not running"
  fi
  rm -f "$ES_PID"
}

# ---------------------------------------------------------------------------- ephemeral ES for tests

TEST_ES_DIR=""
TEST_ES_URL=""

# Starts a throw-away single-node ES on free ports, data in a temp dir; sets TEST_ES_URL.
# es_ephemeral_stop (called from the EXIT trap) stops it and removes the temp dir.
es_ephemeral_start() {
  local home http transport user
  need_command curl curl
  user=$(es_run_user)
  TEST_ES_DIR=$(mktemp -d /tmp/vna-test-es.XXXXXX)
  home=$ES_HOME
  as_es_user test -x "$ROOT" 2>/dev/null && es_unpack "$ES_HOME"
  if ! es_home_reachable "$home"; then   # e.g. a checkout under /root: use a private copy
    home=$TEST_ES_DIR/home
    es_unpack "$home"
  fi
  http=$(free_port)
  transport=$(free_port)
  [ "$transport" != "$http" ] || transport=$(free_port)
  es_configure "$home" "$TEST_ES_DIR/config" "$TEST_ES_DIR/data" "$TEST_ES_DIR/logs" \
    "$http" "$transport" "$TEST_ES_HEAP" "$TEST_ES_HEAP"
  mkdir -p "$TEST_ES_DIR/tmp"
  es_own "$TEST_ES_DIR"
  say "starting a test Elasticsearch as $user on 127.0.0.1:$http (data in $TEST_ES_DIR)"
  es_launch "$home" "$TEST_ES_DIR/config" "$TEST_ES_DIR/logs" "$TEST_ES_DIR/tmp" \
    "$TEST_ES_DIR/es.pid" "$http" "$ES_TIMEOUT" "$TEST_ES_DIR/launcher.log" ||
    die "test Elasticsearch did not start"
  TEST_ES_URL=http://127.0.0.1:$http
  say "test Elasticsearch up in ${ES_STARTED_IN} s at $TEST_ES_URL"
}

es_ephemeral_stop() {
  [ -n "$TEST_ES_DIR" ] || return 0
  local pid
  if pid=$(pid_from "$TEST_ES_DIR/es.pid" org.elasticsearch); then
    stop_pid "test Elasticsearch" "$pid" || true
  fi
  rm -rf "$TEST_ES_DIR"
  TEST_ES_DIR=""
}

# ---------------------------------------------------------------------------- a dedicated ES for one test

# es-instance start DIR PORT [NAME=VALUE...]: an Elasticsearch whose config, data, logs and pid
# file live in DIR, on 127.0.0.1:PORT (transport on a free port), heap VNA_TEST_ES_HEAP; each
# NAME=VALUE is one more elasticsearch.yml setting (e.g. http.max_content_length=1mb). A test that
# must stop and start Elasticsearch itself (IndexOutageIT), or needs a setting of its own
# (BulkSplitIT), uses it; starting again on the same DIR keeps the data.
es_instance_start() {
  local dir=$1 http=$2 home transport pid user setting
  shift 2
  for setting in "$@"; do
    [[ $setting =~ ^[a-z][a-z0-9_.]*=[A-Za-z0-9_.]+$ ]] || die "not a NAME=VALUE setting: $setting"
  done
  select_jdk quiet
  need_command curl curl
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if pid=$(pid_from "$dir/es.pid" org.elasticsearch); then
    say "Elasticsearch already runs in $dir (pid $pid)"
    return 0
  fi
  port_open "$http" && die "port $http is taken by another process"
  user=$(es_run_user)
  home=$ES_HOME
  as_es_user test -x "$ROOT" 2>/dev/null && es_unpack "$ES_HOME"
  if ! es_home_reachable "$home"; then   # e.g. a checkout under /root: use a private copy
    home=$dir/home
    es_unpack "$home"
  fi
  transport=$(free_port)
  [ "$transport" != "$http" ] || transport=$(free_port)
  es_configure "$home" "$dir/config" "$dir/data" "$dir/logs" "$http" "$transport" "$TEST_ES_HEAP" "$TEST_ES_HEAP"
  for setting in "$@"; do
    printf '%s: %s\n' "${setting%%=*}" "${setting#*=}" >>"$dir/config/elasticsearch.yml"
  done
  mkdir -p "$dir/tmp"
  es_own "$dir"
  as_es_user test -w "$dir/data" 2>/dev/null ||
    die "user $user cannot write $dir/data: $(unreachable_hint "$dir") is not traversable for it"
  say "starting Elasticsearch as $user on 127.0.0.1:$http (data in $dir/data)"
  es_launch "$home" "$dir/config" "$dir/logs" "$dir/tmp" "$dir/es.pid" "$http" "$ES_TIMEOUT" "$dir/launcher.log" ||
    die "Elasticsearch did not start (logs: $dir/logs)"
  say "Elasticsearch up in ${ES_STARTED_IN} s at http://127.0.0.1:$http (pid $(pid_from "$dir/es.pid"))"
}

es_instance_stop() {
  local dir=$1 pid
  if pid=$(pid_from "$dir/es.pid" org.elasticsearch); then
    stop_pid Elasticsearch "$pid"
  else
    say "Elasticsearch does not run in $dir"
  fi
  rm -f "$dir/es.pid"
}

cmd_es_instance() {
  local usage="usage: ./vna es-instance start DIR PORT [NAME=VALUE...] | stop DIR"
  case ${1:-} in
    start) [ $# -ge 3 ] || die "$usage"; shift; es_instance_start "$@" ;;
    stop) [ $# -eq 2 ] || die "$usage"; es_instance_stop "$2" ;;
    *) die "$usage" ;;
  esac
}
