"""Searching the archive: the one place a user's query becomes a search.

    from search.query import search
    outcome = search('人民公社 "advanced producers" -Shanghai', selected={"year": ["1957"]})
    outcome.results, outcome.total, outcome.facets, outcome.messages

The query language, read leniently:

- words: every word must match (``steel Anshan``); English words are stemmed, so ``producers``
  finds "producer";
- Chinese: any string of Chinese characters is found wherever it occurs, even across jieba's
  word boundaries (a phrase of character bigrams); articles where it is a whole word rank first;
- ``"exact phrase"`` (straight or Chinese quotes “…” 「…」);
- ``OR`` between words or groups, ``( … )`` to group, ``NOT word`` or ``-word`` to exclude;
- ``title:word`` or ``title:"phrase"`` to look in headlines and subtitles only;
- a date range, ``1956-03..1957-01`` (or ``1956 .. 1957``, ``1956-03-01至1956-03-15``), also
  written ``date:1956-03..1957-01``; ``date:1957`` and ``date:1957-01`` for one year or month,
  ``date:1956-03..`` and ``date:..1957-01`` for open ranges;
- ``place:南京`` or ``place:Nanking``: articles about a place (any of its names or aliases in
  the gazetteer; a province includes its cities); ``column:农村通讯``; ``page:2``.

Whatever the user types, ``search`` never raises: it reads what it can, drops what it cannot,
and says so in ``messages``. The parser builds a small tree (``Word``, ``Not``, ``AllOf``,
``AnyOf``); ``to_query_string`` renders it in the Whoosh/Lucene query syntax against the index's
fields (see ``search.search_indexes``), and haystack's ``SearchQuerySet`` runs it.
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from haystack.query import SearchQuerySet

from search.analysis import WordAnalyzer, analyze, contains_cjk, fold_text, gram_runs
from search.highlight import Terms

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 500
MAX_WORDS = 30
MAX_NESTING = 10
FACETS = ("year", "month", "day", "page", "column", "agency", "places")
SORTS = {"relevance": None, "date": "date", "-date": "-date"}
FIELD_PREFIXES = {
    "title": "title",
    "标题": "title",
    "date": "date",
    "日期": "date",
    "place": "place",
    "地点": "place",
    "column": "column",
    "专栏": "column",
    "page": "page",
    "版": "page",
}
# The highest page number a 1950s issue had, with room to spare.
MAX_PAGE = 99

_word_analyzer = WordAnalyzer()


# --- The query tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    phrase: bool = False
    field: str | None = None  # None: anywhere; "title": headline and subtitle


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class AllOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class DateRange:
    start: str  # "1956", "195603" or "19560301": as precise as the user was; "" for open
    end: str


@dataclass(frozen=True)
class Filter:
    """An exact facet key: ``page`` "2", ``column`` "农村通讯", ``places`` (a place id)."""

    name: str
    value: str


@dataclass(frozen=True)
class PlaceName:
    """``place:南京`` as typed; ``search`` looks the name up in the gazetteer."""

    name: str


Node = Word | Not | AllOf | AnyOf | DateRange | Filter | PlaceName


# --- Reading the user's text ---------------------------------------------------------------

_DATE = r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?"
_DATE_RANGE_RE = re.compile(rf"{_DATE}\s*(?:\.\.|~|–|—|至|到)\s*{_DATE}(?=[\s()]|$)")
_ONE_DATE_RE = re.compile(_DATE)
# A facet value that can be matched exactly: no quote (Whoosh's phrase syntax has no escape).
_FACET_VALUE_RE = re.compile(r'^[^"\x00-\x1f\x7f]{1,200}$')
_OPEN_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "”": "”"}
_OPERATOR_ALIASES = {"||": "OR", "|": "OR", "&&": "AND", "&": "AND"}
_OPERATORS = {"OR", "AND", "NOT", *_OPERATOR_ALIASES}


def clean_query(text: str) -> tuple[str, list[str]]:
    """NFKC, control characters removed, whitespace collapsed, length capped."""
    messages = []
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(
        " " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c)[0] != "C"
    )
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        messages.append(
            _("Your query was cut to its first %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
        )
    return text, messages


def _lex(text: str, messages: list[str]) -> list[tuple[str, str]]:
    """Tokens: ("word", w), ("phrase", p), ("field", name), ("(", ""), (")", ""), ("op", OP)."""
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == " ":
            i += 1
        elif c in _OPEN_QUOTES:
            close = _OPEN_QUOTES[c]
            end = text.find(close, i + 1)
            if end == -1 and close != '"':
                end = text.find('"', i + 1)
            if end == -1:
                messages.append(_("A quotation mark was not closed; the phrase runs to the end."))
                end = n
            phrase = text[i + 1 : end].strip().strip('"“”「」『』')
            if phrase:
                tokens.append(("phrase", phrase))
            i = end + 1
        elif c in "()":
            tokens.append((c, ""))
            i += 1
        elif c.isdigit() and (match := _DATE_RANGE_RE.match(text, i)):
            tokens.append(("dates", match.group()))
            i = match.end()
        elif c == "-" and i + 1 < n and text[i + 1] not in " -" and (i == 0 or text[i - 1] in " ("):
            tokens.append(("op", "NOT"))
            i += 1
        else:
            j = i
            while j < n and text[j] not in " ()" and text[j] not in _OPEN_QUOTES:
                j += 1
            word = text[i:j]
            prefix, colon, rest = word.partition(":")
            rest_at, i = i + len(prefix) + 1, j
            if colon and prefix.lower() in FIELD_PREFIXES:
                tokens.append(("field", FIELD_PREFIXES[prefix.lower()]))
                if FIELD_PREFIXES[prefix.lower()] == "date" and (
                    match := _DATE_RANGE_RE.match(text, rest_at)
                ):
                    tokens.append(("dates", match.group()))  # date:1956-03 .. 1957-01
                    i = match.end()
                elif rest:
                    tokens.append(("word", rest))
            elif word in _OPERATORS:
                tokens.append(
                    ("op", {"||": "OR", "|": "OR", "&&": "AND", "&": "AND"}.get(word, word))
                )
            else:
                tokens.append(("word", word))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], messages: list[str]):
        self.tokens = tokens
        self.i = 0
        self.messages = messages
        self.depth = 0
        self.words = 0

    def note(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> Node | None:
        node = self.any_of()
        while self.peek() is not None:  # a stray ")"
            self.i += 1
            self.note(_("A closing bracket without an opening one was ignored."))
            more = self.any_of()
            if more is not None:
                node = more if node is None else _all([node, more])
        return node

    def any_of(self) -> Node | None:
        groups: list[Node] = []
        after_or = lone_or = False
        while True:
            start = self.i
            group = self.all_of()
            # Nothing read is a lone OR; words read and dropped (too common) already said so.
            empty = group is None and self.i == start
            if group is not None:
                groups.append(group)
            elif after_or and empty:
                lone_or = True  # "a OR" with nothing after
            if self.peek() != ("op", "OR"):
                break
            if empty:
                lone_or = True  # "OR b" with nothing before
            self.i += 1
            after_or = True
        if lone_or:
            self.note(_("OR needs something on both sides; a lone OR was ignored."))
        if not groups:
            return None
        return groups[0] if len(groups) == 1 else AnyOf(tuple(groups))

    def all_of(self) -> Node | None:
        parts: list[Node] = []
        while True:
            token = self.peek()
            if token is None or token[0] == ")" or token == ("op", "OR"):
                break
            if token == ("op", "AND"):
                self.i += 1
                continue
            part = self.unary()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        if all(isinstance(p, Not) for p in parts):
            self.note(_("Excluding words needs at least one word to look for; they were ignored."))
            return None
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def unary(self) -> Node | None:
        token = self.peek()
        if token == ("op", "NOT"):
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt[0] == ")" or nxt[0] == "op":
                self.note(_("NOT or - needs a word after it; it was ignored."))
                return None
            child = self.unary()
            if child is None:
                return None
            return child.child if isinstance(child, Not) else Not(child)
        return self.atom()

    def atom(self) -> Node | None:
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind == "(":
            if self.depth >= MAX_NESTING:
                self.note(_("Brackets nested too deeply were ignored."))
                return None
            self.depth += 1
            node = self.any_of()
            self.depth -= 1
            if self.peek() is not None and self.peek()[0] == ")":
                self.i += 1
            else:
                self.note(_("A bracket was not closed; it was closed at the end."))
            return node
        if kind == "field":
            nxt = self.peek()
            if nxt is None or nxt[0] not in ("word", "phrase", "dates"):
                self.note(
                    _("%(field)s: needs a word or a phrase after it; it was ignored.")
                    % {"field": value}
                )
                return None
            self.i += 1
            if value == "title":
                return self.word(nxt[1], phrase=nxt[0] == "phrase", field=value)
            return self.field(value, nxt[1])
        if kind in ("word", "phrase"):
            return self.word(value, phrase=kind == "phrase")
        if kind == "dates":
            return self.dates(value)
        return None  # "op" tokens are handled by the callers

    def dates(self, text: str) -> Node | None:
        match = _DATE_RANGE_RE.fullmatch(text)
        start, end = _date_key(*match.groups()[:3]), _date_key(*match.groups()[3:])
        if start is None or end is None:
            self.note(
                _("%(dates)s is not a date range I can read; it was ignored.") % {"dates": text}
            )
            return None
        if end < start[: len(end)]:
            start, end = end, start
        return DateRange(start, end)

    def field(self, name: str, text: str) -> Node | None:
        """``date:``, ``page:``, ``column:`` and ``place:`` filters."""
        text = text.strip()
        if name == "date":
            if _DATE_RANGE_RE.fullmatch(text):
                return self.dates(text)
            # An open range: date:1956-03.. (from) or date:..1957-01 (until).
            after, until = text.endswith(".."), text.startswith("..")
            match = _ONE_DATE_RE.fullmatch(text.strip("."))
            key = _date_key(*match.groups()) if match and not (after and until) else None
            if key is not None and (after or until):
                return DateRange(key if after else "", "" if after else key)
            if key is None:
                self.note(
                    _(
                        "date: needs a date such as 1957, 1957-01 or 1956-03..1957-01; "
                        "%(dates)s was ignored."
                    )
                    % {"dates": text}
                )
                return None
            return DateRange(key, key)
        if name == "page":
            if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
                self.note(_("page: needs a page number; %(page)s was ignored.") % {"page": text})
                return None
            return Filter("page", str(int(text)))
        if not text or not _FACET_VALUE_RE.match(text):
            self.note(_("%(field)s: needs a name after it; it was ignored.") % {"field": name})
            return None
        return PlaceName(text) if name == "place" else Filter(name, text)

    def word(self, text: str, *, phrase: bool, field: str | None = None) -> Node | None:
        self.words += 1
        if self.words > MAX_WORDS:
            self.note(
                _("Only the first %(count)d words of your query were used.") % {"count": MAX_WORDS}
            )
            return None
        if not _searchable(text):
            if any(c.isalnum() for c in text):
                self.note(_("Very common words were left out: %(word)s") % {"word": text})
            return None
        return Word(text, phrase=phrase, field=field)


def _date_key(year: str, month: str | None, day: str | None) -> str | None:
    """ "1957", "195701" or "19570107" for a date as precise as given, None if impossible."""
    import datetime

    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return year + (f"{int(month):02d}" if month else "") + (f"{int(day):02d}" if day else "")


def _all(parts: list[Node]) -> Node:
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _searchable(text: str) -> bool:
    if contains_cjk(text):
        return bool(gram_runs(text))
    return bool(analyze(_word_analyzer, text, mode="query"))


def parse_query(text: str) -> tuple[Node | None, list[str]]:
    """The query tree for a user's text (None when nothing searchable is left), and messages."""
    cleaned, messages = clean_query(text)
    if not cleaned:
        return None, messages
    parser = _Parser(_lex(cleaned, messages), messages)
    node = parser.parse()
    if node is None and cleaned and not messages:
        messages.append(_("There was nothing to search for in your query."))
    return node, messages


# --- Names the database knows --------------------------------------------------------------


def place_ids(name: str) -> list[int]:
    """Ids of the places called ``name``: Chinese or English name, or an alias; any case,
    traditional or simplified, full-width or not."""
    from archive.models import Place

    wanted = {fold_text(name).strip(), fold_text(name.removesuffix("市")).strip()} - {""}
    if not wanted:
        return []
    candidates = Place.objects.filter(
        Q(name_zh__in=wanted)
        | Q(name_en__iexact=name)
        # Aliases are a JSON list; find rows whose text holds the name (JSON may escape
        # non-ASCII as \uXXXX), then check the list itself.
        | Q(aliases__icontains=name)
        | Q(aliases__icontains=json.dumps(name)[1:-1])
    ).values_list("pk", "name_zh", "name_en", "aliases")
    ids = []
    for pk, name_zh, name_en, aliases in candidates:
        names = [name_zh, name_en, *(a for a in aliases or () if isinstance(a, str))]
        if wanted & {fold_text(n).strip() for n in names}:
            ids.append(pk)
    return sorted(ids)


def column_names(name: str) -> list[str]:
    """The Chinese column names (what the index keeps) for a column named in either language."""
    from archive.models import Article

    if contains_cjk(name):
        return [name]
    found = (
        Article.objects.filter(column_en__iexact=name)
        .exclude(column_zh="")
        .values_list("column_zh", flat=True)
        .distinct()
    )
    return sorted(set(found)) or [name]


def resolve(node: Node | None, messages: list[str]) -> Node | None:
    """The tree with place names turned into place ids and English column names into Chinese.

    A place the gazetteer does not know is searched for as a word instead, and said so.
    """
    if node is None:
        return None
    if isinstance(node, PlaceName):
        ids = place_ids(node.name)
        if not ids:
            messages.append(
                _("No place called %(name)s is known; it was searched for as a word.")
                % {"name": node.name}
            )
            return Word(node.name) if _searchable(node.name) else None
        filters = [Filter("places", str(pk)) for pk in ids]
        return filters[0] if len(filters) == 1 else AnyOf(tuple(filters))
    if isinstance(node, Filter) and node.name == "column":
        filters = [Filter("column", value) for value in column_names(node.value)]
        return filters[0] if len(filters) == 1 else AnyOf(tuple(filters))
    if isinstance(node, Not):
        child = resolve(node.child, messages)
        return Not(child) if child is not None else None
    if isinstance(node, AllOf | AnyOf):
        children = [c for c in (resolve(c, messages) for c in node.children) if c is not None]
        if not children:
            return None
        return children[0] if len(children) == 1 else type(node)(tuple(children))
    return node


def positive_words(node: Node | None) -> list[str]:
    """The words and phrases a query looks for, not those it excludes: what to highlight."""
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, AllOf | AnyOf):
        return [word for child in node.children for word in positive_words(child)]
    return []


@lru_cache(maxsize=256)
def highlight_terms(text: str) -> Terms:
    """What to mark in article text for a query as the user typed it."""
    node, _messages = parse_query(text or "")
    return Terms.from_words(positive_words(node))


# --- Rendering for the search engine -------------------------------------------------------


def _phrase(field_name: str, text: str, boost: float | None = None) -> str:
    # Our lexer never leaves a double quote inside a word or phrase; make sure anyway, since
    # Whoosh's phrase syntax has no escape for it.
    text = text.replace('"', " ")
    rendered = f'{field_name}:"{text}"'
    return f"{rendered}^{boost:g}" if boost else rendered


def _word_query(word: Word) -> str:
    if contains_cjk(word.text):
        # Exact substring search on the grams field; whole-word (jieba) and title matches only
        # add to the score.
        grams_field = "title_grams" if word.field == "title" else "grams"
        clauses = []
        for run in gram_runs(word.text):
            bonus = f"({_phrase('text', run)} OR {_phrase('title_grams', run, 2)})"
            clauses.append(f"({_phrase(grams_field, run)} ANDMAYBE {bonus})")
        return clauses[0] if len(clauses) == 1 else "(" + " AND ".join(clauses) + ")"
    if word.field == "title":
        return _phrase("title", word.text)
    return f"({_phrase('text', word.text)} ANDMAYBE {_phrase('title', word.text, 2)})"


def to_query_string(node: Node) -> str:
    """The Whoosh query syntax for a query tree (place names resolved, see ``resolve``)."""
    if isinstance(node, Word):
        return _word_query(node)
    if isinstance(node, Filter):
        if node.name == "page":
            return f"page:{int(node.value)}"
        return _phrase(node.name, node.value)
    if isinstance(node, PlaceName):
        # Unresolved: nothing can match a name where the index keeps ids.
        return _phrase("places", "0")
    if isinstance(node, Not):
        return f"(NOT {to_query_string(node.child)})"
    if isinstance(node, DateRange):
        # Whoosh widens each end to the whole year, month or day it names.
        # An empty end leaves the range open ([1956 to] is "from 1956 on").
        return f"date:[{node.start} to {node.end}]".replace("[ to", "[to").replace(" ]", "]")
    joiner = " AND " if isinstance(node, AllOf) else " OR "
    return "(" + joiner.join(to_query_string(child) for child in node.children) + ")"


# --- Running a search ----------------------------------------------------------------------


@dataclass
class SearchOutcome:
    query: str
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 0
    per_page: int = 20
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    selected: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    messages: list[str] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def clean_selected(selected: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    """Only known facets and values that can be matched exactly."""
    cleaned: dict[str, list[str]] = {}
    for name, values in (selected or {}).items():
        if name not in FACETS:
            continue
        if isinstance(values, str):
            values = [values]
        for value in values:
            value = str(value).strip()
            if name == "page" and not value.isdigit():
                continue
            if _FACET_VALUE_RE.match(value) and value not in cleaned.get(name, []):
                cleaned.setdefault(name, []).append(value)
    return cleaned


def facets_to_count(selected: Mapping[str, list[str]]) -> list[str]:
    """Year always; month once a year is chosen; day once a month is chosen."""
    names = ["year", "page", "column", "agency", "places"]
    if selected.get("year"):
        names.append("month")
    if selected.get("month"):
        names.append("day")
    return names


def search(
    text: str,
    *,
    selected: Mapping[str, Iterable[str]] | None = None,
    sort: str = "relevance",
    page: int | str = 1,
    per_page: int | None = None,
    load_all: bool = True,
) -> SearchOutcome:
    """Search the archive. Never raises for anything a user can type."""
    per_page = per_page or getattr(settings, "HAYSTACK_SEARCH_RESULTS_PER_PAGE", 20)
    chosen = clean_selected(selected)
    sort = sort if sort in SORTS else "relevance"
    try:
        page = max(1, int(page))
    except (TypeError, ValueError):
        page = 1
    node, messages = parse_query(text or "")
    node = resolve(node, messages)
    outcome = SearchOutcome(
        query=clean_query(text or "")[0],
        selected=chosen,
        sort=sort,
        per_page=per_page,
        page=page,
        messages=messages,
    )
    if node is None and not chosen:
        return outcome

    sqs = SearchQuerySet()
    sqs = sqs.raw_search(to_query_string(node)) if node is not None else sqs.raw_search("*")
    for name, values in chosen.items():
        for value in values:
            sqs = sqs.narrow(f"{name}:{value}" if name == "page" else f'{name}:"{value}"')
    for name in facets_to_count(chosen):
        sqs = sqs.facet(name)
    if SORTS[sort]:
        sqs = sqs.order_by(SORTS[sort])
    if load_all:
        sqs = sqs.load_all()

    try:
        start = (page - 1) * per_page
        results = list(sqs[start : start + per_page])
        total = sqs.count()
        if not results and total and page > 1:
            page = math.ceil(total / per_page)
            results = list(sqs[(page - 1) * per_page : page * per_page])
        outcome.results = results
        outcome.total = total
        outcome.page = page
        outcome.num_pages = math.ceil(total / per_page) if total else 0
        outcome.facets = sqs.facet_counts().get("fields", {}) if total else {}
    except Exception:
        logger.exception("Search failed for %r", text)
        outcome.messages.append(_("The search could not be run. Please try a simpler query."))
    return outcome
