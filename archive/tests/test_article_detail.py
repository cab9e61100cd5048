import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def jiangsu_article(seed_articles):
    return Article.objects.get(dateline_place_name="南京")


def test_it_shows_each_chinese_paragraph_beside_its_translation(client, jiangsu_article):
    response = client.get(jiangsu_article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    rows = page.split('<div class="pair">')[1:]
    assert len(rows) == 5
    for row, zh, en in zip(
        rows, jiangsu_article.paragraphs_zh, jiangsu_article.paragraphs_en, strict=True
    ):
        assert f'<div class="pair__zh" lang="zh-Hans"><p>{zh}</p></div>' in row
        assert f"<p>{en}</p>" in row and 'class="pair__en" lang="en"' in row
    assert "江苏各厂矿去年出现十一万多名先进生产者" in page
    assert "Over 110,000 Advanced Producers Emerged" in page


def test_it_can_show_one_language_and_remembers_the_choice(client, jiangsu_article):
    url = jiangsu_article.get_absolute_url()
    response = client.get(url + "?show=zh")
    page = response.content.decode()
    assert "pair__zh" in page and "pair__en" not in page
    assert response.cookies["reading_languages"].value == "zh"
    page = client.get(url).content.decode()  # the cookie now chooses
    assert "pair__zh" in page and "pair__en" not in page
    page = client.get(url + "?show=en").content.decode()
    assert "pair__zh" not in page and "pair__en" in page
    assert '<h1 class="headline-en">' in page


def test_an_unknown_language_choice_shows_both(client, jiangsu_article):
    response = client.get(jiangsu_article.get_absolute_url() + "?show=fr")
    page = response.content.decode()
    assert "pair__zh" in page and "pair__en" in page
    assert "reading_languages" not in response.cookies


def test_it_links_the_previous_and_next_article_of_the_same_page(client, jiangsu_article):
    def same_page(n):
        return Article.objects.create(
            date=jiangsu_article.date,
            page=jiangsu_article.page,
            headline_zh=f"同版文章{n}",
            body_zh="正文",
            source_name=f"{n}.txt",
            raw_text="x",
            checksum=f"{n:064d}",
        )

    later, other_page = same_page(1), same_page(2)
    Article.objects.filter(pk=other_page.pk).update(page=7)
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert f'<a rel="next" class="pager__next" href="{later.get_absolute_url()}">' in page
    assert 'rel="prev"' not in page
    assert "同版文章2" not in page
    page = client.get(later.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{jiangsu_article.get_absolute_url()}">' in page


def test_it_carries_citation_meta_tags_for_reference_managers(client, jiangsu_article):
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert '<meta name="citation_publication_date" content="1957/01/07">' in page
    assert '<meta name="citation_firstpage" content="2">' in page
    assert '<meta name="citation_title" content="Advanced Drives Backward' in page
    assert "Renmin Ribao (People&#x27;s Daily), January 7, 1957, 2." in page


def test_it_offers_ris_and_bibtex_downloads(client, jiangsu_article):
    base = jiangsu_article.get_absolute_url()
    ris = client.get(base + "cite.ris")
    assert ris["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert "attachment" in ris["Content-Disposition"]
    assert "TY  - NEWS" in ris.content.decode()
    bib = client.get(base + "cite.bib")
    assert bib.content.decode().startswith("@article{renminribao19570107p2a")
    assert client.get(base + "cite.pdf").status_code == 404
    assert client.get(base.replace("/07/", "/08/") + "cite.ris").status_code == 404


def test_its_url_carries_the_date(jiangsu_article):
    assert jiangsu_article.get_absolute_url() == f"/articles/1957/01/07/{jiangsu_article.pk}/"


def test_it_shows_the_dateline_and_agency(client, jiangsu_article):
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert "新华社南京6日电" in page
    assert "Xinhua News Agency" in page


def test_a_wrong_date_in_the_url_is_not_found(client, jiangsu_article):
    assert client.get(f"/articles/1957/01/08/{jiangsu_article.pk}/").status_code == 404
    assert client.get(f"/articles/1957/1/07/{jiangsu_article.pk}/").status_code == 404


def test_an_unknown_article_is_not_found(client, seed_articles):
    assert client.get("/articles/1957/01/07/99999/").status_code == 404


def test_an_unpublished_article_is_hidden_from_readers_but_not_from_staff(
    client, jiangsu_article, editor
):
    Article.objects.filter(pk=jiangsu_article.pk).update(published=False)
    assert client.get(jiangsu_article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(jiangsu_article.get_absolute_url()).status_code == 200


def test_a_pending_translation_is_shown_as_such(client, jiangsu_article):
    Article.objects.filter(pk=jiangsu_article.pk).update(body_en="", headline_en="")
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert "The English translation of this article is pending." in page
    assert jiangsu_article.paragraphs_zh[0] in page


def test_the_not_found_page_is_the_archives_own(client, seed_articles, settings):
    settings.DEBUG = False
    response = client.get("/articles/1957/01/07/99999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no page at this address." in page
    assert 'href="/"' in page


def test_no_paragraph_of_any_sample_is_lost_in_either_language(client, seed_articles):
    for article in seed_articles:
        page = client.get(article.get_absolute_url()).content.decode().replace("&#x27;", "'")
        page = page.replace("&quot;", '"')
        for paragraph in article.paragraphs_zh + article.paragraphs_en:
            assert f"<p>{paragraph}</p>" in page, (article.source_name, paragraph[:40])


def test_switching_languages_keeps_the_search_terms(client, jiangsu_article):
    page = client.get(jiangsu_article.get_absolute_url() + "?q=先进").content.decode()
    assert 'href="?q=%E5%85%88%E8%BF%9B&amp;show=zh"' in page
    assert "<mark>先进</mark>" in page
    assert "Back to the search results" in page


def test_places_and_the_day_are_links(client, jiangsu_article):
    page = client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert 'href="/browse/1957/01/07/"' in page
    for place in jiangsu_article.places.all():
        assert f'href="/places/{place.pk}/"' in page


def test_staff_see_a_link_to_edit_the_article(admin_client, client, jiangsu_article):
    edit = f'href="/admin/archive/article/{jiangsu_article.pk}/change/"'
    assert edit not in client.get(jiangsu_article.get_absolute_url()).content.decode()
    assert edit in admin_client.get(jiangsu_article.get_absolute_url()).content.decode()


def test_an_article_without_a_chinese_column_name_still_shows(client, jiangsu_article):
    Article.objects.filter(pk=jiangsu_article.pk).update(column_zh="", column_en="Letters")
    response = client.get(jiangsu_article.get_absolute_url())
    assert response.status_code == 200
    assert "Letters" in response.content.decode()
