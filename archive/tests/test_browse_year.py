"""/browse/<yyyy>/: the months of a year, each a small calendar."""

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_it_shows_each_month_with_articles_as_a_small_calendar(client, seed_articles):
    response = client.get("/browse/1956/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 articles from 1956 are in the archive." in page
    assert page.count('<table class="calendar calendar--compact">') == 2
    assert '<a href="/browse/1956/03/">March</a>' in page
    assert '<a href="/browse/1956/04/">April</a>' in page
    assert "/browse/1956/05/" not in page


def test_its_calendars_link_the_days_with_articles(client, seed_articles):
    page = client.get("/browse/1957/").content.decode()
    assert 'href="/browse/1957/01/07/"' in page
    assert 'href="/browse/1957/01/09/"' in page
    assert 'href="/browse/1957/01/08/"' not in page


def test_it_links_to_the_nearest_years_with_articles(client, seed_articles):
    page = client.get("/browse/1959/").content.decode()
    assert 'rel="prev" class="date-nav__previous" href="/browse/1957/"' in page
    assert 'rel="next"' not in page


def test_a_year_without_articles_is_not_found(client, seed_articles):
    assert client.get("/browse/1958/").status_code == 404


def test_a_year_with_only_unpublished_articles_is_not_found(client, seed_articles):
    Article.objects.filter(date__year=1959).update(published=False)
    assert client.get("/browse/1959/").status_code == 404
