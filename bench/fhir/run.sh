#!/usr/bin/env bash
# FHIR ImagingStudy search against the equivalent QIDO-RS query, p50/p95, in one run:
#   by patient:    ImagingStudy?patient=Patient/<id>          vs  studies?PatientID=..&IssuerOfPatientID=..
#   by date range: ImagingStudy?started=ge..&started=le..&_count=50  vs  studies?StudyDate=a-b&limit=50
# on a fresh index of N instances (200 patients, 10 instances a study), over HTTP on 127.0.0.1.
#
#   bench/fhir/run.sh                        # N=20000, ROUNDS=200, a throw-away Elasticsearch
#   ES_URL=http://127.0.0.1:9200 bench/fhir/run.sh   # an Elasticsearch of your own (an index of its own, deleted after)
#   N=5000 ROUNDS=50 bench/fhir/run.sh       # quicker
#
# Results: stdout, and bench/results/fhir-bench-<UTC time>.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-20000}"
rounds="${ROUNDS:-200}"
mvn_flags="${MVN_FLAGS--o}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ "$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 21 ] 2>/dev/null \
  || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
work="$(mktemp -d /tmp/vna-fhir-bench.XXXXXX)"
es_started=""
cleanup() {
  if [ -n "$es_started" ]; then (cd "$root" && es_ephemeral_stop) || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
# shellcheck disable=SC2086
mvn -q $mvn_flags -pl bench/fhir-bench -am install -DskipTests
# shellcheck disable=SC2086
mvn -q $mvn_flags -pl bench/fhir-bench dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=runtime >/dev/null
if [ -z "${ES_URL:-}" ]; then
  # The vna script's throw-away Elasticsearch (run as the unprivileged user, on free ports).
  sed '$d' "$root/vna" > "$root/.vna-functions.sh"
  # shellcheck disable=SC1091
  . "$root/.vna-functions.sh"; rm -f "$root/.vna-functions.sh"
  es_ephemeral_start; es_started=1
  ES_URL=$TEST_ES_URL
fi
mkdir -p "$root/bench/results"
out="$root/bench/results/fhir-bench-$(date -u +%Y%m%dT%H%M%SZ).json"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$root/bench/fhir-bench/target/classes:$(cat "$work/cp")" \
  org.vesalius.vna.fhir.bench.FhirQueryBench "$ES_URL" "$n" "$rounds" "$out"
echo "results: ${out#"$root"/}" >&2
