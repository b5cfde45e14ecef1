# shellcheck shell=bash
# common.sh: messages, the JDK, Debian packages and processes: what every other part uses.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- messages

say()  { printf 'vna: %s\n' "$*"; }
note() { printf 'vna: %s\n' "$*" >&2; }   # for commands whose stdout is data (dump, json)
die()  { printf 'vna: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------- JDK

java_major() {  # JDK home -> major version on stdout; fails if it is not a JDK
  local home=$1 v=""
  [ -x "$home/bin/java" ] || return 1
  [ -f "$home/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  [ -n "$v" ] || v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)
  [ -n "$v" ] || return 1
  case $v in 1.*) v=${v#1.} ;; esac
  v=${v%%[!0-9]*}
  [ -n "$v" ] && echo "$v"
}

# Use JAVA_HOME when it is a JDK >= 21, else the newest JDK >= 21 under /usr/lib/jvm.
# Exports JAVA_HOME and PATH so that Maven, Elasticsearch and the tools all use it.
select_jdk() {
  local quiet=${1:-} v best="" bestv=0 d
  if [ -n "${JAVA_HOME:-}" ] && v=$(java_major "$JAVA_HOME") && [ "$v" -ge "$MIN_JAVA" ]; then
    best=$JAVA_HOME bestv=$v
  else
    for d in /usr/lib/jvm/*; do
      [ -d "$d" ] || continue
      v=$(java_major "$d") || continue
      if [ "$v" -ge "$MIN_JAVA" ] && [ "$v" -gt "$bestv" ]; then best=$d bestv=$v; fi
    done
    [ -n "$best" ] || die "no JDK $MIN_JAVA or newer found (JAVA_HOME=${JAVA_HOME:-unset}, searched /usr/lib/jvm/*); install one and set JAVA_HOME to it"
    if [ -n "${JAVA_HOME:-}" ] && [ -z "$quiet" ]; then
      note "JAVA_HOME=$JAVA_HOME is not a JDK $MIN_JAVA+; using $best (Java $bestv)"
    fi
  fi
  export JAVA_HOME=$best
  export PATH=$JAVA_HOME/bin:$PATH
  # shellcheck disable=SC2034  # read in other parts: ensure_maven (build.sh), cmd_test (test.sh)
  JAVA_MAJOR=$bestv
}
# ---------------------------------------------------------------------------- Debian packages

apt_install() {  # packages... ; runs apt-get update first, shows output only on failure
  local sudo=() log
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n)
    else die "need root or passwordless sudo to install Debian packages: $*"; fi
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: $*"
  note "installing Debian packages: $*"
  log=$(mktemp)
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } \
       </dev/null >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    die "apt-get install $* failed"
  fi
  rm -f "$log"
}

need_command() {  # command package
  command -v "$1" >/dev/null || apt_install "$2"
}

# ---------------------------------------------------------------------------- processes

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

pid_from() {  # pid file [cmdline pattern] -> pid of a live process whose command line matches
  local f=$1 pat=${2:-} pid
  [ -s "$f" ] || return 1
  pid=$(tr -dc '0-9' <"$f")
  pid_alive "$pid" || return 1
  if [ -n "$pat" ] && [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pat" || return 1
  fi
  echo "$pid"
}

stop_pid() {  # name pid ; TERM, wait STOP_TIMEOUT s, then KILL
  local name=$1 pid=$2 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    pid_alive "$pid" || { say "$name stopped (pid $pid)"; return 0; }
    sleep 0.2
  done
  say "$name did not stop within ${STOP_TIMEOUT} s; sending SIGKILL (pid $pid)"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do pid_alive "$pid" || return 0; sleep 0.2; done
  die "$name (pid $pid) survived SIGKILL"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 30000))
    port_open "$p" || { echo "$p"; return 0; }
  done
  die "no free TCP port found"
}

tail_log() {  # file [lines] [byte offset: show only what was written after it]
  local from=$(( ${3:-0} + 1 ))
  [ -s "$1" ] && [ "$(stat -c %s "$1")" -ge "$from" ] || return 0
  printf 'vna: --- last lines of %s ---\n' "$1" >&2
  tail -c "+$from" "$1" | tail -n "${2:-40}" >&2
  printf 'vna: ---\n' >&2
}

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
