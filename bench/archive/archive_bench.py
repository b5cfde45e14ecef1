#!/usr/bin/env python3
"""Measurements of the end-to-end archive benchmark (bench/archive/run.sh starts the servers).

    archive_bench.py plan    WORK DATA N            phases, STOW-RS bodies and queries -> WORK/plan.json
    archive_bench.py ingest  WORK                   the ingest phases on both targets  -> WORK/ingest.json
    archive_bench.py qido    WORK                   QIDO-RS latencies on both targets  -> WORK/qido.json
    archive_bench.py report  WORK                   Markdown section on stdout
    archive_bench.py retrieve-load   WORK DATA      C-STORE the retrieval sets (reparent.py) into both
    archive_bench.py retrieve        WORK DATA      WADO-RS retrieval on both targets -> WORK/retrieve.json
    archive_bench.py retrieve-report WORK           Markdown section of the retrieval run on stdout

The targets are described by WORK/targets.json (written by run.sh). Both get exactly the same
requests from the same clients: dcmtk storescu for C-STORE, curl for STOW-RS, and Python's
http.client over one kept-alive connection for QIDO-RS. After every phase the number of stored
instances of both targets is checked against the plan: a mismatch ends the run.

Standard library only.
"""

import http.client
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import unicodedata
import urllib.parse
from collections import defaultdict
from pathlib import Path

BOUNDARY = "vesalius-archive-bench-3f9c2a7d51e84b06"
TARGETS = ("ours", "orthanc")
LABEL = {"ours": "Vesalius", "orthanc": "Orthanc"}


def die(msg):
    print(f"archive_bench: {msg}", file=sys.stderr)
    sys.exit(1)


def log(msg):
    print(f"   {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ plan

def read_manifest(data):
    with open(Path(data) / "MANIFEST.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]


def split(items, parts):
    """Contiguous, nearly equal parts (whole studies stay together as far as the cuts allow)."""
    n = len(items)
    return [items[n * i // parts:n * (i + 1) // parts] for i in range(parts)]


# Share of N per phase; what is left after them is loaded by the last phase.
PHASES = [
    # name,              protocol, streams, share, measured
    ("warm-up C-STORE", "cstore", 1, 0.025, False),
    ("warm-up STOW-RS", "stow", 1, 0.025, False),
    ("C-STORE, 1 association", "cstore", 1, 0.10, True),
    ("C-STORE, 4 associations", "cstore", 4, 0.20, True),
    ("STOW-RS, 1 client", "stow", 1, 0.10, True),
    ("STOW-RS, 4 clients", "stow", 4, 0.20, True),
    ("bulk load, C-STORE, 4 associations", "cstore", 4, None, True),
]


def fold(name):
    """Comparison form of a person name for prefix matching: upper case, accents removed."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F).upper()


def cmd_plan(work, data, n, stow_batch, reps, warmup, seed):
    work, data = Path(work), Path(data)
    rows = read_manifest(data)
    if len(rows) != n:
        die(f"{data} holds {len(rows)} instances, not {n}")
    files = [str(data / r["file"]) for r in rows]

    phases, start = [], 0
    for name, protocol, streams, share, measured in PHASES:
        count = n - start if share is None else max(streams * 2 if measured else streams, round(n * share))
        chunk = files[start:start + count]
        start += count
        halves = split(chunk, 2) if measured else [chunk]
        phase = {"name": name, "protocol": protocol, "streams": streams, "measured": measured,
                 "instances": len(chunk), "halves": []}
        for h, half in enumerate(halves):
            streams_of_half = []
            for s, part in enumerate(split(half, streams)):
                if protocol == "cstore":
                    streams_of_half.append({"files": part})
                else:
                    bodies = []
                    for b in range(0, len(part), stow_batch):
                        body = work / "stow" / f"p{len(phases)}-h{h}-s{s}-b{b // stow_batch:05d}.multipart"
                        write_multipart(body, part[b:b + stow_batch])
                        bodies.append({"path": str(body), "instances": len(part[b:b + stow_batch])})
                    streams_of_half.append({"bodies": bodies})
            phase["halves"].append(streams_of_half)
        phases.append(phase)
    if start != n:
        die(f"plan covers {start} of {n} instances")

    plan = {"n": n, "stow_batch": stow_batch, "reps": reps, "warmup": warmup, "seed": seed,
            "phases": phases, "queries": plan_queries(rows, reps + warmup, seed)}
    (work / "plan.json").write_text(json.dumps(plan, indent=1))
    for p in phases:
        log(f"{p['name']}: {p['instances']} instances")


def write_multipart(path, files):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        for f in files:
            out.write(f"--{BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n".encode())
            out.write(Path(f).read_bytes())
            out.write(b"\r\n")
        out.write(f"--{BOUNDARY}--\r\n".encode())


def plan_queries(rows, count, seed):
    """Five typical searches, each with `count` parameter sets drawn from the data set, and the
    number of results the manifest says each must have."""
    rnd = random.Random(seed)
    studies = {}
    for r in rows:
        s = studies.setdefault(r["StudyInstanceUID"], {
            "uid": r["StudyInstanceUID"], "pid": r["PatientID"], "name": r["PatientName"],
            "date": r["StudyDate"], "modalities": set(), "series": defaultdict(int)})
        s["modalities"].add(r["Modality"])
        s["series"][r["SeriesInstanceUID"]] += 1
    study_list = list(studies.values())

    # Patient IDs that several patients share (under different issuers) carry several names;
    # archives that key patients on Patient ID alone (Orthanc) answer name searches on them with
    # one of the names. Name prefixes are therefore drawn from the other patients only.
    names_by_pid = defaultdict(set)
    for s in study_list:
        names_by_pid[s["pid"]].add(s["name"])
    shared = {pid for pid, names in names_by_pid.items() if len(names) > 1}

    def by_prefix(prefix):
        """Studies whose name starts with prefix, or None when case/accent folding or shared IDs
        would make archives with different (allowed) matching rules disagree."""
        p = prefix.upper()
        plain = [s for s in study_list if s["name"].upper().startswith(p)]
        folded = [s for s in study_list if fold(s["name"]).startswith(p)]
        if len(plain) != len(folded) or any(s["pid"] in shared for s in plain):
            return None
        return len(plain)

    prefixes = []
    for s in study_list:
        family = s["name"].split("^")[0]
        if s["pid"] not in shared and re.fullmatch(r"[A-Za-z]{3}", family[:3]):
            prefix = family[:3]
            expected = by_prefix(prefix)
            if expected is not None and prefix not in [p for p, _ in prefixes]:
                prefixes.append((prefix, expected))
    if not prefixes:
        die("no patient name prefix suits a name search in this data set")

    pids = sorted({s["pid"] for s in study_list})
    by_date = sorted((s for s in study_list if s["date"]), key=lambda s: s["date"])
    window = max(2, min(40, len(by_date) // 5))   # a window holding about 40 studies of all kinds
    modalities = ["CT", "MR"]
    series = [(s["uid"], se, k) for s in study_list for se, k in s["series"].items()]

    def pick_date_query():
        i = rnd.randrange(0, len(by_date) - window)
        lo, hi = by_date[i]["date"], by_date[i + window]["date"]
        m = rnd.choice(modalities)
        expected = sum(1 for s in study_list if s["date"] and lo <= s["date"] <= hi and m in s["modalities"])
        return f"/studies?StudyDate={lo}-{hi}&ModalitiesInStudy={m}", expected

    def pick_pid():
        pid = rnd.choice(pids)
        return f"/studies?PatientID={urllib.parse.quote(pid)}", sum(1 for s in study_list if s["pid"] == pid)

    def pick_name():
        prefix, expected = rnd.choice(prefixes)
        return f"/studies?PatientName={urllib.parse.quote(prefix)}*", expected

    def pick_study_series():
        s = rnd.choice(study_list)
        return f"/studies/{s['uid']}/series", len(s["series"])

    def pick_series_instances():
        st, se, k = rnd.choice(series)
        return f"/studies/{st}/series/{se}/instances", k

    kinds = [
        ("studies by PatientID", pick_pid),
        ("studies by StudyDate range + ModalitiesInStudy", pick_date_query),
        ("studies by PatientName prefix wildcard", pick_name),
        ("series of one study", pick_study_series),
        ("instances of one series", pick_series_instances),
    ]
    queries = []
    for name, pick in kinds:
        params = [pick() for _ in range(count)]
        queries.append({"name": name, "example": params[0][0],
                        "requests": [{"path": p, "expected": e} for p, e in params]})
    return queries


# ------------------------------------------------------------------------------------------ targets

def load(work, name):
    return json.loads((Path(work) / name).read_text())


def http_get(url, timeout=30):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request("GET", u.path + (f"?{u.query}" if u.query else ""))
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def http_post(url, timeout=60):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request("POST", u.path, body=b"")
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def stored_instances(t):
    """What a target holds now; ours: blob store, index and index queue must all agree."""
    if t["kind"] == "orthanc":
        status, body = http_get(t["http"] + "/statistics")
        if status != 200:
            die(f"Orthanc /statistics answered {status}")
        return {"count": json.loads(body)["CountInstances"]}
    blobs = Path(t["blobs"])
    files = sum(1 for _ in (blobs / "studies").rglob("*.dcm")) if (blobs / "studies").exists() else 0
    queued = sum(1 for _ in (blobs / "index-queue").glob("*")) if (blobs / "index-queue").exists() else 0
    refused = sum(1 for _ in (blobs / "index-refused").glob("*")) if (blobs / "index-refused").exists() else 0
    http_post(f"{t['es']}/{t['index_alias']}/_refresh")
    status, body = http_get(f"{t['es']}/{t['index_alias']}/_count")
    indexed = json.loads(body)["count"] if status == 200 else 0
    return {"count": files, "indexed": indexed, "queued": queued, "refused": refused}


def verify(targets, expected, phase):
    for name in TARGETS:
        s = stored_instances(targets[name])
        ok = s["count"] == expected and s.get("indexed", expected) == expected \
            and not s.get("queued") and not s.get("refused")
        if not ok:
            die(f"after '{phase}': {LABEL[name]} holds {s}, expected {expected} instances")
    log(f"after '{phase}': both hold {expected} instances (ours: blob store and index agree)")


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])   # utime, stime
        except (OSError, IndexError):
            pass
    return total


def machine_ticks():
    v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = v[3] + v[4]
    return sum(v[:8]) - idle


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Meter:
    """Wall time, the target's CPU, the clients' CPU and everything else the machine did."""

    def __init__(self, target, all_pids):
        self.target, self.all_pids = target, all_pids
        self.hz = os.sysconf("SC_CLK_TCK")

    def __enter__(self):
        self.t0 = time.perf_counter()
        self.r0 = {role: cpu_ticks([pid]) for role, pid in self.target["pids"].items()}
        self.a0 = cpu_ticks(self.all_pids)
        self.m0 = machine_ticks()
        self.k0 = children_cpu()
        self.load0 = Path("/proc/loadavg").read_text().split()[0]
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.t0
        self.cpu_by_role = {role: (cpu_ticks([pid]) - self.r0[role]) / self.hz
                            for role, pid in self.target["pids"].items()}
        self.cpu = sum(self.cpu_by_role.values())
        servers = (cpu_ticks(self.all_pids) - self.a0) / self.hz
        self.clients = children_cpu() - self.k0
        self.others = max(0.0, (machine_ticks() - self.m0) / self.hz - servers - self.clients)
        return False


# ------------------------------------------------------------------------------------------ ingest

def run_cstore(t, streams, work, tag):
    procs = []
    for i, s in enumerate(streams):
        err = open(work / "logs" / f"storescu-{tag}-{i}.log", "wb")
        cmd = ["storescu", "-R", "-aet", "BENCH", "-aec", t["aet"], "127.0.0.1", str(t["dicom_port"])] + s["files"]
        procs.append((subprocess.Popen(cmd, stdout=err, stderr=subprocess.STDOUT), err))
    failures = []
    for i, (p, err) in enumerate(procs):
        rc = p.wait()
        err.close()
        text = (work / "logs" / f"storescu-{tag}-{i}.log").read_text(errors="replace")
        if rc != 0 or re.search(r"^E:", text, re.M) or "Failed" in text:
            failures.append(f"storescu stream {i} exit {rc}: {text[-2000:]}")
    return failures


def curl_config(t, bodies, respdir):
    lines = []
    for i, b in enumerate(bodies):
        if i:
            lines.append("next")
        lines += [
            f'url = "{t["stow"]}"',
            f'header = "Content-Type: multipart/related; type=\\"application/dicom\\"; boundary={BOUNDARY}"',
            'header = "Accept: application/dicom+json"',
            'header = "Expect:"',
            f'data-binary = "@{b["path"]}"',
            f'output = "{respdir}/{i:05d}.json"',
            'write-out = "%{http_code}\\n"',
        ]
    return "\n".join(lines) + "\n"


def run_stow(t, streams, work, tag):
    procs = []
    for i, s in enumerate(streams):
        respdir = work / "stow-responses" / f"{tag}-{i}"
        respdir.mkdir(parents=True, exist_ok=True)
        cfg = work / "logs" / f"curl-{tag}-{i}.cfg"
        cfg.write_text(curl_config(t, s["bodies"], respdir))
        procs.append((subprocess.Popen(["curl", "-sS", "-K", str(cfg)], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE), respdir, s))
    results = [(p.communicate(), p.returncode, respdir, s) for p, respdir, s in procs]
    failures = []
    for i, ((out, err), rc, respdir, s) in enumerate(results):
        codes = out.decode().split()
        if rc != 0 or len(codes) != len(s["bodies"]) or any(c != "200" for c in codes):
            failures.append(f"curl stream {i}: exit {rc}, HTTP {codes}, {err.decode()[-500:]}")
            for j, c in enumerate(codes):
                if c != "200":
                    answer = (respdir / f"{j:05d}.json").read_text(errors="replace")
                    failures.append(f"   body {s['bodies'][j]['path']}: HTTP {c}: {answer[:1000]}")
            continue
        for j, b in enumerate(s["bodies"]):   # every instance referenced, none failed
            answer = json.loads((respdir / f"{j:05d}.json").read_text())
            referenced = len(answer.get("00081199", {}).get("Value", []))
            failed = len(answer.get("00081198", {}).get("Value", []))
            if referenced != b["instances"] or failed:
                failures.append(f"curl stream {i} body {j}: {referenced} stored, {failed} failed of {b['instances']}")
    return failures


def cmd_ingest(work):
    work = Path(work)
    (work / "logs").mkdir(exist_ok=True)
    plan, targets = load(work, "plan.json"), load(work, "targets.json")
    all_pids = [p for t in targets.values() for p in t["pids"].values()]
    results, expected = [], 0
    for number, phase in enumerate(plan["phases"]):
        log(f"== {phase['name']}: {phase['instances']} instances"
            + (f" in two halves, ours / Orthanc / Orthanc / ours" if phase["measured"] else ""))
        acc = {name: {"instances": 0, "wall": 0.0, "cpu": 0.0, "cpu_by_process": defaultdict(float),
                      "clients": 0.0, "others": 0.0} for name in TARGETS}
        for h, half in enumerate(phase["halves"]):
            order = TARGETS if h % 2 == 0 else tuple(reversed(TARGETS))
            for name in order:
                t = targets[name]
                tag = f"p{number}-h{h}-{name}"
                run = run_cstore if phase["protocol"] == "cstore" else run_stow
                with Meter(t, all_pids) as m:
                    failures = run(t, half, work, tag)
                if failures:
                    die(f"{LABEL[name]}, {phase['name']}:\n" + "\n".join(failures[:5]))
                k = sum(len(s["files"]) if "files" in s else sum(b["instances"] for b in s["bodies"]) for s in half)
                a = acc[name]
                a["instances"] += k
                a["wall"] += m.wall
                a["cpu"] += m.cpu
                for role, v in m.cpu_by_role.items():
                    a["cpu_by_process"][role] += v
                a["clients"] += m.clients
                a["others"] += m.others
                roles = ", ".join(f"{role} {v:.1f}" for role, v in m.cpu_by_role.items())
                log(f"{LABEL[name]:9} half {h + 1}: {k} in {m.wall:.2f} s = {k / m.wall:.0f}/s "
                    f"(CPU s: {roles}; clients {m.clients:.1f}; other processes {m.others:.1f})")
        expected += phase["instances"]
        verify(targets, expected, phase["name"])
        if phase["measured"]:
            results.append({"name": phase["name"], "protocol": phase["protocol"], "streams": phase["streams"],
                            **{name: acc[name] for name in TARGETS}})
    (work / "ingest.json").write_text(json.dumps({"phases": results, "total": expected}, indent=1))


# ------------------------------------------------------------------------------------------ QIDO-RS

class Client:
    """One kept-alive HTTP/1.1 connection; reconnects if the server closed it."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.prefix = u.hostname, u.port, u.path.rstrip("/")
        self.conn = None

    def get(self, path):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                t0 = time.perf_counter()
                self.conn.request("GET", self.prefix + path, headers={"Accept": "application/dicom+json"})
                r = self.conn.getresponse()
                body = r.read()
                elapsed = time.perf_counter() - t0
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, body, elapsed
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError


def percentile(samples, p):
    s = sorted(samples)
    return s[max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))]   # nearest rank


def cmd_qido(work):
    work = Path(work)
    plan, targets = load(work, "plan.json"), load(work, "targets.json")
    clients = {name: Client(targets[name]["qido"]) for name in TARGETS}
    reps, warmup = plan["reps"], plan["warmup"]
    samples = {q["name"]: {name: [] for name in TARGETS} for q in plan["queries"]}
    mismatches = defaultdict(list)
    log(f"== QIDO-RS: {len(plan['queries'])} searches x {warmup} warm-up + {reps} measured rounds, "
        "each on both targets (alternating which goes first)")
    for rep in range(warmup + reps):
        order = TARGETS if rep % 2 == 0 else tuple(reversed(TARGETS))
        for q in plan["queries"]:
            req = q["requests"][rep]
            for name in order:
                status, body, elapsed = clients[name].get(req["path"])
                if status != 200:
                    die(f"{LABEL[name]} answered {status} to {req['path']}: {body[:500]!r}")
                n = len(json.loads(body)) if body.strip() else 0
                if n != req["expected"]:
                    mismatches[(q["name"], name)].append(f"{req['path']}: {n} results, manifest says {req['expected']}")
                if rep >= warmup:
                    samples[q["name"]][name].append(elapsed)
    out = []
    for q in plan["queries"]:
        row = {"name": q["name"], "example": q["example"],
               "mean_results": sum(r["expected"] for r in q["requests"][warmup:]) / reps}
        for name in TARGETS:
            s = samples[q["name"]][name]
            row[name] = {"p50": percentile(s, 50), "p95": percentile(s, 95), "max": max(s),
                         "mismatches": mismatches.get((q["name"], name), [])[:5],
                         "mismatch_count": len(mismatches.get((q["name"], name), []))}
        out.append(row)
        log(f"{q['name']:48} ours p50 {row['ours']['p50'] * 1e3:6.1f} p95 {row['ours']['p95'] * 1e3:6.1f} ms | "
            f"Orthanc p50 {row['orthanc']['p50'] * 1e3:6.1f} p95 {row['orthanc']['p95'] * 1e3:6.1f} ms")
    for (qname, name), m in mismatches.items():
        log(f"WARNING: {LABEL[name]}, {qname}: {len(m)} answers with an unexpected number of results, e.g. {m[0]}")
    (work / "qido.json").write_text(json.dumps({"queries": out, "reps": reps, "warmup": warmup}, indent=1))


# ------------------------------------------------------------------------------------------ report

def cmd_report(work):
    work = Path(work)
    plan, ingest, qido, meta = (load(work, f) for f in ("plan.json", "ingest.json", "qido.json", "meta.json"))
    p = print
    wall = sum(ph[name]["wall"] for ph in ingest["phases"] for name in TARGETS)
    others_cores = sum(ph[name]["others"] for ph in ingest["phases"] for name in TARGETS) / wall
    p(f"### Run of {meta['date']}")
    p()
    p("```sh")
    p(meta["command"])
    p("```")
    p()
    p(f"- Machine: {meta['cpus']} CPUs ({meta['cpu_model']}), {meta['memory']} RAM; load average "
      f"{meta['load_before']} before the run, {meta['load_after']} after it. **Shared machine**: other "
      f"people's processes used on average {others_cores:.2f} cores during the ingest phases "
      "(column \"others\" below).")
    p(f"- Vesalius {meta['vesalius']} on {meta['java']}, Elasticsearch {meta['es']} (heap {meta['es_heap']}); "
      f"Orthanc {meta['orthanc']} with DICOMweb plugin {meta['dicomweb']} (SQLite index); clients: dcmtk "
      f"storescu {meta['dcmtk']}, curl {meta['curl']}, Python {meta['python']} http.client.")
    p(f"- Data: `./vna generate --instances {plan['n']} --seed {plan['seed']}`: "
      f"{meta['data_summary']}; {meta['data_bytes'] / plan['n'] / 1024:.1f} KiB per instance on average, "
      "Explicit and Implicit VR Little Endian.")
    p(f"- Both targets hold exactly the planned number of instances after every phase "
      f"({ingest['total']} at the end; ours: blob store, index and an empty index queue agree).")
    p()
    p("Targets: ingest at least 2x Orthanc's rate, QIDO-RS p95 under 50 ms. Ratios say how many times "
      "faster Vesalius is (above 1: faster, below 1: slower).")
    p()
    p("Ingest, instances/s. Each measured phase is split in two halves sent ours / Orthanc / Orthanc / ours. "
      "CPU: seconds of server-side CPU per 1,000 instances (Vesalius = server JVM + its Elasticsearch). "
      f"Others: cores that other people's processes kept busy meanwhile (of {meta['cpus']}).")
    p()
    p("| phase | instances | Vesalius | Orthanc | ratio | 2x? | Vesalius CPU s/1k (server + ES) | Orthanc CPU s/1k | others |")
    p("| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: |")
    for ph in ingest["phases"]:
        o, t = ph["ours"], ph["orthanc"]
        ro, rt = o["instances"] / o["wall"], t["instances"] / t["wall"]
        others = (o["others"] + t["others"]) / (o["wall"] + t["wall"])
        k = o["instances"] / 1000
        split_cpu = " + ".join(f"{v / k:.1f}" for v in o["cpu_by_process"].values())
        p(f"| {ph['name']} | {o['instances']} | {ro:.0f} | {rt:.0f} | **{ro / rt:.2f}** | {'yes' if ro >= 2 * rt else 'no'} | "
          f"{o['cpu'] / k:.1f} ({split_cpu}) | {t['cpu'] / (t['instances'] / 1000):.1f} | {others:.2f} |")
    p()
    p(f"QIDO-RS after loading {ingest['total']} instances, ms until the last byte of the answer: {qido['reps']} "
      f"measured requests per search and target after {qido['warmup']} warm-up rounds; parameters drawn from the "
      "data set, the same sequence for both; one kept-alive connection per target, "
      "`Accept: application/dicom+json`.")
    p()
    p("| search | mean results | Vesalius p50 | Orthanc p50 | ratio | Vesalius p95 | Orthanc p95 | ratio | p95 < 50 ms? |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |")
    for q in qido["queries"]:
        o, t = q["ours"], q["orthanc"]
        p(f"| {q['name']} (`{shorten(q['example'])}`) | {q['mean_results']:.1f} | {o['p50'] * 1e3:.1f} | "
          f"{t['p50'] * 1e3:.1f} | **{t['p50'] / o['p50']:.2f}** | {o['p95'] * 1e3:.1f} | {t['p95'] * 1e3:.1f} | "
          f"**{t['p95'] / o['p95']:.2f}** | {'yes' if o['p95'] < 0.050 else 'no'} |")
    notes = [f"{LABEL[name]}, {q['name']}: {q[name]['mismatch_count']} answers differ from the manifest, "
             f"e.g. {q[name]['mismatches'][0]}"
             for q in qido["queries"] for name in TARGETS if q[name]["mismatch_count"]]
    p()
    if notes:
        p("Answers that did not have the number of results the manifest predicts:")
        p()
        for n in notes:
            p(f"- {n}")
    else:
        p("Every answer of both targets had the number of results the manifest predicts.")


# ------------------------------------------------------------------------------------------ retrieval

MULTIPART_DICOM = 'multipart/related; type="application/dicom"; transfer-syntax=*'
MULTIPART_FRAMES = 'multipart/related; type="application/octet-stream"; transfer-syntax=*'
VIEWER_KEYS = ("00080016", "00280010", "00280011", "7FE00010")   # SOP Class UID, Rows, Columns, Pixel Data


def multipart_parts(content_type, body):
    """Bodies of the parts of a multipart answer (boundary from its Content-Type)."""
    m = re.search(r'boundary="?([^";]+)"?', content_type or "")
    if not m:
        die(f"multipart answer without a boundary: {content_type!r}")
    delim = b"--" + m.group(1).encode()
    chunks = body.split(delim)
    parts = []
    for c in chunks[1:]:
        if c.startswith(b"--"):
            break
        head, sep, rest = c.partition(b"\r\n\r\n")
        if not sep:
            die("multipart part without headers")
        parts.append(rest[:-2] if rest.endswith(b"\r\n") else rest)
    return parts


def dataset_size(blob):
    """Size of a DICOM file's data set: without preamble, prefix and File Meta Information, which
    each archive writes its own way (Implementation Class UID, Source AE Title, ...)."""
    if len(blob) < 144 or blob[128:132] != b"DICM" or blob[132:136] != b"\x02\x00\x00\x00":
        return -1
    return len(blob) - 144 - int.from_bytes(blob[140:144], "little")


def cmd_retrieve_load(work, data):
    """C-STORE both retrieval sets into both targets (storescu, 2 associations each), then check
    that each holds exactly their instances."""
    work, data = Path(work), Path(data)
    (work / "logs").mkdir(exist_ok=True)
    targets, ret = load(work, "targets.json"), json.loads((data / "RETRIEVE.json").read_text())
    files = [[str(data / i["file"]) for i in s["instances"]] for s in ret["sets"].values()]
    total = sum(len(f) for f in files)
    for name in TARGETS:
        t0 = time.perf_counter()
        failures = run_cstore(targets[name], [{"files": f} for f in files], work, f"retrieve-{name}")
        if failures:
            die(f"{LABEL[name]}, loading the retrieval sets:\n" + "\n".join(failures[:5]))
        log(f"{LABEL[name]}: {total} instances stored in {time.perf_counter() - t0:.1f} s")
    verify(targets, total, "loading the retrieval sets")


class RawClient(Client):
    def fetch(self, path, accept):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                t0 = time.perf_counter()
                self.conn.request("GET", self.prefix + path, headers={"Accept": accept})
                r = self.conn.getresponse()
                body = r.read()
                elapsed = time.perf_counter() - t0
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, r.getheader("Content-Type", ""), body, elapsed
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        raise AssertionError


def cmd_retrieve(work, data, reps, warmup, study_reps, study_warmup, seed):
    work, data = Path(work), Path(data)
    targets, ret = load(work, "targets.json"), json.loads((data / "RETRIEVE.json").read_text())
    s500, s1000 = ret["sets"]["study500"], ret["sets"]["series1000"]
    clients = {name: RawClient(targets[name]["qido"]) for name in TARGETS}
    rnd = random.Random(seed)
    all_pids = [p for t in targets.values() for p in t["pids"].values()]
    problems = defaultdict(list)

    def check(cond, name, kind, msg):
        if not cond:
            problems[(kind, name)].append(msg)

    stored_datasets = sorted(dataset_size((data / i["file"]).read_bytes()[:144] + b"\0" * (i["size"] - 144))
                             for i in s500["instances"])

    def study_check(name, status, ctype, body):
        parts = multipart_parts(ctype, body) if status == 200 else []
        check(status == 200, name, "study", f"HTTP {status}")
        check(len(parts) == len(s500["instances"]), name, "study",
              f"{len(parts)} parts, {len(s500['instances'])} instances stored")
        datasets = sorted(dataset_size(p) for p in parts)
        check(datasets == stored_datasets, name, "study",
              f"data set sizes {sum(datasets)} bytes in all, the files sent {sum(stored_datasets)}")
        return sum(len(p) for p in parts)

    def metadata_check(s, kind):
        want = {i["sop"] for i in s["instances"]}

        def f(name, status, ctype, body):
            check(status == 200, name, kind, f"HTTP {status}")
            items = json.loads(body) if status == 200 else []
            got = {o.get("00080018", {}).get("Value", [None])[0] for o in items}
            check(len(items) == len(want) and got == want, name, kind,
                  f"{len(items)} objects, {len(got & want)} of the {len(want)} SOP Instance UIDs")
            # What a viewer needs besides the UIDs: SOP Class, the image's size, its pixel data.
            short = sum(1 for o in items if not all(k in o for k in VIEWER_KEYS))
            check(short == 0, name, kind, f"{short} objects lack one of {', '.join(VIEWER_KEYS)}")
            return len(body)
        return f

    def frame_check(name, status, ctype, body):
        check(status == 200, name, "frame", f"HTTP {status}")
        parts = multipart_parts(ctype, body) if status == 200 else []
        check(len(parts) == 1 and len(parts[0]) == ret["frame_bytes"], name, "frame",
              f"{len(parts)} parts of {[len(p) for p in parts][:3]} bytes, expected 1 of {ret['frame_bytes']}")
        return len(body)

    def rendered_check(name, status, ctype, body):
        check(status == 200 and ctype.split(";")[0].strip() == "image/jpeg" and body[:2] == b"\xff\xd8",
              name, "rendered", f"HTTP {status}, {ctype}, starts with {body[:4]!r}")
        return len(body)

    base500 = f"/studies/{s500['study']}/series/{s500['series']}"
    base1000 = f"/studies/{s1000['study']}/series/{s1000['series']}"
    picks = [rnd.choice(s500["instances"])["sop"] for _ in range(warmup + reps)]
    kinds = [
        ("study", f"whole study, {len(s500['instances'])} instances (WADO-RS, `{MULTIPART_DICOM}`)",
         study_warmup, study_reps, lambda i: f"/studies/{s500['study']}", MULTIPART_DICOM, study_check),
        ("metadata500", f"series /metadata, {len(s500['instances'])} instances", warmup, reps,
         lambda i: f"{base500}/metadata", "application/dicom+json", metadata_check(s500, "metadata500")),
        ("metadata1000", f"series /metadata, {len(s1000['instances'])} instances", warmup, reps,
         lambda i: f"{base1000}/metadata", "application/dicom+json", metadata_check(s1000, "metadata1000")),
        ("frame", "single frame `/frames/1` (`" + MULTIPART_FRAMES + "`)", warmup, reps,
         lambda i: f"{base500}/instances/{picks[i]}/frames/1", MULTIPART_FRAMES, frame_check),
        ("rendered", "rendered JPEG `/rendered` (`image/jpeg`)", warmup, reps,
         lambda i: f"{base500}/instances/{picks[i]}/rendered", "image/jpeg", rendered_check),
    ]
    out = {"kinds": [], "frame_bytes": ret["frame_bytes"], "study_bytes": s500["bytes"], "matrix": ret["matrix"]}
    hz = os.sysconf("SC_CLK_TCK")
    for kind, title, w, r, path, accept, checker in kinds:
        log(f"== {title}: {w} warm-up + {r} measured requests per target, alternating which goes first")
        samples = {name: [] for name in TARGETS}
        nbytes = {name: [] for name in TARGETS}
        m0, a0, c0 = machine_ticks(), cpu_ticks(all_pids), sum(os.times()[:2])
        t0 = time.perf_counter()
        for rep in range(w + r):
            order = TARGETS if rep % 2 == 0 else tuple(reversed(TARGETS))
            for name in order:
                status, ctype, body, elapsed = clients[name].fetch(path(rep), accept)
                if status != 200 and rep == 0:
                    die(f"{LABEL[name]} answered {status} to {path(rep)}: {body[:500]!r}")
                size = checker(name, status, ctype, body)
                if rep >= w:
                    samples[name].append(elapsed)
                    nbytes[name].append(size)
        wall = time.perf_counter() - t0
        others = max(0.0, (machine_ticks() - m0) / hz - (cpu_ticks(all_pids) - a0) / hz
                     - (sum(os.times()[:2]) - c0)) / wall
        row = {"kind": kind, "title": title, "warmup": w, "reps": r, "others": others}
        for name in TARGETS:
            s = samples[name]
            row[name] = {"p50": percentile(s, 50), "p95": percentile(s, 95), "max": max(s),
                         "bytes": sum(nbytes[name]) / len(nbytes[name]),
                         "mb_s": sum(nbytes[name]) / sum(s) / 1e6,
                         "problems": problems.get((kind, name), [])[:5],
                         "problem_count": len(problems.get((kind, name), []))}
        out["kinds"].append(row)
        o, t = row["ours"], row["orthanc"]
        extra = f" | MB/s ours {o['mb_s']:.0f} Orthanc {t['mb_s']:.0f}" if kind == "study" else ""
        log(f"{kind:13} ours p50 {o['p50'] * 1e3:7.1f} p95 {o['p95'] * 1e3:7.1f} ms | "
            f"Orthanc p50 {t['p50'] * 1e3:7.1f} p95 {t['p95'] * 1e3:7.1f} ms{extra} | others {others:.2f} cores")
    for (kind, name), m in problems.items():
        log(f"WARNING: {LABEL[name]}, {kind}: {len(m)} incomplete answers, e.g. {m[0]}")
    (work / "retrieve.json").write_text(json.dumps(out, indent=1))


def cmd_retrieve_report(work):
    work = Path(work)
    res, meta = load(work, "retrieve.json"), load(work, "meta.json")
    p = print
    p(f"### Run of {meta['date']}")
    p()
    p("```sh")
    p(meta["command"])
    p("```")
    p()
    others = max(k["others"] for k in res["kinds"])
    p(f"- Machine: {meta['cpus']} CPUs ({meta['cpu_model']}), {meta['memory']} RAM; load average "
      f"{meta['load_before']} before the run, {meta['load_after']} after it. **Shared machine**: other "
      f"people's processes kept up to {others:.2f} cores busy during a measurement (column \"others\").")
    p(f"- Vesalius {meta['vesalius']} on {meta['java']}, Elasticsearch {meta['es']} (heap {meta['es_heap']}); "
      f"Orthanc {meta['orthanc']} with DICOMweb plugin {meta['dicomweb']} (SQLite index, configuration as in "
      f"the ingest benchmark); client: Python {meta['python']} http.client, one kept-alive connection per "
      "target, no compression (`Accept-Encoding: identity`).")
    p(f"- Data: {meta['data_summary']}; re-parented by `bench/archive/reparent.py` into a study of 500 "
      f"instances in one series ({res['study_bytes'] / 1e6:.1f} MB) and a series of 1,000 instances, "
      f"CT and MR images {res['matrix']} x {res['matrix']}, 16 bits, Explicit and Implicit VR Little Endian; "
      "both loaded into both archives with `storescu` and counted before measuring.")
    p("- Every request is made to both targets in turn, alternating which goes first; warm-up requests "
      "are not counted; time until the last byte of the answer. Frames and renderings: a random instance of "
      "the 500-instance series per request, the same sequence for both.")
    p()
    p("Targets: at least 2x Orthanc on each; series `/metadata` of 1,000 instances under 200 ms. Ratios: "
      "how many times faster Vesalius is (Orthanc's time / ours, or our MB/s / Orthanc's).")
    p()
    p("| measure | requests | Vesalius | Orthanc | ratio | 2x? | others |")
    p("| --- | ---: | ---: | ---: | ---: | :---: | ---: |")
    for k in res["kinds"]:
        o, t = k["ours"], k["orthanc"]
        n = f"{k['reps']} (+{k['warmup']})"
        if k["kind"] == "study":
            r = o["mb_s"] / t["mb_s"]
            p(f"| {k['title']}: MB/s | {n} | {o['mb_s']:.0f} | {t['mb_s']:.0f} | **{r:.2f}** | "
              f"{'yes' if r >= 2 else 'no'} | {k['others']:.2f} |")
            p(f"| … same, time p50 ms ({o['bytes'] / 1e6:.1f} MB) | | {o['p50'] * 1e3:.0f} | {t['p50'] * 1e3:.0f} | "
              f"{t['p50'] / o['p50']:.2f} | | |")
            continue
        for q in ("p50", "p95"):
            r = t[q] / o[q]
            target = ""
            if k["kind"] == "metadata1000" and q == "p50":
                target = f" (< 200 ms: {'yes' if o[q] < 0.2 else 'no'})"
            p(f"| {k['title']}: {q} ms | {n} | {o[q] * 1e3:.1f}{target} | {t[q] * 1e3:.1f} | **{r:.2f}** | "
              f"{'yes' if r >= 2 else 'no'} | {k['others']:.2f} |")
    p()
    notes = [f"{LABEL[name]}, {k['kind']}: {k[name]['problem_count']} incomplete answers, e.g. {k[name]['problems'][0]}"
             for k in res["kinds"] for name in TARGETS if k[name]["problem_count"]]
    if notes:
        p("Answers that were not complete:")
        p()
        for n in notes:
            p(f"- {n}")
    else:
        p("Every answer of both targets was complete: the study had all 500 instances, each with the data set "
          "size of the file sent (File Meta Information aside: each archive writes its own), each series' "
          "metadata every SOP Instance UID with SOP Class UID, Rows, Columns and Pixel Data, each frame "
          f"{res['frame_bytes']} bytes, each rendering a JPEG.")


def shorten(path):
    return re.sub(r"2\.25\.\d{10,}", "…", path)


def main(argv):
    if len(argv) < 3:
        die(__doc__)
    cmd, work = argv[1], argv[2]
    if cmd == "plan":
        n = int(argv[4])
        cmd_plan(work, argv[3], n, int(os.environ.get("STOW_BATCH", "25")), int(os.environ.get("REPS", "200")),
                 int(os.environ.get("WARMUP", "20")), int(os.environ.get("SEED", "1")))
    elif cmd == "ingest":
        cmd_ingest(work)
    elif cmd == "qido":
        cmd_qido(work)
    elif cmd == "report":
        cmd_report(work)
    elif cmd == "retrieve-load":
        cmd_retrieve_load(work, argv[3])
    elif cmd == "retrieve":
        env = os.environ.get
        cmd_retrieve(work, argv[3], int(env("REPS", "100")), int(env("WARMUP", "10")),
                     int(env("STUDY_REPS", "10")), int(env("STUDY_WARMUP", "2")), int(env("SEED", "1")))
    elif cmd == "retrieve-report":
        cmd_retrieve_report(work)
    else:
        die(f"unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
