"""The analyzers: folding, offsets into the original text, words, grams."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import (
    GramAnalyzer,
    WordAnalyzer,
    analyze,
    fold,
    fold_text,
    gram_runs,
)

words = WordAnalyzer()
grams = GramAnalyzer()


def spans(analyzer, text, mode="index"):
    return [
        (t.text, t.pos, text[t.startchar : t.endchar])
        for t in analyzer(text, positions=True, chars=True, mode=mode)
    ]


# --- Folding -------------------------------------------------------------------------------


def test_traditional_and_simplified_characters_fold_alike():
    assert fold_text("臺灣同胞") == fold_text("台湾同胞") == "台湾同胞"


def test_full_width_letters_and_digits_fold_to_ascii():
    assert fold_text("ＵＳＡ　１９５７") == "usa 1957"


def test_accents_are_folded_away():
    assert fold_text("Café Müller") == "cafe muller"


def test_the_circle_used_as_zero_in_dates_becomes_the_chinese_zero():
    assert fold_text("一九五○年") == "一九五〇年"


def test_folding_maps_each_folded_character_back_to_its_original_one():
    folded, origin = fold("ﬁ臺")  # the ligature becomes two letters
    assert folded == "fi台"
    assert origin == [0, 0, 1, 2]


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_folding_a_substring_gives_a_substring_of_the_folded_text(text):
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 5) + 1):
            assert fold_text(text[start:end]) in fold_text(text)


# --- Words ---------------------------------------------------------------------------------


def test_jieba_segments_chinese_in_search_mode_with_words_inside_words():
    tokens = analyze(words, "人民日报社论")
    assert "人民日报社" in tokens
    assert {"人民", "日报", "报社"} <= set(tokens)


def test_words_inside_a_word_share_its_position_so_phrases_work():
    positions = {text: pos for text, pos, _ in spans(words, "人民日报社论")}
    assert positions["人民"] == positions["日报"] == positions["人民日报社"]
    assert positions["论"] == positions["人民日报社"] + 1


def test_query_mode_gives_one_word_per_position():
    assert analyze(words, "人民日报社论", mode="query") == ["人民日报社", "论"]


def test_chinese_word_offsets_point_into_the_original_text():
    text = "ＴＨＥ臺灣同胞，人民日報"
    tokens = spans(words, text)
    assert ("台湾同胞", 0, "臺灣同胞") in tokens
    for token, _, original in tokens:
        assert fold_text(original) == token


def test_english_is_lowercased_stemmed_and_stopped():
    assert analyze(words, "The Producers of Production") == ["produc", "product"]
    assert analyze(words, "producer") == analyze(words, "producers")


def test_digits_are_kept_even_alone():
    assert analyze(words, "Page 1 of 1957") == ["page", "1", "1957"]


def test_mixed_text_sends_each_run_to_its_language():
    assert analyze(words, "新华社Nanjing电讯") == ["新华社", "新华", "nanj", "电讯"]


def test_english_offsets_survive_full_width_text():
    assert spans(words, "ＳＴＥＥＬ works") == [("steel", 0, "ＳＴＥＥＬ"), ("work", 1, "works")]


def test_the_analyzer_can_be_pickled_into_the_index_schema():
    import pickle

    assert pickle.loads(pickle.dumps(words)) == words
    assert pickle.loads(pickle.dumps(grams)) == grams


# --- Grams ---------------------------------------------------------------------------------


def test_grams_index_each_character_and_each_pair():
    assert spans(grams, "人民日") == [
        ("人", 0, "人"),
        ("人民", 0, "人民"),
        ("民", 1, "民"),
        ("民日", 1, "民日"),
        ("日", 2, "日"),
    ]


def test_grams_do_not_bridge_punctuation():
    tokens = analyze(grams, "人民，日报")
    assert "民日" not in tokens
    positions = {text: pos for text, pos, _ in spans(grams, "人民，日报")}
    assert positions["日报"] > positions["人民"] + 1


def test_query_grams_are_consecutive_bigrams():
    assert spans(grams, "人民公社", mode="query") == [
        ("人民", 0, "人民"),
        ("民公", 1, "民公"),
        ("公社", 2, "公社"),
    ]


def test_a_single_character_query_is_its_unigram():
    assert analyze(grams, "社", mode="query") == ["社"]


def test_gram_offsets_point_into_the_original_traditional_text():
    assert ("台湾", 0, "臺灣") in spans(grams, "臺灣")


def test_gram_runs_split_on_anything_but_letters_digits_and_chinese():
    assert gram_runs("人民-日报 1957年") == ["人民", "日报", "1957年"]


@pytest.mark.parametrize("text", ["", " ", "，。！", "\n\n"])
def test_empty_or_punctuation_only_text_gives_no_tokens(text):
    assert analyze(words, text) == []
    assert analyze(grams, text) == []
