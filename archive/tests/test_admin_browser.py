"""An editor adds articles through the admin in Chromium, finds them, corrects one, sees the
history."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from archive.models import Article
from conftest import load_gazetteer
from search import queue

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_login(transactional_db, django_user_model):
    load_gazetteer()
    user = django_user_model.objects.create_user(
        "archivist", password="a long pass phrase 1957", is_staff=True
    )
    user.groups.add(Group.objects.get(name="editors"))
    return "archivist", "a long pass phrase 1957"


def apply_index_queue() -> None:
    # The live server shares an in-memory test database, which a background drain thread
    # cannot write to, so the test applies the queued index changes itself.
    queue.drain(timeout=30)


def test_an_editor_imports_finds_edits_and_sees_the_history(
    live_server, editor_login, seeds_dir, browser_page, screenshot, axe, tmp_path
):
    page = browser_page
    username, password = editor_login
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + "/admin/archive/article/")
    page.get_by_role("link", name="Import articles").click()
    page.get_by_label("Paste one article").fill(
        (seeds_dir / "003_523bdd3c56f652b7.txt").read_text()
    )
    upload = tmp_path / "004_3491e7fc131256d1.txt"
    upload.write_bytes((seeds_dir / "004_3491e7fc131256d1.txt").read_bytes())
    page.get_by_label("Or upload files").set_input_files(str(upload))
    screenshot("admin-import-form")
    page.get_by_role("button", name="Preview").click()

    expect(page.locator(".import-item")).to_have_count(2)
    expect(page.locator(".import-item--new")).to_have_count(2)
    expect(page.get_by_text("本报重庆4日电", exact=True)).to_be_visible()
    assert Article.objects.count() == 0, "nothing is saved before the editor confirms"
    screenshot("admin-import-preview")
    page.get_by_role("button", name="Import the checked articles").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Import finished: imported 2, updated 0, unchanged 0, failed 0."
    )
    apply_index_queue()

    for query, headline in [
        ("树立标兵", "重庆钢铁公司和建设机床厂树立标兵带动全面"),
        ("pace-setters", "重庆钢铁公司和建设机床厂树立标兵带动全面"),
        ("矿山机器厂", "分别不同情况具体帮助落后工人赶上先进"),
    ]:
        page.goto(f"{live_server.url}/search/?q={query}")
        expect(page.locator(".search-result__headline").first).to_contain_text(headline)

    article = Article.objects.get(source_name="pasted.txt")
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.locator("#id_headline_en").fill("Chongqing Steel Sets Up Pace-Setters")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    apply_index_queue()
    page.goto(f"{live_server.url}/search/?q=Chongqing+Steel+Sets")
    expect(page.locator(".search-result__headline").first).to_contain_text(
        "Chongqing Steel Sets Up Pace-Setters"
    )

    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text(username)
    expect(page.locator("#change-history")).to_contain_text("Headline (English)")
    screenshot("admin-article-history")
    assert re.search(r"/history/$", page.url)
