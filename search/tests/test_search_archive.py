"""python manage.py search_archive."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from search.api import search_api

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("search_archive", *args, stdout=out)
    return out.getvalue()


def test_it_prints_a_table_of_results(world):
    out = run("人民公社")
    assert "2 article(s); 1-2 on page 1 of 1, sorted by relevance" in out
    assert "江苏农业生产合作社扩大人民公社化运动 · Jiangsu agricultural cooperatives expand" in out
    assert f"{world['commune'].pk:>6}  1957-01-07     1" in out
    assert "year: 1956 (1), 1957 (1)" in out
    assert "<mark>" not in out


def test_json_is_what_the_api_answers(world):
    printed = json.loads(run("人民公社", "--json", "--facet", "year:1957", "--sort=-date"))
    request = RequestFactory().get(
        "/api/search/",
        {"q": "人民公社", "selected_facets": "year:1957", "sort": "-date"},
        HTTP_HOST="127.0.0.1:8000",
    )
    answered = json.loads(search_api(request).content)
    assert printed == answered
    assert printed["total"] == 1


def test_several_words_are_one_query_and_pages_can_be_chosen(world):
    data = json.loads(run("先进生产者", "producers", "--json"))
    assert data["query"] == "先进生产者 producers"
    assert data["total"] == 1
    data = json.loads(run("人民公社", "--json", "--per-page", "1", "--page", "2"))
    assert (data["page"], data["num_pages"], len(data["results"])) == (2, 2, 1)


def test_urls_use_the_base_url_given(world):
    data = json.loads(run("鞍钢", "--json", "--base-url", "https://archive.example.org/"))
    assert data["results"][0]["url"].startswith("https://archive.example.org/articles/1957/")


def test_nothing_found_says_so(world):
    assert "No articles found." in run("拖拉机")


def test_a_wrong_facet_is_an_error_saying_what_is_wrong(world):
    with pytest.raises(CommandError, match="Unknown facet 'colour'"):
        run("人民公社", "--facet", "colour:red")


def test_no_query_is_an_error(world):
    with pytest.raises(CommandError, match="Give a query"):
        run()
