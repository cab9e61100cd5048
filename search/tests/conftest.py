"""The search tests' shared world: a few articles in both languages and a fresh index."""

from __future__ import annotations

import datetime
import hashlib
import itertools

import pytest
from haystack import connections

from archive.models import Article, Place

_numbers = itertools.count(1)


def make_article(**fields) -> Article:
    """An unsaved-to-index article with sensible defaults; pass only what a test cares about."""
    n = next(_numbers)
    values = {
        "date": datetime.date(1957, 1, 7),
        "page": 1,
        "headline_zh": f"标题{n}",
        "body_zh": "正文",
        "source_name": f"article-{n}.txt",
        "raw_text": f"raw {n}",
    }
    values.update(fields)
    values.setdefault("checksum", hashlib.sha256(f"{n}{values}".encode()).hexdigest())
    places = values.pop("places", [])
    article = Article.objects.create(**values)
    if places:
        article.places.set(places)
    return article


def search_backend():
    return connections["default"].get_backend()


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def index_articles(articles=None) -> None:
    """Index the given articles (default: every published one), as update_index would."""
    index = article_index()
    if articles is None:
        articles = list(index.index_queryset())
    search_backend().update(index, articles)


@pytest.fixture
def empty_index():
    """A clean index for one test, removed afterwards."""
    backend = search_backend()
    backend.clear()
    yield backend
    backend.clear()


@pytest.fixture
def places(db):
    jiangsu = Place.objects.create(name_zh="江苏", name_en="Jiangsu", kind=Place.Kind.PROVINCE)
    nanjing = Place.objects.create(
        name_zh="南京", name_en="Nanjing", kind=Place.Kind.CITY, parent=jiangsu
    )
    shanghai = Place.objects.create(
        name_zh="上海", name_en="Shanghai", kind=Place.Kind.MUNICIPALITY
    )
    return {"jiangsu": jiangsu, "nanjing": nanjing, "shanghai": shanghai}


@pytest.fixture
def world(db, empty_index, places):
    """Four articles in both languages, indexed; one unpublished article, not indexed."""
    articles = {
        "commune": make_article(
            date=datetime.date(1957, 1, 7),
            page=1,
            column_zh="农村通讯",
            column_en="Rural Correspondence",
            agency="新华社",
            dateline_place=places["nanjing"],
            headline_zh="江苏农业生产合作社扩大人民公社化运动",
            headline_en="Jiangsu agricultural cooperatives expand",
            body_zh="新华社南京6日电　江苏省农业生产合作社的社员们积极参加先进生产者运动。",
            body_en="Xinhua News Agency, Nanjing, January 6th: Members of the cooperatives "
            "joined the advanced producers movement.",
        ),
        "steel": make_article(
            date=datetime.date(1957, 3, 2),
            page=2,
            agency="本报",
            headline_zh="鞍钢炼钢工人创造新纪录",
            headline_en="Anshan steel workers set a new record",
            body_zh="鞍钢的炼钢工人在生产中创造了新纪录，钢产量大大提高。",
            body_en="The steel workers of Anshan Iron and Steel set a new production record.",
        ),
        "taiwan": make_article(
            date=datetime.date(1956, 12, 1),
            page=4,
            agency="新华社",
            places=[places["shanghai"]],
            headline_zh="上海各界声援臺灣同胞",
            body_zh="上海各界人民集会，声援臺灣同胞。",
            body_en="",
        ),
        "pending": make_article(
            date=datetime.date(1956, 12, 2),
            page=3,
            headline_zh="人民公社好",
            body_zh="人民公社是好的。",
            body_en="",
        ),
    }
    make_article(headline_zh="未发表的文章", body_zh="人民公社秘密草稿", published=False)
    index_articles()
    return articles
