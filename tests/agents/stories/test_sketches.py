"""Text sketches (agents/stories/sketches.py): bounds, and the same values in every process."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from agents.stories.sketches import signature, similarity, sketch, sketch_similarity
from tests.support import ROOT

LAUNCH = "North Korea fired an intercontinental ballistic missile on Monday that landed off Hokkaido, Japan said."
COPY = "North Korea fired an intercontinental ballistic missile on Monday that landed off Hokkaido, Japan's ministry said."
OTHER = "Iran launched a Simorgh rocket carrying three satellites from the Imam Khomeini spaceport."


def test_similarity_bounds():
    a, b, c = signature(LAUNCH), signature(COPY), signature(OTHER)
    assert similarity(a, a) == 1.0
    assert similarity(a, b) > 0.5 > similarity(a, c)
    assert similarity(signature(""), signature("")) == 0.0
    with pytest.raises(ValueError):
        similarity(a, signature(LAUNCH, num_perm=32))


def test_sketches_estimate_the_same_similarity():
    a, b, c = (sketch(signature(t)) for t in (LAUNCH, COPY, OTHER))
    assert sketch_similarity(a, a) == 1.0
    assert sketch_similarity(a, b) > 0.5 > sketch_similarity(a, c)
    assert sketch_similarity("", a) == 0.0 and sketch(signature("")) == ""


def test_signature_is_identical_across_processes():
    code = ("import sys, json; from agents.stories.sketches import signature; "
            "print(json.dumps(signature(sys.stdin.read())))")
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], input=LAUNCH, capture_output=True,
                              text=True, cwd=ROOT, env=env, timeout=120, check=True)
        outs.append(json.loads(done.stdout))
    assert outs[0] == outs[1] == list(signature(LAUNCH))


def test_signature_is_the_exact_minhash_of_its_definition():
    """The numpy form gives, value for value, min over shingles of (a*x + b) mod (2^61 - 1)
    as Python's integers compute it (the stored sketches of running stories stay comparable)."""
    import hashlib
    import random

    from agents.stories.sketches import EMPTY, MERSENNE61, _permutations, shingles

    def reference(text: str) -> tuple[int, ...]:
        xs = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") % MERSENNE61
              for s in shingles(text, 3)]
        if not xs:
            return (EMPTY,) * 64
        return tuple(min((a * x + b) % MERSENNE61 for x in xs) for a, b in _permutations(64))

    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(1, 9))) for _ in range(400)]
    texts = ["", "one", "North Korea fired a missile"] + [
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 400))) for _ in range(60)]
    for text in texts:
        assert signature(text) == reference(text), text[:60]


def test_sketch_similarity_counts_equal_bytes_as_the_definition_does():
    rng = random.Random(5)
    for _ in range(2000):
        a = bytes(rng.randrange(256) for _ in range(64))
        b = bytes(x if rng.random() < rng.random() else rng.randrange(256) for x in a)
        match = sum(1 for i, j in zip(a, b) if i == j) / len(a)
        assert sketch_similarity(a.hex(), b.hex()) == max(0.0, (match - 1 / 256) / (1 - 1 / 256))
    assert sketch_similarity("00" * 64, "00" * 64) == 1.0
