#!/usr/bin/env python3
"""Measurements of the end-to-end archive benchmark (bench/archive/run.sh starts the servers).

    archive_bench.py plan    WORK DATA N            phases, STOW-RS bodies and queries -> WORK/plan.json
    archive_bench.py ingest  WORK PART              the ingest phases of part 1 (before QIDO-RS) or 2
                                                    (the bulk load) on every target -> WORK/ingest.json
    archive_bench.py qido    WORK                   QIDO-RS latencies on both targets  -> WORK/qido.json
    archive_bench.py retrieve-load   WORK DATA      C-STORE the retrieval sets (reparent.py) into both
    archive_bench.py retrieve        WORK DATA      WADO-RS retrieval on both targets -> WORK/retrieve.json
    archive_bench.py train   WORK BASE DATA         a mixed load for the server's AOT cache training run

The report is report.py's; the machine checks, CPU meters and flush counts are protocol.py's.

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
import subprocess
import sys
import time
import unicodedata
import urllib.parse
from collections import defaultdict
from pathlib import Path

from protocol import FlushCounter, Meter

BOUNDARY = "vesalius-archive-bench-3f9c2a7d51e84b06"
TARGETS = ("ours", "orthanc")
LABEL = {"ours": "Vesalius", "orthanc": "Orthanc", "storescp": "storescp"}


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


# The phases, in order, with their sizes from the environment (run.sh sets them; full-run defaults
# here). "warm-up" C-STOREs to ours in windows until two consecutive windows agree (see warm_up);
# QIDO-RS runs after "durability sample", when the archives hold QIDO_AT instances; the bulk load
# follows it. Measured phases are cut into RUNS runs sent in alternating order.
def phase_specs(env):
    g = lambda k, d: int(env.get(k, d))
    return [
        # name, protocol, streams, instances, kind, also to storescp
        ("warm-up, C-STORE, 4 associations", "cstore", 4, g("WARM_MAX", 6000), "warmup", False),
        ("warm-up, STOW-RS, 1 client", "stow", 1, g("WARM_STOW", 500), "unmeasured", False),
        ("C-STORE, 1 association", "cstore", 1, g("C1", 1500), "measured", True),
        ("C-STORE, 4 associations", "cstore", 4, g("C4", 5000), "measured", True),
        ("STOW-RS, 1 client", "stow", 1, g("S1", 1500), "measured", False),
        ("STOW-RS, 4 clients", "stow", 4, g("S4", 5300), "measured", False),
        ("durability sample, C-STORE, 4 associations", "cstore", 4, g("DUR", 200), "durability", False),
        ("bulk load, C-STORE, 4 associations", "cstore", 4, g("BULK", 20000), "measured", False),
    ]


def fold(name):
    """Comparison form of a person name for prefix matching: upper case, accents removed."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F).upper()


def cmd_plan(work, data, n, stow_batch, reps, warmup, seed, runs):
    work, data = Path(work), Path(data)
    rows = read_manifest(data)
    specs = phase_specs(os.environ)
    if len(rows) != n or sum(s[3] for s in specs) != n:
        die(f"{data} holds {len(rows)} instances; N is {n}; the phases need {sum(s[3] for s in specs)}")
    files = [str(data / r["file"]) for r in rows]

    phases, start, qido_at = [], 0, None
    for name, protocol, streams, count, kind, storescp in specs:
        chunk = files[start:start + count]
        first = start
        start += count
        if kind == "warmup":   # cut into windows at run time
            phases.append({"name": name, "protocol": protocol, "streams": streams, "kind": kind,
                           "instances": len(chunk), "files": chunk})
            continue
        parts = split(chunk, runs) if kind == "measured" else [chunk]
        if kind == "measured" and min(len(p) for p in parts) < streams:
            die(f"{name}: {count} instances do not make {runs} runs of {streams} streams")
        phase = {"name": name, "protocol": protocol, "streams": streams, "kind": kind, "storescp": storescp,
                 "instances": len(chunk), "runs": []}
        for h, part_of_run in enumerate(parts):
            streams_of_run = []
            for s, part in enumerate(split(part_of_run, streams)):
                if protocol == "cstore":
                    streams_of_run.append({"files": part})
                else:
                    bodies = []
                    for b in range(0, len(part), stow_batch):
                        body = work / "stow" / f"p{len(phases)}-r{h}-s{s}-b{b // stow_batch:05d}.multipart"
                        write_multipart(body, part[b:b + stow_batch])
                        bodies.append({"path": str(body), "instances": len(part[b:b + stow_batch])})
                    streams_of_run.append({"bodies": bodies})
            phase["runs"].append(streams_of_run)
        if name.startswith("bulk load"):
            phase["part"] = 2
            # Studies loaded by the bulk load and never read: "fresh" cold WADO-RS reads them.
            in_bulk = defaultdict(int)
            for r in rows[first:]:
                in_bulk[r["StudyInstanceUID"]] += 1
            before = {r["StudyInstanceUID"] for r in rows[:first]}
            phase["cold_studies"] = [{"uid": u, "instances": k} for u, k in
                                     sorted(in_bulk.items(), key=lambda kv: -kv[1]) if u not in before][:20]
        if kind == "durability":
            qido_at = start
        phases.append(phase)
    if start != n:
        die(f"plan covers {start} of {n} instances")

    plan = {"n": n, "stow_batch": stow_batch, "reps": reps, "warmup": warmup, "seed": seed, "runs": runs,
            "qido_at": qido_at, "window_s": float(os.environ.get("WINDOW_S", "10")),
            "warm_max_s": float(os.environ.get("WARM_MAX_S", "240")),
            "phases": phases, "queries": plan_queries(rows[:qido_at], reps + warmup, seed)}
    (work / "plan.json").write_text(json.dumps(plan, indent=1))
    for p in phases:
        log(f"{p['name']}: {p['instances']} instances" + (f" in {len(p['runs'])} runs" if p.get("runs") else ""))


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


def http_post(url, timeout=60, json_body=None):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        if json_body is None:
            c.request("POST", u.path, body=b"")
        else:
            c.request("POST", u.path, body=json.dumps(json_body).encode(), headers={"Content-Type": "application/json"})
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
    if t["kind"] == "storescp":
        return {"count": sum(1 for e in os.scandir(t["dir"]) if e.is_file())}
    blobs = Path(t["blobs"])
    files = sum(1 for _ in (blobs / "studies").rglob("*.dcm")) if (blobs / "studies").exists() else 0
    # Waiting for the index: the node's ingest log (its count in /api/status, refreshed every few
    # seconds), and markers an older version left in the blob store.
    queued = sum(1 for _ in (blobs / "index-queue").glob("*")) if (blobs / "index-queue").exists() else 0
    status, body = http_get(t["http"] + "/api/status")
    if status == 200:
        waiting = json.loads(body).get("index", {}).get("queuedForIndexing", 0)
        queued += waiting if isinstance(waiting, int) else 1
    refused = sum(1 for _ in (blobs / "index-refused").glob("*")) if (blobs / "index-refused").exists() else 0
    http_post(f"{t['es']}/{t['index_alias']}/_refresh")
    # Instance documents only: the index also holds a summary document per study and series.
    status, body = http_post(f"{t['es']}/{t['index_alias']}/_count",
                             json_body={"query": {"bool": {"must_not": {"terms": {"vna.level": ["STUDY", "SERIES"]}}}}})
    indexed = json.loads(body)["count"] if status == 200 else 0
    return {"count": files, "indexed": indexed, "queued": queued, "refused": refused}


def verify(targets, expected, phase, wait_s=60):
    """Every target holds exactly its expected number of instances (ours: also indexed, with an
    empty index queue); ours may take a moment to index what write-behind still holds."""
    deadline = time.monotonic() + wait_s
    for name, want in expected.items():
        while True:
            s = stored_instances(targets[name])
            if s["count"] == want and s.get("indexed", want) == want and not s.get("queued") and not s.get("refused"):
                break
            if time.monotonic() > deadline or s["count"] > want or s.get("refused"):
                die(f"after '{phase}': {LABEL[name]} holds {s}, expected {want} instances")
            time.sleep(0.5)
    log(f"after '{phase}': " + ", ".join(f"{LABEL[n]} {w}" for n, w in expected.items())
        + " instances, as planned (ours: blob store and index agree)")


def save_expected(work, expected):
    (Path(work) / "expected.json").write_text(json.dumps(expected))


def load_expected(work):
    f = Path(work) / "expected.json"
    return json.loads(f.read_text()) if f.exists() else {"ours": 0, "orthanc": 0}


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


def instances_of(streams):
    return sum(len(s["files"]) if "files" in s else sum(b["instances"] for b in s["bodies"]) for s in streams)


def send(t, streams, protocol, work, tag, what):
    run = run_cstore if protocol == "cstore" else run_stow
    failures = run(t, streams, work, tag)
    if failures:
        die(f"{LABEL[t['name']]}, {what}:\n" + "\n".join(failures[:5]))


def warm_up(phase, targets, work, all_pids, window_s, max_s, tolerance=0.05):
    """C-STORE to ours in windows of about window_s seconds (the next window's size from the last
    one's rate) until two consecutive full windows agree within tolerance, or the phase's pool of
    instances or max_s runs out; the rest of the pool then goes to ours unmeasured, and the whole
    pool to Orthanc (unmeasured), so that both hold the same data."""
    pool, ours = phase["files"], targets["ours"]
    windows, i, size, t0, converged = [], 0, max(40, min(len(pool) // 10, 400)), time.perf_counter(), False
    while i < len(pool) and not converged and time.perf_counter() - t0 < max_s:
        chunk = pool[i:i + size]
        i += len(chunk)
        with Meter(ours, all_pids) as m:
            send(ours, [{"files": f} for f in split(chunk, phase["streams"]) if f], "cstore", work,
                 f"warm-w{len(windows)}", phase["name"])
        w = m.record(len(chunk))
        w["rate"] = len(chunk) / m.wall
        windows.append(w)
        if len(windows) >= 2 and min(x["wall"] for x in windows[-2:]) >= 0.8 * window_s:
            a, b = windows[-2]["rate"], windows[-1]["rate"]
            converged = abs(a - b) / max(a, b) <= tolerance
        log(f"warm-up window {len(windows)}: {len(chunk)} in {m.wall:.1f} s = {w['rate']:.0f}/s, "
            f"{w['cpu'] * 1e3 / len(chunk):.2f} CPU-ms per instance, others {m.others:.2f} cores"
            + (" (agrees with the last)" if converged else ""))
        size = max(40, round(w["rate"] * window_s * 1.2))   # rates still grow: aim a little long
    took = time.perf_counter() - t0
    rest = pool[i:]
    if rest:
        send(ours, [{"files": f} for f in split(rest, 4) if f], "cstore", work, "warm-rest", phase["name"])
    send(targets["orthanc"], [{"files": f} for f in split(pool, 4) if f], "cstore", work, "warm-orthanc", phase["name"])
    log(f"warm-up {'converged' if converged else 'did NOT converge'} after {len(windows)} windows, {took:.0f} s "
        f"({i} instances); {len(rest)} more sent unmeasured")
    return {"windows": windows, "converged": converged, "seconds": took, "instances": i, "window_s": window_s,
            "tolerance": tolerance, "max_s": max_s, "pool": len(pool)}


def durability_sample(phase, targets, work, expected):
    """The phase's instances to each target with strace counting its flush system calls."""
    out = {}
    for name in ("ours", "orthanc"):
        t = targets[name]
        n = phase["instances"]
        with FlushCounter(t, work, f"dur-{name}") as fc:
            send(t, phase["runs"][0], "cstore", work, f"dur-{name}", phase["name"])
            expected[name] += n
            verify({name: t}, {name: expected[name]}, phase["name"])   # ours: indexed too (write-behind)
        out[name] = {"instances": n, "calls": fc.calls, "error": fc.error}
        per = {role: sum(c.values()) / n for role, c in fc.calls.items()}
        log(f"{LABEL[name]}: flushes per instance "
            + (", ".join(f"{r} {v:.2f}" for r, v in per.items()) or f"not measured ({fc.error})"))
    return out


def cmd_ingest(work, part):
    work = Path(work)
    (work / "logs").mkdir(exist_ok=True)
    plan, targets = load(work, "plan.json"), load(work, "targets.json")
    for name, t in targets.items():
        t["name"] = name
    all_pids = [p for t in targets.values() for p in t["pids"].values()]
    f = work / "ingest.json"
    results = json.loads(f.read_text()) if f.exists() else {"phases": []}
    expected = load_expected(work)
    if "storescp" in targets:
        expected.setdefault("storescp", 0)
    for number, phase in enumerate(plan["phases"]):
        if phase.get("part", 1) != part:
            continue
        kind = phase["kind"]
        if kind == "warmup":
            log(f"== {phase['name']}: up to {phase['instances']} instances, windows of {plan['window_s']:.0f} s")
            results["warmup"] = warm_up(phase, targets, work, all_pids, plan["window_s"], plan["warm_max_s"])
            expected["ours"] += phase["instances"]
            expected["orthanc"] += phase["instances"]
            verify(targets, expected, phase["name"])
            continue
        if kind == "durability":
            log(f"== {phase['name']}: {phase['instances']} instances per target under strace (rate not measured)")
            results["durability"] = durability_sample(phase, targets, work, expected)
            continue
        names = TARGETS + (("storescp",) if phase.get("storescp") and "storescp" in targets else ())
        log(f"== {phase['name']}: {phase['instances']} instances"
            + (f" in {len(phase['runs'])} runs to {', '.join(LABEL[n] for n in names)}, alternating the order"
               if kind == "measured" else ""))
        runs = {name: [] for name in names}
        for h, streams in enumerate(phase["runs"]):
            order = names if h % 2 == 0 else tuple(reversed(names))
            k = instances_of(streams)
            for name in order:
                t = targets[name]
                with Meter(t, all_pids) as m:
                    send(t, streams, phase["protocol"], work, f"p{number}-r{h}-{name}", phase["name"])
                runs[name].append(m.record(k))
                roles = ", ".join(f"{role} {v:.1f}" for role, v in m.cpu_by_role.items())
                log(f"{LABEL[name]:9} run {h + 1}: {k} in {m.wall:.2f} s = {k / m.wall:.0f}/s, "
                    f"{m.cpu * 1e3 / k:.2f} CPU-ms per instance (CPU s: {roles}; clients {m.clients:.1f}); "
                    f"others {m.others:.2f} cores, kernel {m.kernel:.2f}, steal {m.steal:.2f}")
        for name in names:
            expected[name] += phase["instances"]
        verify({n: targets[n] for n in expected}, expected, phase["name"])
        if kind == "measured":
            results["phases"].append({"name": phase["name"], "protocol": phase["protocol"],
                                      "streams": phase["streams"], "instances": phase["instances"], "runs": runs})
    results["total"] = expected["ours"]
    save_expected(work, expected)
    f.write_text(json.dumps(results, indent=1))


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
    all_pids = [p for t in targets.values() for p in t["pids"].values()]
    meter = Meter({"pids": {}}, all_pids).__enter__()
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
    meter.__exit__(None, None, None)
    out = []
    for q in plan["queries"]:
        row = {"name": q["name"], "example": q["example"], "others": meter.others,
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
    (work / "qido.json").write_text(json.dumps({"queries": out, "reps": reps, "warmup": warmup, "instances": plan["qido_at"]}, indent=1))


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
    expected = load_expected(work)
    for name in TARGETS:
        t0 = time.perf_counter()
        failures = run_cstore(targets[name], [{"files": f} for f in files], work, f"retrieve-{name}")
        if failures:
            die(f"{LABEL[name]}, loading the retrieval sets:\n" + "\n".join(failures[:5]))
        log(f"{LABEL[name]}: {total} instances stored in {time.perf_counter() - t0:.1f} s")
        expected[name] += total
    verify(targets, {n: expected[n] for n in TARGETS}, "loading the retrieval sets")
    save_expected(work, expected)


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
    out["kinds"].append(cold_study(work, clients, all_pids, s500, s1000, study_reps, check, problems))
    for kind, title, w, r, path, accept, checker in kinds:
        log(f"== {title}: {w} warm-up + {r} measured requests per target, alternating which goes first")
        samples = {name: [] for name in TARGETS}
        nbytes = {name: [] for name in TARGETS}
        meter = Meter({"pids": {}}, all_pids).__enter__()
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
        meter.__exit__(None, None, None)
        others = meter.others
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


def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def cold_study(work, clients, all_pids, s500, s1000, reps, check, problems):
    """Whole-study WADO-RS with nothing in a cache. COLD=drop: the page cache is dropped before
    each request (needs root), and the 500-instance study is read; COLD=fresh: each request reads
    a study that target has not read since it was stored (the largest studies of the bulk load;
    without a plan, the 1,000-instance study, once): the application's caches are cold, the page
    cache may still hold the files as written."""
    mode = os.environ.get("COLD", "fresh")
    plan_file = Path(work) / "plan.json"
    if mode == "drop":
        studies = [{"uid": s500["study"], "instances": len(s500["instances"])}] * reps
        what = f"the {len(s500['instances'])}-instance study, page cache dropped before each request"
    else:
        bulk = [p for p in json.loads(plan_file.read_text())["phases"] if p.get("cold_studies")] \
            if plan_file.exists() else []
        studies = bulk[0]["cold_studies"][:reps] if bulk else []
        what = f"{len(studies)} studies of the bulk load, each read once per target (no cache dropped)"
        if not studies:
            studies = [{"uid": s1000["study"], "instances": len(s1000["instances"])}]
            what = f"the {len(s1000['instances'])}-instance study, read once per target (no cache dropped)"
    log(f"== whole study, cold: {what}")
    samples, nbytes = {n: [] for n in TARGETS}, {n: [] for n in TARGETS}
    meter = Meter({"pids": {}}, all_pids).__enter__()
    for rep, st in enumerate(studies):
        order = TARGETS if rep % 2 == 0 else tuple(reversed(TARGETS))
        for name in order:
            if mode == "drop":
                drop_caches()
            status, ctype, body, elapsed = clients[name].fetch(f"/studies/{st['uid']}", MULTIPART_DICOM)
            parts = multipart_parts(ctype, body) if status == 200 else []
            check(status == 200 and (not st["instances"] or len(parts) == st["instances"]), name, "study-cold",
                  f"HTTP {status}, {len(parts)} parts, {st['instances']} instances stored")
            size = sum(len(x) for x in parts)
            samples[name].append(elapsed)
            nbytes[name].append(size)
    meter.__exit__(None, None, None)
    row = {"kind": "study-cold", "mode": mode, "title": f"whole study, cold ({what})", "warmup": 0,
           "reps": len(studies), "others": meter.others}
    for name in TARGETS:
        s = samples[name]
        row[name] = {"p50": percentile(s, 50), "p95": percentile(s, 95), "max": max(s),
                     "bytes": sum(nbytes[name]) / len(s), "mb_s": sum(nbytes[name]) / sum(s) / 1e6,
                     "problems": problems.get(("study-cold", name), [])[:5],
                     "problem_count": len(problems.get(("study-cold", name), []))}
    log(f"study-cold     ours {row['ours']['mb_s']:.0f} MB/s | Orthanc {row['orthanc']['mb_s']:.0f} MB/s | "
        f"others {row['others']:.2f} cores")
    return row


def cmd_train(work, base, data):
    """A short mixed load for the training run of the server's AOT cache (run.sh stored the first
    400 instances of data with storescu): STOW-RS, QIDO-RS and WADO-RS, each a few dozen times."""
    rows = read_manifest(data)
    body = Path(work) / "train.multipart"
    write_multipart(body, [str(Path(data) / r["file"]) for r in rows[400:450]])
    u = urllib.parse.urlsplit(base)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    c.request("POST", u.path + "/studies", body=body.read_bytes(), headers={
        "Content-Type": f'multipart/related; type="application/dicom"; boundary={BOUNDARY}',
        "Accept": "application/dicom+json"})
    log(f"training STOW-RS: HTTP {c.getresponse().status}")
    c.close()
    client = RawClient(base)
    for i, r in enumerate(rows[:400:20] * 2):
        st, se, sop = r["StudyInstanceUID"], r["SeriesInstanceUID"], r["SOPInstanceUID"]
        requests = [(f"/studies?PatientID={urllib.parse.quote(r['PatientID'])}", "application/dicom+json"),
                    (f"/studies?StudyDate={r['StudyDate']}-&ModalitiesInStudy={r['Modality']}", "application/dicom+json"),
                    (f"/studies/{st}/series", "application/dicom+json"),
                    (f"/studies/{st}/series/{se}/instances", "application/dicom+json"),
                    (f"/studies/{st}/series/{se}/metadata", "application/dicom+json"),
                    (f"/studies/{st}/series/{se}/instances/{sop}/frames/1", MULTIPART_FRAMES),
                    (f"/studies/{st}/series/{se}/instances/{sop}/rendered", "image/jpeg")]
        if i % 8 == 0:   # a whole series now and then (up to 300 images of 128 KiB)
            requests.append((f"/studies/{st}/series/{se}", MULTIPART_DICOM))
        for path, accept in requests:
            client.fetch(path, accept)


def main(argv):
    if len(argv) < 3:
        die(__doc__)
    cmd, work, env = argv[1], argv[2], os.environ.get
    if cmd == "plan":
        cmd_plan(work, argv[3], int(argv[4]), int(env("STOW_BATCH", "25")), int(env("REPS", "200")),
                 int(env("WARMUP", "20")), int(env("SEED", "1")), int(env("RUNS", "5")))
    elif cmd == "ingest":
        cmd_ingest(work, int(argv[3]) if len(argv) > 3 else 1)
    elif cmd == "qido":
        cmd_qido(work)
    elif cmd == "retrieve-load":
        cmd_retrieve_load(work, argv[3])
    elif cmd == "train":
        cmd_train(work, argv[3], argv[4])
    elif cmd == "retrieve":
        cmd_retrieve(work, argv[3], int(env("REPS", "100")), int(env("WARMUP", "10")),
                     int(env("STUDY_REPS", "10")), int(env("STUDY_WARMUP", "2")), int(env("SEED", "1")))
    else:
        die(f"unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
