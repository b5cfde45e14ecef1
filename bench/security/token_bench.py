#!/usr/bin/env python3
"""Token-validation overhead: the same requests to two servers on the same data, one without
security (A) and one requiring bearer tokens of its embedded issuer (B), alternating.

Each round sends every request kind to A and B in turn, the order flipped every round (A then B,
then B then A), so that a change of load falls on both alike. Time is until the last byte, each
server on one kept-alive connection. Reports p50 and p95 per kind and server, B's overhead, and
each server's CPU per request (from /proc; less disturbed by a busy machine than latency), and
the machine's load: load average, and the cores used by other processes (everything but the two
servers, their Elasticsearch and this client) during the measured rounds, from /proc.

    token_bench.py --plain URL --secured URL --token TOKEN --manifest MANIFEST.tsv \
        [--rounds 2000] [--warmup 10000] [--pids PID,...] [--plain-pid PID --secured-pid PID] [--json FILE]
"""
import argparse
import csv
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

CLK = os.sysconf("SC_CLK_TCK")


def proc_busy():
    """Busy jiffies of the whole machine (user + nice + system + irq + softirq + steal)."""
    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    return cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]


def pid_jiffies(pid):
    """utime + stime + cutime + cstime of a process and its live descendants."""
    total = 0
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15])
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            for child in f.read().split():
                total += pid_jiffies(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


class Target:
    def __init__(self, name, base, token):
        u = urllib.parse.urlsplit(base)
        self.name = name
        self.host, self.port = u.hostname, u.port
        self.token = token
        self.conn = None

    def get(self, path, accept):
        headers = {"Accept": accept}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.connect()
                self.conn.sock.setsockopt(6, 1, 1)  # TCP_NODELAY
            t0 = time.perf_counter_ns()
            try:
                self.conn.request("GET", path, headers=headers)
                r = self.conn.getresponse()
                body = r.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            elapsed = (time.perf_counter_ns() - t0) / 1e6
            if r.status != 200:
                sys.exit(f"{self.name}: GET {path}: HTTP {r.status}: {body[:300]!r}")
            return elapsed, len(body)


def instance_path(row):
    return "/dicomweb/studies/{}/series/{}/instances/{}".format(
        row["StudyInstanceUID"], row["SeriesInstanceUID"], row["SOPInstanceUID"])


def kinds(manifest, ct_manifest=None):
    rows = list(csv.DictReader(open(manifest, encoding="utf-8"), delimiter="\t"))
    patients = sorted({r["PatientID"] for r in rows})
    instances = rows[:: max(1, len(rows) // 200)]
    dcm = 'multipart/related; type="application/dicom"; transfer-syntax=*'
    q = urllib.parse.quote
    ks = [
        ("QIDO-RS study search (ModalitiesInStudy=CT, limit 25)", "application/dicom+json",
         lambda i: "/dicomweb/studies?ModalitiesInStudy=CT&limit=25&offset=" + str((i % 4) * 25)),
        ("QIDO-RS studies by PatientID", "application/dicom+json",
         lambda i: "/dicomweb/studies?PatientID=" + q(patients[i % len(patients)])),
        ("WADO-RS one instance", dcm, lambda i: instance_path(instances[i % len(instances)])),
    ]
    if ct_manifest:
        # Images of a CT's size: what a viewer reads one by one when it opens a study.
        cts = list(csv.DictReader(open(ct_manifest, encoding="utf-8"), delimiter="\t"))
        size = sum(int(r["size"]) for r in cts) / len(cts) / 1024
        ks.append((f"WADO-RS one CT-sized instance (512x512, ~{size:.0f} KiB)", dcm, lambda i: instance_path(cts[i % len(cts)])))
    return ks


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plain", required=True)
    ap.add_argument("--secured", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--ct-manifest")
    ap.add_argument("--rounds", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=10000)
    ap.add_argument("--pids", default="")
    ap.add_argument("--plain-pid", type=int)
    ap.add_argument("--secured-pid", type=int)
    ap.add_argument("--json")
    a = ap.parse_args()
    plain, secured = Target("without tokens", a.plain, None), Target("with tokens", a.secured, a.token)
    ks = kinds(a.manifest, a.ct_manifest)
    ours = [int(p) for p in a.pids.split(",") if p] + [os.getpid()]

    def round_(i, times):
        order = (plain, secured) if i % 2 == 0 else (secured, plain)
        for name, accept, path in ks:
            for t in order:
                ms, _ = t.get(path(i), accept)
                if times is not None:
                    times[(name, t.name)].append(ms)

    for i in range(a.warmup):
        round_(i, None)
    times = {(k[0], t.name): [] for k in ks for t in (plain, secured)}
    load_before = open("/proc/loadavg").read().split()[:3]
    servers = {t.name: pid for t, pid in ((plain, a.plain_pid), (secured, a.secured_pid)) if pid}
    cpu0 = {name: pid_jiffies(pid) for name, pid in servers.items()}
    busy0, ours0, t0 = proc_busy(), sum(pid_jiffies(p) for p in ours), time.monotonic()
    for i in range(a.rounds):
        round_(a.warmup + i, times)
    busy1, ours1, t1 = proc_busy(), sum(pid_jiffies(p) for p in ours), time.monotonic()
    # Server CPU per request: less disturbed by other processes than latency (it is not waiting time).
    cpu_ms = {name: (pid_jiffies(pid) - cpu0[name]) * 1000 / CLK / (a.rounds * len(ks)) for name, pid in servers.items()}
    load_after = open("/proc/loadavg").read().split()[:3]
    seconds = t1 - t0
    machine = (busy1 - busy0) / CLK / seconds
    measured = (ours1 - ours0) / CLK / seconds
    others = max(0.0, machine - measured)

    rows = []
    for name, _, _ in ks:
        p, s = times[(name, plain.name)], times[(name, secured.name)]
        rows.append({"request": name, "n": len(p),
                     "plain_p50": pct(p, 50), "secured_p50": pct(s, 50),
                     "plain_p95": pct(p, 95), "secured_p95": pct(s, 95),
                     "plain_mean": statistics.fmean(p), "secured_mean": statistics.fmean(s)})
    print(f"{a.rounds} alternating rounds after {a.warmup} warm-up rounds, {seconds:.0f} s; "
          f"ms until the last byte, one kept-alive connection per server")
    print()
    print("| request | requests each | p50 without | p50 with tokens | p50 overhead | p95 without | p95 with tokens | p95 overhead |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        o50 = (r["secured_p50"] / r["plain_p50"] - 1) * 100
        o95 = (r["secured_p95"] / r["plain_p95"] - 1) * 100
        r["p50_overhead_pct"], r["p95_overhead_pct"] = o50, o95
        print(f"| {r['request']} | {r['n']} | {r['plain_p50']:.2f} | {r['secured_p50']:.2f} | {o50:+.1f} % "
              f"| {r['plain_p95']:.2f} | {r['secured_p95']:.2f} | {o95:+.1f} % |")
    if len(cpu_ms) == 2:
        p, q = cpu_ms[plain.name], cpu_ms[secured.name]
        print()
        print(f"Server CPU per request (all kinds, {a.rounds * len(ks)} requests each, from /proc): "
              f"{p:.2f} ms without tokens, {q:.2f} ms with tokens ({(q / p - 1) * 100:+.1f} %).")
    print()
    print(f"Machine: {os.cpu_count()} CPUs; load average {' '.join(load_before)} before the measured rounds, "
          f"{' '.join(load_after)} after; during them the machine used {machine:.2f} cores, the servers, "
          f"their Elasticsearch and this client {measured:.2f}, other processes {others:.2f}.")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"rounds": a.rounds, "warmup": a.warmup, "seconds": seconds, "rows": rows,
                       "load_before": load_before, "load_after": load_after, "machine_cores": machine,
                       "measured_cores": measured, "other_cores": others, "server_cpu_ms_per_request": cpu_ms},
                      f, indent=2)


if __name__ == "__main__":
    main()
