# shellcheck shell=bash
# server-lib.sh: what the end-to-end benchmarks that run vna-server jars share (bench/security,
# bench/hl7). Sourced after the caller has set: root (the checkout), work (its scratch directory),
# prefix (its index prefix), mvn_flags, and a say function.
# shellcheck disable=SC2154  # root, work, prefix and mvn_flags are the sourcing script's

es_started=""

# A free TCP port on loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Builds the server jar unless SKIP_BUILD is set; sets jar to it.
bench_server_jar() {
  local f
  if [ -z "${SKIP_BUILD:-}" ]; then
    say "building the server jar"
    # shellcheck disable=SC2086  # MVN_FLAGS may hold several options
    (cd "$root" && mvn -B -ntp -q $mvn_flags -pl vna-server -am package -DskipTests)
  fi
  jar=""
  for f in "$root"/vna-server/target/vna-server-*.jar; do
    case $f in *-sources.jar | *-javadoc.jar | *-tests.jar | *-plain.jar) ;; *) [ -f "$f" ] && jar=$f ;; esac
  done
  [ -n "$jar" ] || { say "no server jar in vna-server/target"; exit 1; }
}

# Unless ES_URL names one, a throw-away Elasticsearch of the vna script (run as the unprivileged
# user) on a free port, its data in $work/es; sets ES_URL.
bench_elasticsearch() {
  local es_port
  [ -z "${ES_URL:-}" ] || return 0
  es_port=$(free_port)
  (cd "$root" && ./vna es-instance start "$work/es" "$es_port" >&2)
  es_started=1
  ES_URL=http://127.0.0.1:$es_port
}

# Removes what bench_elasticsearch made, or the indexes of $prefix in an Elasticsearch of the caller's,
# and the scratch directory unless KEEP (or JFR) is set.
bench_cleanup() {
  if [ -n "${ES_URL:-}" ]; then curl -s -o /dev/null -X DELETE "$ES_URL/$prefix-*" || true; fi
  if [ -n "$es_started" ]; then (cd "$root" && ./vna es-instance stop "$work/es" >&2) || true; fi
  if [ -z "${KEEP:-}${JFR:-}" ]; then rm -rf "$work"; else echo "kept: $work" >&2; fi
}
