import datetime

import bibtexparser
import pytest
import rispy

from archive import citation
from archive.models import Article

URL = "https://archive.example.org/articles/1957/01/07/1/"


@pytest.fixture
def article(seed_articles):
    return Article.objects.get(dateline_place_name="南京")


@pytest.fixture
def pending(seed_articles):
    article = Article.objects.get(dateline_place_name="重庆")
    article.headline_en = article.subtitle_en = article.body_en = ""
    return article


@pytest.mark.django_db
def test_ris_parses_into_a_newspaper_record(article):
    (record,) = rispy.loads(citation.ris(article, URL))
    assert record["type_of_reference"] == "NEWS"
    assert record["title"] == (
        "Advanced Drives Backward, Backward Catches Up with Advanced, Becoming a Trend: "
        "Over 110,000 Advanced Producers Emerged from Factories and Mines in Jiangsu Last Year"
    )
    assert record["translated_title"] == (
        "先进带动落后落后赶上先进成为风气 江苏各厂矿去年出现十一万多名先进生产者"
    )
    assert record["secondary_title"] == "Renmin Ribao (People's Daily)"
    assert record["date"] == "1957/01/07"
    assert record["start_page"] == "2"
    assert record["urls"] == [URL]


@pytest.mark.django_db
def test_bibtex_parses_with_every_field(article):
    library = bibtexparser.parse_string(citation.bibtex(article, URL))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "article"
    assert entry.key == f"renminribao19570107p2a{article.pk}"
    assert entry["journaltitle"] == "Renmin Ribao (People's Daily)"
    assert entry["date"] == "1957-01-07"
    assert entry["pages"] == "2"
    assert entry["url"] == URL
    assert entry["title"].startswith("Advanced Drives Backward")


@pytest.mark.django_db
def test_bibtex_escapes_latex_special_characters(article):
    article.headline_en, article.subtitle_en = "Output up 80% & costs {down} $5_000", ""
    library = bibtexparser.parse_string(citation.bibtex(article, URL))
    assert library.entries[0]["title"] == r"Output up 80\% \& costs \{down\} \$5\_000"


@pytest.mark.django_db
def test_an_untranslated_article_is_cited_by_its_chinese_title(pending):
    (record,) = rispy.loads(citation.ris(pending, URL))
    assert record["title"] == "重庆钢铁公司和建设机床厂树立标兵带动全面 先进人物先进集体不断涌现"
    assert "translated_title" not in record
    assert citation.chicago(pending, URL).startswith("“重庆钢铁公司")


@pytest.mark.django_db
def test_chicago_and_mla_read_as_their_styles(article):
    assert citation.chicago(article, URL) == (
        "“Advanced Drives Backward, Backward Catches Up with Advanced, Becoming a Trend: "
        "Over 110,000 Advanced Producers Emerged from Factories and Mines in Jiangsu Last "
        "Year” [先进带动落后落后赶上先进成为风气 江苏各厂矿去年出现十一万多名先进生产者]. "
        f"Renmin Ribao (People's Daily), January 7, 1957, 2. {URL}."
    )
    mla = citation.mla(article, URL, accessed=datetime.date(2026, 11, 23))
    assert mla.endswith(
        f"Renmin Ribao (People's Daily), 7 Jan. 1957, p. 2. People's Daily Archive, {URL}. "
        "Accessed 23 Nov. 2026."
    )


@pytest.mark.django_db
def test_highwire_tags_name_the_date_page_and_url(article):
    tags = dict(citation.highwire_tags(article, URL))
    assert tags["citation_publication_date"] == "1957/01/07"
    assert tags["citation_firstpage"] == "2"
    assert tags["citation_public_url"] == URL
    assert "citation_author" not in tags
