"""Find the places an article names, in Chinese and in English, with the gazetteer.

The `Tagger` knows nothing of Django: it is built from plain `GazetteerPlace` records (the
`Place` table, or the fixture in tests) and returns place ids. `get_tagger()` builds it once
per process from the database; saving or deleting a `Place` drops it. `save_place_tags()`
stores an article's tags without undoing editors' corrections.

How a name becomes a tag (docs/PLACES.md, "Tagging", has the measured quality):

1. Every name and alias of every place goes into one Aho-Corasick automaton per language,
   together with `NOT_PLACES`: words that contain a place name but are not the place (中山市场,
   蒙古族, 大同小异). All matches are found in one pass.
2. Overlapping matches are resolved longest first (江西安福县 is 江西 + 安福县, not 西安), so a
   non-place word that covers a name hides it. English names must stand as whole words and are
   matched case-sensitively, as proper nouns are written.
3. A county-level name needs support, because county names are short and many (2,850): it is
   written in full (昆山县, Kunshan County), or its city or province is named in the same text,
   or it is the dateline. Otherwise it is more likely part of a person's or a factory's name.
4. A name shared by several places (朝阳区 in Beijing and in Changchun) is kept only if the text
   names the parent of exactly one of them.
5. Chinese names are checked against jieba's words (the gazetteer added to its dictionary):
   a name that cuts a word in two (远大|理想 has no 大理) or sits inside a person's name
   (记者赵川东, 本·阿里) is not a place.
6. The English text is a translation of the Chinese: it decides between same-named places,
   but a place found in the English alone is not added (a city found in English must agree
   with its Chinese twin). English alone is used when an article has no Chinese text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import ahocorasick
from django.db.models.signals import post_delete, post_save

# Words that contain a place's name without meaning the place. Each hides the names inside
# it. Found by reading the tagger's matches on real People's Daily text (docs/PLACES.md).
NOT_PLACES_ZH = (
    "中山市场",  # a market named after Sun Yat-sen, not Zhongshan City
    "中山装",
    "中山公园",
    "中山路",
    "中山大学",
    "蒙古族",  # the Mongol people, not Mongolia
    "朝鲜族",  # the Korean minority of China, not Korea
    "朝鲜文",
    "大同小异",
    "世界大同",
    "天下大同",
    "大同世界",
    "北海公园",
    "北海道",  # Hokkaido, not Beihai
    "万象更新",
    "包头巾",
    "黄山松",
    "泰山压顶",
    "稳如泰山",
    "重于泰山",
    "有眼不识泰山",
    "长城",
    "丰南北",
    "辽阔",
    "宁安全",
    "东西南北",
    "南来北往",
    "新年",
    "东方红",
)
NOT_PLACES_EN = (
    "New Year",
    "Great Wall",
    "Mongolian",
    "Korean War",
)

# How common jieba takes a gazetteer name it does not know to be: about as common as the
# county and city names its own dictionary has (大理 958, 昌都 42).
PLACE_WORD_FREQUENCY = 200

# A word before a name inside one jieba word must be at least this common for the name to
# count (首都北京 yes; 佛罗里达州 has 佛罗里, a rare word, so no 达州).
COMMON_WORD_FREQUENCY = 100

# Which of several same-named places a bare name means, most likely first.
KIND_PREFERENCE = ("municipality", "province", "region", "city", "foreign", "county")

# A name written with one of these endings is a full name: 昆山县, 宝山区, Kunshan County.
_FULL_NAME_ZH = re.compile(r"(县|市|区|旗|自治县|自治旗)$")
_FULL_NAME_EN = re.compile(r" (County|City|District|Banner)$")
_SUFFIXES_ZH = {"县", "市", "旗"}
# A byline: the reporter's name, which may hold a place name (记者赵川东报道).
_BYLINE = re.compile(r"(?:记者|通讯员)([\u4e00-\u9fff]{2,3})(?=报道|摄|）|\)|、|，)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD_CHAR = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")

# Bound on ancestor walks: county → city → province, and a guard against hand-made cycles.
MAX_DEPTH = 6


@dataclass(frozen=True)
class GazetteerPlace:
    id: int
    name_zh: str
    name_en: str
    kind: str
    parent_id: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """One name found in a text: which places it may mean, and where it stands."""

    start: int
    end: int
    name: str
    candidates: tuple[int, ...]  # empty for a word in NOT_PLACES
    full: bool = False  # 昆山县, not 昆山
    whole_word: bool = True  # not the start of a longer word (大城 in 大城市)


@dataclass
class Tags:
    """The tagger's answer for one article: the dateline place and every place named."""

    dateline: int | None = None
    mentions: list[int] = field(default_factory=list)  # in order of first appearance

    @property
    def all(self) -> list[int]:
        ids = list(self.mentions)
        if self.dateline is not None and self.dateline not in ids:
            ids.insert(0, self.dateline)
        return ids


class _Automaton:
    def __init__(
        self,
        names: dict[str, tuple[tuple[int, ...], bool]],
        whole_words: bool = False,
        words: Callable[[str], Iterable[tuple[int, int]]] | None = None,
        is_word: Callable[[str], bool] = lambda word: False,
    ):
        self.whole_words = whole_words
        self.words = words
        self.is_word = is_word
        self.automaton = ahocorasick.Automaton()
        for name, value in names.items():
            self.automaton.add_word(name, (name, *value))
        if names:
            self.automaton.make_automaton()
        self.empty = not names

    def find(self, text: str) -> list[Match]:
        if self.empty or not text:
            return []
        found = []
        for end_index, (name, candidates, full) in self.automaton.iter(text):
            start, end = end_index - len(name) + 1, end_index + 1
            if self.whole_words and not _stands_alone(text, start, end):
                continue
            found.append(Match(start, end, name, candidates, full))
        if self.words and found:
            words = list(self.words(text))
            ends = {end for _, end in words}
            word_ends = dict(words)
            found = _outside_names(_within_words(found, words, text, self.is_word), text)
            found = [
                # One word 京山县 is 京山 in full; 大城市 ("big city") is no 大城县.
                replace(m, whole_word=True, full=True)
                if word_ends.get(m.start) == m.end + 1 and text[m.end] in "县旗"
                else replace(m, whole_word=m.end in ends)
                for m in found
            ]
        if not self.whole_words:
            # 京山县 names 京山 in full even where the gazetteer has only 京山市; 大城市 does
            # not name 大城.
            found = [
                replace(m, full=True)
                if m.whole_word and text[m.end : m.end + 1] in _SUFFIXES_ZH
                else m
                for m in found
            ]
        return _longest_first(found)


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _WORD_CHAR.match(before) and not _WORD_CHAR.match(after)


def _within_words(
    matches: list[Match], words: list[tuple[int, int]], text: str, is_word: Callable[[str], bool]
) -> list[Match]:
    """The matches that do not cut a word of the text in two (远大|理想, 重大|理论).

    A name may begin a longer word (北京大学, 上海南京路), or end one after a word of its
    own (首都北京), but not end one after a fragment (佛罗里达州, 纽芬兰).
    """
    starts = sorted({start for start, _ in words})
    kept = []
    for match in matches:
        if any(match.start < b < match.end for b in starts):
            continue
        if match.start in starts:
            kept.append(match)
            continue
        word_start = max((b for b in starts if b < match.start), default=0)
        word_end = min((b for b in starts if b > match.start), default=len(text))
        head = text[word_start : match.start]
        if word_end == match.end and len(head) >= 2 and is_word(head):
            kept.append(match)
    return kept


def _outside_names(matches: list[Match], text: str) -> list[Match]:
    """Drop names inside people's names: bylines (记者赵川东报道) and transliterated names
    (本·阿里)."""
    spans = [m.span(1) for m in _BYLINE.finditer(text)]
    kept = []
    for match in matches:
        if any(start <= match.start and match.end <= end for start, end in spans):
            continue
        if text[match.start - 1 : match.start] == "·" or text[match.end : match.end + 1] == "·":
            continue
        kept.append(match)
    return kept


def _longest_first(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, the longest winning; in text order, NOT_PLACES words dropped."""
    taken: list[Match] = []
    used = bytearray(max((m.end for m in matches), default=0))
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if any(used[match.start : match.end]):
            continue
        used[match.start : match.end] = b"\x01" * (match.end - match.start)
        taken.append(match)
    return sorted((m for m in taken if m.candidates), key=lambda m: m.start)


class Tagger:
    def __init__(self, places: Iterable[GazetteerPlace], segment: bool = True):
        self.places: dict[int, GazetteerPlace] = {p.id: p for p in places}
        zh: dict[str, list[int]] = {}
        en: dict[str, list[int]] = {}
        for place in self.places.values():
            for name in (place.name_zh, place.name_en, *place.aliases):
                name = name.strip()
                if not name:
                    continue
                table = zh if _CJK.search(name) else en
                ids = table.setdefault(name, [])
                if place.id not in ids:
                    ids.append(place.id)
        self.by_name_zh = {name: tuple(ids) for name, ids in zh.items()}
        self.by_name_en = {name: tuple(ids) for name, ids in en.items()}
        self._zh = _Automaton(
            self._entries(zh, NOT_PLACES_ZH, _FULL_NAME_ZH),
            words=self._segmenter(zh) if segment else None,
            is_word=lambda word: _jieba_tokenizer().FREQ.get(word, 0) >= COMMON_WORD_FREQUENCY,
        )
        self._en = _Automaton(self._entries(en, NOT_PLACES_EN, _FULL_NAME_EN), whole_words=True)

    @staticmethod
    def _segmenter(names: Iterable[str]) -> Callable[[str], Iterable[tuple[int, int]]]:
        """Word boundaries from jieba, with the gazetteer's names as its user dictionary."""
        names = [*names, *NOT_PLACES_ZH]
        ready = False

        def words(text: str) -> Iterable[tuple[int, int]]:
            nonlocal ready
            tokenizer = _jieba_tokenizer()
            if not ready:
                for name in names:
                    if not tokenizer.FREQ.get(name):
                        tokenizer.add_word(name, freq=PLACE_WORD_FREQUENCY)
                ready = True
            return ((start, end) for _, start, end in tokenizer.tokenize(text))

        return words

    def _entries(self, names, not_places, full_name_pattern):
        entries = {name: ((), False) for name in not_places}
        for name, ids in names.items():
            full = bool(full_name_pattern.search(name)) or any(
                self.places[i].kind != "county" or self._prominent(self.places[i]) for i in ids
            )
            entries[name] = (self._ranked(ids), full)
        return entries

    @staticmethod
    def _prominent(place: GazetteerPlace) -> bool:
        """A county with a period English name of its own (Quemoy, Juichin) is well known
        enough to be named alone."""

        def plain(name: str) -> str:
            return name.lower().replace("'", "").replace("ü", "u").replace("v", "u")

        return any(
            not _CJK.search(alias) and plain(alias) != plain(place.name_en)
            for alias in place.aliases
        )

    def _ranked(self, ids: Iterable[int]) -> tuple[int, ...]:
        def rank(place_id: int) -> int:
            kind = self.places[place_id].kind
            return KIND_PREFERENCE.index(kind) if kind in KIND_PREFERENCE else 99

        return tuple(sorted(ids, key=lambda i: (rank(i), i)))

    # Finding names

    def find_zh(self, text: str) -> list[Match]:
        return self._zh.find(text)

    def find_en(self, text: str) -> list[Match]:
        return self._en.find(text)

    def ancestors(self, place_id: int) -> list[int]:
        chain: list[int] = []
        place = self.places.get(place_id)
        while place and place.parent_id and len(chain) < MAX_DEPTH:
            chain.append(place.parent_id)
            place = self.places.get(place.parent_id)
        return chain

    # Tagging

    def dateline_place(self, name_zh: str = "", name_en: str = "") -> int | None:
        """The place a dateline names: 南京 → Nanjing; the English name when there is no Chinese."""
        for name, table, find in (
            (name_zh.strip(), self.by_name_zh, self.find_zh),
            (name_en.strip(), self.by_name_en, self.find_en),
        ):
            if not name:
                continue
            if name in table:
                return self._ranked(table[name])[0]
            matches = find(name)
            if matches and matches[-1].end == len(name):
                # 江苏无锡 names the most specific place last; 墨西哥城 is not 墨西哥.
                return matches[-1].candidates[0]
        return None

    def mentions(
        self, texts_zh: Sequence[str], texts_en: Sequence[str] = (), dateline: int | None = None
    ) -> list[int]:
        """Every place the texts name, resolved as the module docstring says."""
        if not any(text.strip() for text in texts_zh):
            return self._resolve([m for text in texts_en for m in self.find_en(text)], dateline)
        zh = [m for text in texts_zh for m in self.find_zh(text)]
        # The English only helps choose between same-named places: a place it names without
        # doubt is preferred. A place found in English alone is not added.
        hints = {
            m.candidates[0]
            for text in texts_en
            for m in self.find_en(text)
            if len(m.candidates) == 1
        }
        return self._resolve(zh, dateline, hints)

    def _resolve(
        self, matches: list[Match], dateline: int | None, hints: set[int] = frozenset()
    ) -> list[int]:
        named: set[int] = {c for m in matches for c in m.candidates}
        if dateline is not None:
            named.add(dateline)
        strong = {c for m in matches if len(m.candidates) == 1 for c in m.candidates}
        if dateline is not None:
            strong.add(dateline)
        strong_with_ancestors = set(strong)
        for place_id in strong:
            strong_with_ancestors.update(self.ancestors(place_id))

        chosen: list[int] = []
        for m in matches:
            place_id = self._choose(m, strong_with_ancestors, dateline, hints)
            if place_id is None:
                continue
            place = self.places[place_id]
            if (
                place.kind == "county"
                and not m.full
                and place_id != dateline
                and not (m.whole_word and any(a in named for a in self.ancestors(place_id)))
            ):
                continue
            if place_id not in chosen:
                chosen.append(place_id)
        return chosen

    def _choose(
        self, match: Match, context: set[int], dateline: int | None, hints: set[int]
    ) -> int | None:
        if len(match.candidates) == 1:
            return match.candidates[0]
        if dateline in match.candidates:
            return dateline
        hinted = [c for c in match.candidates if c in hints]
        if len(hinted) == 1:
            return hinted[0]
        # A name several places share: the one whose parent the text names.
        with_parent = [c for c in match.candidates if any(a in context for a in self.ancestors(c))]
        if len(with_parent) == 1:
            return with_parent[0]
        kinds = {self.places[c].kind for c in match.candidates}
        if kinds == {"county"}:
            return None
        # A province and its own city of the same spelling (Kirin): the higher level.
        return match.candidates[0]

    def tag(
        self,
        *,
        dateline_zh: str = "",
        dateline_en: str = "",
        texts_zh: Sequence[str] = (),
        texts_en: Sequence[str] = (),
    ) -> Tags:
        dateline = self.dateline_place(dateline_zh, dateline_en)
        return Tags(dateline=dateline, mentions=self.mentions(texts_zh, texts_en, dateline))


# Where the places come from: the fixture (tests, measurements) or the database.


def places_from_fixture(path: str | Path) -> list[GazetteerPlace]:
    """The gazetteer as fixtures/places.json holds it, without a database."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        GazetteerPlace(
            id=row["pk"],
            name_zh=row["fields"]["name_zh"],
            name_en=row["fields"]["name_en"],
            kind=row["fields"]["kind"],
            parent_id=row["fields"]["parent"],
            aliases=tuple(row["fields"]["aliases"]),
        )
        for row in rows
        if row["model"] == "archive.place"
    ]


@cache
def _jieba_tokenizer():
    """A jieba tokenizer of our own, loaded once (about a second): the search analyzer's
    words must not change with the gazetteer's names."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def places_from_database() -> list[GazetteerPlace]:
    from archive.models import Place

    return [
        GazetteerPlace(
            id=p["id"],
            name_zh=p["name_zh"],
            name_en=p["name_en"],
            kind=p["kind"],
            parent_id=p["parent_id"],
            aliases=tuple(a for a in p["aliases"] or () if isinstance(a, str)),
        )
        for p in Place.objects.values("id", "name_zh", "name_en", "kind", "parent_id", "aliases")
    ]


_tagger: tuple[tuple, Tagger] | None = None


def get_tagger() -> Tagger:
    """The tagger for the gazetteer in the database, built once and kept while it holds.

    Saving or deleting a Place forgets it (the signals below); the key below also notices places
    added or removed behind the ORM's back (a fixture loaded, a test's rollback).
    """
    global _tagger
    from django.db.models import Count, Max, Sum

    from archive.models import Place

    key = tuple(Place.objects.aggregate(n=Count("pk"), top=Max("pk"), total=Sum("pk")).values())
    if _tagger is None or _tagger[0] != key:
        _tagger = (key, Tagger(places_from_database()))
    return _tagger[1]


def forget_tagger(**kwargs) -> None:
    """Drop the cached tagger: the gazetteer changed (connected to Place's save and delete)."""
    global _tagger
    _tagger = None


post_save.connect(forget_tagger, sender="archive.Place", dispatch_uid="archive.places.saved")
post_delete.connect(forget_tagger, sender="archive.Place", dispatch_uid="archive.places.deleted")


# Storing an article's tags, so that editors' corrections outlive a re-import.


def save_place_tags(article, tags: Tags) -> None:
    """Replace the tagger's tags of a saved article with `tags`, keeping the editors' work.

    Tags an editor added stay as they are, places an editor removed (RejectedPlace) are not
    added back, and a dateline place an editor chose stays the dateline.
    """
    from archive.models import ArticlePlace

    rejected = set(article.rejected_places.values_list("place_id", flat=True))
    by_editor = {
        tag.place_id: tag for tag in article.place_tags.filter(source=ArticlePlace.Source.EDITOR)
    }
    editor_dateline = next(
        (p for p, tag in by_editor.items() if tag.role == ArticlePlace.Role.DATELINE), None
    )
    if editor_dateline is not None:
        dateline = editor_dateline
    elif tags.dateline is not None and tags.dateline not in rejected:
        dateline = tags.dateline
    else:
        dateline = None
    if article.dateline_place_id != dateline:
        article.dateline_place_id = dateline
        article.save(update_fields=["dateline_place"])
    article.place_tags.filter(source=ArticlePlace.Source.AUTO).delete()
    ArticlePlace.objects.bulk_create(
        ArticlePlace(
            article=article,
            place_id=place_id,
            role=ArticlePlace.Role.DATELINE if place_id == dateline else ArticlePlace.Role.MENTION,
            source=ArticlePlace.Source.AUTO,
        )
        for place_id in tags.all
        if place_id not in rejected and place_id not in by_editor
    )
