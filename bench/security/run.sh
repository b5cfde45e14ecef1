#!/usr/bin/env bash
# Token-validation overhead: QIDO-RS (a study search and a PatientID lookup) and WADO-RS (one
# small instance, and one of a CT's size) against two servers on the same data, side by side in one run, alternating:
#   A  vna.security.enabled=false (no Spring Security in the request path)
#   B  vna.security.enabled=true with the embedded issuer (./vna start's setting), a reader
#      token from `./vna token bench`: every request's JWT is verified (signature, issuer, expiry)
#      and checked against the access table
# Both from the same jar and JVM options, each with its own blob store and index (one
# Elasticsearch), loaded with the same generated instances over C-STORE. p50/p95 per request
# kind and server, B's overhead (target: under 5 % at p50), and the machine's load meanwhile.
#
#   bench/security/run.sh                      # N=2000 instances, WARMUP=10000, ROUNDS=2000: about 10 minutes
# The warm-up is long because the server with tokens runs more code for the JIT to settle: after
# 3,000 rounds its p50 was still falling (by a quarter between 10,000 and 30,000 requests) while
# the other's had settled, which measured the JIT, not the tokens.
#   N=500 WARMUP=300 ROUNDS=200 bench/security/run.sh   # quicker (the JIT not settled: both servers slower)
#   ES_URL=http://127.0.0.1:9200 bench/security/run.sh   # an Elasticsearch of your own (indexes of their own, deleted after)
#
# Environment: N, ROUNDS, WARMUP, MATRIX (64), SEED (1), CT_N (20 instances of 512x512), JAVA_OPTS_SERVER (-Xms512m -Xmx512m),
# MVN_FLAGS (-o), SKIP_BUILD=1 (use the built jar), KEEP=1 (keep the work directory), ES_URL,
# JFR=1 (a JFR profile of each server, settings "profile", in the work directory: implies KEEP).
# Results: stdout (Markdown) and bench/results/security-<UTC time>.json; the reading by hand in
# bench/RESULTS.md. Needs: dcmtk (storescu), curl, python3, a JDK 21+ and Maven (for ./vna).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-2000}"
rounds="${ROUNDS:-2000}"
warmup="${WARMUP:-10000}"
matrix="${MATRIX:-64}"
seed="${SEED:-1}"
ct_n="${CT_N:-20}"
mvn_flags="${MVN_FLAGS--o}"
java_opts="${JAVA_OPTS_SERVER:--Xms512m -Xmx512m}"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work="$(mktemp -d /tmp/vna-token-bench.XXXXXX)"
# Elasticsearch runs as the unprivileged user and keeps its data below: it must get through (synthetic data only).
chmod 755 "$work"
prefix="tokbench-$$"
pids=()
say() { printf 'security bench: %s\n' "$*" >&2; }
# shellcheck source=bench/server-lib.sh
. "$root/bench/server-lib.sh"

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bench_cleanup
}
trap cleanup EXIT

cd "$root"
bench_server_jar
bench_elasticsearch

say "generating $n instances (seed $seed, ${matrix}x$matrix) and $ct_n of a CT's size (512x512)"
./vna generate "$work/data" --instances "$n" --seed "$seed" --matrix "$matrix" >/dev/null
./vna generate "$work/ct" --instances "$ct_n" --seed "$((seed + 1000))" --matrix 512 >/dev/null

# server NAME SECURED: starts the jar in $work/NAME; sets http_port and dicom_port.
server() {
  local name=$1 secured=$2 dir="$work/$1" args=()
  http_port=$(free_port) dicom_port=$(free_port)
  mkdir -p "$dir/security" "$dir/tmp"
  args=(--server.port="$http_port" --server.address=127.0.0.1 --vna.dicom.port="$dicom_port"
        --vna.dicom.bind-address=127.0.0.1 --vna.dicom.ae-title=VESALIUS
        --vna.storage.fs.root="$dir/blobs" --vna.elasticsearch.url="$ES_URL"
        --vna.elasticsearch.index-prefix="$prefix-$name" --logging.level.root=WARN)
  if [ "$secured" = 1 ]; then
    # The embedded issuer as ./vna start runs it: a client for the bench with the reader role.
    printf 'client.bench.secret={noop}bench-secret\nclient.bench.grants=client_credentials\nclient.bench.roles=reader\n' \
      > "$dir/security/issuer.properties"
    args+=(--vna.security.enabled=true --vna.security.embedded-issuer.enabled=true
           --vna.security.embedded-issuer.file="$dir/security/issuer.properties"
           --vna.security.embedded-issuer.access-token-ttl=2h
           --vna.security.issuer-uri="http://127.0.0.1:$http_port")
  else
    args+=(--vna.security.enabled=false)  # tokens are required by default
  fi
  local jfr=""
  [ -z "${JFR:-}" ] || jfr="-XX:StartFlightRecording=settings=profile,filename=$dir/server.jfr,dumponexit=true"
  # shellcheck disable=SC2086
  (cd "$dir" && exec "$JAVA_HOME/bin/java" $java_opts $jfr -Djava.io.tmpdir="$dir/tmp" -jar "$jar" "${args[@]}" > "$dir/server.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 180); do
    curl -fs -o /dev/null "http://127.0.0.1:$http_port/actuator/health/readiness" && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -30 "$dir/server.log" >&2; return 1; }
    sleep 1
  done
  say "$name not ready after 180 s"; tail -30 "$dir/server.log" >&2; return 1
}

say "starting server A (no tokens) and B (tokens required)"
server plain 0; plain_http=$http_port; plain_dicom=$dicom_port
server secured 1; secured_http=$http_port; secured_dicom=$dicom_port

say "storing the instances in both (C-STORE)"
storescu -aec VESALIUS +sd +r +sp '*.dcm' 127.0.0.1 "$plain_dicom" "$work/data" >"$work/storescu-plain.log" 2>&1 &
p1=$!
storescu -aec VESALIUS +sd +r +sp '*.dcm' 127.0.0.1 "$secured_dicom" "$work/data" >"$work/storescu-secured.log" 2>&1 &
p2=$!
wait "$p1" || { say "storescu to A failed:"; tail -5 "$work/storescu-plain.log" >&2; exit 1; }
wait "$p2" || { say "storescu to B failed:"; tail -5 "$work/storescu-secured.log" >&2; exit 1; }
for port in "$plain_dicom" "$secured_dicom"; do
  storescu -aec VESALIUS +sd +r +sp '*.dcm' 127.0.0.1 "$port" "$work/ct" >>"$work/storescu-ct.log" 2>&1 \
    || { say "storescu of the CT-sized instances failed:"; tail -5 "$work/storescu-ct.log" >&2; exit 1; }
done
for name in plain secured; do
  for _ in $(seq 1 120); do
    count=$(curl -fs "$ES_URL/$prefix-$name-instances/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
    [ "${count:-0}" -ge "$((n + ct_n))" ] && break
    sleep 1
  done
  [ "${count:-0}" -ge "$((n + ct_n))" ] || { say "$name indexed ${count:-0} of $((n + ct_n)) instances"; exit 1; }
done

token=$(VNA_DATA_DIR="$work/secured" VNA_RUN_DIR="$work/secured/run" VNA_HTTP_PORT="$secured_http" ./vna token bench)
# B refuses a request without a token, so the comparison is of checked requests.
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$secured_http/dicomweb/studies?limit=1")
[ "$status" = 401 ] || { say "B answered $status without a token, not 401: security is not on"; exit 1; }

mkdir -p "$root/bench/results"
out="$root/bench/results/security-$(date -u +%Y%m%dT%H%M%SZ).json"
# The Elasticsearch serving ES_URL (its CPU is the archives', not another process's).
es_port=${ES_URL##*:}; es_port=${es_port%%/*}
es_pid=$(ss -Hltnp "sport = :$es_port" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1 || true)
say "measuring: $warmup warm-up rounds, then $rounds alternating rounds"
echo "Vesalius $(git rev-parse --short HEAD) on $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), server JVM options: $java_opts; $n instances (./vna generate --seed $seed --matrix $matrix)."
python3 "$here/token_bench.py" --plain "http://127.0.0.1:$plain_http" --secured "http://127.0.0.1:$secured_http" \
  --token "$token" --manifest "$work/data/MANIFEST.tsv" --ct-manifest "$work/ct/MANIFEST.tsv" --rounds "$rounds" --warmup "$warmup" \
  --pids "$(IFS=,; echo "${pids[*]}")${es_pid:+,$es_pid}" --plain-pid "${pids[0]}" --secured-pid "${pids[1]}" \
  --json "$out"
echo "results: ${out#"$root"/}" >&2
