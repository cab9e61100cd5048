"""The shared test world: the five sample articles, an editor and a reader."""

from pathlib import Path

import pytest

from archive.ingest import import_paths

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
SHARED_DIR = Path(__file__).resolve().parent.parent / "shared"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def seed_articles(db):
    """The five sample articles, imported and published, oldest first."""
    from archive.models import Article

    report = import_paths([SEEDS_DIR])
    assert report.failed == 0, report.errors
    return list(Article.objects.order_by("date"))


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="correct horse battery staple", is_staff=True
    )
