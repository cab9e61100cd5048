"""/columns/<column_zh>/: the articles of one column, oldest first."""

import datetime
import itertools
from urllib.parse import quote

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db

COLUMN = "开展先进生产者运动"
COLUMN_URL = f"/columns/{COLUMN}/"

_numbers = itertools.count(1)


def make_article(**fields) -> Article:
    number = next(_numbers)
    values = {
        "date": datetime.date(1956, 5, 1),
        "page": 1,
        "column_zh": COLUMN,
        "headline_zh": f"测试文章{number}",
        "body_zh": "正文。",
        "source_name": f"test-{number}.txt",
        "raw_text": "",
        "checksum": f"column-test-{number}",
    }
    return Article.objects.create(**(values | fields))


def test_it_lists_the_columns_articles_oldest_first(client, seed_articles):
    later = make_article(date=datetime.date(1957, 3, 1))
    earlier = make_article(date=datetime.date(1956, 1, 5))
    response = client.get(COLUMN_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<span lang="zh-Hans">{COLUMN}</span>' in page
    assert "Developing the Advanced Producer Movement" in page
    assert "3 articles, from 5 January 1956 to 1 March 1957, oldest first." in page
    seed = Article.objects.get(column_zh=COLUMN, date=datetime.date(1956, 4, 21))
    positions = [page.index(a.get_absolute_url()) for a in (earlier, seed, later)]
    assert positions == sorted(positions)


def test_its_address_can_be_percent_encoded(client, seed_articles):
    encoded = f"/columns/{quote(COLUMN)}/"
    assert encoded.startswith("/columns/%E5%BC%80")
    assert client.get(encoded).status_code == 200


def test_it_does_not_list_articles_of_other_columns_or_none(client, seed_articles):
    page = client.get(COLUMN_URL).content.decode()
    assert page.count('<article class="article-summary">') == 1
    assert seed_articles[0].get_absolute_url() not in page


def test_a_long_column_is_split_into_pages_of_fifty(client, seed_articles):
    for _ in range(50):
        make_article()
    first = client.get(COLUMN_URL).content.decode()
    assert first.count('<article class="article-summary">') == 50
    assert "Page 1 of 2" in first
    second = client.get(COLUMN_URL + "?page=2").content.decode()
    assert second.count('<article class="article-summary">') == 1
    assert client.get(COLUMN_URL + "?page=last").status_code == 200
    assert client.get(COLUMN_URL + "?page=3").status_code == 404


def test_a_column_name_may_hold_a_slash(client, seed_articles):
    make_article(column_zh="读者来信/答复")
    assert client.get("/columns/").content.decode().count("读者来信/答复") == 1
    assert client.get("/columns/读者来信/答复/").status_code == 200


def test_an_unknown_column_is_not_found(client, seed_articles):
    assert client.get("/columns/没有这个栏目/").status_code == 404


def test_a_column_with_only_unpublished_articles_is_not_found(client, seed_articles):
    Article.objects.filter(column_zh=COLUMN).update(published=False)
    assert client.get(COLUMN_URL).status_code == 404
