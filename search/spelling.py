"""'Did you mean …?' for English words the index has never seen.

A suggestion is a word one edit away (a letter added, dropped, changed, or two swapped) from
what the user typed whose stem IS among the index's own English terms, the most frequent such
stem first: "prodcers" → "producers" (stem "produc"). Correcting the typed word rather than its
stem gives a real word to show, where Whoosh's corrector would offer the stem "produc".

Only the results page's few-or-no-results path calls this (DESIGN.md §7: Whoosh spelling
slows every query when it is built in). It reads the term list through our backend's
long-lived searcher; with another engine it quietly offers nothing.
"""

from __future__ import annotations

import logging
import re
import string

from haystack import connections

from search.analysis import contains_cjk, stem_word
from search.query import Word, parse_query

logger = logging.getLogger(__name__)

FIELD = "text"
# Words shorter than this are more often abbreviations than typos.
MIN_LENGTH = 4
_LETTERS = string.ascii_lowercase
_WORD_RE = re.compile(r"^[a-z]+$")


def _edits(word: str) -> set[str]:
    """Every string one edit from ``word`` (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts) - {word}


def _reader():
    backend = connections["default"].get_backend()
    searcher = getattr(backend, "searcher", None)
    if searcher is None:
        return None
    return searcher().reader()


def correct_word(word: str, reader) -> str | None:
    """The likeliest word one edit from ``word`` that the index knows, or None."""
    lowered = word.lower()
    if len(lowered) < MIN_LENGTH or not _WORD_RE.match(lowered):
        return None
    if reader.doc_frequency(FIELD, stem_word(lowered)):
        return None  # a known word: nothing to correct
    best, best_key = None, (0,)
    for candidate in sorted(_edits(lowered)):
        frequency = reader.doc_frequency(FIELD, stem_word(candidate))
        # The most frequent stem; among its spellings, a changed letter before an added or
        # dropped one ("agriculturl" → "agriculture", not "agricultur"), then the longer.
        key = (frequency, len(candidate) == len(lowered), len(candidate))
        if frequency and key > best_key:
            best, best_key = candidate, key
    if best is None:
        return None
    return best.capitalize() if word[:1].isupper() else best


def suggest(query: str) -> str | None:
    """The query with its unknown English words corrected, or None if there is nothing to fix."""
    node, _messages = parse_query(query)
    words = list(_english_words(node))
    if not words:
        return None
    try:
        reader = _reader()
    except Exception:
        logger.exception("Could not open the index for spelling suggestions")
        return None
    if reader is None:
        return None
    suggestion = query
    changed = False
    for typed in dict.fromkeys(words):
        corrected = correct_word(typed, reader)
        if corrected:
            pattern = rf"(?<![\w:]){re.escape(typed)}(?!\w)"
            suggestion = re.sub(pattern, corrected, suggestion, count=1)
            changed = True
    return suggestion if changed else None


def _english_words(node):
    """The English words of the query to check, phrases word by word; never excluded ones."""
    if isinstance(node, Word):
        if not contains_cjk(node.text):
            yield from node.text.split()
    elif hasattr(node, "children"):
        for child in node.children:
            yield from _english_words(child)
