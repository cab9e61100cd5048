"""The advanced-search form's fields, written as one query in the ordinary query language.

    build_query(all_words="钢铁 工人", none_words="上海", date_from="1956-03")
    # '钢铁 工人 -上海 date:1956-03..'

The advanced form is only a way to write a query: it sends the reader to the ordinary results
page with the built query in the search box, where they can read it, learn the syntax and
change it. ``search.query`` reads it back; nothing here touches the index.
"""

from __future__ import annotations

import re

from search.analysis import WordAnalyzer, analyze, contains_cjk, gram_runs

# Characters that are syntax in the query language; a word in a form field means them as text.
_SYNTAX_RE = re.compile(r'["“”「」『』()]')
_OPERATORS = {"OR", "AND", "NOT", "||", "|", "&&", "&"}
_DATE_RE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")


_word_analyzer = WordAnalyzer()


def _searchable(word: str) -> bool:
    if contains_cjk(word):
        return bool(gram_runs(word))
    return bool(analyze(_word_analyzer, word, mode="query"))


def _words(text: str) -> list[str]:
    """The words of a form field, each safe to put in a query as a plain word."""
    words = []
    for word in _SYNTAX_RE.sub(" ", text or "").split():
        word = word.lstrip("-")
        if not _searchable(word) or word in words:
            continue  # punctuation, "the" or "a" alone find nothing: leave them out
        if word in _OPERATORS:
            word = word.lower()  # the word "or", not the operator
        if ":" in word:
            word = f'"{word}"'  # place:x typed as a word is a word, not a filter
        words.append(word)
    return words


def _phrase(text: str) -> str:
    phrase = " ".join(_SYNTAX_RE.sub(" ", text or "").split())
    return f'"{phrase}"' if phrase and _searchable(phrase) else ""


def _titled(term: str, title_only: bool) -> str:
    return f"title:{term}" if title_only else term


def _date(text: str) -> str:
    text = (text or "").strip()
    return text if _DATE_RE.match(text) else ""


def build_query(
    *,
    all_words: str = "",
    exact_phrase: str = "",
    any_words: str = "",
    none_words: str = "",
    title_only: bool = False,
    date_from: str = "",
    date_to: str = "",
    page: int | str | None = None,
    column: str = "",
) -> str:
    """One query string meaning what the advanced form's fields say, "" when they say nothing.

    Dates are ``1957``, ``1957-01`` or ``1957-01-07`` (what ``<input type="month">`` and
    ``type="date"`` send); anything else is left out.
    """
    parts = [_titled(word, title_only) for word in _words(all_words)]
    phrase = _phrase(exact_phrase)
    if phrase:
        parts.append(_titled(phrase, title_only))
    alternatives = [_titled(word, title_only) for word in _words(any_words)]
    if len(alternatives) == 1:
        parts.append(alternatives[0])
    elif alternatives:
        parts.append("(" + " OR ".join(alternatives) + ")")
    parts.extend(f"-{word}" for word in _words(none_words))

    start, end = _date(date_from), _date(date_to)
    if start and end:
        parts.append(f"date:{start}..{end}" if start != end else f"date:{start}")
    elif start:
        parts.append(f"date:{start}..")
    elif end:
        parts.append(f"date:..{end}")
    page_text = str(page or "").strip()
    if page_text.isdigit() and int(page_text) > 0:
        parts.append(f"page:{int(page_text)}")
    column_name = _phrase(column)
    if column_name:
        parts.append(f"column:{column_name}")
    return " ".join(parts)
