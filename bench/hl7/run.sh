#!/usr/bin/env bash
# HL7 v2 benchmark (issue 14): ADT^A08 messages/s over one MLLP connection with every message in the
# durable message log (target: 1,000 messages/s on this 2-core machine), ORM^O01 orders/s and the
# time until the last is searchable, and the time from an A40
# merging a patient with 1,000 instances until QIDO-RS and FHIR show it (target: under 2 s).
# One server (tokens off: HL7 is what is measured), its own blob store and Elasticsearch indexes.
#
#   bench/hl7/run.sh                              # about 2 minutes
#   SKIP_BUILD=1 MESSAGES=20000 bench/hl7/run.sh
#
# Environment: N (1000 instances of the merged patient), MESSAGES (5000), WARMUP (2000), ORDERS (1000),
# JAVA_OPTS_SERVER (-Xms512m -Xmx512m), MVN_FLAGS (-o), SKIP_BUILD=1, KEEP=1, ES_URL.
# Results: stdout (Markdown) and bench/results/hl7-<UTC time>.json; the reading by hand in
# bench/RESULTS.md. Needs: dcmtk (storescu, dcmodify), curl, python3, a JDK 21+ and Maven.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-1000}"
messages="${MESSAGES:-5000}"
warmup="${WARMUP:-2000}"
mvn_flags="${MVN_FLAGS--o}"
java_opts="${JAVA_OPTS_SERVER:--Xms512m -Xmx512m}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work="$(mktemp -d /tmp/vna-hl7-bench.XXXXXX)"
chmod 755 "$work"  # Elasticsearch runs as the unprivileged user and keeps its data below
prefix="hl7bench-$$"
es_started="" pid=""

cleanup() {
  [ -z "$pid" ] || { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  if [ -n "${ES_URL:-}" ]; then curl -s -o /dev/null -X DELETE "$ES_URL/$prefix-*" || true; fi
  if [ -n "$es_started" ]; then (cd "$root" && ./vna es-instance stop "$work/es" >&2) || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "kept: $work" >&2; fi
}
trap cleanup EXIT
say() { printf 'hl7 bench: %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cd "$root"
if [ -z "${SKIP_BUILD:-}" ]; then
  say "building the server jar"
  # shellcheck disable=SC2086
  mvn -B -ntp -q $mvn_flags -pl vna-server -am package -DskipTests
fi
jar=""
for f in "$root"/vna-server/target/vna-server-*.jar; do
  case $f in *-sources.jar | *-javadoc.jar | *-tests.jar | *-plain.jar) ;; *) [ -f "$f" ] && jar=$f ;; esac
done
[ -n "$jar" ] || { say "no server jar in vna-server/target"; exit 1; }
if [ -z "${ES_URL:-}" ]; then
  es_port=$(free_port)
  ./vna es-instance start "$work/es" "$es_port" >&2
  es_started=1
  ES_URL=http://127.0.0.1:$es_port
fi

say "generating $n instances, all of patient MRG-OLD"
./vna generate "$work/data" --instances "$n" --seed 7 --matrix 32 >/dev/null
find "$work/data" -name '*.dcm' -print0 | xargs -0 dcmodify -nb -imt -gin -m "(0010,0020)=MRG-OLD" -m "(0010,0010)=Old^Patient" \
  -m "(0010,0030)=19500101" -m "(0010,0040)=F" -e "(0010,0021)" -e "(0010,0024)" >/dev/null 2>&1
studies=$(cut -f5 "$work/data/MANIFEST.tsv" | tail -n +2 | sort -u | wc -l)

http_port=$(free_port) dicom_port=$(free_port) hl7_port=$(free_port)
mkdir -p "$work/server/tmp"
# shellcheck disable=SC2086  # JAVA_OPTS_SERVER holds several JVM options
(cd "$work/server" && exec "$JAVA_HOME/bin/java" $java_opts -Djava.io.tmpdir="$work/server/tmp" -jar "$jar" \
  --server.port="$http_port" --vna.dicom.port="$dicom_port" --vna.dicom.ae-title=VESALIUS \
  --vna.storage.fs.root="$work/server/blobs" --vna.elasticsearch.url="$ES_URL" --vna.elasticsearch.index-prefix="$prefix" \
  --vna.security.enabled=false --logging.level.root=WARN \
  --vna.hl7.enabled=true --vna.hl7.port="$hl7_port" --vna.hl7.log-directory="$work/server/hl7" --vna.hl7.local-authority=HOSP \
  > "$work/server/server.log" 2>&1) &
pid=$!
for _ in $(seq 1 180); do
  curl -fs -o /dev/null "http://127.0.0.1:$http_port/actuator/health/readiness" && break
  kill -0 "$pid" 2>/dev/null || { tail -30 "$work/server/server.log" >&2; exit 1; }
  sleep 1
done

say "storing them (C-STORE): $studies studies"
storescu -aec VESALIUS +sd +r +sp '*.dcm' 127.0.0.1 "$dicom_port" "$work/data" >"$work/storescu.log" 2>&1 \
  || { say "storescu failed:"; tail -5 "$work/storescu.log" >&2; exit 1; }
for _ in $(seq 1 120); do
  count=$(curl -fs "$ES_URL/$prefix-instances/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
  [ "${count:-0}" -ge "$n" ] && break
  sleep 1
done
[ "${count:-0}" -ge "$n" ] || { say "indexed ${count:-0} of $n instances"; exit 1; }

mkdir -p "$root/bench/results"
out="$root/bench/results/hl7-$(date -u +%Y%m%dT%H%M%SZ).json"
say "measuring: $warmup warm-up messages, then $messages"
echo "Vesalius $(git rev-parse --short HEAD) on $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), server JVM options: $java_opts; load average $(cut -d' ' -f1-3 /proc/loadavg)."
python3 "$here/hl7_bench.py" --http "http://127.0.0.1:$http_port" --hl7-port "$hl7_port" --warmup "$warmup" \
  --messages "$messages" --studies "$studies" --orders "${ORDERS:-1000}" --json "$out"
echo "results: ${out#"$root"/}" >&2
