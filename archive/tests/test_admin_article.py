import pytest
from django.contrib.auth.models import Group

from archive.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(seed_articles):
    return Article.objects.get(dateline_place_name="南京")


@pytest.fixture
def member_of_editors(editor):
    editor.groups.add(Group.objects.get(name="editors"))
    return editor


def test_the_list_shows_articles_and_searches_both_languages(admin_client, article):
    page = admin_client.get("/admin/archive/article/", {"q": "江苏各厂矿"}).content.decode()
    assert article.headline_zh in page and "1 result" in page
    page = admin_client.get("/admin/archive/article/", {"q": "Lixin Textile"}).content.decode()
    assert article.headline_zh in page and "1 result" in page


def test_the_edit_form_puts_chinese_beside_english(admin_client, article):
    page = admin_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert 'class="module aligned bilingual"' in page
    assert page.index('name="body_zh"') < page.index('name="body_en"')
    assert f"/articles/1957/01/07/{article.pk}/" in page or "View on site" in page


def test_an_edit_is_kept_in_the_history_with_its_author_and_can_be_reverted(
    admin_client, article, admin_user
):
    form = admin_client.get(f"/admin/archive/article/{article.pk}/change/").context["adminform"]
    data = {name: value for name, value in form.form.initial.items() if value is not None}
    data.update(
        headline_en="A corrected headline",
        date="1957-01-07",
        dateline_place="" if not article.dateline_place_id else article.dateline_place_id,
        **{
            "place_tags-TOTAL_FORMS": "0",
            "place_tags-INITIAL_FORMS": "0",
            "place_tags-MIN_NUM_FORMS": "0",
            "place_tags-MAX_NUM_FORMS": "1000",
        },
    )
    data.pop("id", None)
    response = admin_client.post(f"/admin/archive/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.headline_en == "A corrected headline"

    latest, imported = article.history.all()[:2]
    assert latest.history_user == admin_user
    assert imported.history_user is None  # the import
    history_page = admin_client.get(f"/admin/archive/article/{article.pk}/history/")
    records = list(history_page.context["page_obj"])
    assert [record.history_user for record in records[:2]] == [admin_user, None]
    assert "Headline (English)" in history_page.content.decode()  # what changed

    revert_url = f"/admin/archive/article/{article.pk}/history/{imported.history_id}/"
    form = admin_client.get(revert_url).context["adminform"].form
    assert form.initial["headline_en"].startswith("Advanced Drives Backward")


def test_the_editors_group_may_add_and_change_but_not_delete(client, member_of_editors, article):
    client.force_login(member_of_editors)
    assert client.get("/admin/archive/article/add/").status_code == 200
    assert client.get(f"/admin/archive/article/{article.pk}/change/").status_code == 200
    assert client.get(f"/admin/archive/article/{article.pk}/delete/").status_code == 403
    assert client.get("/admin/archive/article/import/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_readers_cannot_reach_the_admin(client, article):
    response = client.get(f"/admin/archive/article/{article.pk}/change/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
