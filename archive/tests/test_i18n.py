"""The interface in Simplified Chinese: the pages speak it when asked, and the catalog is whole."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from search.tests.conftest import index_articles, search_backend

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
# %(name)s and %(count)d for gettext, {name} for format_lazy.
PLACEHOLDER_RE = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
TAG_RE = re.compile(r"<[^>]+>")


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request leaves its language active in the thread; later tests expect the default."""
    yield
    translation.deactivate()


@pytest.fixture
def indexed_seeds(seed_articles):
    backend = search_backend()
    backend.clear()
    index_articles()
    yield seed_articles
    backend.clear()


def get_page(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_home_page_speaks_chinese_when_the_browser_asks_for_it(client, seed_articles):
    html = get_page(client, reverse("archive:home"), **CHINESE)
    assert '<html lang="zh-hans">' in html
    for text in ["搜索", "浏览", "按日期", "按专栏", "最新收录", "中英双语数据库", "第2版"]:
        assert text in html, text
    assert "1956年3月13日至1959年6月5日" in html
    assert 'placeholder="例如：先进生产者、钢铁、&quot;five-year plan&quot;"' in html
    assert "Recently added" not in html and "By date" not in html


@pytest.mark.django_db
def test_the_language_menu_names_each_language_in_itself(client, seed_articles):
    for headers in ({}, CHINESE):
        html = get_page(client, reverse("archive:home"), **headers)
        options = re.findall(r"<option [^>]*>([^<]*)</option>", html)
        assert options == ["English", "简体中文"]


@pytest.mark.django_db
def test_the_reading_view_speaks_chinese(client, seed_articles):
    article = next(a for a in seed_articles if a.dateline_place_name == "南京")
    html = get_page(client, article.get_absolute_url(), **CHINESE)
    assert '<html lang="zh-hans">' in html
    for text in ["1957年1月7日 星期一", "第2版", "中英对照", "仅中文", "文章信息", "电头"]:
        assert text in html, text
    assert "通讯社" in html and "引用本文" in html and "永久链接" in html
    # The article itself stays in both languages.
    assert "江苏各厂矿去年出现十一万多名先进生产者" in html
    assert "Over 110,000 Advanced Producers Emerged" in html


@pytest.mark.django_db
def test_the_browse_pages_speak_chinese_without_repeating_their_chinese_headings(
    client, seed_articles
):
    html = get_page(client, reverse("archive:browse"), **CHINESE)
    assert "浏览本库" in html and "按日期" in html and "其他浏览方式" in html

    html = get_page(client, reverse("archive:browse_day", args=[1957, "01", "07"]), **CHINESE)
    assert "<h1>1957年1月7日 星期一</h1>" in html
    assert "第2版" in html and "Page 2" not in html
    assert html.count("第2版") == 1
    assert "本库收录当天报纸文章1篇" in html

    html = get_page(client, reverse("archive:browse_month", args=[1957, "01"]), **CHINESE)
    assert "<h1>1957年1月</h1>" in html
    assert "本月共2篇。" in html
    assert '<abbr title="星期一">一</abbr>' in html and '<abbr title="星期日">日</abbr>' in html

    html = get_page(client, reverse("archive:browse_year", args=[1957]), **CHINESE)
    assert "<h1>1957年</h1>" in html


@pytest.mark.django_db
def test_the_search_page_speaks_chinese(client, indexed_seeds):
    html = get_page(client, reverse("search:results") + "?q=先进生产者", **CHINESE)
    assert '<html lang="zh-hans">' in html
    for text in ["找到5篇文章", "排序：", "相关度", "年份", "通讯社", "高级搜索", "第2版"]:
        assert text in html, text

    html = get_page(client, reverse("search:results") + '?q="先进', **CHINESE)
    assert "引号没有闭合" in html


@pytest.mark.django_db
def test_the_cookie_and_the_language_form_choose_chinese(client, seed_articles):
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("archive:browse")}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    html = get_page(client, reverse("archive:browse"))
    assert '<html lang="zh-hans">' in html and "浏览本库" in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = get_page(client, reverse("archive:browse"))
    assert '<html lang="en">' in html and "Browse the archive" in html


@pytest.mark.django_db
def test_english_stays_english(client, seed_articles):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en"}):
        html = get_page(client, reverse("archive:home"), **headers)
        assert '<html lang="en">' in html
        assert "Recently added" in html and "from 13 March 1956 to 5 June 1959" in html
        assert "最新收录" not in html
        # The example's quotation marks stay inside the attribute.
        assert 'placeholder="e.g. 先进生产者, steel, &quot;five-year plan&quot;"' in html
    html = get_page(client, reverse("archive:browse_day", args=[1957, "01", "07"]))
    assert "Monday 7 January 1957" in html and "1957年1月7日" in html  # the Chinese gloss
    html = get_page(client, reverse("archive:browse_month", args=[1957, "01"]))
    assert '<abbr title="Monday">Mon</abbr>' in html


@pytest.mark.django_db
def test_the_not_found_page_speaks_chinese(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/", **CHINESE)
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回本库首页" in html
    assert "未找到" not in html  # the English page's gloss, not needed here


@pytest.mark.django_db
def test_the_admin_import_page_speaks_chinese(client, editor):
    editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    html = get_page(client, reverse("admin:archive_article_import"), **CHINESE)
    for text in ["导入文章", "粘贴一篇文章", "或上传文件", "预览"]:
        assert text in html, text


# --- The catalog ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog() -> polib.POFile:
    return polib.pofile(str(CATALOG))


def test_the_catalog_header_says_simplified_chinese_with_one_plural_form(catalog):
    assert catalog.metadata["Language"] == "zh_Hans"
    assert catalog.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "charset=UTF-8" in catalog.metadata["Content-Type"]
    assert not catalog.metadata_is_fuzzy


def test_every_message_is_translated_and_none_is_fuzzy(catalog):
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []
    assert [e.msgid for e in catalog.obsolete_entries()] == []
    for entry in catalog:
        if entry.msgid_plural:
            assert list(entry.msgstr_plural) == [0], entry.msgid


def test_every_translation_keeps_its_placeholders_and_tags(catalog):
    for entry in catalog:
        source = entry.msgid_plural or entry.msgid
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if not text:
                continue
            assert sorted(PLACEHOLDER_RE.findall(text)) == sorted(PLACEHOLDER_RE.findall(source)), (
                entry.msgid
            )
            assert TAG_RE.findall(text) == TAG_RE.findall(source), entry.msgid


def test_the_compiled_catalog_matches_the_source(catalog):
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural.get(0)
        for entry in polib.mofile(str(CATALOG.with_suffix(".mo")))
    }
    for entry in catalog:
        expected = entry.msgstr or entry.msgstr_plural.get(0)
        assert compiled.get((entry.msgctxt, entry.msgid)) == expected, (
            f"{entry.msgid!r}: run python manage.py compilemessages"
        )
