"""From what a user types to results: the query language, facets, sorting, paging, mistakes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import (
    AllOf,
    AnyOf,
    DateRange,
    Filter,
    Not,
    PlaceName,
    Word,
    highlight_terms,
    parse_query,
    search,
    to_query_string,
)
from search.tests.conftest import index_articles, make_article


def headlines(outcome):
    return [r.headline_zh for r in outcome.results]


# --- Reading queries (no index needed) -----------------------------------------------------


def test_words_are_all_required():
    assert parse_query("steel Anshan")[0] == AllOf((Word("steel"), Word("Anshan")))


def test_quotes_make_a_phrase_straight_or_chinese():
    assert parse_query('"advanced producers"')[0] == Word("advanced producers", phrase=True)
    assert parse_query("“人民公社”")[0] == Word("人民公社", phrase=True)
    assert parse_query("「人民公社」")[0] == Word("人民公社", phrase=True)


def test_or_not_and_brackets_build_a_tree():
    node, messages = parse_query("(steel OR 钢铁) -Shanghai")
    assert node == AllOf((AnyOf((Word("steel"), Word("钢铁"))), Not(Word("Shanghai"))))
    assert messages == []


def test_title_prefix_limits_a_word_to_headlines():
    assert parse_query("title:鞍钢")[0] == Word("鞍钢", field="title")
    assert parse_query('标题:"人民公社"')[0] == Word("人民公社", phrase=True, field="title")


def test_a_date_range_is_read_as_precisely_as_it_is_written():
    assert parse_query("1956-03..1957-01")[0] == DateRange("195603", "195701")
    assert parse_query("1957-1-7 至 1957-1-9")[0] == DateRange("19570107", "19570109")
    assert parse_query("1957 .. 1956")[0] == DateRange("1956", "1957")


def test_an_impossible_date_range_is_ignored_with_a_message():
    node, messages = parse_query("人民 1956-13..1957")
    assert node == Word("人民")
    assert "1956-13..1957" in messages[0]


def test_a_hyphen_inside_a_word_is_not_an_exclusion():
    assert parse_query("co-operation")[0] == Word("co-operation")


def test_chinese_is_searched_as_a_phrase_of_grams_with_whole_words_as_a_bonus():
    query = to_query_string(Word("人民公社"))
    assert query.startswith('(grams:"人民公社" ANDMAYBE')
    assert 'text:"人民公社"' in query


def test_a_query_string_cannot_smuggle_in_whoosh_syntax():
    node, _ = parse_query('grams:x") OR (*')
    words = list(_words(node))
    assert words
    assert all('"' not in word.text for word in words)
    assert "grams:x" in [word.text for word in words]  # a word, not a field


def _words(node):
    if isinstance(node, Word):
        yield node
    elif isinstance(node, Not):
        yield from _words(node.child)
    elif node is not None:
        for child in node.children:
            yield from _words(child)


@pytest.mark.parametrize(
    ("query", "message_part"),
    [
        ('"unclosed phrase', "quotation mark"),
        ("(steel OR iron", "bracket"),
        ("steel)", "bracket"),
        ("OR steel", "OR"),
        ("steel OR", "OR"),
        ("OR", "OR"),
        ("NOT", "NOT"),
        ("steel -", None),
        ("-steel", "Excluding"),
        ("the of and", "common"),
        ("title:", "title:"),
        ("x" * 5000, "cut"),
        ("((((((((((((((((((((((steel", "nested"),
        ("，。！", "nothing"),
    ],
)
def test_malformed_queries_are_read_leniently_with_a_message(query, message_part):
    node, messages = parse_query(query)
    if message_part:
        assert any(message_part in m for m in messages), messages
    if node is not None:
        to_query_string(node)


def test_control_characters_are_dropped():
    assert parse_query("\x00人民\x07公社\u200b")[0] == Word("人民公社")


# --- Searching -----------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_every_word_must_match(world):
    assert headlines(search("steel Anshan")) == ["鞍钢炼钢工人创造新纪录"]
    assert search("steel 上海").total == 0


def test_english_words_match_their_other_forms(world):
    assert headlines(search("producer")) == ["江苏农业生产合作社扩大人民公社化运动"]
    assert headlines(search("productions")) == ["鞍钢炼钢工人创造新纪录"]


def test_an_exact_phrase_must_appear_in_order(world):
    assert search('"advanced producers"').total == 1
    assert search('"producers advanced"').total == 0


def test_chinese_is_found_inside_and_across_words(world):
    assert headlines(search("公社化")) == ["江苏农业生产合作社扩大人民公社化运动"]
    assert search("社化运").total == 1  # cuts across jieba's 公社化 / 运动


def test_a_single_chinese_character_is_found(world):
    assert headlines(search("鞍")) == ["鞍钢炼钢工人创造新纪录"]


def test_traditional_and_simplified_queries_find_the_same_articles(world):
    assert headlines(search("臺灣")) == headlines(search("台湾")) == ["上海各界声援臺灣同胞"]


def test_or_finds_either(world):
    assert search("steel OR 上海").total == 2


def test_not_and_minus_exclude(world):
    assert headlines(search("人民公社 -好")) == ["江苏农业生产合作社扩大人民公社化运动"]
    assert headlines(search("人民公社 NOT 好")) == ["江苏农业生产合作社扩大人民公社化运动"]


def test_title_searches_only_headlines_and_subtitles(world):
    assert search("title:鞍钢").total == 1
    assert search("title:钢产量").total == 0
    assert search("钢产量").total == 1


def test_a_date_range_keeps_articles_of_those_dates(world):
    december = headlines(search("人民 1956-12..1956-12"))
    assert sorted(december) == ["上海各界声援臺灣同胞", "人民公社好"]
    assert search("人民 1957-01-07..1957-01-07").total == 1
    assert search("1957..1957").total == 2


def test_unpublished_articles_are_never_found(world):
    assert search("秘密").total == 0


def test_whole_word_matches_rank_first(db, empty_index):
    make_article(headline_zh="甲", body_zh="每日报道新闻，每日报道消息。")
    make_article(headline_zh="乙", body_zh="人民日报发表社论，人民日报消息。")
    index_articles()
    assert headlines(search("日报")) == ["乙", "甲"]


def test_facets_narrow_and_count(world):
    outcome = search("人民公社", selected={"year": ["1957"]})
    assert headlines(outcome) == ["江苏农业生产合作社扩大人民公社化运动"]
    assert outcome.facets["month"] == [("1957-01", 1)]
    assert "day" not in outcome.facets


def test_facets_alone_browse_without_a_query(world):
    outcome = search("", selected={"agency": ["新华社"]})
    assert outcome.total == 2
    assert dict(outcome.facets["year"]) == {"1956": 1, "1957": 1}


def test_unknown_facets_and_unsafe_values_are_ignored(world):
    outcome = search(
        "人民公社", selected={"nonsense": ["x"], "year": ['1957" OR "1956'], "page": ["x"]}
    )
    assert outcome.selected == {}
    assert outcome.total == 2


def test_results_sort_by_date(world):
    assert [r.day for r in search("人民", sort="date").results] == [
        "1956-12-01",
        "1956-12-02",
        "1957-01-07",
    ]
    assert search("人民", sort="-date").results[0].day == "1957-01-07"
    assert search("人民", sort="bogus").sort == "relevance"


def test_pages_split_results_and_a_page_too_far_shows_the_last(world):
    first = search("人民", per_page=2)
    assert (first.total, first.num_pages, len(first.results), first.has_next) == (3, 2, 2, True)
    last = search("人民", per_page=2, page=99)
    assert (last.page, len(last.results)) == (2, 1)
    assert search("人民", page="abc").page == 1


def test_results_load_their_articles(world):
    [result] = search("鞍钢").results
    assert result.object == world["steel"]


@pytest.mark.parametrize(
    "query",
    ['"unclosed', "(a OR", ")", "OR", "-", '"', "*", "?", "AND OR NOT", "x" * 20000, "\x00", "~^:"],
)
def test_malformed_queries_never_raise(world, query):
    outcome = search(query)
    assert outcome.total >= 0


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.text(
        alphabet=st.sampled_from(list('人民公社steel "()-:*~^OR AND NOT\\\x00\u3000')), max_size=30
    )
)
def test_no_query_whatever_its_shape_raises(world, query):
    outcome = search(query)
    assert not any("could not be run" in m for m in outcome.messages)


# --- Field filters: date:, page:, column:, place: -----------------------------------------


def test_a_date_filter_names_a_year_a_month_or_a_range():
    assert parse_query("date:1957")[0] == DateRange("1957", "1957")
    assert parse_query("date:1957-01")[0] == DateRange("195701", "195701")
    assert parse_query("date:1956-03..1957-01")[0] == DateRange("195603", "195701")
    assert parse_query("date:1956-03 .. 1957-01")[0] == DateRange("195603", "195701")
    assert parse_query("钢铁 日期:1957-1-7")[0] == AllOf(
        (Word("钢铁"), DateRange("19570107", "19570107"))
    )


def test_page_column_and_place_filters_are_read():
    assert parse_query("page:2")[0] == Filter("page", "2")
    assert parse_query('column:"Rural Correspondence"')[0] == Filter(
        "column", "Rural Correspondence"
    )
    assert parse_query("place:南京 -place:Shanghai")[0] == AllOf(
        (PlaceName("南京"), Not(PlaceName("Shanghai")))
    )


@pytest.mark.parametrize(
    ("query", "message_part"),
    [
        ("date:1957-13", "date:"),
        ("date:soon", "date:"),
        ("date:", "date:"),
        ("page:two", "page:"),
        ("page:0", "page:"),
        ("page:100000000000000000000", "page:"),
        ("page:２", None),  # full-width digits become ASCII first
        ("place:", "place:"),
        ("column:", "column:"),
    ],
)
def test_malformed_field_filters_are_ignored_with_a_message(query, message_part):
    node, messages = parse_query(query)
    if message_part:
        assert node is None
        assert any(message_part in m for m in messages), messages
    else:
        assert node == Filter("page", "2")


def test_filters_render_as_exact_keys():
    assert to_query_string(Filter("page", "2")) == "page:2"
    assert to_query_string(Filter("column", "农村通讯")) == 'column:"农村通讯"'


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(["date:", "page:", "place:", "column:", "title:", "日期:", "版:"]),
    value=st.text(
        alphabet=st.sampled_from(list('0123456789-.:/ ~至年月"()南京Nanjing\x00\u3000')),
        max_size=25,
    ),
)
def test_a_field_filter_with_any_value_parses_and_renders_without_raising(prefix, value):
    node, _messages = parse_query(prefix + value)
    if node is not None:
        to_query_string(node)


def test_a_place_is_found_by_any_of_its_names(world, places):
    places["nanjing"].aliases = ["南京市", "Nanking"]
    places["nanjing"].save()
    commune = ["江苏农业生产合作社扩大人民公社化运动"]
    assert headlines(search("place:南京")) == commune
    assert headlines(search("place:nanjing")) == commune
    assert headlines(search("place:Nanking")) == commune
    assert headlines(search("place:南京市")) == commune


def test_a_province_filter_finds_its_cities_articles(world):
    assert headlines(search("place:江苏")) == ["江苏农业生产合作社扩大人民公社化运动"]


def test_a_place_filter_combines_with_words_and_not(world):
    assert headlines(search("同胞 place:上海")) == ["上海各界声援臺灣同胞"]
    assert search("人民 -place:上海").total == 2


def test_an_unknown_place_is_searched_as_a_word_and_said_so(world):
    outcome = search("place:鞍钢")
    assert headlines(outcome) == ["鞍钢炼钢工人创造新纪录"]
    assert any("鞍钢" in m for m in outcome.messages)


def test_page_column_and_date_filters_narrow_results(world):
    assert headlines(search("page:2")) == ["鞍钢炼钢工人创造新纪录"]
    assert headlines(search("column:农村通讯")) == ["江苏农业生产合作社扩大人民公社化运动"]
    assert headlines(search('column:"rural correspondence"')) == [
        "江苏农业生产合作社扩大人民公社化运动"
    ]
    assert sorted(headlines(search("人民 date:1956-12"))) == ["上海各界声援臺灣同胞", "人民公社好"]
    assert search("date:1957").total == 2


def test_highlight_terms_are_the_words_looked_for_not_the_excluded_ones():
    terms = highlight_terms('人民公社 "advanced producers" -Shanghai place:南京')
    assert terms.substrings == ("人民公社",)
    assert terms.stem_sequences == (("advanc", "produc"),)


def test_a_date_filter_can_be_open_at_either_end(world):
    assert parse_query("date:1957-01..")[0] == DateRange("195701", "")
    assert parse_query("date:..1956-12")[0] == DateRange("", "195612")
    assert parse_query("date:..")[0] is None
    assert search("date:1957-01..").total == 2
    assert sorted(headlines(search("date:..1956-12"))) == ["上海各界声援臺灣同胞", "人民公社好"]


def test_a_common_word_beside_or_is_left_out_without_calling_the_or_lone():
    node, messages = parse_query("the OR steel")
    assert node == Word("steel")
    assert messages == ["Very common words were left out: the"]
