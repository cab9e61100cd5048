"""/columns/: every column of the paper with its number of articles."""

import pytest

from archive.models import Article

pytestmark = pytest.mark.django_db

COLUMN_URL = (
    "/columns/%E5%BC%80%E5%B1%95%E5%85%88%E8%BF%9B%E7%94%9F%E4%BA%A7%E8%80%85%E8%BF%90%E5%8A%A8/"
)


def test_it_lists_each_column_in_both_languages_with_its_count(client, seed_articles):
    response = client.get("/columns/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="{COLUMN_URL}">' in page
    assert '<span lang="zh-Hans" class="column-table__zh">开展先进生产者运动</span>' in page
    assert "Developing the Advanced Producer Movement" in page
    assert '<td class="column-table__number">1</td>' in page
    assert page.count("<tbody>") == 1 and page.count('<th scope="row">') == 1


def test_it_counts_the_articles_of_a_column_and_orders_the_largest_first(client, seed_articles):
    Article.objects.filter(date__year=1957).update(column_zh="社论", column_en="Editorial")
    page = client.get("/columns/").content.decode()
    assert '<td class="column-table__number">2</td>' in page
    assert page.index("社论") < page.index("开展先进生产者运动")


def test_it_leaves_out_unpublished_articles(client, seed_articles):
    Article.objects.filter(column_zh="开展先进生产者运动").update(published=False)
    page = client.get("/columns/").content.decode()
    assert "开展先进生产者运动" not in page
    assert "No article in the archive belongs to a column yet." in page


def test_it_refuses_to_post(client, seed_articles):
    assert client.post("/columns/").status_code == 405


def test_it_escapes_column_names(client, seed_articles):
    Article.objects.filter(column_zh="开展先进生产者运动").update(column_en="<b>bold</b>")
    page = client.get("/columns/").content.decode()
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
