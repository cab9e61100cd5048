from pathlib import Path

import pytest

from archive.parser import parse_article_text
from bench import make_corpus


@pytest.fixture(scope="module")
def sources():
    return make_corpus.load_sources()


def test_every_generated_article_parses_with_realistic_lengths(sources):
    articles = list(make_corpus.article_texts(40, seed=7, sources=sources))
    assert len(articles) == 40
    for name, text in articles:
        parsed = parse_article_text(text, name)
        assert 1956 <= parsed.date.year <= 1959
        assert 1 <= parsed.page <= 8
        assert 600 <= sum(map(len, parsed.body_zh)) <= 3000 + 2000
        assert 300 <= sum(len(p.split()) for p in parsed.body_en) <= 1500 + 300
        assert name.startswith(parsed.date.strftime("%Y-%m/"))


def test_the_same_seed_gives_the_same_corpus(sources):
    first = list(make_corpus.article_texts(10, seed=3, sources=sources))
    assert first == list(make_corpus.article_texts(10, seed=3, sources=sources))
    assert first != list(make_corpus.article_texts(10, seed=4, sources=sources))


def test_it_writes_a_folder_or_a_zip(tmp_path: Path):
    assert make_corpus.write_corpus(5, 1, tmp_path / "folder") == 5
    assert len(list((tmp_path / "folder").rglob("*.txt"))) == 5
    assert make_corpus.write_corpus(5, 1, tmp_path / "c.zip", as_zip=True) == 5
    assert (tmp_path / "c.zip").stat().st_size > 0
