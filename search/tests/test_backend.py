"""Our Whoosh backend: the schema it builds, its facets, and its long-lived searcher."""

from __future__ import annotations

import threading

import pytest
from haystack.query import SearchQuerySet
from whoosh.fields import ID, STORED, TEXT

from search.analysis import GramTokenizer, WordTokenizer
from search.backend import KEYWORDLIST
from search.tests.conftest import index_articles, make_article, search_backend

pytestmark = pytest.mark.django_db


def schema():
    backend = search_backend()
    backend.setup()
    return backend.schema


# --- Schema --------------------------------------------------------------------------------


def test_facet_keys_are_exact_sortable_ids_not_analysed_text():
    for name in ("year", "month", "day", "column", "agency"):
        field = schema()[name]
        assert isinstance(field, ID), name
        assert field.column_type is not None, name


def test_places_keep_their_list_in_a_column():
    assert isinstance(schema()["places"], KEYWORDLIST)


def test_text_fields_use_our_analyzers_with_positions_and_no_sortable_copy():
    s = schema()
    for name, tokenizer in [
        ("text", WordTokenizer),
        ("title", WordTokenizer),
        ("grams", GramTokenizer),
        ("title_grams", GramTokenizer),
    ]:
        assert isinstance(s[name], TEXT)
        assert isinstance(s[name].analyzer, tokenizer), name
        assert s[name].format.supports("positions"), name
        assert s[name].column_type is None, name
        assert not s[name].spelling, name


def test_display_fields_are_stored_not_indexed():
    assert isinstance(schema()["headline_en"], STORED)


def test_the_body_is_not_stored():
    assert not schema()["text"].stored
    assert not schema()["grams"].stored


# --- Indexing and results ------------------------------------------------------------------


def test_unpublished_articles_are_not_indexed(world):
    assert SearchQuerySet().raw_search('grams:"秘密"').count() == 0


def test_results_carry_the_stored_fields_a_result_line_needs(world):
    [result] = SearchQuerySet().raw_search('grams:"鞍钢"')
    assert result.headline_zh == "鞍钢炼钢工人创造新纪录"
    assert result.headline_en == "Anshan steel workers set a new record"
    assert result.page == 2
    assert result.day == "1957-03-02"
    assert "body_zh" not in vars(result)
    assert "text" not in vars(result)


def test_html_in_the_text_is_indexed_raw_not_escaped(db, empty_index):
    make_article(headline_zh="标题", body_en="Tom & Jerry <b>bold</b>")
    index_articles()
    assert SearchQuerySet().raw_search('text:"amp"').count() == 0
    assert SearchQuerySet().raw_search('text:"jerry"').count() == 1


# --- Facets --------------------------------------------------------------------------------


def test_facet_values_come_back_exact_with_counts_over_all_hits(world):
    sqs = SearchQuerySet().raw_search("*").facet("agency").facet("year").facet("column")
    assert len(sqs[:1]) == 1  # one result on the page; the counts still cover every hit
    counts = sqs.facet_counts()["fields"]
    assert counts["agency"] == [("新华社", 2), ("本报", 1)]
    assert counts["year"] == [("1956", 2), ("1957", 2)]
    assert counts["column"] == [("农村通讯", 1)]


def test_a_city_counts_under_its_province_too(world, places):
    counts = SearchQuerySet().raw_search("*").facet("places").facet_counts()["fields"]
    assert dict(counts["places"]) == {
        str(places["jiangsu"].pk): 1,
        str(places["nanjing"].pk): 1,
        str(places["shanghai"].pk): 1,
    }


def test_page_facets_are_numbers(world):
    counts = SearchQuerySet().raw_search("*").facet("page").facet_counts()["fields"]
    assert sorted(counts["page"]) == [(1, 1), (2, 1), (3, 1), (4, 1)]


def test_narrowing_on_a_facet_value_keeps_only_its_articles(world, places):
    sqs = SearchQuerySet().raw_search("*").narrow(f'places:"{places["jiangsu"].pk}"')
    assert [r.headline_zh for r in sqs] == ["江苏农业生产合作社扩大人民公社化运动"]
    assert SearchQuerySet().raw_search("*").narrow('month:"1956-12"').count() == 2


def test_results_sort_by_date_both_ways(world):
    dates = [r.day for r in SearchQuerySet().raw_search("*").order_by("date")]
    assert dates == sorted(dates)
    dates = [r.day for r in SearchQuerySet().raw_search("*").order_by("-date")]
    assert dates == sorted(dates, reverse=True)


def test_date_facets_are_refused_in_favour_of_the_exact_keys(world):
    import datetime

    from haystack.exceptions import SearchBackendError

    sqs = (
        SearchQuerySet()
        .raw_search("*")
        .date_facet("date", datetime.date(1956, 1, 1), datetime.date(1958, 1, 1), "month")
    )
    with pytest.raises(SearchBackendError):
        sqs.facet_counts()


# --- The searcher --------------------------------------------------------------------------


def test_one_searcher_serves_query_after_query(world):
    backend = search_backend()
    assert backend.searcher() is backend.searcher()


def test_the_searcher_sees_an_article_indexed_after_it_opened(world):
    backend = search_backend()
    before = backend.searcher()
    assert SearchQuerySet().raw_search('grams:"拖拉机"').count() == 0
    index_articles([make_article(headline_zh="拖拉机站成立")])
    assert SearchQuerySet().raw_search('grams:"拖拉机"').count() == 1
    assert backend.searcher() is not before


def test_the_searcher_survives_the_index_being_rebuilt(world):
    backend = search_backend()
    backend.searcher()
    backend.clear()
    assert SearchQuerySet().raw_search('grams:"鞍钢"').count() == 0
    index_articles()
    assert SearchQuerySet().raw_search('grams:"鞍钢"').count() == 1


def test_each_thread_gets_its_own_searcher(world):
    backend = search_backend()
    mine = backend.searcher()
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(backend.searcher()))
    thread.start()
    thread.join()
    assert theirs[0] is not mine


# --- Writing -------------------------------------------------------------------------------


def test_removing_an_article_takes_it_out_of_the_index(world):
    search_backend().remove(world["steel"])
    assert SearchQuerySet().raw_search('grams:"鞍钢"').count() == 0
    assert SearchQuerySet().raw_search('grams:"人民公社"').count() == 2


def test_reindexing_an_article_replaces_it(world):
    steel = world["steel"]
    steel.headline_zh = "鞍钢高炉投产"
    steel.save()
    index_articles([steel])
    assert SearchQuerySet().raw_search('grams:"高炉"').count() == 1
    assert SearchQuerySet().raw_search('title_grams:"新纪录"').count() == 0
    assert SearchQuerySet().raw_search("*").count() == 4


def test_overlapping_writers_wait_for_each_other_instead_of_failing(db, empty_index):
    from search.tests.conftest import article_index

    for n in range(40):
        make_article(headline_zh=f"并发写入{n}号")
    articles = list(article_index().index_queryset())  # places loaded here, not in threads
    halves = [articles[:20], articles[20:]]
    errors = []

    def write(batch):
        try:
            index_articles(batch)
        except Exception as error:  # pragma: no cover - what the test looks for
            errors.append(error)

    threads = [threading.Thread(target=write, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SearchQuerySet().raw_search('grams:"并发"').count() == 40


def test_segments_are_written_as_separate_files_not_one_compound_file(world):
    import os

    files = os.listdir(search_backend().path)
    assert not [name for name in files if name.endswith(".seg")]


def test_rebuild_index_and_update_index_work_with_our_backend(world):
    from django.core.management import call_command

    call_command("rebuild_index", interactive=False, verbosity=0)
    assert SearchQuerySet().raw_search("*").count() == 4
    world["steel"].published = False
    world["steel"].save()
    call_command("update_index", remove=True, verbosity=0)
    assert SearchQuerySet().raw_search("*").count() == 3
    assert SearchQuerySet().raw_search('grams:"鞍钢"').count() == 0
