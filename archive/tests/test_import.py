import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article, Place

pytestmark = pytest.mark.django_db


def run_import(*paths, **options) -> tuple[str, str, int]:
    """Run import_articles and return its standard output, error output and exit status."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
        status = 0
    except CommandError as error:
        err.write(str(error))
        status = error.returncode
    return out.getvalue(), err.getvalue(), status


@pytest.fixture
def seed_copy(tmp_path, seeds_dir):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    return folder


def test_it_imports_all_five_samples(seeds_dir):
    out, err, status = run_import(seeds_dir)
    assert out.strip() == "imported 5, updated 0, unchanged 0, failed 0"
    assert (err, status) == ("", 0)
    assert Article.objects.count() == 5
    article = Article.objects.get(headline_zh="先进带动落后落后赶上先进成为风气")
    assert article.subtitle_zh == "江苏各厂矿去年出现十一万多名先进生产者"
    assert article.body_en.startswith("Xinhua News Agency, Nanjing, January 6th:")
    assert len(article.paragraphs_zh) == len(article.paragraphs_en) == 5
    assert (article.agency, article.dateline_place_name) == ("新华社", "南京")
    assert article.source_name == "000_ff6603dbfecc9f8b.txt"
    assert article.raw_text == (seeds_dir / "000_ff6603dbfecc9f8b.txt").read_text()
    assert article.published


def test_importing_again_changes_nothing(seeds_dir):
    run_import(seeds_dir)
    before = list(Article.objects.values_list("id", "updated"))
    out, _, status = run_import(seeds_dir)
    assert out.strip() == "imported 0, updated 0, unchanged 5, failed 0"
    assert status == 0
    assert list(Article.objects.values_list("id", "updated")) == before


def test_a_changed_file_updates_its_article(seed_copy):
    run_import(seed_copy)
    path = seed_copy / "002_bd7dfda54798713b.txt"
    article = Article.objects.get(source_name=path.name)
    path.write_text(path.read_text().replace("Gather to Exchange", "Meet to Exchange"))
    out, _, _ = run_import(seed_copy)
    assert out.strip() == "imported 0, updated 1, unchanged 4, failed 0"
    article.refresh_from_db()
    assert article.headline_en == "Industrial Advanced Producers Meet to Exchange Experiences"
    assert "Meet to Exchange" in article.raw_text
    assert Article.objects.count() == 5


def test_the_same_text_under_another_name_is_the_same_article(seed_copy, tmp_path):
    run_import(seed_copy)
    copy = tmp_path / "renamed.txt"
    shutil.copy(seed_copy / "000_ff6603dbfecc9f8b.txt", copy)
    out, _, _ = run_import(copy)
    assert out.strip() == "imported 0, updated 0, unchanged 1, failed 0"


def test_a_failed_file_is_named_with_its_line_and_the_rest_still_import(seed_copy):
    bad = seed_copy / "bad.txt"
    bad.write_text(
        (seed_copy / "002_bd7dfda54798713b.txt").read_text().replace("1956-03-13", "1956-02-30")
    )
    out, err, status = run_import(seed_copy)
    assert out.strip() == "imported 5, updated 0, unchanged 0, failed 1"
    assert f"{bad}:3: the date '1956-02-30' does not exist" in err
    assert "1 file(s) failed and were not imported" in err
    assert status == 1
    assert Article.objects.count() == 5


def test_a_broken_new_version_leaves_the_stored_article_as_it_was(seed_copy):
    run_import(seed_copy)
    path = seed_copy / "003_523bdd3c56f652b7.txt"
    before = Article.objects.get(source_name=path.name)
    path.write_text(path.read_text().replace("<hr />", ""))
    out, err, status = run_import(path)
    assert (out.strip(), status) == ("imported 0, updated 0, unchanged 0, failed 1", 1)
    assert "no <hr /> line" in err
    after = Article.objects.get(source_name=path.name)
    assert (after.raw_text, after.updated) == (before.raw_text, before.updated)


def test_a_field_too_long_for_the_database_is_refused_whole(tmp_path, seeds_dir):
    text = (seeds_dir / "002_bd7dfda54798713b.txt").read_text()
    path = tmp_path / "long.txt"
    path.write_text(text.replace("### 工业先进生产者集会交流经验", "### " + "长" * 600))
    _, err, status = run_import(path)
    assert status == 1
    assert f"{path}: headline_zh: Ensure this value has at most 500 characters" in err
    assert Article.objects.count() == 0


def test_a_missing_path_is_reported_not_fatal(seeds_dir, tmp_path):
    out, err, status = run_import(tmp_path / "nowhere", seeds_dir)
    assert out.strip() == "imported 5, updated 0, unchanged 0, failed 1"
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in err
    assert status == 1


def test_a_huge_file_is_refused_without_being_read(tmp_path, settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 1024 * 1024
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    _, err, status = run_import(path)
    assert status == 1
    assert "the file is 50.0 MB, larger than the 1.0 MB an article may be" in err


def test_folders_are_searched_recursively_for_text_files_only(tmp_path, seeds_dir):
    nested = tmp_path / "1957" / "01"
    nested.mkdir(parents=True)
    shutil.copy(seeds_dir / "000_ff6603dbfecc9f8b.txt", nested)
    (nested / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    out, _, status = run_import(tmp_path)
    assert (out.strip(), status) == ("imported 1, updated 0, unchanged 0, failed 0", 0)


def test_unpublished_imports_are_drafts(seeds_dir):
    run_import(seeds_dir, unpublished=True)
    assert not Article.objects.filter(published=True).exists()


def test_a_crlf_copy_with_a_bom_is_the_same_article(seed_copy, tmp_path):
    run_import(seed_copy)
    source = seed_copy / "004_3491e7fc131256d1.txt"
    windows = tmp_path / "windows.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n"))
    out, _, _ = run_import(windows)
    assert out.strip() == "imported 0, updated 0, unchanged 1, failed 0"


def test_the_dateline_place_is_linked_when_the_gazetteer_knows_it(seeds_dir):
    jiangsu = Place.objects.create(name_zh="江苏", name_en="Jiangsu", kind=Place.Kind.PROVINCE)
    nanjing = Place.objects.create(
        name_zh="南京", name_en="Nanjing", kind=Place.Kind.CITY, parent=jiangsu
    )
    run_import(seeds_dir)
    article = Article.objects.get(dateline_place_name="南京")
    assert article.dateline_place == nanjing
    assert nanjing in article.places.all()


def test_a_progress_bar_can_be_forced(seeds_dir, capsys):
    run_import(seeds_dir, progress=True)
    assert "5/5" in capsys.readouterr().err


def test_a_reimport_leaves_an_editors_changes_alone_and_says_so(seed_copy):
    run_import(seed_copy)
    path = seed_copy / "002_bd7dfda54798713b.txt"
    article = Article.objects.get(source_name=path.name)
    article.headline_en = "Corrected by an editor"
    article.save()
    path.write_text(path.read_text().replace("Gather to Exchange", "Meet to Exchange"))
    out, err, status = run_import(path)
    assert (out.strip(), status) == ("imported 0, updated 0, unchanged 0, failed 1", 1)
    assert (
        f"article {article.pk} was edited in the admin since it was imported (headline_en)" in err
    )
    article.refresh_from_db()
    assert article.headline_en == "Corrected by an editor"
    out, _, status = run_import(path, overwrite_edits=True)
    assert (out.strip(), status) == ("imported 0, updated 1, unchanged 0, failed 0", 0)
    article.refresh_from_db()
    assert article.headline_en == "Industrial Advanced Producers Meet to Exchange Experiences"
