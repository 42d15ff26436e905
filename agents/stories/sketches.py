"""Text sketches: MinHash over word 3-shingles, the same in every process and on every run.

A story keeps one short sketch per recent report, so syndicated or lightly rewritten copies
join by text and a feed re-publishing its own entry under a new id is seen as a duplicate.
Pure.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Sequence

import numpy as np

MERSENNE61 = (1 << 61) - 1
EMPTY = MERSENNE61  # never produced by a real shingle: every hash is reduced mod P

_WORD = re.compile(r"\w+", re.UNICODE)
_LOW32 = (1 << 32) - 1
_P = np.uint64(MERSENNE61)


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[tuple[int, int], ...]:
    """Fixed (a, b) pairs for (a*x + b) mod P, derived from constants, not from a RNG."""
    out = []
    for i in range(num_perm):
        d = hashlib.blake2b(f"watchfloor.minhash.{i}".encode(), digest_size=16).digest()
        a = int.from_bytes(d[:8], "little") % (MERSENNE61 - 1) + 1
        b = int.from_bytes(d[8:], "little") % MERSENNE61
        out.append((a, b))
    return tuple(out)


def shingles(text: str, shingle: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) <= shingle:
        return {" ".join(words)}
    return {" ".join(words[i : i + shingle]) for i in range(len(words) - shingle + 1)}


@lru_cache(maxsize=8)
def _permutation_arrays(num_perm: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The permutations' a split into 32-bit halves, and b, as (num_perm, 1) columns."""
    a = np.array([p[0] for p in _permutations(num_perm)], dtype=np.uint64).reshape(-1, 1)
    b = np.array([p[1] for p in _permutations(num_perm)], dtype=np.uint64).reshape(-1, 1)
    return a >> np.uint64(32), a & np.uint64(_LOW32), b


def _mod_p(v: np.ndarray) -> np.ndarray:
    """``v`` (< 2^64) modulo 2^61 - 1, for which 2^61 is 1."""
    v = (v & _P) + (v >> np.uint64(61))
    return np.where(v >= _P, v - _P, v)


def signature(text: str, *, num_perm: int = 64, shingle: int = 3) -> tuple[int, ...]:
    """MinHash of the text's word shingles; identical in every process and on every run.

    Each value is min over shingles x of (a*x + b) mod (2^61 - 1), exact: the 122-bit product
    is taken in 32-bit halves in 64-bit lanes (numpy), as Python's integers would give it, some
    forty times faster than a loop over 64 permutations of every shingle (a story's hit paid
    ~3 ms for it)."""
    xs = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") % MERSENNE61
        for s in shingles(text, shingle)
    ]
    if not xs:
        return (EMPTY,) * num_perm
    x = np.array(xs, dtype=np.uint64)
    a_hi, a_lo, b = _permutation_arrays(num_perm)
    x_hi, x_lo = x >> np.uint64(32), x & np.uint64(_LOW32)  # x_hi, a_hi < 2^29
    # a*x = hi*2^64 + mid*2^32 + lo, and 2^64 = 8 (mod p)
    hi = (a_hi * x_hi) << np.uint64(3)  # < 2^61
    mid = a_hi * x_lo + a_lo * x_hi  # < 2^62
    mid = (mid >> np.uint64(29)) + ((mid & np.uint64((1 << 29) - 1)) << np.uint64(32))  # mid*2^32 mod p, < 2^62
    lo = _mod_p(a_lo * x_lo)
    v = _mod_p(_mod_p(hi + mid) + lo + b)  # each term < 2^62: the sums stay below 2^64
    return tuple(int(m) for m in v.min(axis=1))


def sketch(sig: Sequence[int]) -> str:
    """The low byte of each MinHash value, as hex: 1/8 of the size, enough to compare.

    A story keeps one sketch per recent article (not full signatures), so that the
    same-feed duplicate check still sees an article fired hours and many articles ago.
    """
    if not sig or sig[0] == EMPTY:
        return ""
    return bytes(v & 0xFF for v in sig).hex()


def sketch_similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity from two sketches (corrected for 1/256 chance matches)."""
    if not a or not b:
        return 0.0
    if len(a) != len(b):
        raise ValueError(f"sketches of different lengths: {len(a)} != {len(b)}")
    n = len(a) // 2
    # equal bytes are the zero bytes of the XOR: ~1 us against ~10 for a loop over the bytes
    # (a story's hit compares its sketch with every report of its feed)
    match = (int(a, 16) ^ int(b, 16)).to_bytes(n, "big").count(0) / n
    return max(0.0, (match - 1 / 256) / (1 - 1 / 256))


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two shingle sets; 0.0 if either text was empty."""
    if len(sig_a) != len(sig_b):
        raise ValueError(f"signatures of different lengths: {len(sig_a)} != {len(sig_b)}")
    if not sig_a or sig_a[0] == EMPTY or sig_b[0] == EMPTY:
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b) if x == y) / len(sig_a)
