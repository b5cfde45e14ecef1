#!/usr/bin/env bash
# Start-up and JIT warm-up of the server, without and with its AOT cache (./vna start; JDK 25+:
# JEP 514/515 AOT cache, JDK 19-24: dynamic CDS archive). Elasticsearch and the server are started
# (./vna start) and stopped (./vna stop) four times on one archive, so Elasticsearch is as cold
# in every round:
#
#   1. VNA_AOT=off                 plain start
#   2. no cache yet                the training run (./vna start makes it; the cache is written at exit)
#   3. with the cache              what every later start gets
#   4. VNA_AOT=off again           how far the machine drifted meanwhile
#
# Per round: time to ready (JVM start to Spring context ready, from the server log, and JVM start
# to /actuator/health/readiness answering), the server's CPU seconds until ready, then the first
# INSTANCES C-STOREs (storescu, 4 associations) and the next INSTANCES: instances/s and server CPU-ms
# per instance of each (the gap between them is the JIT warm-up still to pay), and the first 20
# QIDO-RS requests (studies by PatientID): p50 and max ms. The Markdown table goes to stdout.
#
#   bench/archive/startup.sh                 # INSTANCES=1000
#   INSTANCES=500 KEEP=1 bench/archive/startup.sh
#
# Environment: INSTANCES (1000), SEED (1), KEEP=1 (keep the work directory), JAVA_HOME, MVN_FLAGS (-o),
# BENCH_TMP (/tmp). Needs what bench/archive/run.sh needs (dcmtk, curl, python3, ./vna).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
case "${1:-}" in -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
instances=${INSTANCES:-1000}
seed=${SEED:-1}
export TCP_NODELAY=1
say() { printf '== %s\n' "$*" >&2; }

work="$(mktemp -d "${BENCH_TMP:-/tmp}/vna-startup-bench.XXXXXX")"
chmod 755 "$work"
export VNA_RUN_DIR="$work/vna-run" VNA_DATA_DIR="$work/vna-data" VNA_AOT_DIR="$work/aot"
printf '#!/bin/sh\nexec mvn %s "$@"\n' "${MVN_FLAGS--o}" >"$work/mvn"
chmod +x "$work/mvn"
export MVN="$work/mvn"
started=""
cleanup() {
    local rc=$?
    trap - INT TERM
    [ -z "$started" ] || "$root/vna" stop >&2 || true
    if [ -n "${KEEP:-}" ] || [ $rc -ne 0 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mapfile -t ports < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(5)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))')
export VNA_HTTP_PORT=${ports[0]} VNA_DICOM_PORT=${ports[1]} VNA_HL7_PORT=${ports[2]}
export VNA_ES_PORT=${ports[3]} VNA_ES_TRANSPORT_PORT=${ports[4]}
# Engines compared as engines: Orthanc runs without authentication here, so does Vesalius (on
# loopback only); what tokens cost is measured on its own (bench/security).
export VNA_SECURITY=off
http="http://127.0.0.1:$VNA_HTTP_PORT"

total=$((instances * 8))
data="$here/data/gen-$total-seed-$seed"
if [ "$(wc -l 2>/dev/null <"$data/MANIFEST.tsv" || echo 0)" -ne $((total + 1)) ]; then
    say "generating $total instances into ${data#"$root"/}"
    rm -rf "$data" && mkdir -p "$data"
    "$root/vna" generate "$data" --instances "$total" --seed "$seed" >"$work/generate.txt"
    mv "$work/generate.txt" "$data/GENERATED.txt"
fi
mapfile -t files < <(awk -F'\t' 'NR > 1 { print $1 }' "$data/MANIFEST.tsv")
mapfile -t pids < <(awk -F'\t' 'NR > 1 { print $7 }' "$data/MANIFEST.tsv" | sort -u | head -20)

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

cstore() {   # first-index count -> "rate cpu_ms" of the server (JVM + Elasticsearch) per instance
    local from=$1 count=$2 t0 c0 c1 ms q i
    c0=$(($(ticks "$server_pid") + $(ticks "$es_pid")))
    t0=$(date +%s%N)
    q=$((count / 4))
    for i in 0 1 2 3; do
        (cd "$data" && storescu -R -aet BENCH -aec "${VNA_AET:-VESALIUS}" 127.0.0.1 "$VNA_DICOM_PORT" \
            "${files[@]:$((from + i * q)):$q}") >>"$work/storescu.log" 2>&1 &
    done
    wait
    ms=$(ms_since "$t0")
    c1=$(($(ticks "$server_pid") + $(ticks "$es_pid")))
    python3 -c "import sys; n, ms, t, hz = map(float, sys.argv[1:]); print(f'{n / ms * 1000:.0f} {t / hz * 1000 / n:.2f}')" \
        "$((q * 4))" "$ms" "$((c1 - c0))" "$hz"
}

qido() {   # the first 20 searches by PatientID -> "p50 max" ms
    local p
    for p in "${pids[@]}"; do
        curl -sS -o /dev/null -w '%{time_total}\n' -H 'Accept: application/dicom+json' "$http/dicomweb/studies?PatientID=$p"
    done | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f\n", v[int((NR + 1) / 2)], v[NR] }'
}

rows=()
round() {   # label VNA_AOT first-instance
    local label=$1 t0 ready started_s cpu first next q
    say "round: $label"
    t0=$(date +%s%N)
    VNA_AOT=$2 "$root/vna" start >"$work/start-$2.log" 2>&1 || { cat "$work/start-$2.log" >&2; exit 1; }
    started=1
    until curl -fsS -o /dev/null "$http/actuator/health/readiness" 2>/dev/null; do sleep 0.1; done
    server_pid=$(cat "$VNA_RUN_DIR/vna-server.pid")
    # seconds since the JVM process started (its start time in clock ticks after boot)
    ready=$(awk -v hz="$hz" 'NR == FNR { up = $1; next } { printf "%.1f", up - $22 / hz }' /proc/uptime "/proc/$server_pid/stat")
    es_pid=$(cat "$VNA_RUN_DIR/es/elasticsearch.pid")
    cpu=$(awk -v hz="$hz" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$server_pid/stat")
    started_s=$(sed -n 's/.*Started VnaServerApplication in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' \
        "$VNA_RUN_DIR/logs/vna-server.log" | tail -1)
    first=$(cstore "$3" "$instances")
    next=$(cstore $(($3 + instances)) "$instances")
    q=$(qido)
    rows+=("| $label | $started_s | $ready | $cpu | ${first% *} | ${first#* } | ${next% *} | ${next#* } | ${q% *} | ${q#* } |")
    say "${rows[-1]}"
    # A training run writes its cache as the server exits.
    t0=$(date +%s%N)
    "$root/vna" stop >"$work/stop-$2.log" 2>&1
    started=""
    if grep -q 'AOT cache written' "$work/stop-$2.log"; then
        say "AOT cache written in $(($(ms_since "$t0") / 1000)) s at stop: $(ls "$VNA_AOT_DIR"/app-*/vna-server-*.aot)"
    fi
}

say "Elasticsearch and the server, data $data, ports $VNA_HTTP_PORT/$VNA_DICOM_PORT, AOT directory $VNA_AOT_DIR"
round "no AOT cache (VNA_AOT=off)" off 0
round "training run (first start, no cache yet)" auto $((2 * instances))
round "AOT cache" auto $((4 * instances))
round "no AOT cache, again" off $((6 * instances))

echo "### Start-up and warm-up of $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 || true) ($(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "\`bench/archive/startup.sh\` with INSTANCES=$instances. Ready: JVM start to Spring context ready (server log), and to readiness answering (Elasticsearch started just before). C-STORE over 4 associations into the same archive; CPU-ms per instance of the server JVM + Elasticsearch. QIDO-RS: the first 20 searches by PatientID after the C-STOREs."
echo
echo "| start | JVM to context ready, s | JVM to ready, s | server CPU s until ready | first $instances C-STORE /s | CPU-ms/inst | next $instances /s | CPU-ms/inst | first 20 QIDO p50 ms | max ms |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
