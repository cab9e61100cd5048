import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_it_shows_what_the_archive_holds(client, seed_articles):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The archive holds 5 articles of" in page
    assert "from 13 March 1956 to 5 June 1959" in page
    assert 'href="/browse/1956/">1956</a>' in page and "2 articles" in page


def test_it_lists_the_latest_articles_with_links(client, seed_articles):
    page = client.get("/").content.decode()
    for article in seed_articles:
        assert f'href="{article.get_absolute_url()}"' in page
        assert article.headline_zh in page


def test_it_leaves_out_unpublished_articles(client, seed_articles):
    Article.objects.filter(pk=seed_articles[0].pk).update(published=False)
    page = client.get("/").content.decode()
    assert "The archive holds 4 articles" in page
    assert seed_articles[0].headline_zh not in page


def test_it_counts_pending_translations(client, seed_articles):
    Article.objects.filter(pk=seed_articles[0].pk).update(body_en="")
    assert "The translation of 1 article is still pending." in client.get("/").content.decode()


def test_an_empty_archive_says_how_to_fill_it(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "The archive is empty" in response.content.decode()


def test_it_escapes_article_text(client, seed_articles):
    Article.objects.filter(pk=seed_articles[0].pk).update(headline_en="<script>alert(1)</script>")
    page = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
