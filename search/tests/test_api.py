"""The JSON search API, and docs/openapi.yaml checked against real answers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker

pytestmark = pytest.mark.django_db

OPENAPI = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


@cache
def openapi() -> dict:
    return yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))


def assert_matches_schema(data, name: str) -> None:
    """Validate against components/schemas/<name>: OpenAPI 3.1 schemas are JSON Schema 2020-12."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": openapi()["components"]}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]
    assert errors == []


def get(client, **params):
    return client.get("/api/search/", params)


# --- Answers -------------------------------------------------------------------------------


def test_it_answers_a_search_with_results_counts_and_facets(client, world):
    response = get(client, q="人民公社")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["total"] == 2
    assert {r["id"] for r in data["results"]} == {world["commune"].pk, world["pending"].pk}
    assert {v["value"]: v["count"] for v in data["facets"]["year"]} == {"1956": 1, "1957": 1}
    assert data["page"] == 1 and data["num_pages"] == 1
    assert data["next"] is None and data["previous"] is None
    assert_matches_schema(data, "SearchResults")


def test_a_result_has_absolute_urls_dates_both_headlines_and_marked_snippets(client, world):
    data = get(client, q="先进生产者 producers").json()
    [result] = data["results"]
    commune = world["commune"]
    assert result["url"] == f"http://testserver{commune.get_absolute_url()}"
    assert result["api_url"] == f"http://testserver/api/articles/{commune.pk}/"
    assert result["date"] == "1957-01-07"
    assert result["headline_zh"] == "江苏农业生产合作社扩大人民公社化运动"
    assert result["headline_en"] == "Jiangsu agricultural cooperatives expand"
    assert "<mark>先进生产者</mark>" in result["snippet_zh"]
    assert "<mark>producers</mark>" in result["snippet_en"]


def test_chinese_is_sent_as_itself_not_escaped(client, world):
    assert "人民公社".encode() in get(client, q="人民公社").content


def test_facets_narrow_the_results_and_are_marked_selected(client, world):
    data = get(client, q="人民公社", selected_facets="year:1957").json()
    assert [r["id"] for r in data["results"]] == [world["commune"].pk]
    assert data["selected_facets"] == {"year": ["1957"]}
    assert [v["selected"] for v in data["facets"]["year"]] == [True]
    assert [v["value"] for v in data["facets"]["month"]] == ["1957-01"]
    assert_matches_schema(data, "SearchResults")


def test_place_facets_carry_the_places_names(client, world, places):
    data = get(client, q="南京").json()
    labels = {v["label"] for v in data["facets"]["places"]}
    assert {"南京 Nanjing", "江苏 Jiangsu"} <= labels


def test_facets_alone_are_a_search(client, world):
    data = get(client, selected_facets=["year:1956"]).json()
    assert data["total"] == 2


def test_pages_link_to_each_other_with_the_same_search(client, world):
    data = get(client, q="人民公社", per_page="1", sort="-date").json()
    assert data["num_pages"] == 2
    assert data["next"].startswith("http://testserver/api/search/?q=")
    assert "sort=-date" in data["next"] and "page=2" in data["next"]
    second = client.get(data["next"]).json()
    assert second["page"] == 2
    assert second["previous"] is not None
    assert [r["id"] for r in data["results"] + second["results"]] == [
        world["commune"].pk,
        world["pending"].pk,
    ]
    assert_matches_schema(second, "SearchResults")


def test_a_query_it_could_only_partly_read_is_answered_with_messages(client, world):
    data = get(client, q="人民公社 OR").json()
    assert data["total"] == 2
    assert any("lone OR" in message for message in data["messages"])
    assert_matches_schema(data, "SearchResults")


def test_no_match_is_an_empty_answer_not_an_error(client, world):
    data = get(client, q="拖拉机").json()
    assert (data["total"], data["results"], data["num_pages"]) == (0, [], 0)
    assert_matches_schema(data, "SearchResults")


# --- Wrong requests ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, words",
    [
        ({}, "Give a query"),
        ({"q": "人民公社", "sort": "newest"}, "sort must be one of"),
        ({"q": "人民公社", "page": "two"}, "page must be a whole number"),
        ({"q": "人民公社", "page": "0"}, "page must be 1 or more"),
        ({"q": "人民公社", "per_page": "1000"}, "per_page must be from 1 to 100"),
        ({"q": "人民公社", "selected_facets": "year"}, "must look like year:1957"),
        ({"q": "人民公社", "selected_facets": "colour:red"}, "Unknown facet 'colour'"),
        ({"q": "人民公社", "selected_facets": "page:one"}, "page facet takes a number"),
        ({"q": "x" * 2001}, "q is too long"),
    ],
)
def test_a_wrong_parameter_is_a_400_saying_what_is_wrong(client, world, params, words):
    response = get(client, **params)
    assert response.status_code == 400
    assert words in response.json()["error"]
    assert_matches_schema(response.json(), "Error")


def test_post_is_a_405_in_json(client, world):
    response = client.post("/api/search/", {"q": "人民公社"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert_matches_schema(response.json(), "Error")


def test_a_failing_search_engine_is_a_message_not_a_500(client, world, monkeypatch):
    from haystack.query import SearchQuerySet

    def broken(*args, **kwargs):
        raise RuntimeError("index unreadable")

    monkeypatch.setattr(SearchQuerySet, "count", broken)
    response = get(client, q="人民公社")
    assert response.status_code == 200
    assert response.json()["messages"]
    assert_matches_schema(response.json(), "SearchResults")


# --- The article API and the schema itself ---------------------------------------------------


def test_the_article_api_matches_its_schema(client, world, places):
    world["commune"].places.set([places["nanjing"]])
    data = client.get(f"/api/articles/{world['commune'].pk}/").json()
    assert_matches_schema(data, "Article")
    missing = client.get("/api/articles/999999/")
    assert missing.status_code == 404
    assert_matches_schema(missing.json(), "Error")


def test_the_schema_is_served_as_yaml(client):
    response = client.get("/api/openapi.yaml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert yaml.safe_load(b"".join(response.streaming_content)) == openapi()


def test_the_schema_is_openapi_3_1_and_its_schemas_are_valid_json_schema():
    document = openapi()
    assert document["openapi"].startswith("3.1")
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert set(document["paths"]) == {"/api/search/", "/api/articles/{id}/", "/api/openapi.yaml"}


def test_every_path_in_the_schema_is_served(client, world):
    for path in openapi()["paths"]:
        url = path.replace("{id}", str(world["steel"].pk))
        response = client.get(url, {"q": "钢"} if "search" in path else {})
        assert response.status_code == 200, url
