"""Every Chinese substring is found: search agrees with a plain substring scan.

Real People's Daily paragraphs (read from the shared corpus at run time, never copied into the
repository) are indexed as articles; substrings of 1-4 characters, many of them cutting across
jieba's word boundaries, are searched, and the articles found must be exactly the articles
whose text contains the substring.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article
from bench.make_corpus import CORPUS as SHARED_CORPUS
from search.analysis import fold_text
from search.query import search
from search.tests.conftest import index_articles, search_backend

CORPUS = SHARED_CORPUS / "peoples_daily_2000_zh.txt"
ARTICLES = 300
SEED = 19570107
# A sampled substring: Chinese characters, with ASCII or full-width digits among them (1957年).
# Digits alone are searched as words (1957 finds 1957, not 21957), so they are not sampled.
SEARCHABLE = re.compile(r"(?=.*[\u3007\u4e00-\u9fff])[\u3007\u4e00-\u9fff0-9０-９]+")

# The module fixture below writes to the test database: make sure pytest-django creates it.
pytestmark = pytest.mark.django_db


def _paragraphs() -> list[str]:
    lines = [line.strip() for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if len(line) >= 30]
    return random.Random(SEED).sample(lines, min(ARTICLES, len(lines)))


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """{article id: indexed Chinese text}, for paragraphs indexed as articles."""
    backend = search_backend()
    with django_db_blocker.unblock():
        backend.clear()
        articles = [
            Article(
                date=datetime.date(1957, 1, 1) + datetime.timedelta(days=n % 365),
                page=1 + n % 8,
                headline_zh=paragraph[:12],
                body_zh=paragraph,
                source_name=f"recall-{n}.txt",
                raw_text=paragraph,
                checksum=hashlib.sha256(f"recall {n} {paragraph}".encode()).hexdigest(),
            )
            for n, paragraph in enumerate(_paragraphs())
        ]
        articles = Article.objects.bulk_create(articles)
        index_articles(Article.objects.filter(source_name__startswith="recall-"))
        texts = {a.pk: f"{a.headline_zh}\n{a.body_zh}" for a in articles}
    yield texts
    with django_db_blocker.unblock():
        Article.objects.filter(source_name__startswith="recall-").delete()
        backend.clear()


def found(query: str) -> set[int]:
    outcome = search(query, per_page=ARTICLES + 1, load_all=False)
    assert not outcome.messages, outcome.messages
    return {int(result.pk) for result in outcome.results}


def assert_found_exactly(corpus: dict[int, str], substring: str) -> None:
    plain = {pk for pk, text in corpus.items() if substring in text}
    folded = fold_text(substring)
    expected = {pk for pk, text in corpus.items() if folded in _folded(text)}
    hits = found(substring)
    assert plain <= hits, f"{substring!r}: missed {sorted(plain - hits)}"
    assert hits == expected, f"{substring!r}: extra {sorted(hits - expected)}"


@functools.cache
def _folded(text: str) -> str:
    return fold_text(text)


def _straddling_substrings(corpus: dict[int, str], count: int) -> list[str]:
    """Substrings of 2-4 Chinese characters that start inside one jieba word and end in another."""
    import jieba

    rng = random.Random(SEED)
    texts = list(corpus.values())
    samples: list[str] = []
    while len(samples) < count:
        text = rng.choice(texts)
        bounds = [end for _, _, end in jieba.tokenize(text)][:-1]
        if not bounds:
            continue
        boundary = rng.choice(bounds)
        before = rng.randint(1, 3)
        after = rng.randint(1, 4 - before)
        substring = text[max(0, boundary - before) : boundary + after]
        if len(substring) >= 2 and SEARCHABLE.fullmatch(substring):
            samples.append(substring)
    return samples


def test_it_finds_every_article_holding_substrings_that_cut_across_jieba_words(corpus):
    for substring in _straddling_substrings(corpus, 500):
        assert_found_exactly(corpus, substring)


def test_jieba_words_alone_would_miss_many_of_those_substrings(corpus):
    # Shows the test above can fail: the same substrings looked up as jieba words miss.
    from haystack.query import SearchQuerySet

    missed = 0
    samples = _straddling_substrings(corpus, 50)
    for substring in samples:
        plain = {pk for pk, text in corpus.items() if substring in text}
        words = SearchQuerySet().raw_search(f'text:"{substring}"')[: ARTICLES + 1]
        if plain - {int(r.pk) for r in words}:
            missed += 1
    assert missed > len(samples) // 4


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_any_substring_of_one_to_four_characters_finds_exactly_its_articles(corpus, data):
    texts = sorted(corpus.values())
    text = texts[data.draw(st.integers(min_value=0, max_value=len(texts) - 1))]
    length = data.draw(st.integers(min_value=1, max_value=4))
    start = data.draw(st.integers(min_value=0, max_value=max(0, len(text) - length)))
    substring = text[start : start + length]
    if not SEARCHABLE.fullmatch(substring):
        return
    assert_found_exactly(corpus, substring)
