#!/usr/bin/env bash
# End-to-end archive benchmark: Vesalius (server + its own Elasticsearch, started with ./vna start
# on other ports and directories) and Orthanc with its DICOMweb plugin (Debian packages `orthanc`,
# `orthanc-dicomweb`, SQLite index), side by side in one run, on the same generated data and with
# the same clients:
#
#   ingest   C-STORE with dcmtk storescu on 1 association and on 4 parallel associations
#            (disjoint quarters), STOW-RS with curl (multipart bodies of STOW_BATCH instances) from
#            1 and from 4 parallel clients, then the rest of the N instances on 4 associations;
#            each phase in two halves sent ours / Orthanc / Orthanc / ours, so that the load of a
#            shared machine falls on both alike. Both targets must hold exactly the planned number
#            of instances after every phase, or the run stops.
#   QIDO-RS  after loading N instances: p50/p95 latency of five typical searches (studies by
#            PatientID; by StudyDate range + ModalitiesInStudy; by PatientName prefix; series of a
#            study; instances of a series), REPS requests each after WARMUP warm-up rounds; every
#            answer's number of results is checked against the data set's manifest.
#
#   retrieve (--retrieve-only, instead of the two above) WADO-RS retrieval on a 500-instance study
#            (one series) and a 1,000-instance series made by reparent.py from generated CT/MR images:
#            whole-study retrieve MB/s, series /metadata (500 and 1,000 instances), single-frame
#            /frames/1 and rendered JPEG latencies p50/p95; every answer checked for completeness.
#
#   bench/archive/run.sh            # N=20000 instances; updates bench/RESULTS.md (20-30 min here)
#   bench/archive/run.sh --quick    # N=2000, REPS=50, WARMUP=10: a few minutes; RESULTS.md untouched
#   bench/archive/run.sh --retrieve-only           # REPS=100, STUDY_REPS=10; updates bench/RESULTS.md
#   bench/archive/run.sh --retrieve-only --quick   # REPS=20, STUDY_REPS=3; RESULTS.md untouched
#
# Environment: N, REPS (200), WARMUP (20), STOW_BATCH (25), SEED (1), RESULTS (Markdown file whose
# section between the bench/archive markers is replaced; default bench/RESULTS.md, empty with
# --quick: report on stdout only), KEEP=1 (keep the work directory with all logs), MVN_FLAGS (-o),
# VNA_ES_HEAP (1g), VNA_SERVER_JAVA_OPTS, JAVA_HOME; with --retrieve-only also STUDY_REPS (10; 3),
# STUDY_WARMUP (2; 1), MATRIX (256). Details: bench/archive/README.md.
#
# Data: bench/archive/data/gen-N-seed-S/ (git-ignored), made once by `./vna generate`.
# Needs: dcmtk, curl, python3, orthanc, orthanc-dicomweb (installed with apt-get when missing,
# as root or with passwordless sudo), a JDK 21+ and Maven (for ./vna).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

quick=""
retrieve=""
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --retrieve-only) retrieve=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
    esac
done
if [ -n "$retrieve" ] && [ -n "$quick" ]; then
    n=2000 reps="${REPS:-20}" warmup="${WARMUP:-5}" study_reps="${STUDY_REPS:-3}" study_warmup="${STUDY_WARMUP:-1}"
    results="${RESULTS-}"
elif [ -n "$retrieve" ]; then
    n=2000 reps="${REPS:-100}" warmup="${WARMUP:-10}" study_reps="${STUDY_REPS:-10}" study_warmup="${STUDY_WARMUP:-2}"
    results="${RESULTS-$root/bench/RESULTS.md}"
elif [ -n "$quick" ]; then
    n="${N:-2000}" reps="${REPS:-50}" warmup="${WARMUP:-10}" results="${RESULTS-}"
else
    n="${N:-20000}" reps="${REPS:-200}" warmup="${WARMUP:-20}" results="${RESULTS-$root/bench/RESULTS.md}"
fi
matrix="${MATRIX:-256}"
stow_batch="${STOW_BATCH:-25}"
seed="${SEED:-1}"
mvn_flags="${MVN_FLAGS--o}"
export N="$n" REPS="$reps" WARMUP="$warmup" STOW_BATCH="$stow_batch" SEED="$seed"
export TCP_NODELAY=1   # Debian's dcmtk 3.6.7 leaves Nagle on otherwise: a 40 ms stall per C-STORE

# The command that reproduces this run, for the report.
command="bench/archive/run.sh${retrieve:+ --retrieve-only}${quick:+ --quick}"
if [ -n "$retrieve" ]; then
    export STUDY_REPS="$study_reps" STUDY_WARMUP="$study_warmup"
    [ "$reps" = "$([ -n "$quick" ] && echo 20 || echo 100)" ] || command="REPS=$reps $command"
    [ "$warmup" = "$([ -n "$quick" ] && echo 5 || echo 10)" ] || command="WARMUP=$warmup $command"
    [ "$study_reps" = "$([ -n "$quick" ] && echo 3 || echo 10)" ] || command="STUDY_REPS=$study_reps $command"
    [ "$study_warmup" = "$([ -n "$quick" ] && echo 1 || echo 2)" ] || command="STUDY_WARMUP=$study_warmup $command"
    [ "$matrix" = 256 ] || command="MATRIX=$matrix $command"
    [ "$seed" = 1 ] || command="SEED=$seed $command"
fi
for v in N REPS WARMUP STOW_BATCH SEED; do
    [ -z "$retrieve" ] || break
    case "$v" in
        N) [ "$n" = "$([ -n "$quick" ] && echo 2000 || echo 20000)" ] || command="$v=$n $command" ;;
        REPS) [ "$reps" = "$([ -n "$quick" ] && echo 50 || echo 200)" ] || command="$v=$reps $command" ;;
        WARMUP) [ "$warmup" = "$([ -n "$quick" ] && echo 10 || echo 20)" ] || command="$v=$warmup $command" ;;
        STOW_BATCH) [ "$stow_batch" = 25 ] || command="$v=$stow_batch $command" ;;
        SEED) [ "$seed" = 1 ] || command="$v=$seed $command" ;;
    esac
done

say() { printf '== %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------- tools

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
case :$PATH: in *:/usr/sbin:*) ;; *) export PATH=$PATH:/usr/sbin ;; esac   # Orthanc

apt_install() {   # packages...; as ./vna does it: root or passwordless sudo, output only on failure
    local sudo=() log
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n)
        else echo "need root or passwordless sudo to install Debian packages: $*" >&2; exit 1; fi
    fi
    say "installing Debian packages: $*"
    log=$(mktemp)
    if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } \
         </dev/null >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"
        echo "apt-get install $* failed" >&2; exit 1
    fi
    rm -f "$log"
    # The orthanc packages start (or, for plugins, restart) a system Orthanc where an init system
    # runs, on ports 4242/8042; this benchmark runs its own. Stop it and keep it off, as ./vna test does.
    if [[ " $* " == *" orthanc"* ]]; then
        if [ -d /run/systemd/system ]; then
            "${sudo[@]}" systemctl disable --now orthanc.service
        else
            "${sudo[@]}" /etc/init.d/orthanc stop && "${sudo[@]}" update-rc.d orthanc disable
        fi </dev/null >/dev/null 2>&1 || true
    fi
}
dicomweb_plugin() { dpkg -L orthanc-dicomweb 2>/dev/null | grep -m1 '/libOrthancDicomWeb\.so$' || true; }

pkgs=()
command -v storescu >/dev/null || pkgs+=(dcmtk)
command -v curl >/dev/null || pkgs+=(curl)
command -v python3 >/dev/null || pkgs+=(python3)
command -v Orthanc >/dev/null || pkgs+=(orthanc)
[ -n "$(dicomweb_plugin)" ] || pkgs+=(orthanc-dicomweb)
[ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"
plugin=$(dicomweb_plugin)
[ -f "$plugin" ] || { echo "the orthanc-dicomweb package lists no libOrthancDicomWeb.so" >&2; exit 1; }

# ---------------------------------------------------------------------------- work directory, cleanup

work="$(mktemp -d /tmp/vna-archive-bench.XXXXXX)"
chmod 755 "$work"   # Elasticsearch runs as an unprivileged user when we are root
# ./vna on other ports and in directories of its own: a fresh archive that leaves ./run and ./data alone.
export VNA_RUN_DIR="$work/vna-run" VNA_DATA_DIR="$work/vna-data"
printf '#!/bin/sh\nexec mvn %s "$@"\n' "$mvn_flags" >"$work/mvn"
chmod +x "$work/mvn"
export MVN="$work/mvn"
orthanc_pid=""
vna_started=""
cleanup() {
    local rc=$?
    if [ -n "$orthanc_pid" ]; then
        kill "$orthanc_pid" 2>/dev/null || true
        wait "$orthanc_pid" 2>/dev/null || true
    fi
    [ -z "$vna_started" ] || "$root/vna" stop >&2 || true
    if [ -n "${KEEP:-}" ] || [ $rc -ne 0 ]; then
        echo "work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_ports() {   # count -> that many distinct free TCP ports on 127.0.0.1, one a line
    python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

# ---------------------------------------------------------------------------- data

data="$here/data/gen-$n-seed-$seed${retrieve:+-m$matrix}"
if [ "$(wc -l <"$data/MANIFEST.tsv" 2>/dev/null || echo 0)" -ne $((n + 1)) ] || [ ! -s "$data/GENERATED.txt" ]; then
    say "generating $n instances (seed $seed) into ${data#"$root"/}"
    rm -rf "$data"
    mkdir -p "$data"
    "$root/vna" generate "$data" --instances "$n" --seed "$seed" ${retrieve:+--matrix "$matrix"} >"$work/generate.txt"
    cat "$work/generate.txt" >&2
    mv "$work/generate.txt" "$data/GENERATED.txt"   # written last: a complete data set has it
fi
if [ -n "$retrieve" ]; then
    # A 500-instance study and a 1,000-instance series, re-parented from the generated CT/MR images
    # (./vna generate makes studies of at most 300 instances): bench/archive/reparent.py.
    rdata="$here/data/retrieve-seed-$seed-m$matrix"
    if [ ! -s "$rdata/RETRIEVE.json" ] || [ "$rdata/RETRIEVE.json" -ot "$data/GENERATED.txt" ]; then
        say "re-parenting 1,500 generated images into a 500-instance study and a 1,000-instance series"
        python3 "$here/reparent.py" "$data" "$rdata" "$matrix" "$seed" >&2
    fi
fi

# ---------------------------------------------------------------------------- Vesalius

mapfile -t ports < <(free_ports 7)
export VNA_HTTP_PORT=${ports[0]} VNA_DICOM_PORT=${ports[1]} VNA_HL7_PORT=${ports[2]}
export VNA_ES_PORT=${ports[3]} VNA_ES_TRANSPORT_PORT=${ports[4]}
orthanc_http=${ports[5]}
orthanc_dicom=${ports[6]}
say "starting Vesalius (./vna start: HTTP $VNA_HTTP_PORT, DICOM $VNA_DICOM_PORT, Elasticsearch $VNA_ES_PORT)"
vna_started=1
"$root/vna" start >&2
for _ in $(seq 1 120); do   # ./vna start waits for liveness; the index may need a moment more
    curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$VNA_HTTP_PORT/actuator/health/readiness" && break
    sleep 0.5
done
curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$VNA_HTTP_PORT/actuator/health/readiness" \
    || { echo "Vesalius is not ready" >&2; exit 1; }
server_pid=$(cat "$VNA_RUN_DIR/vna-server.pid")
es_pid=$(cat "$VNA_RUN_DIR/es/elasticsearch.pid")

# ---------------------------------------------------------------------------- Orthanc

mkdir -p "$work/orthanc/storage" "$work/orthanc/index"
# Study and series /metadata: "MainDicomTags" (from the database, about 30 attributes per instance:
# no SOP Class UID, Rows, Columns, Pixel Data) is not used by the ingest and QIDO-RS phases; the
# retrieval phase needs complete answers, as ours gives (every attribute): "Full" (read the files).
orthanc_metadata=${retrieve:+Full}
orthanc_metadata=${orthanc_metadata:-MainDicomTags}
# Defaults of Orthanc 1.10 unless said otherwise; the performance options are those the Orthanc
# Book recommends for large archives ("Scalability of Orthanc"), except LimitFind* (no cap, so that
# both archives return every match). Durability as ours: every file fsync'ed (SyncStorageArea).
cat >"$work/orthanc/orthanc.json" <<EOF
{
  "Name": "vna-archive-bench",
  "StorageDirectory": "$work/orthanc/storage",
  "IndexDirectory": "$work/orthanc/index",
  "Plugins": [ "$plugin" ],
  "HttpServerEnabled": true, "HttpPort": $orthanc_http, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "SslEnabled": false, "WebDavEnabled": false,
  "DicomServerEnabled": true, "DicomAet": "ORTHANC", "DicomPort": $orthanc_dicom,
  "DicomCheckCalledAet": true, "DicomAlwaysAllowEcho": true, "DicomAlwaysAllowStore": true,
  "StorageCompression": false,
  "SyncStorageArea": true,
  "StoreMD5ForAttachments": true,
  "OverwriteInstances": false,
  "StorageAccessOnFind": "Never",
  "LimitFindResults": 0, "LimitFindInstances": 0,
  "KeepAlive": true, "TcpNoDelay": true,
  "HttpThreadsCount": 50, "DicomThreadsCount": 4,
  "SaveJobs": false,
  "CaseSensitivePN": false,
  "DicomWeb": {
    "Enable": true, "Root": "/dicom-web/", "EnableWado": true, "Ssl": false,
    "StudiesMetadata": "$orthanc_metadata", "SeriesMetadata": "$orthanc_metadata"
  }
}
EOF
say "starting Orthanc (HTTP $orthanc_http, DICOM $orthanc_dicom, DICOMweb plugin $plugin)"
Orthanc "$work/orthanc/orthanc.json" >"$work/orthanc/orthanc.log" 2>&1 &
orthanc_pid=$!
for _ in $(seq 1 100); do
    curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$orthanc_http/dicom-web/studies?limit=1" 2>/dev/null && break
    kill -0 "$orthanc_pid" 2>/dev/null || { cat "$work/orthanc/orthanc.log" >&2; echo "Orthanc exited" >&2; exit 1; }
    sleep 0.2
done
curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$orthanc_http/dicom-web/studies?limit=1" \
    || { tail -n 30 "$work/orthanc/orthanc.log" >&2; echo "Orthanc's DICOMweb does not answer" >&2; exit 1; }

cat >"$work/targets.json" <<EOF
{
  "ours": {"kind": "vesalius", "aet": "${VNA_AET:-VESALIUS}", "dicom_port": $VNA_DICOM_PORT,
           "stow": "http://127.0.0.1:$VNA_HTTP_PORT/dicomweb/studies",
           "qido": "http://127.0.0.1:$VNA_HTTP_PORT/dicomweb",
           "es": "http://127.0.0.1:$VNA_ES_PORT", "index_alias": "vna-instances",
           "blobs": "$VNA_DATA_DIR/blobs", "pids": {"server": $server_pid, "elasticsearch": $es_pid}},
  "orthanc": {"kind": "orthanc", "aet": "ORTHANC", "dicom_port": $orthanc_dicom,
              "stow": "http://127.0.0.1:$orthanc_http/dicom-web/studies",
              "qido": "http://127.0.0.1:$orthanc_http/dicom-web",
              "http": "http://127.0.0.1:$orthanc_http", "pids": {"orthanc": $orthanc_pid}}
}
EOF

# ---------------------------------------------------------------------------- measure

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
bench=(python3 "$here/archive_bench.py")
if [ -n "$retrieve" ]; then
    say "loading the retrieval sets into both archives (storescu, 2 associations)"
    "${bench[@]}" retrieve-load "$work" "$rdata"
    "${bench[@]}" retrieve "$work" "$rdata"
else
    say "planning: phases, STOW-RS bodies of $stow_batch instances, query parameters"
    "${bench[@]}" plan "$work" "$data" "$n"
    "${bench[@]}" ingest "$work"
    "${bench[@]}" qido "$work"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------- report

es_version=$(sed -n 's:.*<elasticsearch.version>\([^<]*\)</elasticsearch.version>.*:\1:p' "$root/pom.xml" | head -1)
data_bytes=$(awk -F'\t' 'NR > 1 { s += $25 } END { print s }' "$data/MANIFEST.tsv")
python3 - "$work/meta.json" <<EOF
import json, sys
json.dump({
    "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
    "command": """$command""",
    "cpus": "$(nproc)",
    "cpu_model": """$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)""",
    "memory": "$(free -h | awk '/^Mem:/ { print $2 }')",
    "load_before": "$load_before", "load_after": "$load_after",
    "vesalius": "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!bench/RESULTS.md' || echo '+changes')",
    "java": """$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)""",
    "es": "$es_version", "es_heap": "${VNA_ES_HEAP:-1g}",
    "orthanc": "$(dpkg-query -W -f '${Version}' orthanc)",
    "dicomweb": "$(dpkg-query -W -f '${Version}' orthanc-dicomweb)",
    "dcmtk": "$(dpkg-query -W -f '${Version}' dcmtk)",
    "curl": "$(curl --version | head -1 | cut -d' ' -f2)",
    "python": "$(python3 -c 'import platform; print(platform.python_version())')",
    "data_summary": """$(sed -n 's/.*(\([^;]*\);.*/\1/p' "$data/GENERATED.txt")""",
    "data_bytes": $data_bytes,
}, open(sys.argv[1], "w"), indent=1)
EOF
"${bench[@]}" ${retrieve:+retrieve-}report "$work" >"$work/report.md"
echo
cat "$work/report.md"

if [ -n "$results" ]; then
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    mkdir -p "$root/bench/results"
    kind=${retrieve:+retrieve}
    kind=${kind:-archive}
    python3 - "$work" "$root/bench/results/$kind-$stamp.json" "$kind" <<'EOF'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
files = ("meta", "retrieve") if sys.argv[3] == "retrieve" else ("meta", "ingest", "qido")
json.dump({f: json.loads((work / f"{f}.json").read_text()) for f in files}, open(sys.argv[2], "w"), indent=1)
EOF
    python3 - "$results" "$work/report.md" "bench/results/$kind-$stamp.json" "$kind" <<'EOF'
import sys
from pathlib import Path
results, report, raw, kind = Path(sys.argv[1]), Path(sys.argv[2]).read_text(), sys.argv[3], sys.argv[4]
if kind == "retrieve":
    begin, end = "<!-- bench/archive-retrieve:begin (written by bench/archive/run.sh --retrieve-only) -->", "<!-- bench/archive-retrieve:end -->"
    title = "WADO-RS retrieval against Orthanc (`bench/archive/run.sh --retrieve-only`)"
else:
    begin, end = "<!-- bench/archive:begin (written by bench/archive/run.sh) -->", "<!-- bench/archive:end -->"
    title = "End-to-end archive benchmark against Orthanc (`bench/archive`)"
block = f"{begin}\n{report}\nRaw numbers: `{raw}`.\n{end}"
text = results.read_text() if results.exists() else "# Benchmark results\n"
if begin in text and end in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + f"\n\n## {title}\n\n" + block + "\n"
results.write_text(text)
EOF
    say "results written to ${results#"$root"/} and bench/results/$kind-$stamp.json"
fi
