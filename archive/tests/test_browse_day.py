"""/browse/<yyyy>/<mm>/<dd>/: one day's paper, page by page."""

import datetime
import itertools

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def make_article(**fields) -> Article:
    number = next(_numbers)
    values = {
        "date": datetime.date(1957, 1, 7),
        "page": 1,
        "headline_zh": f"测试文章{number}",
        "headline_en": f"Test article {number}",
        "body_zh": "正文。",
        "body_en": "Text.",
        "source_name": f"test-{number}.txt",
        "raw_text": "",
        "checksum": f"day-test-{number}",
    }
    return Article.objects.create(**(values | fields))


def test_it_lists_the_days_articles_under_their_pages(client, seed_articles):
    front = make_article(page=1, headline_zh="头版文章")
    back = make_article(page=4, headline_zh="第四版文章")
    response = client.get("/browse/1957/01/07/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Monday 7 January 1957" in page
    assert "1957年1月7日" in page
    assert "3 articles of this day's paper are in the archive" in page
    headings = [page.index(f'id="page-{n}-heading"') for n in (1, 2, 4)]
    assert headings == sorted(headings)
    jiangsu = seed_articles[2]
    assert headings[0] < page.index(front.get_absolute_url()) < headings[1]
    assert headings[1] < page.index(jiangsu.get_absolute_url()) < headings[2]
    assert headings[2] < page.index(back.get_absolute_url())
    assert "第2版" in page


def test_articles_on_the_same_page_keep_their_order(client, seed_articles):
    first, second = make_article(page=3), make_article(page=3)
    page = client.get("/browse/1957/01/07/").content.decode()
    assert page.index(first.get_absolute_url()) < page.index(second.get_absolute_url())


def test_it_links_to_the_nearest_days_with_articles(client, seed_articles):
    page = client.get("/browse/1957/01/07/").content.decode()
    assert 'rel="prev" class="date-nav__previous" href="/browse/1956/04/21/"' in page
    assert 'rel="next" class="date-nav__next" href="/browse/1957/01/09/"' in page


def test_it_shows_the_dateline_and_a_pending_translation(client, seed_articles):
    Article.objects.filter(date=datetime.date(1957, 1, 7)).update(body_en="")
    page = client.get("/browse/1957/01/07/").content.decode()
    assert "新华社南京6日电" in page
    assert "Translation pending" in page


def test_it_escapes_article_text(client, seed_articles):
    make_article(headline_en="<script>alert(1)</script>")
    page = client.get("/browse/1957/01/07/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_leaves_out_unpublished_articles(client, seed_articles):
    hidden = make_article(published=False)
    page = client.get("/browse/1957/01/07/").content.decode()
    assert hidden.get_absolute_url() not in page


def test_a_long_day_is_split_into_pages_of_fifty(client, seed_articles):
    for _ in range(50):
        make_article(page=8)
    first = client.get("/browse/1957/01/07/").content.decode()
    assert first.count('<article class="day-article">') == 50
    assert "Page 1 of 2" in first
    assert 'rel="next" href="?page=2"' in first

    second = client.get("/browse/1957/01/07/?page=2").content.decode()
    assert second.count('<article class="day-article">') == 1
    assert "Page 2 of 2" in second
    # The way back to page 1 is the day's own address.
    assert 'rel="prev" href="/browse/1957/01/07/"' in second
    assert client.get("/browse/1957/01/07/?page=3").status_code == 404


def test_page_links_keep_the_other_query_parameters(client, seed_articles):
    for _ in range(50):
        make_article(page=8)
    first = client.get("/browse/1957/01/07/?q=x").content.decode()
    assert 'rel="next" href="?q=x&amp;page=2"' in first
    second = client.get("/browse/1957/01/07/?q=x&page=2").content.decode()
    assert 'rel="prev" href="/browse/1957/01/07/?q=x"' in second


def test_a_short_day_has_no_page_links(client, seed_articles):
    assert 'class="pagination"' not in client.get("/browse/1957/01/07/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/browse/1957/01/08/",
        "/browse/1957/01/32/",
        "/browse/1957/02/30/",
        "/browse/1957/01/7/",
        "/browse/1957/1/07/",
    ],
)
def test_an_impossible_or_empty_day_is_not_found(client, seed_articles, url):
    assert client.get(url).status_code == 404
