"""/browse/<yyyy>/<mm>/: a month calendar whose days link to that day's paper."""

import re

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_it_draws_an_accessible_monday_first_calendar(client, seed_articles):
    response = client.get("/browse/1957/01/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "January 1957" in page
    assert "<caption" in page
    headers = re.findall(r'<th scope="col"><abbr title="(\w+)">', page)
    assert headers == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    # 1 January 1957 was a Tuesday: five weeks, the first starting with an empty Monday.
    assert page.count("<tr>") == 1 + 5
    first_week = page.split("<tbody>")[1].split("</tr>")[0]
    assert first_week.index('class="calendar__outside"') < first_week.index(">1<")


def test_days_with_articles_link_to_the_day_and_show_the_count(client, seed_articles):
    page = client.get("/browse/1957/01/").content.decode()
    assert page.count('href="/browse/1957/01/') == 2
    assert 'href="/browse/1957/01/07/"' in page
    assert 'href="/browse/1957/01/09/"' in page
    assert page.count('<span class="calendar__count">1 article</span>') == 2
    assert "2 articles this month." in page


def test_it_links_to_the_nearest_months_with_articles(client, seed_articles):
    page = client.get("/browse/1957/01/").content.decode()
    assert 'rel="prev" class="date-nav__previous" href="/browse/1956/04/"' in page
    assert 'rel="next" class="date-nav__next" href="/browse/1959/06/"' in page


def test_it_refuses_to_post(client, seed_articles):
    assert client.post("/browse/1957/01/").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/browse/1957/13/",
        "/browse/1957/00/",
        "/browse/1957/1/",
        "/browse/1957/jan/",
        "/browse/1957/02/",
        "/browse/1958/01/",
    ],
)
def test_an_impossible_or_empty_month_is_not_found(client, seed_articles, url):
    assert client.get(url).status_code == 404


def test_a_month_with_only_unpublished_articles_is_not_found(client, seed_articles):
    Article.objects.filter(date__year=1957).update(published=False)
    assert client.get("/browse/1957/01/").status_code == 404
