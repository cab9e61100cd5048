import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def jiangsu_article(seed_articles):
    return Article.objects.get(dateline_place_name="南京")


def test_it_shows_both_languages_side_by_side(client, jiangsu_article):
    response = client.get(jiangsu_article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert '<section class="reading__text zh" lang="zh-Hans"' in page
    assert '<section class="reading__text en" lang="en"' in page
    for paragraph in jiangsu_article.paragraphs_zh + jiangsu_article.paragraphs_en:
        assert f"<p>{paragraph}</p>" in page.replace("&#x27;", "'")
    assert "江苏各厂矿去年出现十一万多名先进生产者" in page
    assert "Over 110,000 Advanced Producers Emerged" in page


def test_its_url_carries_the_date(jiangsu_article):
    assert jiangsu_article.get_absolute_url() == f"/articles/1957/01/07/{jiangsu_article.pk}/"


def test_it_shows_the_dateline_and_agency(client, jiangsu_article):
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert "新华社南京6日电" in page
    assert "Xinhua News Agency" in page


def test_a_wrong_date_in_the_url_is_not_found(client, jiangsu_article):
    assert client.get(f"/articles/1957/01/08/{jiangsu_article.pk}/").status_code == 404
    assert client.get(f"/articles/1957/1/07/{jiangsu_article.pk}/").status_code == 404


def test_an_unknown_article_is_not_found(client, seed_articles):
    assert client.get("/articles/1957/01/07/99999/").status_code == 404


def test_an_unpublished_article_is_hidden_from_readers_but_not_from_staff(
    client, jiangsu_article, editor
):
    Article.objects.filter(pk=jiangsu_article.pk).update(published=False)
    assert client.get(jiangsu_article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(jiangsu_article.get_absolute_url()).status_code == 200


def test_a_pending_translation_is_shown_as_such(client, jiangsu_article):
    Article.objects.filter(pk=jiangsu_article.pk).update(body_en="", headline_en="")
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert "The English translation of this article is pending." in page
    assert jiangsu_article.paragraphs_zh[0] in page


def test_the_not_found_page_is_the_archives_own(client, seed_articles, settings):
    settings.DEBUG = False
    response = client.get("/articles/1957/01/07/99999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no page at this address." in page
    assert 'href="/"' in page
