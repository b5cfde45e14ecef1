#!/usr/bin/env bash
# Runs the dicom JMH benchmarks on a plain class path (no shaded jar) and prints a Markdown
# summary: ops/s with its error, MB/s derived from the bytes each operation goes through, and
# allocation per operation (-prof gc, gc.alloc.rate.norm). The full JMH results are written as
# JSON to bench/results/.
#
#   bench/dicom-jmh/run.sh                          # everything, short settings (about 3 minutes)
#   bench/dicom-jmh/run.sh HeaderParse              # only benchmarks matching a regex
#   JMH_OPTS="-f 2 -wi 5 -i 10" bench/dicom-jmh/run.sh   # other JMH settings
#   MVN_FLAGS= bench/dicom-jmh/run.sh               # let Maven go online (first run on a machine)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# A JDK of at least 21: $JAVA_HOME when it is one, else Temurin 25.
java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    :
else
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
java="$JAVA_HOME/bin/java"

mvn_flags="${MVN_FLAGS--o}"
jmh_opts="${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s}"

cd "$root"
# shellcheck disable=SC2086
mvn -q $mvn_flags -pl bench/dicom-jmh -am install -DskipTests
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# shellcheck disable=SC2086
mvn -q $mvn_flags -pl bench/dicom-jmh dependency:build-classpath \
    -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >/dev/null
cp="$root/bench/dicom-jmh/target/classes:$(cat "$cpfile")"

mkdir -p "$root/bench/results"
out="$root/bench/results/dicom-jmh-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "JDK: $("$java" -version 2>&1 | head -n 1); results: $out" >&2
# shellcheck disable=SC2086
"$java" -cp "$cp" org.openjdk.jmh.Main $jmh_opts -prof gc -rf json -rff "$out" "$@"

echo
echo "Summary ($(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)):"
"$java" -cp "$cp" org.vesalius.dicom.bench.Summary "$out"
