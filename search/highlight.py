"""Marking a query's words in article text, and choosing the snippet a result line shows.

    terms = Terms.from_words(["先进生产者", "producers"])
    highlight("江苏先进生产者 <b>", terms)   # '江苏<mark>先进生产者</mark> &lt;b&gt;'
    snippet(article.body_en, terms, language="en")

haystack's Whoosh highlighter re-analyses with ``StemmingAnalyzer`` and finds nothing in
Chinese, and its ``{% highlight %}`` tag splits on spaces (DESIGN.md §7), so we match the way
our own index does:

- Chinese (any word with a Chinese character in it): each run of the word's letters, digits
  and Chinese characters, folded (NFKC, traditional → simplified, lower case), is looked for
  as a substring of the folded text. That is exactly what the gram field finds, so every
  result found by a Chinese query has its highlights, and 臺灣 marks 台湾.
- English: the text's words are stemmed by ``WordAnalyzer`` and compared with the word's
  stems, in sequence for a phrase, so ``producers`` marks "producer" and "production" does not
  mark "producer".

Matches map back to the original characters through ``fold``'s offsets, widened to whole
characters (a following combining mark or variation selector stays with its base). Matches
that overlap, touch or stand one space apart are merged, so the longest stretch is marked once
and marks never nest.
Everything else is HTML-escaped: the only tags in the output are our ``<mark>`` tags.

Plain Python, no Django: the template filter and the search page call it.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from search.analysis import (
    CJK_CHARS,
    ENGLISH_STOP_WORDS,
    WordAnalyzer,
    contains_cjk,
    fold,
    gram_runs,
    stem_word,
)

# The snippet's size: about two lines of Chinese, or of English.
SNIPPET_CHARS = 120
SNIPPET_WORDS = 40
ELLIPSIS = "…"

_NON_CJK_RE = re.compile(f"[^{CJK_CHARS}]+")
_WORD_SPAN_RE = re.compile(r"\S+")
_WORD_CHAR_RE = re.compile(r"[^\W_]")
# Text the fast path reads as WordAnalyzer would: ASCII and the punctuation translations use,
# none of which folding turns into a letter or digit.
_PLAIN_RE = re.compile(
    "[\x00-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2015\u00ab\u00bb\u2022\u00b7\u2026\u00a0]*"
)
# An English word as WordAnalyzer reads ASCII text (u.s.a, 3.14).
_ASCII_WORD_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_ZH_SENTENCE_END = "。！？；"
_word_analyzer = WordAnalyzer()

Span = tuple[int, int]


@dataclass(frozen=True)
class Terms:
    """What to mark: folded Chinese substrings and English stem sequences."""

    substrings: tuple[str, ...] = ()
    stem_sequences: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Terms:
        """Terms for the words and phrases a query looks for (not the excluded ones)."""
        substrings: list[str] = []
        sequences: list[tuple[str, ...]] = []
        for word in words:
            if contains_cjk(word):
                substrings.extend(run for run in gram_runs(word) if run not in substrings)
            else:
                stems = tuple(t.text for t in _word_analyzer(word, mode="query"))
                if stems and stems not in sequences:
                    sequences.append(stems)
        # Longest first: when two terms start at the same place, the longer one wins anyway
        # after merging, but trying it first keeps the work small.
        substrings.sort(key=len, reverse=True)
        return cls(tuple(substrings), tuple(sequences))

    def __bool__(self) -> bool:
        return bool(self.substrings or self.stem_sequences)


# --- Finding matches -----------------------------------------------------------------------


def _whole_characters(text: str, start: int, end: int) -> Span:
    """Widen a span so it never leaves a combining mark or selector without its base."""
    while end < len(text) and _clings(text[end]):
        end += 1
    while start > 0 and _clings(text[start]):
        start -= 1
    return start, end


def _clings(char: str) -> bool:
    # Combining marks, variation selectors (incl. ideographic variation sequences), ZWJ.
    return (
        unicodedata.combining(char) != 0
        or unicodedata.category(char) in ("Mn", "Me")
        or "\ufe00" <= char <= "\ufe0f"
        or "\U000e0100" <= char <= "\U000e01ef"
        or char == "\u200d"
    )


def _substring_spans(text: str, substrings: tuple[str, ...]) -> list[Span]:
    if text.isascii():
        # Folding ASCII is lowercasing, one character for one: skip the offset table.
        folded, origin = text.lower(), None
        substrings = tuple(s for s in substrings if s.isascii())
    else:
        folded, origin = fold(text)
    spans = []
    for needle in substrings:
        at = folded.find(needle)
        while at != -1:
            end = at + len(needle)
            spans.append((at, end) if origin is None else (origin[at], origin[end - 1] + 1))
            at = folded.find(needle, at + 1)
    return spans


def _english_tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of the text's English words; Chinese runs are skipped unread."""
    tokens = []
    for segment in _NON_CJK_RE.finditer(text):
        if _PLAIN_RE.fullmatch(segment.group()):
            tokens.extend(_ascii_tokens(segment.group(), segment.start()))
            continue
        if not _WORD_CHAR_RE.search(unicodedata.normalize("NFKC", segment.group())):
            continue  # punctuation between Chinese words (，。：), thousands of times a page
        for token in _word_analyzer(
            segment.group(), chars=True, mode="query", start_char=segment.start()
        ):
            tokens.append((token.text, token.startchar, token.endchar))
    return tokens


def _ascii_tokens(text: str, offset: int) -> Iterator[tuple[str, int, int]]:
    """What ``WordAnalyzer`` makes of plain English text (``_PLAIN_RE``), without its
    per-character folding: a page of results holds 20,000 English words (test_highlight
    checks that the two agree)."""
    for match in _ASCII_WORD_RE.finditer(text.lower()):
        word = match.group()
        if word in ENGLISH_STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        yield stem_word(word), offset + match.start(), offset + match.end()


def _stem_spans(text: str, sequences: tuple[tuple[str, ...], ...]) -> list[Span]:
    tokens = _english_tokens(text)
    by_stem: dict[str, list[int]] = {}
    for i, (stem, _start, _end) in enumerate(tokens):
        by_stem.setdefault(stem, []).append(i)
    spans = []
    for sequence in sequences:
        size = len(sequence)
        for i in by_stem.get(sequence[0], ()):
            if tuple(t[0] for t in tokens[i : i + size]) == sequence:
                spans.append((tokens[i][1], tokens[i + size - 1][2]))
    return spans


def find_matches(text: str, terms: Terms) -> list[Span]:
    """Sorted, non-overlapping (start, end) spans of ``text`` to mark."""
    if not text or not terms:
        return []
    spans: list[Span] = []
    if terms.substrings:
        spans.extend(_substring_spans(text, terms.substrings))
    if terms.stem_sequences:
        spans.extend(_stem_spans(text, terms.stem_sequences))
    merged: list[list[int]] = []
    for start, end in sorted(_whole_characters(text, s, e) for s, e in spans):
        # Overlapping or touching matches, or two separated by one space ("advanced
        # producers"), read as one.
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start] == " "):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


# --- Rendering -----------------------------------------------------------------------------


def mark(text: str, spans: Iterable[Span]) -> str:
    """HTML for ``text`` with the spans in ``<mark>``; everything else escaped."""
    parts, at = [], 0
    for start, end in spans:
        parts.append(html.escape(text[at:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


def highlight(text: str, terms: Terms) -> str:
    """The whole text as HTML, query words marked."""
    return mark(text or "", find_matches(text or "", terms))


def snippet(text: str, terms: Terms, *, language: str | None = None) -> str:
    """HTML for the window of ``text`` with the most matches, with ellipses where cut.

    About ``SNIPPET_CHARS`` characters of Chinese or ``SNIPPET_WORDS`` words of English
    (``language`` "zh" or "en"; guessed from the text when not given). Without a match, the
    opening of the text.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    if language is None:
        language = "zh" if contains_cjk(text[:200]) else "en"
    spans = find_matches(text, terms)
    if language == "zh":
        start, end = _chinese_window(text, spans)
    else:
        start, end = _english_window(text, spans)
    # Never cut a match: widen the window to the whole of any span it touches.
    inside = [(s, e) for s, e in spans if e > start and s < end]
    if inside:
        start, end = min(start, inside[0][0]), max(end, inside[-1][1])
    start, end = _whole_characters(text, start, end)
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    html_text = mark(text[start:end], [(s - start, e - start) for s, e in inside])
    return (ELLIPSIS if start > 0 else "") + html_text + (ELLIPSIS if end < len(text) else "")


def _densest(starts: list[int], ends: list[int], width: int) -> tuple[int, int]:
    """Indices (first, last) of the most matches that fit in ``width`` units."""
    best = (0, 0)
    last = 0
    for first in range(len(starts)):
        last = max(last, first)
        while last + 1 < len(starts) and ends[last + 1] <= starts[first] + width:
            last += 1
        if last - first > best[1] - best[0]:
            best = (first, last)
    return best


def _window(starts: list[int], ends: list[int], width: int, total: int) -> tuple[int, int]:
    """A window of ``width`` units (of ``total``) centred on the densest matches."""
    if not starts or total <= width:
        return 0, min(width, total)
    first, last = _densest(starts, ends, width)
    slack = max(0, width - (ends[last] - starts[first]))
    begin = max(0, min(starts[first] - slack // 3, total - width))
    return begin, begin + width


def _chinese_window(text: str, spans: list[Span]) -> Span:
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    start, end = _window(starts, ends, SNIPPET_CHARS, len(text))
    if spans and start > 0:
        # Start at the beginning of the sentence, when one begins before the first match.
        first_match = next(s for s in starts if s >= start)
        boundary = max(text.rfind(p, start, first_match) for p in _ZH_SENTENCE_END)
        if boundary != -1:
            shift = boundary + 1 - start
            start, end = start + shift, min(len(text), end + shift)
    return start, end


def _english_window(text: str, spans: list[Span]) -> Span:
    words = [m.span() for m in _WORD_SPAN_RE.finditer(text)]
    if not words:
        return 0, len(text)
    word_starts = [s for s, _ in words]
    starts = [max(0, bisect.bisect_right(word_starts, s) - 1) for s, _ in spans]
    ends = [bisect.bisect_left(word_starts, e) for _, e in spans]
    first, last = _window(starts, ends, SNIPPET_WORDS, len(words))
    if spans and first > 0:
        # Start at the beginning of the sentence, when one begins before the first match.
        first_match = next(s for s in starts if s >= first)
        for i in range(first_match - 1, first - 1, -1):
            if text[words[i][1] - 1] in ".!?":
                first, last = i + 1, min(len(words), last + (i + 1 - first))
                break
    return words[first][0], words[last - 1][1]
