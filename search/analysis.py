"""Our Whoosh analyzers: one for words in both languages, one for Chinese character grams.

Plain Python with no Django import, so the ingest code, the highlighter and the tests can use
it anywhere. Both analyzers work on a *folded* copy of the text and report every token's
startchar/endchar in the ORIGINAL text, so highlights land on the characters the reader sees.

Folding, one character at a time (so that folding a substring gives a substring of the folded
text, which is what makes substring search exact):

1. Unicode NFKC: full-width Ｌａｔｉｎ and ０１２ become ASCII, compatibility ideographs become
   the unified ones.
2. Traditional → simplified with OpenCC ``t2s``, per character: 臺灣 and 台湾 index alike. OpenCC
   would convert whole phrases differently (乾隆 stays, 乾 alone becomes 干), but a query must be
   folded exactly as the text around it was, and only a context-free mapping guarantees that.
   t2s maps every CJK character to exactly one character (checked over all of U+3400-U+9FFF,
   U+F900-U+FAFF and U+20000-U+2AFFF).
3. Lowercase, and accents stripped (é → e) for Latin letters.
4. ○ (U+25CB), which the paper prints as the zero in 一九五七 dates, becomes 〇 (U+3007) and
   counts as a Chinese character.

Tokens:

- ``WordAnalyzer``: runs of Chinese characters are segmented by jieba (search mode at index
  time: a word plus the dictionary words inside it, all at the word's position; accurate mode
  at query time, so a phrase query sees one token per position). Other runs are English,
  as Whoosh's ``StemmingAnalyzer`` reads them (``\\w+(\\.?\\w+)*``, stop words, Porter
  stemming), digits kept.
- ``GramAnalyzer``: runs of Chinese characters, letters and digits become one token per
  character (unigram) and one per pair of neighbours (bigram); the bigram starting at character
  i shares position i with its unigram, so bigrams have consecutive positions and a phrase query
  of a string's bigrams finds exactly the texts that contain the string. Runs are separated by a
  position gap, so a phrase never matches across punctuation. At query time only the bigrams
  are produced (or the single unigram for a one-character string).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang.porter import stem

# Chinese characters (CJK unified ideographs, extension A, compatibility ideographs, the
# supplementary planes) and the ideographic zero 〇.
CJK_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_RE = re.compile(f"[{CJK_CHARS}]")
_CJK_RUN_RE = re.compile(f"[{CJK_CHARS}]+")
# An English word, as Whoosh's default tokenizer sees it (u.s.a, 3.14), minus Chinese.
_LATIN_WORD = f"[^\\W_{CJK_CHARS}]+"
_WORD_RE = re.compile(f"(?P<cjk>[{CJK_CHARS}]+)|(?P<latin>{_LATIN_WORD}(?:\\.{_LATIN_WORD})*)")
# What the gram analyzer indexes: Chinese characters, letters and digits.
_GRAM_RUN_RE = re.compile(f"[^\\W_]+|[{CJK_CHARS}]+")

# Characters the paper uses for zero in Chinese numerals.
_ZERO_LIKE = {"\u25cb": "\u3007", "\u25ef": "\u3007", "\u039f": "\u3007"}

ENGLISH_STOP_WORDS = STOP_WORDS

logger = logging.getLogger(__name__)


# --- Folding -------------------------------------------------------------------------------


_opencc_lock = threading.Lock()


@lru_cache(maxsize=1)
def _t2s():
    """The OpenCC converter, created once per process (loading it reads its dictionaries)."""
    import opencc

    with _opencc_lock:
        return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """The folded form of one character; usually one character, sometimes none or several."""
    if char in _ZERO_LIKE:
        return _ZERO_LIKE[char]
    folded = unicodedata.normalize("NFKC", char)
    if CJK_RE.search(folded):
        folded = _t2s().convert(folded)
    folded = folded.lower()
    if not folded.isascii() and not CJK_RE.search(folded):
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
        )
    return folded


def fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and map every folded character back to its original index.

    Returns ``(folded, origin)`` where ``origin[i]`` is the index in ``text`` of the character
    that produced ``folded[i]``; ``origin`` has one extra entry, ``len(text)``, so that an end
    offset can be looked up too.
    """
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        if len(folded) == 1:
            origin.append(index)
        else:
            origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(parts), origin


def fold_text(text: str) -> str:
    """The folded text alone: what a substring scan should compare."""
    return "".join(fold_char(c) for c in text)


def _original_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The original characters behind folded[start:end]."""
    return origin[start], origin[end - 1] + 1


def contains_cjk(text: str) -> bool:
    return CJK_RE.search(text) is not None


# --- jieba ---------------------------------------------------------------------------------


_jieba_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba():
    """jieba's default tokenizer with its dictionary loaded, once per process.

    jieba caches its parsed dictionary in a file; put it somewhere writable and quiet its
    logger, which otherwise prints "Building prefix dict..." to stderr on every start.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache_dir = os.environ.get("JIEBA_CACHE_DIR") or tempfile.gettempdir()
    jieba.dt.tmp_dir = cache_dir
    with _jieba_lock:
        jieba.initialize()
    return jieba.dt


def _jieba_words(run: str, *, search_mode: bool) -> Iterator[tuple[str, int, int, int]]:
    """(word, start, end, word number) for a run of Chinese characters.

    In search mode the dictionary words inside a long word follow it at the same word number,
    as jieba's own ``tokenize(mode="search")`` finds them, but with positions Whoosh phrase
    queries can use (jieba's Whoosh analyzer sets positions to character offsets).
    """
    dt = _jieba()
    for number, (word, start, end) in enumerate(dt.tokenize(run, HMM=True)):
        yield word, start, end, number
        if not search_mode:
            continue
        width = len(word)
        for size in (2, 3):
            if width > size:
                for i in range(width - size + 1):
                    gram = word[i : i + size]
                    if dt.FREQ.get(gram):
                        yield gram, start + i, start + i + size, number


@lru_cache(maxsize=50000)
def stem_word(word: str) -> str:
    if word.isdigit():
        return word
    return stem(word)


# --- Tokenizers ----------------------------------------------------------------------------


class _FoldingTokenizer(Tokenizer):
    """Shared plumbing: Whoosh's token protocol over folded text with original offsets."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __hash__(self):
        return hash(self.__class__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = fold_text(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        folded, origin = fold(value)
        for text, start, end, pos, stopped in self.tokens(folded, mode == "query"):
            if stopped and removestops:
                continue
            token.text = text
            token.boost = 1.0
            token.stopped = stopped
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                first, last = _original_span(origin, start, end)
                token.startchar = start_char + first
                token.endchar = start_char + last
            yield token

    def tokens(self, folded: str, query: bool) -> Iterator[tuple[str, int, int, int, bool]]:
        """(text, start, end, position, stopped) over the folded text."""
        raise NotImplementedError


class WordTokenizer(_FoldingTokenizer):
    """Chinese words by jieba, English words stemmed, in one stream (see the module doc)."""

    def tokens(self, folded: str, query: bool) -> Iterator[tuple[str, int, int, int, bool]]:
        pos = 0
        for match in _WORD_RE.finditer(folded):
            start = match.start()
            if match.lastgroup == "cjk":
                last = -1
                for word, ws, we, number in _jieba_words(match.group(), search_mode=not query):
                    yield word, start + ws, start + we, pos + number, False
                    last = number
                pos += last + 1
            else:
                word = match.group()
                stopped = word in ENGLISH_STOP_WORDS or (len(word) < 2 and not word.isdigit())
                yield stem_word(word), start, match.end(), pos, stopped
                if not stopped:
                    pos += 1


class GramTokenizer(_FoldingTokenizer):
    """Unigrams and bigrams of Chinese characters, letters and digits (see the module doc)."""

    # Positions skipped between runs, so no phrase can bridge punctuation or spaces.
    RUN_GAP = 1

    def tokens(self, folded: str, query: bool) -> Iterator[tuple[str, int, int, int, bool]]:
        pos = 0
        for match in _GRAM_RUN_RE.finditer(folded):
            run, start = match.group(), match.start()
            if query:
                if len(run) == 1:
                    yield run, start, start + 1, pos, False
                for i in range(len(run) - 1):
                    yield run[i : i + 2], start + i, start + i + 2, pos + i, False
            else:
                for i, char in enumerate(run):
                    yield char, start + i, start + i + 1, pos + i, False
                    if i + 1 < len(run):
                        yield run[i : i + 2], start + i, start + i + 2, pos + i, False
            pos += len(run) + self.RUN_GAP


def WordAnalyzer() -> WordTokenizer:
    """The analyzer for words: Chinese by jieba, English stemmed. Use on mixed text."""
    return WordTokenizer()


def GramAnalyzer() -> GramTokenizer:
    """The analyzer for Chinese substrings: character unigrams and bigrams."""
    return GramTokenizer()


def gram_runs(text: str) -> list[str]:
    """The runs of gram characters in ``text`` (folded): each can be one phrase query."""
    return _GRAM_RUN_RE.findall(fold_text(text))


def analyze(analyzer, text: str, mode: str = "index") -> list[str]:
    """Token texts, for tests and for checking what a query word leaves after analysis."""
    return [t.text for t in analyzer(text, mode=mode)]
