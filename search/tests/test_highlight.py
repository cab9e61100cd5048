"""Marking query words in text, the way the index matches them, and choosing snippets."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from search.highlight import (
    ELLIPSIS,
    SNIPPET_CHARS,
    SNIPPET_WORDS,
    Terms,
    find_matches,
    highlight,
    snippet,
)


def terms(*words: str) -> Terms:
    return Terms.from_words(words)


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


# --- Highlighting --------------------------------------------------------------------------


def test_a_chinese_word_is_marked_where_it_occurs():
    html = highlight("江苏省先进生产者运动，先进生产者光荣。", terms("先进生产者"))
    assert html == "江苏省<mark>先进生产者</mark>运动，<mark>先进生产者</mark>光荣。"


def test_chinese_is_found_across_word_boundaries_as_the_gram_search_finds_it():
    assert marked(highlight("人民公社化运动", terms("社化运"))) == ["社化运"]


def test_the_text_is_escaped_and_only_our_marks_are_tags():
    html = highlight("<b>钢铁</b> & steel", terms("钢铁", "steel"))
    assert html == "&lt;b&gt;<mark>钢铁</mark>&lt;/b&gt; &amp; <mark>steel</mark>"


def test_a_script_in_the_article_text_shows_as_text():
    html = highlight('<script>alert("人民")</script>', terms("人民"))
    assert "<script>" not in html
    assert html == "&lt;script&gt;alert(&quot;<mark>人民</mark>&quot;)&lt;/script&gt;"


def test_a_query_word_that_looks_like_html_is_matched_as_text_and_escaped():
    assert highlight("a <mark> tag", terms("<mark>")) == "a &lt;<mark>mark</mark>&gt; tag"


def test_overlapping_matches_become_one_mark_around_the_longest_stretch():
    html = highlight("人民公社化运动", terms("人民", "人民公社", "公社化"))
    assert html == "<mark>人民公社化</mark>运动"


def test_a_shorter_word_inside_a_longer_match_does_not_nest_marks():
    html = highlight("人民日报社论", terms("日报", "人民日报"))
    assert html == "<mark>人民日报</mark>社论"


def test_a_traditional_query_marks_simplified_text_and_back():
    assert marked(highlight("上海各界声援台湾同胞", terms("臺灣"))) == ["台湾"]
    assert marked(highlight("上海各界声援臺灣同胞", terms("台湾"))) == ["臺灣"]


def test_full_width_letters_and_digits_are_matched_and_kept_as_printed():
    html = highlight("ＵＳＡ代表团，１９５７年", terms("usa", "1957年"))
    assert marked(html) == ["ＵＳＡ", "１９５７年"]


def test_english_words_are_matched_by_their_stems():
    html = highlight("Each producer and the Producers' meeting", terms("producers"))
    assert marked(html) == ["producer", "Producers"]


def test_english_stems_do_not_match_a_different_word():
    assert marked(highlight("production of producers", terms("producer"))) == ["producers"]


def test_an_english_phrase_is_marked_only_in_sequence():
    html = highlight(
        "advanced producers; producers advanced", Terms.from_words(["advanced producers"])
    )
    assert marked(html) == ["advanced producers"]


def test_english_words_inside_chinese_text_are_found():
    assert marked(highlight("苏联Moscow代表团", terms("moscow"))) == ["Moscow"]


def test_without_terms_the_text_is_only_escaped():
    assert highlight("a < b", Terms()) == "a &lt; b"
    assert highlight("", terms("x")) == ""


def test_a_match_never_splits_a_character_outside_the_basic_plane():
    # 𠀋 is one character (U+2000B); folded, it is still one, and a mark keeps it whole.
    html = highlight("甲𠀋乙", terms("𠀋乙"))
    assert html == "甲<mark>𠀋乙</mark>"
    html.encode("utf-8")  # no lone surrogate


def test_a_combining_mark_or_variation_selector_stays_with_its_base():
    assert marked(highlight("Cafe\u0301 society", terms("cafe"))) == ["Cafe\u0301"]
    assert marked(highlight("葛\U000e0100藤", terms("葛"))) == ["葛\U000e0100"]


def test_a_character_that_folds_to_several_is_marked_whole():
    # ㍻ folds to 平成: a match of its second half still marks the whole character.
    assert marked(highlight("㍻元年", terms("成元"))) == ["㍻元"]


@given(st.text(max_size=60), st.text(max_size=8))
def test_any_text_and_word_give_marks_on_whole_characters_that_unescape_to_the_text(text, word):
    import html as html_module

    spans = find_matches(text, terms(word))
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    rendered = highlight(text, terms(word))
    assert html_module.unescape(rendered.replace("<mark>", "").replace("</mark>", "")) == text
    assert "<" not in rendered.replace("<mark>", "").replace("</mark>", "")


# --- Snippets ------------------------------------------------------------------------------

LONG_ZH = (
    "新华社南京6日电　江苏省工业企业在一九五六年涌现出十一万多名先进工作者。"
    + "各地工厂开展社会主义竞赛，职工们订立了保证完成国家计划的竞赛条件。" * 6
    + "无锡市丽新纺织厂签订技术互助合同的工人中，有百分之八十提高了技术，成为先进生产者。"
    + "技术互助活动已经由工人之间发展到企业之间。" * 6
)
LONG_EN = (
    "Xinhua News Agency, Nanjing, January 6th: many workers joined the competition. "
    + "Factories and mines signed contracts to finish the state plan on time. " * 8
    + "In Wuxi, eighty percent of the workers became advanced producers this year. "
    + "Technical mutual assistance spread from workers to whole enterprises. " * 8
)


def test_a_chinese_snippet_is_a_window_around_the_match_with_ellipses():
    html = snippet(LONG_ZH, terms("先进生产者"), language="zh")
    assert marked(html) == ["先进生产者"]
    assert html.startswith(ELLIPSIS) and html.endswith(ELLIPSIS)
    text = html.replace("<mark>", "").replace("</mark>", "").strip(ELLIPSIS)
    assert len(text) <= SNIPPET_CHARS + 5


def test_a_chinese_snippet_starts_at_a_sentence_when_it_can():
    html = snippet(LONG_ZH, terms("先进生产者"), language="zh")
    assert html.startswith(ELLIPSIS + "无锡市")


def test_an_english_snippet_is_about_forty_words_around_the_match():
    html = snippet(LONG_EN, terms("producer"), language="en")
    assert marked(html) == ["producers"]
    words = html.strip(ELLIPSIS).split()
    assert len(words) <= SNIPPET_WORDS
    assert html.startswith(ELLIPSIS + "In Wuxi")


def test_a_snippet_prefers_the_densest_cluster_of_matches():
    text = "钢铁" + "农业生产合作社" * 40 + "钢铁工人炼钢铁" + "农业生产合作社" * 40
    html = snippet(text, terms("钢铁"), language="zh")
    assert marked(html) == ["钢铁", "钢铁"]


def test_without_a_match_a_snippet_is_the_opening_of_the_text():
    html = snippet(LONG_EN, terms("zebra"), language="en")
    assert html.startswith("Xinhua News Agency")
    assert html.endswith(ELLIPSIS)
    assert "<mark>" not in html


def test_a_short_text_is_shown_whole_without_ellipses():
    assert snippet("钢铁  工人\n\n创造", terms("工人")) == "钢铁 <mark>工人</mark> 创造"


def test_a_snippet_escapes_the_text():
    html = snippet("<script>x</script> " * 30 + "steel", terms("steel"), language="en")
    assert "<script>" not in html
    assert marked(html) == ["steel"]


def test_an_empty_text_gives_an_empty_snippet():
    assert snippet("", terms("x")) == ""


def test_matches_one_space_apart_read_as_one_mark():
    html = highlight(
        "the advanced producer movement, advanced and producer", terms("advanced", "producers")
    )
    assert marked(html) == ["advanced producer", "advanced", "producer"]


def test_a_snippet_never_starts_or_ends_with_a_space():
    text = "甲。" + "乙" * 200 + "。 先进生产者" + "丙" * 200
    html = snippet(text, terms("先进生产者"), language="zh")
    assert html.startswith(ELLIPSIS + "<mark>")


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=127), st.sampled_from(list("‘’“”–—―«»•·…\u00a0"))
        ),
        max_size=80,
    )
)
def test_the_fast_path_reads_plain_english_exactly_as_the_word_analyzer_does(text):
    from search.analysis import WordAnalyzer
    from search.highlight import _ascii_tokens

    expected = [
        (t.text, t.startchar, t.endchar) for t in WordAnalyzer()(text, chars=True, mode="query")
    ]
    assert list(_ascii_tokens(text, 0)) == expected


def test_english_words_among_chinese_punctuation_and_full_width_letters_are_found():
    text = "新华社讯：（ＵＳＡ）Steel，“steel”——℃。"
    assert marked(highlight(text, terms("usa", "steel"))) == ["ＵＳＡ", "Steel", "steel"]
