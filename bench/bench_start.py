"""CPU a worker spends starting: importing the service, then loading the extractor (the
gazetteer above all), without the gazetteer cache and with it, cold and warm.

    OPENBLAS_NUM_THREADS=1 python bench/bench_start.py [--rounds 5]

Each figure is the median over ``--rounds`` fresh processes of ``time.process_time()``:

- ``import streams.service``: what ``watchfloor run`` imports before it reads a setting;
- ``Gazetteer.load``: the build as a worker did it before the cache (cyclic GC running);
- ``no cache``: ``load_extractor(cache_dir=None)``, the build with the GC paused;
- ``cold cache``: an empty cache dir, so the build plus writing the file;
- ``warm cache``: the file is there, read back (what every later start costs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
t0 = time.process_time()
import streams.service
t1 = time.process_time()
from agents.enrich.entities import load_extractor
from agents.enrich.gazetteer import Gazetteer
mode, where = sys.argv[1], sys.argv[2]
t2 = time.process_time()
if mode == "load":
    Gazetteer.load()
else:
    load_extractor(cache_dir=None if mode == "none" else Path(where))
print(json.dumps({{"import": t1 - t0, "load": time.process_time() - t2}}))
"""


def run(mode: str, cache_dir: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT)), mode, str(cache_dir)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    rows: dict[str, list[dict[str, float]]] = {"Gazetteer.load": [], "no cache": [], "cold cache": [], "warm cache": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            cold = Path(tmp) / f"cold-{i}"
            rows["Gazetteer.load"].append(run("load", cold))
            rows["no cache"].append(run("none", cold))
            rows["cold cache"].append(run("cache", cold))  # writes cold-i
            rows["warm cache"].append(run("cache", cold))  # reads it
    imports = [r["import"] for rs in rows.values() for r in rs]
    print(f"import streams.service: {statistics.median(imports):.2f} s CPU median "
          f"({min(imports):.2f}-{max(imports):.2f}, {len(imports)} processes)")
    for name, rs in rows.items():
        loads = [r["load"] for r in rs]
        print(f"{name:>15}: {statistics.median(loads):.2f} s CPU median ({min(loads):.2f}-{max(loads):.2f})")


if __name__ == "__main__":
    main()
