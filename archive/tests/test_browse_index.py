"""/browse/: the years of the archive and the other ways into it."""

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_it_lists_the_years_with_their_article_counts(client, seed_articles):
    response = client.get("/browse/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a href="/browse/1956/">' in page
    assert '<a href="/browse/1957/">' in page
    assert '<a href="/browse/1959/">' in page
    assert "/browse/1958/" not in page
    assert page.index("/browse/1956/") < page.index("/browse/1957/") < page.index("/browse/1959/")
    assert "2 articles" in page and "1 article<" in page


def test_it_links_to_the_columns_and_the_feed(client, seed_articles):
    page = client.get("/browse/").content.decode()
    assert 'href="/columns/"' in page
    assert "1 column so far" in page
    assert 'href="/feeds/latest/"' in page
    assert 'type="application/atom+xml"' in page


def test_it_refuses_to_post(client, seed_articles):
    assert client.post("/browse/").status_code == 405


def test_it_leaves_out_years_with_only_unpublished_articles(client, seed_articles):
    Article.objects.filter(date__year=1959).update(published=False)
    page = client.get("/browse/").content.decode()
    assert "/browse/1959/" not in page


def test_it_links_to_browsing_by_place(client, seed_articles):
    page = client.get("/browse/").content.decode()
    assert "By place" in page
    assert 'href="/places/"' in page


def test_an_empty_archive_says_so(client):
    response = client.get("/browse/")
    assert response.status_code == 200
    assert "The archive has no articles yet." in response.content.decode()
