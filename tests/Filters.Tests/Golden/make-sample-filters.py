#!/usr/bin/env python3
"""Regenerates sample-filters.tsv from sample-filters.txt with tshark 4.0 (run once; tshark is not a test dependency).
Each output line: capture <TAB> filter <TAB> comma-separated frame numbers tshark selects (empty when none)."""
import os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "..", "..", "samples", "pcaps")

def capture_path(name):
    beside = os.path.join(here, name)
    return beside if os.path.exists(beside) else os.path.join(samples, name)

out, failed = [], 0
for line in open(os.path.join(here, "sample-filters.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    capture, flt = line.split("\t", 1)
    run = subprocess.run(["tshark", "-r", capture_path(capture), "-n", "-Y", flt, "-T", "fields", "-e", "frame.number"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(f"tshark rejects {flt!r} on {capture}: {run.stderr.strip()}", file=sys.stderr)
        failed += 1
        continue
    frames = ",".join(l.strip() for l in run.stdout.splitlines() if l.strip())
    out.append(f"{capture}\t{flt}\t{frames}")
with open(os.path.join(here, "sample-filters.tsv"), "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"{len(out)} filters written, {failed} rejected", file=sys.stderr)
sys.exit(1 if failed else 0)
