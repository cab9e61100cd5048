"""Pair Chinese paragraphs with their English translations for the side-by-side view.

Translators mostly keep one English paragraph per Chinese one, but sometimes split a long
paragraph in two or join two short ones. This is a length-based aligner in the spirit of
Gale & Church (1993): dynamic programming over "beads" (1-1, 1-2, 2-1, 1-0, 0-1, 2-2, 1-3,
3-1) whose cost grows with how far the English length strays from what the Chinese length
predicts. Every paragraph lands in exactly one bead, in order, so no text is ever dropped.
"""

import math
from dataclasses import dataclass

# Extra cost of each bead shape over a plain one-to-one pair: splits and joins happen, a
# paragraph without any counterpart is rare.
_BEAD_PENALTIES = {
    (1, 1): 0.0,
    (1, 2): 0.9,
    (2, 1): 0.9,
    (2, 2): 1.6,
    (1, 3): 1.8,
    (3, 1): 1.8,
    (1, 0): 2.5,
    (0, 1): 2.5,
}
# Smoothing, in characters, so that very short paragraphs do not dominate the log ratio.
_SMOOTHING = 30.0


@dataclass(frozen=True)
class AlignedPair:
    zh: list[str]
    en: list[str]


def align_paragraphs(zh: list[str], en: list[str]) -> list[AlignedPair]:
    """Align two paragraph lists; the result keeps every paragraph of both, in order."""
    if not zh or not en:
        return [AlignedPair(zh=list(zh), en=list(en))] if zh or en else []
    # English characters per Chinese character, measured on this article itself.
    ratio = sum(map(len, en)) / max(1, sum(map(len, zh)))
    zh_prefix = _prefix_lengths(zh)
    en_prefix = _prefix_lengths(en)

    rows, cols = len(zh), len(en)
    best = [[math.inf] * (cols + 1) for _ in range(rows + 1)]
    step: list[list[tuple[int, int] | None]] = [[None] * (cols + 1) for _ in range(rows + 1)]
    best[0][0] = 0.0
    for i in range(rows + 1):
        for j in range(cols + 1):
            if best[i][j] == math.inf:
                continue
            for (di, dj), penalty in _BEAD_PENALTIES.items():
                ni, nj = i + di, j + dj
                if ni > rows or nj > cols:
                    continue
                zh_len = zh_prefix[ni] - zh_prefix[i]
                en_len = en_prefix[nj] - en_prefix[j]
                cost = best[i][j] + penalty + _length_cost(zh_len * ratio, en_len)
                if cost < best[ni][nj]:
                    best[ni][nj] = cost
                    step[ni][nj] = (di, dj)

    pairs: list[AlignedPair] = []
    i, j = rows, cols
    while i or j:
        di, dj = step[i][j]
        pairs.append(AlignedPair(zh=zh[i - di : i], en=en[j - dj : j]))
        i, j = i - di, j - dj
    pairs.reverse()
    return pairs


def _prefix_lengths(paragraphs: list[str]) -> list[int]:
    totals = [0]
    for paragraph in paragraphs:
        totals.append(totals[-1] + len(paragraph))
    return totals


def _length_cost(expected: float, actual: float) -> float:
    return abs(math.log((actual + _SMOOTHING) / (expected + _SMOOTHING))) * 2.0
