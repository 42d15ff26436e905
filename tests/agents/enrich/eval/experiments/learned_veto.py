"""Experiment (issue 11, 2026-11-30), not used by the service: does a trained topic model, used as a veto on the
rules' alerts, hold up on fresh text better than the rules alone?

The model: per topic, a logistic regression (L2 1.0, AdaGrad, 400 steps) over log counts of the headline's words and
word pairs, the words and word pairs of every body sentence that holds a launch/test word, and the years those
sentences name relative to the publication year (features seen in at least two items). Trained on real.yaml's dev
items except those whose id starts with a held-apart prefix; a rule's alert of a topic is kept when the model gives
that topic at least --threshold (0.3, fixed on check batches 19 and 20 before batches 21 and 22 were run).

    PYTHONPATH=. python tests/agents/enrich/eval/experiments/learned_veto.py --hold c21- --hold c22-

prints, per held-apart prefix, the rules of the code on PYTHONPATH alone, the model alone and rules AND model.
Result (real.yaml, block "learned veto experiment"): no gain on fresh text; not adopted.
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

import numpy as np

from agents.enrich.analysis import alerts
from agents.enrich.entities import load_extractor
from agents.enrich.evaluation import REAL_TOPICS, Case, load_cases
from agents.enrich.rules import RulePack

_TRIGGER = re.compile(r"\b(launch\w*|fir(e|es|ed|ing)|test\w*|missil\w*|rocket\w*|orbit\w*|satellit\w*|nuclear|"
                      r"detonat\w*|blast\w*|lift\w*|intercept\w*|barrage|salvo|projectil\w*|ballistic|icbm|explo\w*|"
                      r"spacecraft|payload|takeoff|liftoff)\b", re.I)
_WORD = re.compile(r"[a-z]+|\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _tokens(s: str) -> list[str]:
    return [w if not w.isdigit() else ("<yr>" if len(w) == 4 and w[:2] in ("19", "20") else "<n>")
            for w in _WORD.findall(s.lower())]


def features(case: Case) -> dict[str, float]:
    f: dict[str, float] = {}

    def add(key: str) -> None:
        f[key] = f.get(key, 0.0) + 1.0

    year = int(case.published[:4]) if case.published else None
    title = _tokens(case.title)
    for i, w in enumerate(title):
        add("T:" + w)
        if i:
            add("T2:" + title[i - 1] + "_" + w)
    triggered = 0
    for sentence in _SENTENCE_END.split(case.text):
        if not _TRIGGER.search(sentence):
            continue
        triggered += 1
        words = _tokens(sentence)
        for i, w in enumerate(words):
            add("W:" + w)
            if i:
                add("W2:" + words[i - 1] + "_" + w)
        for y in re.findall(r"\b(19\d\d|20\d\d)\b", sentence) if year else ():
            d = int(y) - year
            add("YR:" + ("same" if d == 0 else "-1" if d == -1 else "old" if d < -1 else "future"))
    f = {k: math.log1p(v) for k, v in f.items()}
    f.update(BIAS=1.0, TRIGGERED=math.log1p(triggered))
    if not case.published:
        f["NO_DATE"] = 1.0
    return f


class _Sparse:
    def __init__(self, feats: list[dict[str, float]], vocab: dict[str, int]):
        cells = [(r, vocab[k], v) for r, f in enumerate(feats) for k, v in f.items() if k in vocab]
        self.rows, self.cols, self.vals = (np.array(c) for c in zip(*cells))
        self.n, self.d = len(feats), len(vocab)

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.stack([np.bincount(self.rows, self.vals * w[self.cols, j], self.n) for j in range(w.shape[1])], 1)

    def tdot(self, r: np.ndarray) -> np.ndarray:
        return np.stack([np.bincount(self.cols, self.vals * r[self.rows, j], self.d) for j in range(r.shape[1])], 1)


def fit(cases: list[Case], l2: float = 1.0, steps: int = 400, rate: float = 0.5):
    feats = [features(c) for c in cases]
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    vocab = {k: i for i, k in enumerate(sorted(k for k, c in counts.items() if c >= 2))}
    x = _Sparse(feats, vocab)
    y = np.array([[t in c.topics for t in REAL_TOPICS] for c in cases], dtype=float)
    w = np.zeros((len(vocab), len(REAL_TOPICS)))
    g = np.full_like(w, 1e-8)
    for _ in range(steps):
        grad = x.tdot(1 / (1 + np.exp(-x.dot(w))) - y) / len(cases) + l2 * w / len(cases)
        g += grad ** 2
        w -= rate * grad / np.sqrt(g)
    return lambda more: 1 / (1 + np.exp(-_Sparse([features(c) for c in more], vocab).dot(w)))


def _scores(name: str, got: dict[str, set[str]], cases: list[Case]) -> str:
    out = []
    for t in REAL_TOPICS:
        tp = sum(t in got[c.id] and t in c.topics for c in cases)
        fp = sum(t in got[c.id] and t not in c.topics for c in cases)
        fn = sum(t not in got[c.id] and t in c.topics for c in cases)
        p = f"{tp / (tp + fp):.3f}" if tp + fp else "n/a"
        r = f"{tp / (tp + fn):.3f}" if tp + fn else "n/a"
        out.append(f"{t} P {p} R {r} ({tp}/{fp}/{fn})")
    return f"{name:<16}" + " | ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=Path, default=Path(__file__).parents[1] / "real.yaml")
    ap.add_argument("--hold", action="append", required=True, help="id prefix held apart (repeatable)")
    ap.add_argument("--threshold", type=float, default=0.3)
    args = ap.parse_args()
    dev = [c for c in load_cases(args.cases) if c.split == "dev"]
    model = fit([c for c in dev if not c.id.startswith(tuple(args.hold))])
    pack, extractor = RulePack.load(), load_extractor((), None)
    for prefix in args.hold:
        cases = [c for c in dev if c.id.startswith(prefix)]
        probs = model(cases)
        rules, learned = {}, {}
        for c, p in zip(cases, probs):
            _, hits = alerts(c.article(), extractor, pack)
            rules[c.id] = ({h.topic for h in hits} | {q for h in hits for q in h.qualifiers}) & set(REAL_TOPICS)
            learned[c.id] = {t for t, q in zip(REAL_TOPICS, p) if q >= args.threshold}
        both = {i: rules[i] & learned[i] for i in rules}
        print(f"{prefix} ({len(cases)} items)")
        for name, got in (("rules", rules), ("model", learned), ("rules AND model", both)):
            print("  " + _scores(name, got, cases))


if __name__ == "__main__":
    main()
