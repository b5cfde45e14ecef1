# shellcheck shell=bash
# build.sh: Maven, and building the modules when their sources changed.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- Maven

ensure_maven() {
  command -v "$MVN" >/dev/null || { [ "$MVN" = mvn ] && apt_install maven; }
  command -v "$MVN" >/dev/null || die "Maven ($MVN) not found"
  local opts=${MAVEN_OPTS:-}
  # Debian's Maven 3.8 prints stray ANSI resets with -q unless jansi is told not to.
  [[ $opts == *jansi.noreset* ]] || opts="$opts -Djansi.noreset=true"
  # JDK 24+ warns about Maven's own use of sun.misc.Unsafe: noise, not our code.
  if [ "${JAVA_MAJOR:-0}" -ge 24 ] && [[ $opts != *sun-misc-unsafe-memory-access* ]]; then
    opts="$opts --sun-misc-unsafe-memory-access=allow"
  fi
  export MAVEN_OPTS=${opts# }
}

mvn_run() { (cd "$ROOT" && "$MVN" -B -ntp "$@"); }
# ---------------------------------------------------------------------------- building

modules() { sed -n 's:.*<module>\([^<]*\)</module>.*:\1:p' "$ROOT/pom.xml"; }

module_jar() {  # module -> its main jar (not sources/javadoc/tests), if built
  local f
  for f in "$ROOT/$1"/target/*.jar; do
    [ -f "$f" ] || continue
    case $f in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    echo "$f"; return 0
  done
  return 1
}

is_jar_module() { ! grep -q '<packaging>pom</packaging>' "$ROOT/$1/pom.xml"; }

# A module is stale when its jar is missing or any main source, resource or pom is newer
# than the stamp written by the last build through this script. (The jar's own mtime is no
# guide: maven-jar-plugin leaves an up-to-date jar untouched.)
module_stale() {
  local m=$1 stamp=$ROOT/$1/target/vna-build.stamp
  is_jar_module "$m" || return 1
  module_jar "$m" >/dev/null || return 0
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$ROOT/$m/src/main" "$ROOT/$m/pom.xml" "$ROOT/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

with_build_lock() {  # serialise builds between concurrent vna calls
  mkdir -p "$BUILD_RUN"
  ( flock 9; "$@" ) 9>"$BUILD_RUN/build.lock"
}

# mvn -q -DskipTests install over the given modules (all when none), when any is stale.
build_if_stale() {
  local m stale=() all=()
  [ "${VNA_NO_BUILD:-0}" != 1 ] || return 0   # a deployment from built jars: start what is there
  mapfile -t all < <(modules)
  [ $# -gt 0 ] || set -- "${all[@]}"
  for m in "$@"; do module_stale "$m" && stale+=("$m"); done
  [ ${#stale[@]} -gt 0 ] || return 0
  with_build_lock build_locked "$@"
}

build_locked() {
  local m stale=() pl=() t0 stamp
  for m in "$@"; do module_stale "$m" && stale+=("$m"); done   # again, under the lock
  [ ${#stale[@]} -gt 0 ] || return 0
  ensure_maven
  note "building ${stale[*]} (mvn -q -DskipTests install)"
  t0=$SECONDS
  stamp=$(mktemp "$BUILD_RUN/.stamp.XXXXXX")   # taken before the build: edits made during it count
  # The server jar embeds the other modules' jars, but Maven leaves it untouched when the
  # server's own classes did not change: remove it so it is repackaged with what was rebuilt.
  rm -f "$ROOT"/vna-server/target/vna-server-*.jar "$ROOT"/vna-server/target/vna-server-*.jar.original
  # A subset of modules builds with what it depends on (-am); all modules build plainly.
  [ $# -eq "$(modules | wc -l)" ] || pl=(-pl "$(IFS=,; echo "$*")" -am)
  if ! mvn_run -q -DskipTests "${pl[@]}" install >&2; then
    rm -f "$stamp"
    die "build failed (run: mvn -DskipTests install)"
  fi
  for m in "$@"; do is_jar_module "$m" && cp -p "$stamp" "$ROOT/$m/target/vna-build.stamp"; done
  rm -f "$stamp"
  note "built in $((SECONDS - t0)) s"
}
