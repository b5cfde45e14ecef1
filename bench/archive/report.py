"""The Markdown report of a bench/archive run: the acceptance table of issue 11 first (one row per
acceptance line, pass or fail), then how the run was made (quiet?, steal, file systems, warm-up,
start-up, JFR profile, durability) and the detailed tables.

    report.py WORK      Markdown on stdout, from WORK/{meta,quiet,fs,plan,ingest,qido,retrieve}.json

Standard library only.
"""

import json
import re
import statistics
import sys
from pathlib import Path

from protocol import MAX_LOAD1, MAX_OTHERS

LABEL = {"ours": "Vesalius", "orthanc": "Orthanc", "storescp": "storescp"}


def load(work, name):
    f = Path(work) / name
    return json.loads(f.read_text()) if f.exists() else None


def agg(runs):
    """Median and range over the runs of one target in one phase, per instance."""
    rates = [r["instances"] / r["wall"] for r in runs]
    cpu = [r["cpu"] * 1e3 / r["instances"] for r in runs]
    n, wall = sum(r["instances"] for r in runs), sum(r["wall"] for r in runs)
    roles = {}
    for r in runs:
        for role, v in r["cpu_by_role"].items():
            roles[role] = roles.get(role, 0.0) + v
    fsyncs = [r["fsyncs"] for r in runs]
    return {"rate": statistics.median(rates), "rate_min": min(rates), "rate_max": max(rates),
            "cpu": statistics.median(cpu), "cpu_min": min(cpu), "cpu_max": max(cpu),
            "roles": {k: v * 1e3 / n for k, v in roles.items()},
            "clients": sum(r["clients"] for r in runs) * 1e3 / n,
            "others_max": max(r["others"] for r in runs),
            "others": sum(r["others"] * r["wall"] for r in runs) / wall,
            "steal": sum(r["steal"] * r["wall"] for r in runs) / wall,
            "kernel": sum(r.get("kernel", 0.0) * r["wall"] for r in runs) / wall,
            "fsyncs": sum(fsyncs) / n if None not in fsyncs else None, "runs": len(runs), "instances": n}


def rng(a, key, fmt):
    return f"{a[key]:{fmt}} ({a[key + '_min']:{fmt}}–{a[key + '_max']:{fmt}})"


def yes(ok):
    return "**pass**" if ok else "fail"


def quiet_mark(others):
    return "" if others <= MAX_OTHERS else " ⚠"


def shorten(path):
    return re.sub(r"2\.25\.\d{10,}", "…", path)


def acceptance(ingest, qido, retrieve):
    """Rows: (line, target, ours, orthanc, ratio, pass, others)."""
    rows = []
    phases = {p["name"]: p for p in (ingest or {}).get("phases", [])}

    def ingest_row(name, line, need, cpu_too=False):
        p = phases.get(name)
        if not p:
            rows.append((line, f">= {need:.1f}x", "not measured", "", "", "–", ""))
            return
        o, t = agg(p["runs"]["ours"]), agg(p["runs"]["orthanc"])
        ratio = o["rate"] / t["rate"]
        ok = ratio >= need and (not cpu_too or o["cpu"] <= t["cpu"])
        target = f">= {need:.1f}x" + (", CPU-ms/instance <= Orthanc's" if cpu_too else "")
        others = max(o["others_max"], t["others_max"])
        rows.append((f"{line} ({p['instances']} instances)", target,
                     f"{o['rate']:.0f}/s, {o['cpu']:.2f} CPU-ms", f"{t['rate']:.0f}/s, {t['cpu']:.2f} CPU-ms",
                     f"{ratio:.2f}x", yes(ok), f"{others:.2f}{quiet_mark(others)}"))

    ingest_row("C-STORE, 4 associations", "C-STORE, 4 associations", 2.0, cpu_too=True)
    ingest_row("C-STORE, 1 association", "C-STORE, 1 association", 1.0)
    ingest_row("STOW-RS, 4 clients", "STOW-RS, 4 clients", 2.0)
    ingest_row("bulk load, C-STORE, 4 associations", "bulk load, C-STORE, 4 associations", 2.0)
    for q in (qido or {}).get("queries", []):
        o, t = q["ours"]["p95"] * 1e3, q["orthanc"]["p95"] * 1e3
        rows.append((f"QIDO-RS p95, {q['name']}", "< Orthanc's and < 20 ms (aim 10)", f"{o:.1f} ms", f"{t:.1f} ms",
                     f"{t / o:.2f}x", yes(o < t and o < 20), f"{q.get('others', 0):.2f}{quiet_mark(q.get('others', 0))}"))
    if not qido:
        rows.append(("QIDO-RS p95 per search", "< Orthanc's and < 20 ms", "not measured", "", "", "–", ""))
    kinds = {k["kind"]: k for k in (retrieve or {}).get("kinds", [])}

    def retrieve_row(kind, line, target, measure):
        k = kinds.get(kind)
        if not k:
            rows.append((line, target, "not measured", "", "", "–", ""))
            return
        rows.append((line,) + measure(k)[1:] + (f"{k['others']:.2f}{quiet_mark(k['others'])}",))

    def mbs(need):
        def f(k):
            r = k["ours"]["mb_s"] / k["orthanc"]["mb_s"]
            return (k["title"], f">= {need:.1f}x MB/s", f"{k['ours']['mb_s']:.0f} MB/s", f"{k['orthanc']['mb_s']:.0f} MB/s",
                    f"{r:.2f}x", yes(r >= need))
        return f

    def p50(k):
        r = k["orthanc"]["p50"] / k["ours"]["p50"]
        return (f"{k['title']}, p50", ">= 1.0x", f"{k['ours']['p50'] * 1e3:.1f} ms", f"{k['orthanc']['p50'] * 1e3:.1f} ms",
                f"{r:.2f}x", yes(r >= 1.0))

    def meta1000(k):
        o = k["ours"]["p95"] * 1e3
        return (f"{k['title']}, p95", "< 100 ms", f"{o:.1f} ms", f"{k['orthanc']['p95'] * 1e3:.1f} ms",
                f"{k['orthanc']['p95'] * 1e3 / o:.2f}x", yes(o < 100))

    retrieve_row("study", "WADO-RS whole study, warm (500 instances)", ">= 1.0x", mbs(1.0))
    cold = kinds.get("study-cold", {}).get("mode")
    retrieve_row("study-cold", "WADO-RS whole study, cold (" + ("page cache dropped" if cold == "drop" else
                 "studies not read before, page cache not dropped") + ")", ">= 1.5x", mbs(1.5))
    retrieve_row("frame", "`/frames/1`, p50", ">= 1.0x", p50)
    retrieve_row("rendered", "rendered JPEG, p50", ">= 1.0x", p50)
    retrieve_row("metadata1000", "series `/metadata`, 1,000 instances, p95", "< 100 ms", meta1000)
    return rows


def cmd_report(work):
    meta, quiet, fs, plan = (load(work, f) for f in ("meta.json", "quiet.json", "fs.json", "plan.json"))
    ingest, qido, retrieve = (load(work, f) for f in ("ingest.json", "qido.json", "retrieve.json"))
    p = print
    others = [quiet["others"] if quiet else 0.0]
    for ph in (ingest or {}).get("phases", []):
        others += [r["others"] for runs in ph["runs"].values() for r in runs]
    others += [q.get("others", 0.0) for q in (qido or {}).get("queries", [])]
    others += [k["others"] for k in (retrieve or {}).get("kinds", [])]
    is_quiet = bool(quiet and quiet["quiet"]) and max(others) <= MAX_OTHERS
    p(f"### Run of {meta['date']}" + ("" if is_quiet else " — NOT QUIET"))
    p()
    p("```sh")
    p(meta["command"])
    p("```")
    p()
    if not is_quiet:
        p(f"**NOT QUIET: these numbers do not meet the protocol.** The 1-minute load was "
          f"{quiet['load1'] if quiet else '?'} before the start (limit {MAX_LOAD1}) and other processes used up to "
          f"{max(others):.2f} cores during a measurement (limit {MAX_OTHERS}); rows marked ⚠ exceeded it.")
        p()
    p("Acceptance (issue 11). Ratios: how many times faster Vesalius is. Ingest: median of the runs; "
      "CPU-ms = server-side CPU per instance from `/proc` (Vesalius: server JVM + its Elasticsearch; "
      "Orthanc: its process). Others: cores other processes used meanwhile (max over the runs).")
    p()
    p("| acceptance line | target | Vesalius | Orthanc | ratio | pass? | others |")
    p("| --- | --- | ---: | ---: | ---: | :---: | ---: |")
    for row in acceptance(ingest, qido, retrieve):
        p("| " + " | ".join(row) + " |")
    phases = {ph["name"]: ph for ph in (ingest or {}).get("phases", [])}
    for name in ("C-STORE, 1 association", "C-STORE, 4 associations"):
        ph = phases.get(name)
        if ph and "storescp" in ph["runs"]:
            o, d = agg(ph["runs"]["ours"]), agg(ph["runs"]["storescp"])
            p(f"| dcmtk `storescp` (no fsync, no index), {name} | aim: parity | {o['rate']:.0f}/s, {o['cpu']:.2f} CPU-ms | "
              f"storescp {d['rate']:.0f}/s, {d['cpu']:.2f} CPU-ms | {o['rate'] / d['rate']:.2f}x | – | "
              f"{max(o['others_max'], d['others_max']):.2f} |")
    p()
    environment(p, meta, quiet, fs, plan, ingest)
    if ingest:
        ingest_tables(p, ingest)
        durability(p, ingest)
    if qido:
        qido_table(p, qido)
    if retrieve:
        retrieve_table(p, retrieve)


def environment(p, meta, quiet, fs, plan, ingest):
    p("How it was measured:")
    p()
    p(f"- Machine: {meta['cpus']} CPUs ({meta['cpu_model']}), {meta['memory']} RAM; load average "
      f"{meta['load_before']} before, {meta['load_after']} after. Before the start, over {quiet['seconds']:.0f} s: "
      f"other processes {quiet['others']:.2f} cores, kernel threads {quiet.get('kernel', 0):.2f}, CPU steal "
      f"{quiet['steal']:.3f} cores."
      if quiet else f"- Machine: {meta['cpus']} CPUs ({meta['cpu_model']}), {meta['memory']} RAM.")
    for f in fs or []:
        p(f"- File system of `{f['dir']}`: {f['fstype']} on {f['source']} (`{f['options']}`), device write cache "
          f"{f['write_cache'] or 'unknown'}; `fdatasync` of 4 KiB: median {f['fdatasync_us']:.0f} µs — {f['verdict']}.")
    p(f"- Vesalius {meta['vesalius']} on {meta['java']}, Elasticsearch {meta['es']} (heap {meta['es_heap']}); "
      f"start-up: {meta.get('startup', '?')}; AOT cache: {meta.get('aot', '?')}.")
    p(f"- Orthanc {meta['orthanc']} with DICOMweb plugin {meta['dicomweb']}: SQLite index (WAL, "
      "`PRAGMA SYNCHRONOUS=NORMAL`: commits are not fsync'ed, only WAL checkpoints), `SyncStorageArea: true` "
      "(each stored file fsync'ed), TCP_NODELAY; dcmtk `storescp` "
      f"{meta['dcmtk']} with `--fork` (one process per association), files written as received, no fsync, no index.")
    p(f"- Clients: dcmtk storescu {meta['dcmtk']} (`TCP_NODELAY=1`), curl {meta['curl']}, Python {meta['python']} "
      "http.client, on the same machine (their CPU is not counted as server CPU).")
    if plan:
        p(f"- Data: `./vna generate --instances {plan['n']} --seed {plan['seed']}`: {meta['data_summary']}; "
          f"{meta['data_bytes'] / plan['n'] / 1024:.1f} KiB per instance. Measured phases in {plan['runs']} runs each, "
          "sent in alternating order (ours / Orthanc [/ storescp], then the reverse); both archives hold exactly the "
          "planned instances after every phase (ours: blob store, index and an empty index queue agree).")
    w = (ingest or {}).get("warmup")
    if w:
        rates = ", ".join(f"{x['rate']:.0f}" for x in w["windows"])
        p(f"- Warm-up (C-STORE to Vesalius, 4 associations, windows of {w['window_s']:.0f} s until two consecutive ones "
          f"agree within {w['tolerance'] * 100:.0f} %, at most {w['pool']} instances or {w['max_s']:.0f} s): "
          f"{'converged' if w['converged'] else '**did not converge**'} after {len(w['windows'])} windows, "
          f"{w['seconds']:.0f} s, {w['instances']} instances; rates per window {rates} /s.")
    if meta.get("jfr"):
        p(f"- JFR profile of the server for the whole run: `{meta['jfr']}`.")
    p(f"- Duration of the run: {meta.get('duration', '?')}.")
    p()


def ingest_tables(p, ingest):
    p("Ingest, per phase: instances/s and server CPU-ms per instance, median of the runs (min–max); "
      "Vesalius' CPU split into server + Elasticsearch; fsyncs per instance from the server's own metric where "
      "it has one; others (other user-space processes), kernel (kernel threads and interrupts: mostly the "
      "archives' own journal commits and writeback, not counted as others) and steal in cores, mean over the runs.")
    p()
    p("| phase | runs x instances | target | instances/s | CPU-ms/instance | split | clients CPU-ms | fsyncs/inst | others | kernel | steal |")
    p("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for ph in ingest["phases"]:
        for name, runs in ph["runs"].items():
            a = agg(runs)
            split = " + ".join(f"{v:.2f}" for v in a["roles"].values())
            fs = "–" if a["fsyncs"] is None else f"{a['fsyncs']:.2f}"
            p(f"| {ph['name']} | {a['runs']} x {a['instances'] // a['runs']} | {LABEL[name]} | {rng(a, 'rate', '.0f')} | "
              f"{rng(a, 'cpu', '.2f')} | {split} | {a['clients']:.2f} | {fs} | {a['others']:.2f}{quiet_mark(a['others_max'])} | "
              f"{a['kernel']:.2f} | {a['steal']:.2f} |")
    p()


def durability(p, ingest):
    d = ingest.get("durability")
    if not d:
        return
    p("Matched durability: flush system calls (`fsync`, `fdatasync`, `sync_file_range`, `msync`, `sync`, `syncfs`) "
      "per instance, counted with `strace -c -f` on every process of each archive while a sample of "
      f"{d['ours']['instances']} instances was stored over 4 associations (rate not measured: strace slows the "
      "servers); Vesalius' count includes Elasticsearch indexing the sample.")
    p()
    p("| archive | process | calls per instance |")
    p("| --- | --- | --- |")
    for name in ("ours", "orthanc"):
        x = d[name]
        if not x["calls"]:
            p(f"| {LABEL[name]} | – | not measured ({x.get('error') or 'strace found no process'}) |")
        for role, calls in x["calls"].items():
            per = ", ".join(f"{c} {v / x['instances']:.2f}" for c, v in sorted(calls.items())) or "0"
            p(f"| {LABEL[name]} | {role} | {per} |")
    p()


def qido_table(p, qido):
    p(f"QIDO-RS at {qido.get('instances', '?')} instances, ms until the last byte: {qido['reps']} requests per search "
      f"and target after {qido['warmup']} warm-up rounds, the same parameters for both, one kept-alive connection each.")
    p()
    p("| search | mean results | Vesalius p50 | Orthanc p50 | Vesalius p95 | Orthanc p95 | p95 ratio | others |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for q in qido["queries"]:
        o, t = q["ours"], q["orthanc"]
        p(f"| {q['name']} (`{shorten(q['example'])}`) | {q['mean_results']:.1f} | {o['p50'] * 1e3:.1f} | "
          f"{t['p50'] * 1e3:.1f} | {o['p95'] * 1e3:.1f} | {t['p95'] * 1e3:.1f} | {t['p95'] / o['p95']:.2f} | "
          f"{q.get('others', 0):.2f} |")
    notes = [f"{LABEL[n]}, {q['name']}: {q[n]['mismatch_count']} answers differ from the manifest, e.g. "
             f"{q[n]['mismatches'][0]}" for q in qido["queries"] for n in ("ours", "orthanc") if q[n]["mismatch_count"]]
    p()
    p("\n".join(f"- {x}" for x in notes) if notes else "Every answer had the number of results the manifest predicts.")
    p()


def retrieve_table(p, res):
    p(f"WADO-RS retrieval: a 500-instance study and a 1,000-instance series (CT/MR {res['matrix']} x {res['matrix']}, "
      f"16 bits, re-parented by `bench/archive/reparent.py`), time until the last byte; frames and renderings of a "
      "random instance of the 500-instance series, the same sequence for both.")
    p()
    p("| measure | requests | Vesalius | Orthanc | ratio | others |")
    p("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k in res["kinds"]:
        o, t = k["ours"], k["orthanc"]
        n = f"{k['reps']} (+{k['warmup']})"
        if k["kind"].startswith("study"):
            p(f"| {k['title']}: MB/s | {n} | {o['mb_s']:.0f} | {t['mb_s']:.0f} | {o['mb_s'] / t['mb_s']:.2f} | {k['others']:.2f} |")
            continue
        for q in ("p50", "p95"):
            p(f"| {k['title']}: {q} ms | {n} | {o[q] * 1e3:.1f} | {t[q] * 1e3:.1f} | {t[q] / o[q]:.2f} | {k['others']:.2f} |")
    notes = [f"{LABEL[n]}, {k['kind']}: {k[n]['problem_count']} incomplete answers, e.g. {k[n]['problems'][0]}"
             for k in res["kinds"] for n in ("ours", "orthanc") if k[n]["problem_count"]]
    p()
    p("\n".join(f"- {x}" for x in notes) if notes else "Every answer of both archives was complete.")


if __name__ == "__main__":
    cmd_report(sys.argv[1])
