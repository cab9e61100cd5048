"""'Did you mean …?' from the index's own English terms."""

from __future__ import annotations

import pytest

from search.spelling import correct_word, suggest
from search.tests.conftest import search_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(world):
    return search_backend().searcher().reader()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("prodcers", "producers"), ("Anshen", "Anshan"), ("stell", "steel"), ("recrod", "record")],
)
def test_a_word_one_edit_from_a_known_word_is_corrected(reader, typed, expected):
    assert correct_word(typed, reader) == expected


def test_known_short_or_unfixable_words_are_left_alone(reader):
    assert correct_word("steel", reader) is None
    assert correct_word("producer", reader) is None  # known through its stem
    assert correct_word("xq", reader) is None
    assert correct_word("zzzzzzzz", reader) is None


def test_a_query_is_suggested_with_only_its_unknown_words_replaced(world):
    assert (
        suggest('prodcers "Anshen steel" -Shanghai 人民')
        == 'producers "Anshan steel" -Shanghai 人民'
    )
    assert suggest("steel 人民") is None
    assert suggest("") is None


def test_a_changed_letter_is_preferred_to_a_bare_stem(db, empty_index):
    from search.tests.conftest import index_articles, make_article

    index_articles([make_article(body_en="Agriculture and agricultural cooperatives.")])
    reader = search_backend().searcher().reader()
    assert correct_word("agriculturl", reader) == "agriculture"
