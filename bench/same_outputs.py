"""Do two checkouts give the same analysis output? For speed changes that must change nothing.

Run from the repository root, with a checkout of the code before the change beside it:

    git worktree add ../base <commit before>
    python bench/same_outputs.py ../base          # exit 0: identical; 1: which articles differ

Runs bench/fingerprint.py of this checkout twice, each in a fresh process: over the other
checkout's code (``--root``, ``--dump``), then over this one's (``--against``), so both read the
same article sets (real.yaml, cases.yaml, the story sets, bench_analyze's sets, 2,000
bench_pipeline articles) and every entity with its span, every hit with its event and every
folded alert is compared (the JSON of each, field by field; see fingerprint.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path, help="a checkout of the code before the change")
    args = ap.parse_args()
    fingerprint = str(ROOT / "bench" / "fingerprint.py")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "before.json"
        print(f"--- {args.base.resolve()} (before)", flush=True)
        subprocess.run([sys.executable, fingerprint, "--root", str(args.base.resolve()), "--dump", str(dump)],
                       check=True, cwd=ROOT)
        print(f"--- {ROOT} (now)", flush=True)
        done = subprocess.run([sys.executable, fingerprint, "--root", str(ROOT), "--against", str(dump)], cwd=ROOT, check=False)
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
