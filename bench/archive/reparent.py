#!/usr/bin/env python3
"""Builds the retrieval benchmark's data set from a `./vna generate` data set.

    reparent.py SOURCE OUT MATRIX SEED

`./vna generate` makes studies of 1 to 300 instances; the retrieval benchmark needs a study of
500 instances (in one series) and a series of 1,000 instances. This helper copies the first 1,500
CT and MR images (one frame each, MATRIX x MATRIX, 16 bits allocated, 1 sample) of SOURCE into

    OUT/study500/     500 instances: one patient, one study, one series
    OUT/series1000/   1,000 instances: another patient, one study, one series

and re-parents them with dcmtk's `dcmodify` (many files per call): new Study and Series Instance
UIDs (derived from SEED), one Patient ID / Issuer / Patient Name / Birth Date / Sex per study,
and one Study Date / Time / ID / Accession Number / Description and Series Number / Description
each. SOP Instance UIDs, pixel data and everything else stay as generated (the files keep their
transfer syntax, Explicit or Implicit VR Little Endian; Modality stays CT or MR per instance).
OUT/RETRIEVE.json lists both sets: UIDs, every SOP Instance UID with its file size, and the
expected length of a frame. Standard library and dcmtk only.
"""

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

SETS = [  # name, instances, patient
    ("study500", 500, ("BENCH-RET-500", "Retrieve^FiveHundred")),
    ("series1000", 1000, ("BENCH-RET-1000", "Retrieve^Thousand")),
]


def uid(seed, what):
    return "2.25." + str(uuid.uuid5(uuid.NAMESPACE_OID, f"vesalius-bench-retrieve/{seed}/{what}").int)


def main(source, out, matrix, seed):
    source, out = Path(source), Path(out)
    with open(source / "MANIFEST.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]
    images = [r for r in rows if r["Modality"] in ("CT", "MR")]
    need = sum(k for _, k, _ in SETS)
    if len(images) < need:
        sys.exit(f"reparent: {source} has {len(images)} CT/MR images, {need} needed")
    if out.exists():
        shutil.rmtree(out)
    sets, start = {}, 0
    for number, (name, k, (pid, pname)) in enumerate(SETS, 1):
        chosen, start = images[start:start + k], start + k
        d = out / name
        d.mkdir(parents=True)
        files = []
        for i, r in enumerate(chosen):
            dst = d / f"{i + 1:05d}.dcm"
            shutil.copyfile(source / r["file"], dst)
            files.append(dst)
        study, series = uid(seed, f"{name}/study"), uid(seed, f"{name}/series")
        tags = {
            "(0010,0010)": pname, "(0010,0020)": pid, "(0010,0021)": "BENCH", "(0010,0030)": "19700101",
            "(0010,0040)": "O", "(0020,000D)": study, "(0008,0020)": "20240101", "(0008,0030)": "120000",
            "(0020,0010)": f"RET{number}", "(0008,0050)": f"BENCHRET{number}",
            "(0008,1030)": f"Retrieval benchmark {name}", "(0020,000E)": series, "(0020,0011)": "1",
            "(0008,103E)": f"{k} instances",
        }
        args = ["dcmodify", "-q", "-nb"]
        for tag, value in tags.items():
            args += ["-i", f"{tag}={value}"]
        for b in range(0, len(files), 250):
            subprocess.run(args + [str(f) for f in files[b:b + 250]], check=True)
        sets[name] = {
            "study": study, "series": series, "patient": pid,
            "instances": [{"sop": r["SOPInstanceUID"], "file": str(f.relative_to(out)), "size": f.stat().st_size}
                          for r, f in zip(chosen, files)],
        }
        sets[name]["bytes"] = sum(i["size"] for i in sets[name]["instances"])
    (out / "RETRIEVE.json").write_text(json.dumps(
        {"source": str(source), "seed": seed, "matrix": matrix, "frame_bytes": matrix * matrix * 2, "sets": sets},
        indent=1))
    for name, s in sets.items():
        print(f"{name}: {len(s['instances'])} instances, {s['bytes'] / 1e6:.1f} MB, study {s['study']}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
