#!/usr/bin/env bash
# End-to-end archive benchmark, following the protocol of issue 11: Vesalius (server + its own
# Elasticsearch, started with ./vna start on other ports and directories), Orthanc with its DICOMweb
# plugin (Debian packages `orthanc`, `orthanc-dicomweb`, SQLite index) and dcmtk `storescp` (files
# written as received: no fsync, no index), side by side in one run, on the same generated data and
# with the same clients. Details, and what each number means: bench/archive/README.md.
#
#   protocol  refuses to start when the machine is not quiet (1-minute load above 0.3, or other
#             processes above 0.1 core over 5 s; --not-quiet: run anyway, results marked NOT QUIET);
#             records CPU steal, the file systems under the data (type, options, fsync latency),
#             other processes' CPU in every measurement; server-side CPU-ms per instance from /proc;
#             warm-up until two consecutive windows agree within 5 %; RUNS (5) alternating runs per
#             phase, median and min-max; a JFR profile of the server; flushes per instance (strace).
#   ingest    C-STORE (storescu) on 1 and 4 associations (also to storescp), STOW-RS (curl) from 1
#             and 4 clients, a durability sample under strace; QIDO-RS (five searches, p50/p95);
#             then a bulk load on 4 associations. Every target must hold exactly the planned
#             instances after every phase, or the run stops.
#   retrieve  WADO-RS on a 500-instance study and a 1,000-instance series (reparent.py): whole
#             study warm and cold, series /metadata, /frames/1, rendered JPEG.
#
#   bench/archive/run.sh                 # full run: 40,000 instances, 20-30 min; bench/RESULTS.md when quiet
#   bench/archive/run.sh --quick         # 3,000 instances, fewer requests: about 5 minutes; RESULTS.md untouched
#   bench/archive/run.sh --retrieve-only [--quick]   # the retrieval part alone
#   bench/archive/run.sh --quick --not-quiet         # on a busy machine: runs, marks the report NOT QUIET
#
# Environment (full / --quick defaults in README.md): phase sizes WARM_MAX WARM_STOW C1 C4 S1 S4 DUR
# BULK; RUNS (5), WINDOW_S (10 / 3), WARM_MAX_S, REPS, WARMUP (QIDO-RS rounds), RETRIEVE_REPS,
# STUDY_REPS, STUDY_WARMUP, MATRIX (256), STOW_BATCH (25), SEED (1); COLD (auto: drop the page cache
# when root, else fresh studies); RESULTS (Markdown file whose block between the markers is
# replaced; set it to write a NOT QUIET run somewhere); KEEP=1 (keep the work directory);
# BENCH_TMP (/tmp: where the work directory and both archives live); JFR (1; 0: no profile),
# JFR_SETTINGS (default); VNA_AOT (auto; off); VNA_ES_HEAP (1g), VNA_SERVER_JAVA_OPTS, JAVA_HOME,
# MVN_FLAGS (-o).
#
# Needs: dcmtk, curl, python3, orthanc, orthanc-dicomweb, strace (installed with apt-get when
# missing, as root or with passwordless sudo), a JDK 21+ and Maven (for ./vna).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
t_start=$SECONDS

quick="" retrieve="" allow_busy=""
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --retrieve-only) retrieve=1 ;;
        --not-quiet | --allow-busy) allow_busy=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
    esac
done

# Sizes: full run / --quick. The phases before QIDO-RS add up to 20,000 instances in the full run.
defaults() {   # VAR=value per line, for the mode chosen
    local d
    for d in WARM_MAX:6000:600 WARM_STOW:500:100 C1:1500:200 C4:5000:500 S1:1500:200 S4:5300:300 \
             DUR:200:100 BULK:20000:1000 RUNS:5:5 WINDOW_S:10:3 WARM_MAX_S:240:60 REPS:200:50 \
             WARMUP:20:10 RETRIEVE_REPS:100:20 STUDY_REPS:10:3 STUDY_WARMUP:2:1 MATRIX:256:256 \
             STOW_BATCH:25:25 SEED:1:1; do
        IFS=: read -r v full q <<<"$d"
        echo "$v=$([ -n "$quick" ] && echo "$q" || echo "$full")"
    done
}
command="bench/archive/run.sh${retrieve:+ --retrieve-only}${quick:+ --quick}${allow_busy:+ --not-quiet}"
while IFS='=' read -r v value; do
    if [ -n "${!v:-}" ]; then
        [ "${!v}" = "$value" ] || command="$v=${!v} $command"
    else
        printf -v "$v" '%s' "$value"
    fi
    export "${v?}"
done < <(defaults)
n=$((WARM_MAX + WARM_STOW + C1 + C4 + S1 + S4 + DUR + BULK))
export N=$n
mvn_flags="${MVN_FLAGS--o}"
export TCP_NODELAY=1   # Debian's dcmtk 3.6.7 leaves Nagle on otherwise: a 40 ms stall per C-STORE
if [ -n "$quick" ]; then results="${RESULTS-}"; else results="${RESULTS-$root/bench/RESULTS.md}"; fi
results_given=${RESULTS+1}

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
command -v strace >/dev/null || pkgs+=(strace)
command -v Orthanc >/dev/null || pkgs+=(orthanc)
[ -n "$(dicomweb_plugin)" ] || pkgs+=(orthanc-dicomweb)
[ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"
plugin=$(dicomweb_plugin)

# ---------------------------------------------------------------------------- work directory, cleanup

work="$(mktemp -d "${BENCH_TMP:-/tmp}/vna-archive-bench.XXXXXX")"
chmod 755 "$work"   # Elasticsearch runs as an unprivileged user when we are root
mkdir -p "$work/logs"
# ./vna on other ports and in directories of its own: a fresh archive that leaves ./run and ./data
# alone. The extracted server jar and its AOT cache are kept between runs (bench/archive/data/aot).
export VNA_RUN_DIR="$work/vna-run" VNA_DATA_DIR="$work/vna-data" VNA_AOT_DIR="${VNA_AOT_DIR:-$here/data/aot}"
printf '#!/bin/sh\nexec mvn %s "$@"\n' "$mvn_flags" >"$work/mvn"
chmod +x "$work/mvn"
export MVN="$work/mvn"
orthanc_pid="" storescp_pid="" vna_started="" train_started=""
cleanup() {
    local rc=$?
    trap - INT TERM
    [ -z "$storescp_pid" ] || kill -- -"$storescp_pid" 2>/dev/null || true
    if [ -n "$orthanc_pid" ]; then
        kill "$orthanc_pid" 2>/dev/null || true
        wait "$orthanc_pid" 2>/dev/null || true
    fi
    [ -z "$train_started" ] || VNA_RUN_DIR="$work/train-run" VNA_DATA_DIR="$work/train-data" "$root/vna" stop >&2 || true
    [ -z "$vna_started" ] || "$root/vna" stop >&2 || true
    if [ -n "${KEEP:-}" ] || { [ $rc -ne 0 ] && [ $rc -ne 3 ]; }; then   # 3: refused, nothing to keep
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
wait_http() {   # url seconds -> 0 when it answers 2xx within that time
    local i
    for ((i = 0; i < $2 * 5; i++)); do
        curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

# ---------------------------------------------------------------------------- quiet?

say "is the machine quiet? (1-min load <= 0.3, other processes <= 0.1 core over 5 s)"
python3 "$here/protocol.py" quiet "$work" 5 ${allow_busy:+--allow-busy} || exit 3
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------- data

generate() {   # directory count seed [--matrix M]
    local dir=$1 count=$2 gseed=$3
    shift 3
    if [ "$(wc -l 2>/dev/null <"$dir/MANIFEST.tsv" || echo 0)" -ne $((count + 1)) ] || [ ! -s "$dir/GENERATED.txt" ]; then
        say "generating $count instances (seed $gseed) into ${dir#"$root"/}"
        rm -rf "$dir"
        mkdir -p "$dir"
        "$root/vna" generate "$dir" --instances "$count" --seed "$gseed" "$@" >"$work/generate.txt"
        cat "$work/generate.txt" >&2
        mv "$work/generate.txt" "$dir/GENERATED.txt"   # written last: a complete data set has it
    fi
}
data="$here/data/gen-$n-seed-$SEED"
[ -n "$retrieve" ] || generate "$data" "$n" "$SEED"
# A 500-instance study and a 1,000-instance series, re-parented from generated CT/MR images
# (./vna generate makes studies of at most 300 instances): bench/archive/reparent.py. Another
# seed than the ingest data's: the same seed gives the same SOP Instance UIDs.
rseed=$((SEED + 100))
rgen="$here/data/gen-2000-seed-$rseed-m$MATRIX"
generate "$rgen" 2000 "$rseed" --matrix "$MATRIX"
rdata="$here/data/retrieve-seed-$rseed-m$MATRIX"
if [ ! -s "$rdata/RETRIEVE.json" ] || [ "$rdata/RETRIEVE.json" -ot "$rgen/GENERATED.txt" ]; then
    say "re-parenting 1,500 generated images into a 500-instance study and a 1,000-instance series"
    python3 "$here/reparent.py" "$rgen" "$rdata" "$MATRIX" "$rseed" >&2
fi
# Cold whole-study reads: drop the page cache when we may (root), else read studies not read before.
if [ "${COLD:-auto}" = auto ]; then
    if [ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/drop_caches ]; then COLD=drop; else COLD=fresh; fi
fi
export COLD

say "file systems under the archives and the data (type, mount options, fsync latency)"
python3 "$here/protocol.py" fsprobe "$work" "$work" "$here/data"

# ---------------------------------------------------------------------------- Vesalius

mapfile -t ports < <(free_ports 8)
export VNA_HTTP_PORT=${ports[0]} VNA_DICOM_PORT=${ports[1]} VNA_HL7_PORT=${ports[2]}
export VNA_ES_PORT=${ports[3]} VNA_ES_TRANSPORT_PORT=${ports[4]}
# Engines compared as engines: Orthanc runs without authentication here, so does Vesalius (on
# loopback only); what tokens cost is measured on its own (bench/security).
export VNA_SECURITY=off
orthanc_http=${ports[5]} orthanc_dicom=${ports[6]} storescp_port=${ports[7]}
aot="off (VNA_AOT=off)"
if [ "${VNA_AOT:-auto}" != off ]; then
    if aot_file=$("$root/vna" aot-cache 2>/dev/null); then
        aot="used, \`${aot_file#"$root"/}\` (made by an earlier run)"
    else
        # The first start with a new server jar or JDK is the AOT cache's training run (./vna start):
        # make it here, on an archive of its own with a short mixed load, so that the measured
        # server starts with the cache, as it would in production from the second start on.
        say "training the server's AOT cache: C-STORE, STOW-RS, QIDO-RS and WADO-RS on a scratch archive"
        train_started=1
        VNA_RUN_DIR="$work/train-run" VNA_DATA_DIR="$work/train-data" "$root/vna" start >"$work/logs/train-start.txt" 2>&1 \
            || { cat "$work/logs/train-start.txt" >&2; echo "Vesalius did not start (AOT training run)" >&2; exit 1; }
        mapfile -t tfiles < <(awk -F'\t' 'NR > 1 && NR <= 401 { print $1 }' "$rgen/MANIFEST.tsv")
        (cd "$rgen" && storescu -R -aet BENCH -aec "${VNA_AET:-VESALIUS}" 127.0.0.1 "$VNA_DICOM_PORT" "${tfiles[@]}") \
            >"$work/logs/train-storescu.txt" 2>&1 || true
        python3 "$here/archive_bench.py" train "$work" "http://127.0.0.1:$VNA_HTTP_PORT/dicomweb" "$rgen" \
            >"$work/logs/train.txt" 2>&1 || true
        VNA_RUN_DIR="$work/train-run" VNA_DATA_DIR="$work/train-data" "$root/vna" stop >"$work/logs/train-stop.txt" 2>&1 || true
        train_started=""
        if aot_file=$("$root/vna" aot-cache 2>/dev/null); then
            aot="trained in this run, then used: \`${aot_file#"$root"/}\`"
        else
            aot="training failed (see $work/logs/train-stop.txt): measured without"
            export VNA_AOT=off
            KEEP=1
        fi
    fi
    say "AOT cache: $aot"
fi

say "starting Vesalius (./vna start: HTTP $VNA_HTTP_PORT, DICOM $VNA_DICOM_PORT, Elasticsearch $VNA_ES_PORT)"
vna_started=1
t0=$(date +%s%N)
"$root/vna" start >&2
wait_http "http://127.0.0.1:$VNA_HTTP_PORT/actuator/health/readiness" 60 || { echo "Vesalius is not ready" >&2; exit 1; }
ready_ms=$((($(date +%s%N) - t0) / 1000000))
started=$(sed -n 's/.*Started VnaServerApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/JVM start to Spring context ready \2 s/p' \
    "$VNA_RUN_DIR/logs/vna-server.log" | tail -1)
startup="${started:-?}; ./vna start (Elasticsearch, then the server) to readiness $((ready_ms / 1000)).$(printf '%03d' $((ready_ms % 1000))) s"
say "Vesalius: $startup"
server_pid=$(cat "$VNA_RUN_DIR/vna-server.pid")
es_pid=$(cat "$VNA_RUN_DIR/es/elasticsearch.pid")
# The flight recording starts now, with jcmd: -XX:StartFlightRecording on the command line would
# change the JVM's module graph (jdk.jfr) and make it refuse the AOT cache trained without it.
jfr=""
if [ "${JFR:-1}" != 0 ]; then
    jfr="$work/server.jfr"
    jcmd "$server_pid" JFR.start name=vna-bench settings="${JFR_SETTINGS:-default}" filename="$jfr" \
        >"$work/logs/jfr-start.txt" 2>&1 || { cat "$work/logs/jfr-start.txt" >&2; say "no JFR profile (jcmd JFR.start failed)"; jfr=""; }
fi

# ---------------------------------------------------------------------------- Orthanc

mkdir -p "$work/orthanc/storage" "$work/orthanc/index"
# Defaults of Orthanc 1.10 unless said otherwise; the performance options are those the Orthanc
# Book recommends for large archives ("Scalability of Orthanc"), except LimitFind* (no cap, so that
# both archives return every match). Durability: every stored file fsync'ed (SyncStorageArea); the
# SQLite index runs in WAL mode with SYNCHRONOUS=NORMAL (Orthanc's own PRAGMAs, not configurable):
# its commits are not fsync'ed. Study and series /metadata: "Full" (read the files: complete
# answers, as ours; "MainDicomTags" gives about 30 attributes from the database, no Pixel Data).
cat >"$work/orthanc/orthanc.json" <<JSON
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
    "StudiesMetadata": "Full", "SeriesMetadata": "Full"
  }
}
JSON
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

# ---------------------------------------------------------------------------- storescp

mkdir -p "$work/storescp"
say "starting dcmtk storescp (DICOM $storescp_port; one process per association, files as received, no fsync)"
setsid storescp --fork -dhl +B -aet STORESCP -od "$work/storescp" "$storescp_port" >"$work/logs/storescp.log" 2>&1 &
storescp_pid=$!
for _ in $(seq 1 50); do
    echoscu -aet BENCH -aec STORESCP 127.0.0.1 "$storescp_port" 2>/dev/null && break
    kill -0 "$storescp_pid" 2>/dev/null || { cat "$work/logs/storescp.log" >&2; echo "storescp exited" >&2; exit 1; }
    sleep 0.2
done

cat >"$work/targets.json" <<JSON
{
  "ours": {"kind": "vesalius", "aet": "${VNA_AET:-VESALIUS}", "dicom_port": $VNA_DICOM_PORT,
           "stow": "http://127.0.0.1:$VNA_HTTP_PORT/dicomweb/studies",
           "qido": "http://127.0.0.1:$VNA_HTTP_PORT/dicomweb",
           "http": "http://127.0.0.1:$VNA_HTTP_PORT",
           "prometheus": "http://127.0.0.1:$VNA_HTTP_PORT/actuator/prometheus",
           "es": "http://127.0.0.1:$VNA_ES_PORT", "index_alias": "vna-instances",
           "blobs": "$VNA_DATA_DIR/blobs", "pids": {"server": $server_pid, "elasticsearch": $es_pid}},
  "orthanc": {"kind": "orthanc", "aet": "ORTHANC", "dicom_port": $orthanc_dicom,
              "stow": "http://127.0.0.1:$orthanc_http/dicom-web/studies",
              "qido": "http://127.0.0.1:$orthanc_http/dicom-web",
              "http": "http://127.0.0.1:$orthanc_http", "pids": {"orthanc": $orthanc_pid}},
  "storescp": {"kind": "storescp", "aet": "STORESCP", "dicom_port": $storescp_port,
               "dir": "$work/storescp", "pids": {"storescp": $storescp_pid}}
}
JSON

# ---------------------------------------------------------------------------- measure

bench=(python3 "$here/archive_bench.py")
if [ -z "$retrieve" ]; then
    say "planning: $n instances in phases, STOW-RS bodies of $STOW_BATCH instances, query parameters"
    "${bench[@]}" plan "$work" "$data" "$n"
    "${bench[@]}" ingest "$work" 1
    "${bench[@]}" qido "$work"
    "${bench[@]}" ingest "$work" 2
fi
say "loading the retrieval sets into both archives (storescu, 2 associations)"
"${bench[@]}" retrieve-load "$work" "$rdata"
REPS=$RETRIEVE_REPS WARMUP=$((RETRIEVE_REPS / 10 > 5 ? RETRIEVE_REPS / 10 : 5)) "${bench[@]}" retrieve "$work" "$rdata"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------- JFR, report

stamp=$(date -u +%Y%m%dT%H%M%SZ)
kind=${retrieve:+retrieve}
kind=${kind:-archive}
jfr_kept=""
if [ -n "$jfr" ]; then
    jcmd "$server_pid" JFR.dump name=vna-bench filename="$jfr" >"$work/logs/jfr-dump.txt" 2>&1 || true
    if [ -s "$jfr" ]; then
        mkdir -p "$here/profiles"
        cp "$jfr" "$here/profiles/$kind-$stamp-server.jfr"
        jfr_kept="bench/archive/profiles/$kind-$stamp-server.jfr"
        say "JFR profile of the server: $jfr_kept (git-ignored)"
    fi
fi
es_version=$(sed -n 's:.*<elasticsearch.version>\([^<]*\)</elasticsearch.version>.*:\1:p' "$root/pom.xml" | head -1)
summary_of=${retrieve:+$rgen}
summary_of=${summary_of:-$data}
data_bytes=$(awk -F'\t' 'NR > 1 { s += $25 } END { print s + 0 }' "$summary_of/MANIFEST.tsv")
duration=$((SECONDS - t_start))
python3 - "$work/meta.json" <<PY
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
    "data_summary": """$(sed -n 's/.*(\([^;]*\);.*/\1/p' "$summary_of/GENERATED.txt")""",
    "data_bytes": $data_bytes,
    "startup": """$startup""", "aot": """$aot""", "jfr": "$jfr_kept", "cold": "$COLD",
    "duration": "$((duration / 60)) min $((duration % 60)) s",
}, open(sys.argv[1], "w"), indent=1)
PY
python3 "$here/report.py" "$work" >"$work/report.md"
echo
cat "$work/report.md"

quiet_run=$(python3 -c 'import sys; print("yes" if "NOT QUIET" not in open(sys.argv[1]).readline() else "")' "$work/report.md")
if [ -n "$results" ] && [ -z "$quiet_run" ] && [ -z "$results_given" ]; then
    say "NOT QUIET: ${results#"$root"/} left untouched (set RESULTS=file to write this run somewhere); report kept in $work/report.md"
    KEEP=1
    results=""
fi
if [ -n "$results" ]; then
    mkdir -p "$root/bench/results"
    python3 - "$work" "$root/bench/results/$kind-$stamp.json" <<'PY'
import json, sys
from pathlib import Path
work = Path(sys.argv[1])
files = ("meta", "quiet", "fs", "ingest", "qido", "retrieve")
json.dump({f: json.loads((work / f"{f}.json").read_text()) for f in files if (work / f"{f}.json").exists()},
          open(sys.argv[2], "w"), indent=1)
PY
    python3 - "$results" "$work/report.md" "bench/results/$kind-$stamp.json" "$kind" <<'PY'
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
PY
    say "results written to ${results#"$root"/} and bench/results/$kind-$stamp.json"
fi
say "done in $((duration / 60)) min $((duration % 60)) s"
