import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Article

pytestmark = pytest.mark.django_db
URL = "/admin/archive/article/import/"


@pytest.fixture
def seed_text(seeds_dir):
    return (seeds_dir / "000_ff6603dbfecc9f8b.txt").read_text()


@pytest.fixture
def bad_text(seed_text):
    return seed_text.replace("Date: 1957-01-07", "Date: 1957-02-30")


def zip_upload(name: str, entries: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, text in entries.items():
            archive.writestr(entry, text.encode("utf-8"))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def preview(client, **data):
    response = client.post(URL, data)
    assert response.status_code == 200
    return response


def confirm(client, response, **extra):
    token = response.context["token"]
    keys = [str(item.index) for item in response.context["items"] if item.importable]
    return client.post(URL, {"token": token, "import": keys, **extra}, follow=True)


def test_pasting_an_article_shows_a_preview_and_saves_nothing(admin_client, seed_text, gazetteer):
    response = preview(admin_client, pasted=seed_text, pasted_name="new.txt")
    page = response.content.decode()
    assert "先进带动落后落后赶上先进成为风气" in page
    assert "新华社南京6日电" in page
    assert "new article" in page
    item = response.context["items"][0]
    assert item.dateline_place.name_en == "Nanjing"
    assert {place.name_en for place in item.places} >= {"Jiangsu", "Nanjing", "Wuxi"}
    assert Article.objects.count() == 0


def test_confirming_imports_the_checked_articles(admin_client, seed_text):
    response = confirm(admin_client, preview(admin_client, pasted=seed_text), publish="on")
    assert "Import finished: imported 1, updated 0, unchanged 0, failed 0." in (
        response.content.decode()
    )
    article = Article.objects.get()
    assert (article.source_name, article.published) == ("pasted.txt", True)


def test_unchecked_publish_saves_drafts(admin_client, seed_text):
    confirm(admin_client, preview(admin_client, pasted=seed_text))
    assert not Article.objects.get().published


def test_a_zip_with_a_bad_file_reports_it_and_the_rest_can_proceed(
    admin_client, seed_text, bad_text
):
    upload = zip_upload("batch.zip", {"good.txt": seed_text, "bad.txt": bad_text})
    response = preview(admin_client, files=[upload])
    page = response.content.decode()
    assert "batch.zip/bad.txt:3: the date &#x27;1957-02-30&#x27; does not exist" in page
    assert "cannot be imported" in page
    assert response.context["importable_count"] == 1
    confirm(admin_client, response, publish="on")
    assert list(Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


def test_unsafe_names_in_a_zip_are_refused(admin_client, seed_text):
    upload = zip_upload("evil.zip", {"../../x.txt": seed_text})
    page = preview(admin_client, files=[upload]).content.decode()
    assert "evil.zip/../../x.txt: unsafe file name in the archive; refused" in page
    assert "Nothing here can be imported." in page


def test_binary_and_oversized_uploads_are_refused_with_reasons(admin_client, settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 1000
    binary = SimpleUploadedFile("scan.txt", b"\x89PNG\x00\x00" * 10)
    big = SimpleUploadedFile("big.txt", b"x" * 2000)
    page = preview(admin_client, files=[binary, big]).content.decode()
    assert "scan.txt:1: this is a binary file, not an article text file" in page
    assert "big.txt: is 0.0 MB, larger than the 0.0 MB an article file may be" in page
    assert Article.objects.count() == 0


def test_an_article_already_imported_is_shown_as_unchanged(admin_client, seed_articles, seeds_dir):
    upload = SimpleUploadedFile(
        "000_ff6603dbfecc9f8b.txt", (seeds_dir / "000_ff6603dbfecc9f8b.txt").read_bytes()
    )
    response = preview(admin_client, files=[upload])
    assert "already in the archive, unchanged" in response.content.decode()
    assert response.context["importable_count"] == 0


def test_a_changed_file_is_shown_as_an_update(admin_client, seed_articles, seed_text):
    upload = SimpleUploadedFile(
        "000_ff6603dbfecc9f8b.txt", seed_text.replace("Last Year", "in 1956").encode()
    )
    response = preview(admin_client, files=[upload])
    assert "updates" in response.content.decode()
    confirm(admin_client, response, publish="on")
    assert Article.objects.get(source_name="000_ff6603dbfecc9f8b.txt").subtitle_en.endswith(
        "in 1956"
    )


def test_an_empty_form_asks_for_something(admin_client):
    page = admin_client.post(URL, {}).content.decode()
    assert "Paste an article or choose files to upload." in page


def test_a_token_from_another_session_is_refused(
    admin_client, client, seed_text, django_user_model
):
    response = preview(admin_client, pasted=seed_text)
    other = django_user_model.objects.create_superuser("other", password="pw")
    client.force_login(other)
    page = client.post(
        URL, {"token": response.context["token"], "import": ["0"]}, follow=True
    ).content.decode()
    assert "This preview has expired; upload the articles again." in page
    assert Article.objects.count() == 0


def test_readers_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_add_permission_are_refused(client, editor):
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    editor.user_permissions.add(Permission.objects.get(codename="add_article"))
    assert client.get(URL).status_code == 200


def test_the_changelist_links_to_the_import_page(admin_client):
    assert f'href="{URL}"' in admin_client.get("/admin/archive/article/").content.decode()


def test_an_edited_article_is_not_overwritten_unless_the_editor_checks_it(
    admin_client, seed_articles, seed_text
):
    article = Article.objects.get(source_name="000_ff6603dbfecc9f8b.txt")
    article.body_en = article.body_en.replace("Jiangsu", "Kiangsu")
    article.save()
    upload = SimpleUploadedFile(
        "000_ff6603dbfecc9f8b.txt", seed_text.replace("Last Year", "in 1956").encode()
    )
    response = preview(admin_client, files=[upload])
    page = response.content.decode()
    assert "was edited in the admin since it was imported (body_en)" in page
    assert 'name="import" value="0" checked' not in page
    admin_client.post(URL, {"token": response.context["token"]}, follow=True)
    article.refresh_from_db()
    assert "Kiangsu" in article.body_en
