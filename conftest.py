"""The shared test world: the five sample articles, an editor and a reader."""

import functools
import json
from pathlib import Path

import pytest

from archive.ingest import import_paths

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
SHARED_DIR = Path(__file__).resolve().parent.parent / "shared"


@functools.cache
def _gazetteer_rows() -> list[dict]:
    """The gazetteer fixture, parents before children so rows can be inserted in order."""
    rows = json.loads((SEEDS_DIR.parent / "fixtures" / "places.json").read_text())
    parents = {row["pk"]: row["fields"]["parent"] for row in rows}

    def depth(pk):
        return 0 if parents[pk] is None else 1 + depth(parents[pk])

    return sorted(rows, key=lambda row: (depth(row["pk"]), row["pk"]))


def load_gazetteer() -> None:
    """The whole gazetteer, in a fraction of loaddata's time (bulk inserts)."""
    from archive.models import Place

    Place.objects.bulk_create(
        [Place(pk=row["pk"], **_fields(row["fields"])) for row in _gazetteer_rows()],
        batch_size=500,
    )


def _fields(fields: dict) -> dict:
    return {("parent_id" if name == "parent" else name): value for name, value in fields.items()}


@pytest.fixture
def gazetteer(db):
    load_gazetteer()


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def seed_articles(db, gazetteer):
    """The five sample articles, imported and published and tagged, oldest first."""
    from archive.models import Article

    report = import_paths([SEEDS_DIR])
    assert report.failed == 0, report.errors
    return list(Article.objects.order_by("date"))


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="correct horse battery staple", is_staff=True
    )


ARTIFACTS_DIR = Path(__file__).resolve().parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (make test installs it)."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the
    # tests make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(browser_page):
    """Save a full-page screenshot under test-artifacts/ and return its path."""

    def take(name: str, page=None) -> Path:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        path = ARTIFACTS_DIR / f"{name}.png"
        (page or browser_page).screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_seed_articles(transactional_db):
    """The samples, committed so that the live server's thread sees them."""
    from archive.models import Article

    load_gazetteer()
    report = import_paths([SEEDS_DIR])
    assert report.failed == 0, report.errors
    return list(Article.objects.order_by("date"))


@pytest.fixture(scope="session")
def axe():
    """Runs axe-core in a page; returns the serious and critical violations, readable."""
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def serious_violations(page) -> list[str]:
        results = engine.run(page)
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    return serious_violations
