"""The advanced-search fields become one ordinary query, which the query parser reads back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from search.advanced import build_query
from search.query import AllOf, AnyOf, DateRange, Filter, Not, Word, parse_query


def test_every_field_becomes_part_of_one_query():
    query = build_query(
        all_words="钢铁 工人",
        exact_phrase="advanced producers",
        any_words="Anshan 鞍钢",
        none_words="上海",
        date_from="1956-03",
        date_to="1957-01",
        page="2",
        column="农村通讯",
    )
    assert query == (
        '钢铁 工人 "advanced producers" (Anshan OR 鞍钢) -上海 '
        'date:1956-03..1957-01 page:2 column:"农村通讯"'
    )


def test_the_built_query_means_what_the_fields_say():
    node, messages = parse_query(
        build_query(all_words="钢铁", any_words="Anshan 鞍钢", none_words="上海", page=2)
    )
    assert messages == []
    assert node == AllOf(
        (
            Word("钢铁"),
            AnyOf((Word("Anshan"), Word("鞍钢"))),
            Not(Word("上海")),
            Filter("page", "2"),
        )
    )


def test_title_only_puts_every_looked_for_word_in_the_title():
    query = build_query(all_words="鞍钢", exact_phrase="新纪录", any_words="a1 b2", title_only=True)
    assert query == 'title:鞍钢 title:"新纪录" (title:a1 OR title:b2)'
    excluded = build_query(all_words="钢", none_words="上海", title_only=True)
    assert excluded == "title:钢 -上海"


def test_empty_fields_give_an_empty_query():
    assert build_query() == ""
    assert build_query(all_words="  ", exact_phrase='""', page="", date_from="soon") == ""


def test_one_date_or_one_end_of_a_range():
    assert build_query(date_from="1957", date_to="1957") == "date:1957"
    assert build_query(date_from="1957-01-07") == "date:1957-01-07.."
    assert build_query(date_to="1956-12") == "date:..1956-12"
    assert parse_query("date:1957-01-07..")[0] == DateRange("19570107", "")


def test_syntax_typed_into_a_field_stays_text():
    query = build_query(
        all_words='steel) OR (iron "x', none_words="-Shanghai", any_words="place:南京"
    )
    node, _messages = parse_query(query)
    assert query == 'steel iron "place:南京" -Shanghai'
    assert Word("place:南京", phrase=True) in node.children


@given(
    st.fixed_dictionaries(
        {
            name: st.text(alphabet=st.sampled_from(list('钢铁ab -"():ORNT\u3000\x00')), max_size=15)
            for name in ("all_words", "exact_phrase", "any_words", "none_words", "column")
        }
    ),
    st.booleans(),
)
def test_any_field_values_build_a_query_the_parser_reads_without_a_syntax_complaint(
    fields, title_only
):
    query = build_query(title_only=title_only, **fields)
    _node, messages = parse_query(query)
    assert not [m for m in messages if "bracket" in m or "quotation" in m or "lone OR" in m]


def test_words_that_find_nothing_are_left_out():
    assert build_query(any_words="the steel a", all_words="。 ，") == "steel"
