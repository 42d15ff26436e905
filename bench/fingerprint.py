"""A fingerprint of what the pure stages produce, to show that a speed change changes no output.

Run from the repository root:

    python bench/fingerprint.py                  # prints one sha256 per set and one overall
    python bench/fingerprint.py --dump before.json    # also writes every output
    python bench/fingerprint.py --against before.json # after a change: identical, or which articles differ
    python bench/fingerprint.py --root ../base --dump before.json   # the code of another checkout
                                                      # (bench/same_outputs.py runs both sides)

It runs :func:`agents.enrich.analysis.alerts` (entities, then hits with their events, qualifiers
folded) and :func:`agents.enrich.analysis.analyze` over every text of the real-news cases
(tests/agents/enrich/eval/real.yaml, as the evaluation builds them, with their publication
dates), the hand cases (cases.yaml), the reports of the story sets
(tests/agents/stories/sets/real_events.yaml, synthetic.yaml), the three article sets of bench/bench_analyze.py (hand,
candidates, mix) and 2,000 articles made as bench/bench_pipeline.py makes them. Times are read
against the publication date, and relative to today when there is none, so compare runs made
on the same day.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# ``--root DIR``: run the code of another checkout (the same article sets, read from this one);
# read before the imports below, which must come from that checkout
CODE = Path(sys.argv[sys.argv.index("--root") + 1]).resolve() if "--root" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(CODE))
sys.path.insert(0, str(CODE / "bench"))

from bench_analyze import items, mix_items, real_items  # noqa: E402

from agents.enrich.analysis import alerts, analyze  # noqa: E402
from agents.enrich.entities import load_extractor  # noqa: E402
from agents.enrich.evaluation import load_cases  # noqa: E402
from agents.enrich.rules import RulePack  # noqa: E402
from streams.core.records import Article  # noqa: E402
from tests.workload import make_articles  # noqa: E402

EVAL = ROOT / "tests/agents/enrich/eval"
STORY_SETS = ROOT / "tests/agents/stories/sets"


def story_reports(name: str) -> list[Article]:
    """The reports of a story set as articles (their text and title, published at noon of their day)."""
    out = []
    for r in yaml.safe_load((STORY_SETS / name).read_text())["reports"]:
        day = str(r.get("published") or "")[:10]
        ts = datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() + 12 * 3600 if day else None
        out.append(Article(id=r["id"], feed_url="", link=r.get("url", ""), title=r.get("title") or "",
                           summary=r["text"], published=ts))
    return out


def article_sets() -> dict[str, list[Article]]:
    return {
        "real.yaml": [c.article() for c in load_cases(EVAL / "real.yaml")],
        "cases.yaml": [c.article() for c in load_cases(EVAL / "cases.yaml")],
        "stories real_events.yaml": story_reports("real_events.yaml"),
        "stories synthetic.yaml": story_reports("synthetic.yaml"),
        "bench hand": items(),
        "bench candidates": real_items(),
        "bench mix": mix_items(),
        "bench pipeline": make_articles(2000, 20),  # bench_pipeline.py's articles, 1 in 100 an event
    }


def outputs(arts: list[Article], extractor, pack) -> list[dict]:
    out = []
    for a in arts:
        ents, hits = analyze(a, extractor, pack)
        _, folded = alerts(a, extractor, pack)
        out.append({"id": a.id, "entities": [e.asdict() for e in ents], "hits": [h.asdict() for h in hits],
                    "alerts": [h.asdict() for h in folded]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", type=Path, help="write every output here as JSON")
    ap.add_argument("--against", type=Path, help="compare with a --dump of an earlier run; exit 1 if any output differs")
    ap.add_argument("--root", type=Path, help="run the code of this checkout instead of this file's (read at import)")
    args = ap.parse_args()
    extractor, pack = load_extractor(), RulePack.load()
    everything = {}
    total = hashlib.sha256()
    for name, arts in article_sets().items():
        out = outputs(arts, extractor, pack)
        blob = json.dumps(out, sort_keys=True, default=str).encode()
        total.update(blob)
        everything[name] = out
        n_hits = sum(len(o["hits"]) for o in out)
        n_ents = sum(len(o["entities"]) for o in out)
        print(f"{name}: {len(arts)} articles, {n_ents} entities, {n_hits} hits, sha256 {hashlib.sha256(blob).hexdigest()[:16]}")
    print(f"code: {sys.modules['agents.enrich.entities'].__file__}")
    print(f"all: {total.hexdigest()}")
    if args.dump:
        args.dump.write_text(json.dumps(everything, sort_keys=True, indent=1, default=str))
    if args.against:
        before = json.loads(args.against.read_text())
        now = json.loads(json.dumps(everything, sort_keys=True, default=str))
        differ = [f"{name}: {new['id']}" for name, outs in now.items()
                  for old, new in zip(before.get(name, []), outs) if old != new]
        differ += [f"{name}: {len(before.get(name, []))} articles before, {len(outs)} now"
                   for name, outs in now.items() if len(before.get(name, [])) != len(outs)]
        print(f"against {args.against}: " + ("identical" if not differ else f"{len(differ)} differ"))
        for line in differ[:50]:
            print("  " + line)
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
