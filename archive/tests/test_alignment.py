from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.alignment import align_paragraphs
from archive.parser import parse_article_bytes

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def sample(path: Path):
    return parse_article_bytes(path.read_bytes(), path.name, 2 * 1024 * 1024)


def split_in_two(paragraph: str) -> list[str]:
    middle = paragraph.index(". ", len(paragraph) // 3) + 1
    return [paragraph[:middle].strip(), paragraph[middle:].strip()]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_paragraphs_of_each_sample_pair_one_to_one(path):
    article = sample(path)
    pairs = align_paragraphs(article.body_zh, article.body_en)
    assert [(len(p.zh), len(p.en)) for p in pairs] == [(1, 1)] * len(article.body_zh)
    assert [p.zh[0] for p in pairs] == article.body_zh
    assert [p.en[0] for p in pairs] == article.body_en


def test_a_translation_split_in_two_pairs_with_its_original():
    article = sample(SEEDS[1])  # five paragraphs; the third is long
    english = article.body_en[:2] + split_in_two(article.body_en[2]) + article.body_en[3:]
    pairs = align_paragraphs(article.body_zh, english)
    assert [(len(p.zh), len(p.en)) for p in pairs] == [(1, 1), (1, 1), (1, 2), (1, 1), (1, 1)]


def test_two_originals_joined_in_one_translation_pair_together():
    article = sample(SEEDS[0])
    english = [*article.body_en[:1], " ".join(article.body_en[1:3]), *article.body_en[3:]]
    pairs = align_paragraphs(article.body_zh, english)
    assert [(len(p.zh), len(p.en)) for p in pairs] == [(1, 1), (2, 1), (1, 1), (1, 1)]


def test_an_untranslated_paragraph_stands_alone():
    article = sample(SEEDS[1])
    english = article.body_en[:2] + article.body_en[3:]  # the long third one is missing
    pairs = align_paragraphs(article.body_zh, english)
    shapes = [(len(p.zh), len(p.en)) for p in pairs]
    assert sum(z for z, _ in shapes) == 5 and sum(e for _, e in shapes) == 4
    assert pairs[0].en == [article.body_en[0]] and pairs[-1].en == [article.body_en[-1]]


def test_one_side_empty_gives_one_pair_holding_the_other():
    assert [(p.zh, p.en) for p in align_paragraphs(["甲", "乙"], [])] == [(["甲", "乙"], [])]
    assert align_paragraphs([], []) == []


paragraphs = st.lists(st.text(min_size=1, max_size=300), max_size=12)


@given(paragraphs, paragraphs)
def test_no_paragraph_is_ever_lost_or_reordered(zh, en):
    pairs = align_paragraphs(zh, en)
    assert [text for pair in pairs for text in pair.zh] == zh
    assert [text for pair in pairs for text in pair.en] == en
    assert all(pair.zh or pair.en for pair in pairs)
