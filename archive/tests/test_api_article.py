"""/api/articles/<id>/: one published article as JSON."""

import pytest

from archive.models import Article, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def jiangsu_article(seed_articles):
    return Article.objects.get(dateline_place_name="南京")


def test_it_gives_every_field_a_reader_sees(client, jiangsu_article):
    response = client.get(f"/api/articles/{jiangsu_article.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {
        "id",
        "url",
        "date",
        "page",
        "page_name",
        "column_zh",
        "column_en",
        "headline_zh",
        "headline_en",
        "subtitle_zh",
        "subtitle_en",
        "body_zh",
        "body_en",
        "author",
        "agency",
        "dateline",
        "dateline_place_name",
        "dateline_place",
        "places",
        "translation_pending",
        "created",
        "updated",
    }
    assert data["id"] == jiangsu_article.pk
    assert data["url"] == f"http://testserver/articles/1957/01/07/{jiangsu_article.pk}/"
    assert data["date"] == "1957-01-07"
    assert data["page"] == 2
    assert data["headline_zh"] == "先进带动落后落后赶上先进成为风气"
    assert data["subtitle_zh"] == "江苏各厂矿去年出现十一万多名先进生产者"
    assert data["agency"] == "新华社"
    assert data["dateline"] == "新华社南京6日电"
    assert data["dateline_place_name"] == "南京"
    assert data["translation_pending"] is False
    assert data["created"] == jiangsu_article.created.isoformat()


def test_it_gives_the_bodies_as_lists_of_paragraphs(client, jiangsu_article):
    data = client.get(f"/api/articles/{jiangsu_article.pk}/").json()
    assert data["body_zh"] == jiangsu_article.paragraphs_zh
    assert data["body_en"] == jiangsu_article.paragraphs_en
    assert len(data["body_zh"]) == len(data["body_en"]) > 1


def test_it_writes_chinese_as_itself_not_as_escapes(client, jiangsu_article):
    body = client.get(f"/api/articles/{jiangsu_article.pk}/").content.decode()
    assert "先进带动落后" in body
    assert "\\u5148" not in body


def test_it_leaves_out_the_imported_file(client, jiangsu_article):
    data = client.get(f"/api/articles/{jiangsu_article.pk}/").json()
    assert "raw_text" not in data and "checksum" not in data and "source_name" not in data


def test_it_lists_the_places(client, jiangsu_article):
    jiangsu = Place.objects.create(name_zh="江苏", name_en="Jiangsu", kind="province")
    nanjing = Place.objects.create(name_zh="南京", name_en="Nanjing", kind="city", parent=jiangsu)
    jiangsu_article.places.set([jiangsu, nanjing])
    Article.objects.filter(pk=jiangsu_article.pk).update(dateline_place=nanjing)
    data = client.get(f"/api/articles/{jiangsu_article.pk}/").json()
    assert sorted(data["places"], key=lambda p: p["id"]) == [
        {"id": jiangsu.pk, "name_zh": "江苏", "name_en": "Jiangsu"},
        {"id": nanjing.pk, "name_zh": "南京", "name_en": "Nanjing"},
    ]
    assert data["dateline_place"] == {"id": nanjing.pk, "name_zh": "南京", "name_en": "Nanjing"}


def test_it_says_when_the_translation_is_pending(client, jiangsu_article):
    Article.objects.filter(pk=jiangsu_article.pk).update(body_en="")
    data = client.get(f"/api/articles/{jiangsu_article.pk}/").json()
    assert data["translation_pending"] is True
    assert data["body_en"] == []


def test_it_refuses_to_post(client, jiangsu_article):
    assert client.post(f"/api/articles/{jiangsu_article.pk}/").status_code == 405


def test_an_unknown_article_is_a_json_404(client, seed_articles):
    response = client.get("/api/articles/99999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "No published article with id 99999."}


def test_an_unpublished_article_is_a_json_404_even_for_staff(client, jiangsu_article, editor):
    Article.objects.filter(pk=jiangsu_article.pk).update(published=False)
    client.force_login(editor)
    response = client.get(f"/api/articles/{jiangsu_article.pk}/")
    assert response.status_code == 404
    assert "error" in response.json()
