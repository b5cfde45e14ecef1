#!/usr/bin/env bash
# C-STORE throughput on the loopback interface, ours against dcmtk 3.6.7, in one run of about
# two minutes (plus the build, and the data generation the first time):
#
#   (a) receivers: dcmtk storescu sends N files on one association to our SCP (discarding;
#       writing Part 10 files; each with the default virtual threads and with platform threads)
#       and to dcmtk storescp (--ignore; -od; -od +B)
#   (b) senders:   our SCU (association reader on a virtual thread, the default, and on a platform
#       thread) and dcmtk storescu each send the same N files on one association to storescp --ignore
#
# Every sender and receiver is started once; after one warm-up pass each (JIT, page cache), the
# passes go round-robin, REPS rounds, so that the load of a shared machine falls on all alike.
# The best pass of each is reported, the one least disturbed; all passes are printed on stderr.
#
#   bench/dimse/run.sh                  # N=500 instances of ~512 KiB, REPS=5
#   N=200 REPS=2 bench/dimse/run.sh     # quicker
#   MVN_FLAGS= bench/dimse/run.sh       # let Maven go online (first run on a machine)
#
# Data: bench/dimse/data/ct-N/ (git-ignored), generated once by the toolkit (GenerateData).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${N:-500}"
reps="${REPS:-5}"
mvn_flags="${MVN_FLAGS--o}"
export TCP_NODELAY=1   # Debian's dcmtk 3.6.7 leaves Nagle on otherwise: a 40 ms stall per C-STORE

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
for tool in storescu storescp python3; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d /tmp/vna-dimse-bench.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

echo "== build" >&2
cd "$root"
# shellcheck disable=SC2086
mvn -q $mvn_flags -pl bench/dimse-bench -am install -DskipTests
# shellcheck disable=SC2086
mvn -q $mvn_flags -pl bench/dimse-bench dependency:build-classpath \
    -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=runtime >/dev/null
cp="$root/bench/dimse-bench/target/classes:$(cat "$work/cp")"
jvm=("$java" -Xmx512m -cp "$cp")

data="$here/data/ct-$n"
if [ "$(find "$data" -name '*.dcm' 2>/dev/null | wc -l)" -ne "$n" ]; then
    echo "== generating $n instances into $data" >&2
    rm -rf "$data"
    "${jvm[@]}" org.vesalius.dicom.bench.dimse.GenerateData "$data" "$n"
fi
mapfile -t files < <(find "$data" -name '*.dcm' | sort)
bytes=$(cat "${files[@]}" | wc -c)

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
await_listening() {   # port; bounded: a receiver that does not come up fails the run
    for _ in $(seq 1 200); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

# ---------------------------------------------------------------- (a) receivers
names=("ours, discarding" "ours, discarding, platform threads" "storescp --ignore"
       "ours, Part 10 files" "ours, Part 10 files, platform threads" "storescp -od +B" "storescp -od")
declare -A port sink times result
for i in "${!names[@]}"; do
    name=${names[$i]}
    p=$(free_port)
    port[$name]=$p
    dir="$work/sink-$i"
    case "$name" in
        "ours, discarding") cmd=("${jvm[@]}" org.vesalius.dicom.bench.dimse.BenchScp "$p" discard) ;;
        "ours, discarding, platform threads") cmd=("${jvm[@]}" org.vesalius.dicom.bench.dimse.BenchScp "$p" discard platform) ;;
        "ours, Part 10 files") cmd=("${jvm[@]}" org.vesalius.dicom.bench.dimse.BenchScp "$p" "$dir"); sink[$name]=$dir ;;
        "ours, Part 10 files, platform threads") cmd=("${jvm[@]}" org.vesalius.dicom.bench.dimse.BenchScp "$p" "$dir" platform); sink[$name]=$dir ;;
        "storescp --ignore") cmd=(storescp --ignore -aet BENCH "$p") ;;
        "storescp -od +B") cmd=(storescp -aet BENCH -od "$dir" +B "$p"); sink[$name]=$dir ;;
        "storescp -od") cmd=(storescp -aet BENCH -od "$dir" "$p"); sink[$name]=$dir ;;
    esac
    [ -n "${sink[$name]:-}" ] && mkdir -p "$dir"
    "${cmd[@]}" > "$work/receiver-$i.log" 2>&1 &
    pids+=($!)
done
for name in "${names[@]}"; do await_listening "${port[$name]}"; done

storescu_pass() {   # port; prints seconds; fails unless every file was stored
    local t0 t1
    t0=$(date +%s.%N)
    storescu -R -aet STORESCU -aec BENCH 127.0.0.1 "$1" "${files[@]}" > "$work/storescu.log" 2>&1 \
        || { cat "$work/storescu.log" >&2; return 1; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
receive_pass() {   # name; one storescu pass into that receiver, the sink emptied first and checked after
    local name=$1 s=${sink[$1]:-} t stored
    [ -z "$s" ] || find "$s" -mindepth 1 -delete
    t=$(storescu_pass "${port[$name]}")
    if [ -n "$s" ]; then
        stored=$(find "$s" -type f ! -name '.*' | wc -l)
        [ "$stored" -eq "$n" ] || { echo "$name stored $stored of $n files" >&2; exit 1; }
    fi
    echo "$t"
}

echo "== (a) receivers: storescu sends $n files ($bytes bytes) on one association; warm-up, then $reps rounds" >&2
for name in "${names[@]}"; do receive_pass "$name" >/dev/null; done
for round in $(seq 1 "$reps"); do
    for name in "${names[@]}"; do times[$name]+="$(receive_pass "$name") "; done
done
for name in "${names[@]}"; do echo "   $name: ${times[$name]}s" >&2; done
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
pids=()

# ---------------------------------------------------------------- (b) senders
dest=$(free_port)
storescp --ignore -aet BENCH "$dest" > "$work/dest.log" 2>&1 &
pids+=($!)
await_listening "$dest"
# Our SCU runs once per thread kind and does a pass for each line it reads (FIFOs in, lines out).
declare -A scu_in scu_out
for threads in virtual platform; do
    mkfifo "$work/$threads.in" "$work/$threads.out"
    "${jvm[@]}" org.vesalius.dicom.bench.dimse.BenchScu 127.0.0.1 "$dest" BENCH "$threads" "${files[@]}" \
        < "$work/$threads.in" > "$work/$threads.out" 2> "$work/$threads.err" &
    pids+=($!)
    exec {fd_in}> "$work/$threads.in"
    exec {fd_out}< "$work/$threads.out"
    scu_in[$threads]=$fd_in
    scu_out[$threads]=$fd_out
done
scu_pass() {   # threads; prints seconds
    local line
    echo pass >&"${scu_in[$1]}"
    read -r line <&"${scu_out[$1]}" || { cat "$work/$1.err" >&2; exit 1; }
    set -- "$1" $line
    [ "$3" -eq "$n" ] || { echo "our SCU stored $3 of $n" >&2; exit 1; }
    echo "$2"
}
senders=("ours (SCU)" "ours (SCU), platform threads" "storescu")
send_pass() {
    case "$1" in
        "ours (SCU)") scu_pass virtual ;;
        "ours (SCU), platform threads") scu_pass platform ;;
        storescu) storescu_pass "$dest" ;;
    esac
}
echo "== (b) senders to storescp --ignore: warm-up, then $reps rounds" >&2
for name in "${senders[@]}"; do send_pass "$name" >/dev/null; done
for round in $(seq 1 "$reps"); do
    for name in "${senders[@]}"; do times[$name]+="$(send_pass "$name") "; done
done
for name in "${senders[@]}"; do echo "   $name: ${times[$name]}s" >&2; done

# ---------------------------------------------------------------- report
for name in "${names[@]}" "${senders[@]}"; do
    result[$name]=$(printf '%s\n' ${times[$name]} | sort -n | head -n 1)
done
row() {   # name baseline-name
    awk -v name="$1" -v t="${result[$1]}" -v base="${result[$2]}" -v n="$n" -v bytes="$bytes" 'BEGIN {
        printf "| %s | %.2f | %.0f | %.0f | %.2f |\n", name, t, n / t, bytes / t / 1e6, base / t }'
}
echo
echo "$n instances, $((bytes / n)) bytes each, one association; best of $reps round-robin passes after a warm-up."
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -n 1); dcmtk $(storescu --version 2>&1 | head -n 1 | awk '{print $3}')"
echo
echo "| (a) receiving from storescu | s | instances/s | MB/s | speed vs storescp alike |"
echo "| --- | ---: | ---: | ---: | ---: |"
row "ours, discarding" "storescp --ignore"
row "ours, discarding, platform threads" "storescp --ignore"
row "storescp --ignore" "storescp --ignore"
row "ours, Part 10 files" "storescp -od +B"
row "ours, Part 10 files, platform threads" "storescp -od +B"
row "storescp -od +B" "storescp -od +B"
row "storescp -od" "storescp -od +B"
echo
echo "| (b) sending to storescp --ignore | s | instances/s | MB/s | speed vs storescu |"
echo "| --- | ---: | ---: | ---: | ---: |"
row "ours (SCU)" "storescu"
row "ours (SCU), platform threads" "storescu"
row "storescu" "storescu"
