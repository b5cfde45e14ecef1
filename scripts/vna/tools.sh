# shellcheck shell=bash
# tools.sh: the dicom toolkit's command line tools (dump, json, generate).
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- dump / json

TOOL_CP=$ROOT/dicom/target/vna-tool.classpath

tool_classpath() {
  if [ -s "$TOOL_CP" ] && [ -z "$(find "$ROOT/dicom/pom.xml" "$ROOT/pom.xml" -newer "$TOOL_CP" -print -quit)" ]; then
    return 0
  fi
  with_build_lock tool_classpath_locked
}

tool_classpath_locked() {
  ensure_maven
  local tmp=$TOOL_CP.tmp
  mvn_run -q -pl dicom dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$tmp" >&2 || die "cannot compute the dicom module's runtime classpath"
  [ -f "$tmp" ] || : >"$tmp"   # no dependencies at all
  mv "$tmp" "$TOOL_CP"
}

cmd_tool() {  # main-class-simple-name command synopsis args...
  local main=org.vesalius.dicom.tool.$1 cmd=$2 synopsis=$3 jar cp
  shift 3
  [ $# -gt 0 ] || { printf 'vna: usage: ./vna %s %s\n' "$cmd" "$synopsis" >&2; exit 2; }
  select_jdk quiet
  build_if_stale dicom
  tool_classpath
  jar=$(module_jar dicom) || die "dicom jar missing after build"
  [ -f "$ROOT/dicom/target/classes/${main//.//}.class" ] ||
    die "$main does not exist yet (it is being written in module dicom); nothing to run"
  cp=$jar
  [ -s "$TOOL_CP" ] && cp=$cp:$(cat "$TOOL_CP")
  # Short-lived JVM: C1 only, and a class-data archive created on first use and reused
  # (re-created automatically when the jar or JDK changes). JVM logging is off: a stale
  # archive is reported at error level before it is re-created, which is noise here.
  # shellcheck disable=SC2086  # VNA_*_JAVA_OPTS holds several JVM options: split on blanks on purpose
  exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
    -XX:SharedArchiveFile="$ROOT/dicom/target/vna-tool.jsa" -XX:+AutoCreateSharedArchive \
    -Xlog:disable ${VNA_TOOL_JAVA_OPTS:-} \
    -cp "$cp" "$main" "$@"
}
