"""The place list (/places/) and a place's page (/places/<id>/)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import Article


@pytest.fixture
def tagged_samples(db, seeds_dir):
    """The gazetteer and the five samples, tagged at import."""
    from archive.ingest import import_paths

    call_command("loaddata", "places", verbosity=0)
    report = import_paths([seeds_dir])
    assert report.failed == 0, report.errors
    return list(Article.objects.order_by("date"))


def test_the_list_shows_provinces_with_their_cities_and_rolled_up_counts(client, tagged_samples):
    response = client.get(reverse("archive:places"))
    assert response.status_code == 200
    rows = {row["place"].name_en: row for row in response.context["provinces"]}
    # Shanxi: sample 002 names it, 002 and 004 name Taiyuan; each article counts once.
    assert rows["Shanxi"]["count"] == 2
    assert rows["Jiangsu"]["count"] == 1
    cities = {c["place"].name_en: c["count"] for c in rows["Shanxi"]["cities"]}
    assert cities["Taiyuan"] == 2
    assert "Taiyuan" in response.content.decode()


def test_the_busiest_provinces_come_first(client, tagged_samples):
    provinces = client.get(reverse("archive:places")).context["provinces"]
    counts = [row["count"] for row in provinces]
    assert counts == sorted(counts, reverse=True)
    assert provinces[0]["count"] == 2


def test_a_city_page_shows_both_names_its_province_and_its_articles_by_date(client, tagged_samples):
    response = client.get(reverse("archive:place", kwargs={"pk": 1401}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "太原" in page and "Taiyuan" in page
    assert reverse("archive:place", kwargs={"pk": 14}) in page  # its parent, Shanxi
    dates = [a.date.isoformat() for a in response.context["page_obj"]]
    assert dates == ["1956-03-13", "1956-04-21"]
    assert response.context["years"] == [(1956, 2)]


def test_a_province_page_counts_its_cities_articles(client, tagged_samples):
    response = client.get(reverse("archive:place", kwargs={"pk": 32}))
    assert response.context["article_count"] == 1
    children = {row["place"].name_en: row["count"] for row in response.context["children"]}
    assert children["Wuxi"] == 1
    assert children["Nanjing"] == 1
    assert children["Suzhou"] == 0


def test_a_place_page_counts_articles_per_year(client, tagged_samples):
    response = client.get(reverse("archive:place", kwargs={"pk": 50}))
    assert response.context["years"] == [(1959, 1)]
    assert "1959" in response.content.decode()


def test_an_unpublished_article_is_not_listed_or_counted(client, tagged_samples):
    Article.objects.filter(dateline_place_name="重庆").update(published=False)
    response = client.get(reverse("archive:place", kwargs={"pk": 50}))
    assert response.context["article_count"] == 0
    rows = {
        r["place"].name_en: r for r in client.get(reverse("archive:places")).context["provinces"]
    }
    assert rows["Chongqing"]["count"] == 0


def test_a_place_page_answers_only_get_and_head(client, tagged_samples):
    assert client.head(reverse("archive:place", kwargs={"pk": 32})).status_code == 200
    assert client.post(reverse("archive:place", kwargs={"pk": 32})).status_code == 405


def test_an_unknown_place_is_not_found(client, tagged_samples):
    assert client.get("/places/999999999/").status_code == 404


def test_the_place_list_works_before_any_article_is_imported(client, db):
    call_command("loaddata", "places", verbosity=0)
    response = client.get(reverse("archive:places"))
    assert response.status_code == 200
    assert all(row["count"] == 0 for row in response.context["provinces"])
