# shellcheck shell=bash
# hl7.sh: ./vna hl7 send FILE..., ./vna hl7 log and ./vna hl7 outbox, for operators of the HL7 feed.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

cmd_hl7() {  # send FILE... | log [--type T] [--ack CODE] [--patient ID] [--before SEQ] [--limit N] | outbox [--status S] [--limit N]
  local sub=${1:-}
  [ $# -eq 0 ] || shift
  case $sub in
    send) hl7_send "$@" ;;
    log) hl7_log "$@" ;;
    outbox) hl7_outbox "$@" ;;
    *) printf 'vna: usage: ./vna hl7 send FILE... | ./vna hl7 log [--type ADT^A08] [--ack AE] [--patient ID] [--before SEQ] [--limit N] | ./vna hl7 outbox [--status pending] [--limit N]\n' >&2
       exit 2 ;;
  esac
}

# Sends the files' messages to the running server's MLLP listener with HAPI's client (the server
# jar's hl7 send command); exit 0 when every message was accepted, 1 when one was not.
hl7_send() {
  local jar
  [ $# -gt 0 ] || { printf 'vna: usage: ./vna hl7 send FILE...\n' >&2; exit 2; }
  select_jdk quiet
  build_if_stale
  jar=$(server_jar) || die "vna-server jar missing after build"
  # Warnings only, on standard error (the commands' logback configuration in the jar).
  # shellcheck disable=SC2086  # VNA_TOOL_JAVA_OPTS holds several JVM options: split on blanks on purpose
  exec java -XX:TieredStopAtLevel=1 ${VNA_TOOL_JAVA_OPTS:-} -Dlogback.configurationFile=vna-command-logback.xml \
    -jar "$jar" hl7 send --host "$(connect_host "$HL7_ADDRESS")" --port "$HL7_PORT" "$@"
}

# The last messages the server received, what it did and what it answered (GET /api/hl7/messages,
# with an admin token of the embedded issuer when the server requires tokens).
hl7_log() {
  local query=""
  while [ $# -gt 0 ]; do
    case $1 in
      --type) query+="&type=$(printf '%s' "${2:-}" | sed 's/\^/%5E/g')"; shift 2 ;;
      --ack) query+="&ack=${2:-}"; shift 2 ;;
      --patient) query+="&patient=$(printf '%s' "${2:-}" | sed 's/\^/%5E/g')"; shift 2 ;;
      --before) query+="&before=${2:-}"; shift 2 ;;
      --limit) query+="&limit=${2:-}"; shift 2 ;;
      *) die "unknown option $1 (--type, --ack, --patient, --before, --limit)" ;;
    esac
  done
  hl7_api messages "$query"
}

# The notifications of studies: pending, delivered, failed, with their attempts (GET /api/hl7/outbox).
hl7_outbox() {
  local query=""
  while [ $# -gt 0 ]; do
    case $1 in
      --status) query+="&status=${2:-}"; shift 2 ;;
      --limit) query+="&limit=${2:-}"; shift 2 ;;
      *) die "unknown option $1 (--status, --limit)" ;;
    esac
  done
  hl7_api outbox "$query"
}

# GET /api/hl7/$1 with the query $2, with an admin token of the embedded issuer when the server requires tokens.
hl7_api() {
  local token=""
  need_command curl curl
  if tokens_required; then
    token=$(cmd_token scripts) || die "the archive requires tokens and ./vna token scripts gave none"
  fi
  bearer_config "$token" | curl "${CURL_TLS[@]}" -sS --fail-with-body --max-time 30 -K - -H 'Accept: application/json' \
    "$(http_base)/api/hl7/$1?${2#&}"
  echo
}
