"""The measurement protocol of bench/archive: is the machine quiet, what does a process tree
cost in CPU (from /proc), CPU steal, the file systems under the data, and how many flushes
(fsync and friends) each archive makes per instance.

    protocol.py quiet   WORK SECONDS [--allow-busy]   1-min load and others' CPU -> WORK/quiet.json
    protocol.py fsprobe WORK DIR...                   file system, mount options, fsync latency -> WORK/fs.json

Exit status of `quiet`: 0 quiet, 3 not quiet (unless --allow-busy: then 0 and the run is marked).
Standard library only.
"""

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

# The protocol's limits (issue 11): a run is quiet when the 1-minute load average is at most
# 0.3 before it starts and other processes use at most 0.1 core, before and during every phase.
MAX_LOAD1 = 0.3
MAX_OTHERS = 0.1
HZ = os.sysconf("SC_CLK_TCK")
FLUSH_CALLS = ("fsync", "fdatasync", "sync_file_range", "msync", "sync", "syncfs")


def log(msg):
    print(f"   {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ CPU

def machine():
    """Ticks of the whole machine since boot: busy (user, nice, system, irq, softirq) and steal."""
    v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    v += [0] * (8 - len(v))
    return {"busy": v[0] + v[1] + v[2] + v[5] + v[6], "steal": v[7], "all": sum(v[:8])}


def processes():
    """pid -> (ppid, CPU ticks of the process and of its reaped children)."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            f = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            out[int(d)] = (int(f[1]), int(f[11]) + int(f[12]) + int(f[13]) + int(f[14]))
        except (OSError, IndexError, ValueError):
            pass
    return out


def descendants(pids, procs):
    """pids and every process below them."""
    children = {}
    for p, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(p)
    out, todo = set(), list(pids)
    while todo:
        p = todo.pop()
        if p in procs and p not in out:
            out.add(p)
            todo += children.get(p, [])
    return out


def tree_ticks(pid, procs):
    """CPU ticks of pid and every descendant, live or reaped (storescp --fork, Elasticsearch's
    native controller): a child's time moves into its parent's cutime when it is reaped, so the
    sum does not jump."""
    return sum(procs[p][1] for p in descendants([pid], procs))


def kernel_thread(pid, procs):
    return pid == 2 or procs[pid][0] == 2


def split_ticks(all_pids, procs):
    """Ticks of the archives' process trees, of this process's tree (the clients), and of every
    other user-space process; kernel threads (and interrupts) are the rest of the machine's busy
    time: they mostly work for the archives' I/O (journal commits, writeback), so they are
    reported but do not count as other processes."""
    servers = descendants(all_pids, procs)
    clients = descendants([os.getpid()], procs) - servers
    others = sum(t for p, (_, t) in procs.items()
                 if p not in servers and p not in clients and not kernel_thread(p, procs))
    return sum(procs[p][1] for p in servers), sum(procs[p][1] for p in clients), others


class Meter:
    """Wall time, CPU of each process tree of the target (by role), of the clients, of every other
    user-space process ("others", in cores), of kernel threads and interrupts ("kernel", in
    cores), CPU steal (in cores), and the fsyncs a target's own metrics count, if it has any."""

    def __init__(self, target, all_pids):
        self.target, self.all_pids = target, all_pids

    def _sample(self):
        procs = processes()
        return (time.perf_counter(), machine(),
                {role: tree_ticks(pid, procs) for role, pid in self.target["pids"].items()},
                split_ticks(self.all_pids, procs), fsync_metric(self.target))

    def __enter__(self):
        self.s0 = self._sample()
        return self

    def __exit__(self, *exc):
        t0, m0, r0, (s0, c0, o0), f0 = self.s0
        t1, m1, r1, (s1, c1, o1), f1 = self._sample()
        self.wall = max(t1 - t0, 1e-9)
        self.cpu_by_role = {role: (r1[role] - r0[role]) / HZ for role in r0}
        self.cpu = sum(self.cpu_by_role.values())
        self.clients = (c1 - c0) / HZ
        self.others = max(0, o1 - o0) / HZ / self.wall
        busy = (m1["busy"] - m0["busy"]) / HZ
        self.kernel = max(0.0, busy - (s1 - s0 + c1 - c0 + max(0, o1 - o0)) / HZ) / self.wall
        self.steal = (m1["steal"] - m0["steal"]) / HZ / self.wall
        self.fsyncs = f1 - f0 if f0 is not None and f1 is not None else None
        return False

    def record(self, instances):
        return {"instances": instances, "wall": self.wall, "cpu": self.cpu, "cpu_by_role": self.cpu_by_role,
                "clients": self.clients, "others": self.others, "kernel": self.kernel, "steal": self.steal,
                "fsyncs": self.fsyncs}


def fsync_metric(target):
    """Sum of the target's own fsync counters (Prometheus names starting with vna_ and holding
    "fsync", e.g. vna_..._fsyncs_total), or None when it has none."""
    url = target.get("prometheus")
    if not url:
        return None
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            text = r.read().decode()
    except OSError:
        return None
    values = [float(m.group(2)) for m in re.finditer(r"^(vna_\w*fsync\w*(?:_total|_count))(?:\{[^}]*\})? (\S+)$",
                                                     text, re.M)]
    return sum(values) if values else None


# ------------------------------------------------------------------------------------------ quiet

def cmd_quiet(work, seconds, allow_busy):
    load1 = float(Path("/proc/loadavg").read_text().split()[0])
    with Meter({"pids": {}}, []) as m:
        time.sleep(seconds)
    others, steal, kernel, wall = m.others, m.steal, m.kernel, m.wall
    quiet = load1 <= MAX_LOAD1 and others <= MAX_OTHERS
    result = {"load1": load1, "others": others, "kernel": kernel, "steal": steal, "seconds": wall, "quiet": quiet,
              "allowed_busy": bool(allow_busy and not quiet)}
    (Path(work) / "quiet.json").write_text(json.dumps(result, indent=1))
    verdict = "quiet" if quiet else "NOT QUIET"
    log(f"machine before start: 1-min load {load1:.2f} (limit {MAX_LOAD1}), other processes {others:.2f} cores "
        f"over {wall:.0f} s (limit {MAX_OTHERS}), kernel {kernel:.2f}, steal {steal:.3f} cores: {verdict}")
    if not quiet and not allow_busy:
        print("archive bench: the machine is not quiet (limits: 1-min load <= 0.3, other processes <= 0.1 core); "
              "wait for it, or run with --not-quiet to measure anyway (the results are then marked NOT QUIET)",
              file=sys.stderr)
        return 3
    return 0


# ------------------------------------------------------------------------------------------ file systems

def mount_of(path):
    r = subprocess.run(["findmnt", "-n", "-o", "TARGET,SOURCE,FSTYPE,OPTIONS", "--target", str(path)],
                       capture_output=True, text=True)
    parts = r.stdout.split()
    if r.returncode != 0 or len(parts) < 4:
        return {"target": "?", "source": "?", "fstype": "?", "options": "?"}
    return dict(zip(("target", "source", "fstype", "options"), parts[:4]))


def write_cache(source):
    """The block device's write cache mode ("write back": flushes reach the device; "write
    through": the kernel sends none), when the source is a plain block device."""
    dev = Path(source).name
    for d in (dev, re.sub(r"p?\d+$", "", dev)):
        f = Path(f"/sys/block/{d}/queue/write_cache")
        if f.exists():
            return f.read_text().strip()
    return None


def fsync_latency(path, rounds=30):
    f = Path(path) / f".fsync-probe-{os.getpid()}"
    fd = os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    times = []
    try:
        for _ in range(rounds):
            os.write(fd, b"\0" * 4096)
            t0 = time.perf_counter()
            os.fdatasync(fd)
            times.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
        f.unlink()
    return statistics.median(times)


def cmd_fsprobe(work, dirs):
    out = []
    for d in dirs:
        Path(d).mkdir(parents=True, exist_ok=True)
        m = mount_of(d)
        lat = fsync_latency(d)
        cache = write_cache(m["source"])
        if m["fstype"] in ("tmpfs", "ramfs"):
            verdict = "memory file system: fsync is a no-op, nothing is durable"
        elif re.search(r"(^|,)(nobarrier|barrier=0)(,|$)", m["options"]):
            verdict = "mounted without barriers: fsync does not flush the device cache"
        elif lat < 50e-6:
            verdict = ("fsync returns within 50 µs: the device acknowledges flushes from a cache "
                       "(virtual disk, battery-backed or volatile write cache)")
        else:
            verdict = "fsync waits for the device"
        rec = {"dir": str(d), **m, "write_cache": cache, "fdatasync_us": lat * 1e6, "verdict": verdict}
        out.append(rec)
        log(f"{d}: {m['fstype']} on {m['source']} ({m['options']}), device write cache {cache or '?'}, "
            f"fdatasync of 4 KiB: median {lat * 1e6:.0f} µs: {verdict}")
    (Path(work) / "fs.json").write_text(json.dumps(out, indent=1))
    return 0


# ------------------------------------------------------------------------------------------ flushes

class FlushCounter:
    """strace -c -f on every process of a target while a sample is sent: flush system calls
    (fsync, fdatasync, sync_file_range, msync, sync, syncfs) by process role. strace slows the
    processes down, so the sample's rate is not measured."""

    def __init__(self, target, work, tag):
        self.target, self.work, self.tag = target, Path(work), tag
        self.procs, self.error, self.calls = {}, None, {}

    def __enter__(self):
        for role, pid in self.target["pids"].items():
            out = self.work / "logs" / f"strace-{self.tag}-{role}.txt"
            try:
                p = subprocess.Popen(["strace", "-q", "-f", "-c", "-e", "trace=" + ",".join(FLUSH_CALLS),
                                      "-o", str(out), "-p", str(pid)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            except OSError as e:
                self.error = f"strace: {e}"
                continue
            self.procs[role] = (p, out)
        time.sleep(3)   # strace attaches to every thread of a JVM one by one
        for role, (p, _) in list(self.procs.items()):
            if p.poll() is not None:
                log(f"strace on {role} ended at once: {p.stderr.read().decode()[-300:]}")
                del self.procs[role]
        return self

    def __exit__(self, *exc):
        self.calls = {}
        for role, (p, out) in self.procs.items():
            p.send_signal(signal.SIGINT)
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            self.calls[role] = parse_strace_summary(out.read_text() if out.exists() else "")
        return False


def parse_strace_summary(text):
    calls = {}
    for line in text.splitlines():
        m = re.match(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$", line)
        if m and m.group(2) in FLUSH_CALLS:
            calls[m.group(2)] = int(m.group(1))
    return calls


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "quiet":
        return cmd_quiet(argv[2], float(argv[3]), "--allow-busy" in argv[4:])
    if argv[1] == "fsprobe":
        return cmd_fsprobe(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
