import datetime
from pathlib import Path

import pytest

from archive.parser import (
    ArticleFileError,
    checksum_of,
    parse_article_bytes,
    parse_article_text,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LIMIT = 2 * 1024 * 1024

# What a careful reader finds in each sample file, field by field.
EXPECTED = {
    "000_ff6603dbfecc9f8b.txt": {
        "date": datetime.date(1957, 1, 7),
        "page": 2,
        "headline_zh": "先进带动落后落后赶上先进成为风气",
        "subtitle_zh": "江苏各厂矿去年出现十一万多名先进生产者",
        "headline_en": "Advanced Drives Backward, Backward Catches Up with Advanced, "
        "Becoming a Trend",
        "subtitle_en": "Over 110,000 Advanced Producers Emerged from Factories and Mines "
        "in Jiangsu Last Year",
        "column_zh": "",
        "column_en": "",
        "author": "",
        "agency": "新华社",
        "dateline": "新华社南京6日电",
        "dateline_place_name": "南京",
        "dateline_place_name_en": "Nanjing",
        "paragraphs": (5, 5),
        "first_zh": "新华社南京6日电　江苏省工业企业1956年涌现出十一万多名先进生产者",
        "first_en": "Xinhua News Agency, Nanjing, January 6th: In 1956",
        "last_zh": "目前，全省广大职工正在贯彻执行增产节约的方针",
        "last_en": "At present, the broad masses of employees",
    },
    "001_d6f0426a5ff31012.txt": {
        "date": datetime.date(1957, 1, 9),
        "page": 1,
        "headline_zh": "先进生产者运动如何继续前进？",
        "subtitle_zh": "全国工会群众生产工作会议将研究这个问题",
        "headline_en": "How Can the Advanced Producers Movement Continue to Move Forward?",
        "subtitle_en": "National Trade Union Mass Production Work Conference to Study This Issue",
        "column_zh": "",
        "column_en": "",
        "author": "",
        "agency": "新华社",
        "dateline": "据新华社7日讯",
        "dateline_place_name": "",
        "dateline_place_name_en": "",
        "paragraphs": (5, 5),
        "first_zh": "据新华社7日讯　全国工会群众生产工作会议今天在北京开幕。",
        "first_en": "Xinhua News Agency, 7th. The National Trade Union",
        "last_zh": "针对上述情况和问题，王家扬在报告的最后一部分",
        "last_en": "In response to the above-mentioned situations",
    },
    "002_bd7dfda54798713b.txt": {
        "date": datetime.date(1956, 3, 13),
        "page": 2,
        "headline_zh": "工业先进生产者集会交流经验",
        "subtitle_zh": "",
        "headline_en": "Industrial Advanced Producers Gather to Exchange Experiences",
        "subtitle_en": "",
        "column_zh": "",
        "column_en": "",
        "author": "",
        "agency": "",
        "dateline": "",
        "dateline_place_name": "",
        "dateline_place_name_en": "",
        "paragraphs": (3, 3),
        "first_zh": "山西、鞍山、长春、哈尔滨、西安等省市工业战线上的先进生产者们",
        "first_en": "Advanced producers on the industrial front in Shanxi, Anshan",
        "last_zh": "山西等省市先进生产者的会议，都提出要广泛开展先进生产者运动。",
        "last_en": "The meetings of advanced producers in Shanxi",
    },
    "003_523bdd3c56f652b7.txt": {
        "date": datetime.date(1959, 6, 5),
        "page": 2,
        "headline_zh": "重庆钢铁公司和建设机床厂树立标兵带动全面",
        "subtitle_zh": "先进人物先进集体不断涌现",
        "headline_en": "Chongqing Steel Company and Construction Machine Tool Factory Set Up "
        "Pace-Setters to Drive Overall Progress",
        "subtitle_en": "Advanced Figures and Advanced Collectives Emerge Continuously",
        "column_zh": "",
        "column_en": "",
        "author": "",
        "agency": "本报",
        "dateline": "本报重庆4日电",
        "dateline_place_name": "重庆",
        "dateline_place_name_en": "Chongqing",
        "paragraphs": (3, 3),
        "first_zh": "本报重庆4日电　重庆钢铁公司和建设机床厂采取抓先进、插红旗的办法",
        "first_en": "Chongqing, June 4 (report from our newspaper) Chongqing Steel Company",
        "last_zh": "重庆建设机床厂在今年第一季度里，革新能手廖世刚",
        "last_en": "In the first quarter of this year, Liao Shigang",
    },
    "004_3491e7fc131256d1.txt": {
        "date": datetime.date(1956, 4, 21),
        "page": 2,
        "headline_zh": "分别不同情况具体帮助落后工人赶上先进",
        "subtitle_zh": "太原矿山机器厂先进生产者大量增加",
        "headline_en": "Helping Backward Workers Catch Up with Advanced Workers Based on "
        "Different Circumstances",
        "subtitle_en": "A Large Increase in Advanced Producers at Taiyuan Mining Machinery Factory",
        "column_zh": "开展先进生产者运动",
        "column_en": "Developing the Advanced Producer Movement",
        "author": "",
        "agency": "新华社",
        "dateline": "",
        "dateline_place_name": "",
        "dateline_place_name_en": "",
        "paragraphs": (3, 3),
        "first_zh": "太原矿山机器厂的先进生产者已经占全体工人的78.5％，比二月份增加了35％。",
        "first_en": "Advanced producers at the Taiyuan Mining Machinery Factory now account",
        "last_zh": "这个厂在帮助落后工人的时候",
        "last_en": "When helping backward workers, the factory also organized",
    },
}

SCALAR_FIELDS = [
    "date",
    "page",
    "headline_zh",
    "subtitle_zh",
    "headline_en",
    "subtitle_en",
    "column_zh",
    "column_en",
    "author",
    "agency",
    "dateline",
    "dateline_place_name",
    "dateline_place_name_en",
]


def parse_seed(name: str):
    return parse_article_bytes((SEEDS / name).read_bytes(), name, LIMIT)


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def errors_of(text: str | bytes, source: str = "upload.txt") -> list[str]:
    with pytest.raises(ArticleFileError) as caught:
        if isinstance(text, bytes):
            parse_article_bytes(text, source, LIMIT)
        else:
            parse_article_text(text, source)
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("field", SCALAR_FIELDS)
def test_it_reads_every_field_of_each_sample(name, field):
    assert getattr(parse_seed(name), field) == EXPECTED[name][field]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_keeps_every_body_paragraph_and_drops_the_repeated_headlines(name):
    article, expected = parse_seed(name), EXPECTED[name]
    assert (len(article.body_zh), len(article.body_en)) == expected["paragraphs"]
    assert article.body_zh[0].startswith(expected["first_zh"])
    assert article.body_en[0].startswith(expected["first_en"])
    assert article.body_zh[-1].startswith(expected["last_zh"])
    assert article.body_en[-1].startswith(expected["last_en"])
    for paragraph in article.body_zh + article.body_en:
        assert paragraph == paragraph.strip(" \u3000"), "paragraphs carry no indentation"
        assert paragraph not in {article.headline_zh, article.subtitle_zh}
        assert paragraph not in {article.headline_en, article.subtitle_en}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_loses_no_chinese_text_of_the_body(name):
    article = parse_seed(name)
    original = seed_text(name).split("Original:", 1)[1]
    body_lines = [line.strip(" \u3000") for line in original.splitlines()[8:] if line.strip()]
    headline_lines = {article.headline_zh, article.subtitle_zh}
    assert [line for line in body_lines if line not in headline_lines] == article.body_zh


def test_it_keeps_the_raw_text_and_a_checksum():
    text = seed_text("000_ff6603dbfecc9f8b.txt")
    article = parse_article_text(text, "a.txt")
    assert article.raw_text == text
    assert article.checksum == checksum_of(text)
    assert len(article.checksum) == 64


def test_crlf_line_endings_and_a_bom_import_the_same_article():
    text = seed_text("004_3491e7fc131256d1.txt")
    plain = parse_article_text(text, "a.txt")
    windows = parse_article_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), "a.txt", LIMIT
    )
    for field in [*SCALAR_FIELDS, "body_zh", "body_en"]:
        assert getattr(windows, field) == getattr(plain, field), field
    assert windows.checksum == plain.checksum


def test_full_width_spaces_and_trailing_spaces_are_tolerated():
    text = seed_text("002_bd7dfda54798713b.txt").replace("\n    ", "\n\u3000\u3000")
    text = text.replace("\n", "   \n")
    article = parse_article_text(text, "a.txt")
    assert article.headline_zh == "工业先进生产者集会交流经验"
    assert len(article.body_zh) == 3
    assert article.body_zh[0].startswith("山西、鞍山")


def test_a_file_holding_only_the_original_imports_with_translation_pending():
    text = seed_text("003_523bdd3c56f652b7.txt")
    original_only = text[text.index("### ") :]
    article = parse_article_text(original_only, "zh-only.txt")
    assert article.translation_pending
    assert article.headline_en == "" and article.body_en == []
    assert article.date == datetime.date(1959, 6, 5)
    assert article.page == 2
    assert article.dateline_place_name == "重庆"
    assert len(article.body_zh) == 3


def test_an_empty_english_part_before_the_rule_also_means_translation_pending():
    text = seed_text("003_523bdd3c56f652b7.txt")
    article = parse_article_text("\n\n<hr />\n" + text.split("<hr />", 1)[1], "a.txt")
    assert article.translation_pending


def test_it_refuses_a_file_without_the_rule_and_says_so():
    text = seed_text("000_ff6603dbfecc9f8b.txt").replace("<hr /> ", "")
    assert errors_of(text, "no-rule.txt") == [
        "no-rule.txt:1: no <hr /> line separating the English translation from the original; "
        "a file with only the original must start with its '### ' headline line"
    ]


def test_it_refuses_an_impossible_date_naming_its_line():
    text = seed_text("000_ff6603dbfecc9f8b.txt").replace("Date: 1957-01-07", "Date: 1957-02-30")
    errors = errors_of(text, "bad-date.txt")
    assert errors[0].startswith("bad-date.txt:3: the date '1957-02-30' does not exist")


def test_it_refuses_an_unreadable_date_naming_its_line():
    text = seed_text("000_ff6603dbfecc9f8b.txt").replace("\n1957-01-07\n", "\n1957年1月7日\n")
    errors = errors_of(text, "bad-date.txt")
    assert errors[0].startswith(
        "bad-date.txt:25: cannot read '1957年1月7日' in the original's header"
    )


def test_it_refuses_dates_that_disagree_between_the_two_parts():
    text = seed_text("000_ff6603dbfecc9f8b.txt").replace("Date: 1957-01-07", "Date: 1957-01-08")
    errors = errors_of(text)
    assert errors == [
        "upload.txt:3: Date 1957-01-08 differs from the original's date 1957-01-07 (line 25)"
    ]


def test_it_refuses_an_empty_file():
    assert errors_of(b"", "empty.txt") == ["empty.txt:1: the file is empty"]
    assert errors_of(b"\n \n\r\n", "blank.txt") == ["blank.txt:1: the file holds no text"]


def test_it_refuses_a_binary_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert errors_of(png, "scan.png") == [
        "scan.png:1: this is a binary file, not an article text file"
    ]


def test_it_refuses_a_latin1_file_and_names_the_line():
    text = "Title: Café workers\nAuthor:\nDate: 1957-01-07\nPage: 2\n\nBody.\n"
    errors = errors_of(text.encode("latin-1"), "latin1.txt")
    assert errors == [
        "latin1.txt:1: the file is not UTF-8 (byte 0xe9 cannot be read); "
        "save it as UTF-8 and import it again"
    ]


def test_it_refuses_a_file_too_large_to_be_an_article():
    huge = b"x" * (50 * 1024 * 1024)
    errors = errors_of(huge, "huge.txt")
    assert errors == [
        "huge.txt:1: the file is 50.0 MB, larger than the 2.0 MB an article may be; "
        "is this really one article?"
    ]


def test_it_refuses_a_file_whose_chinese_part_is_missing():
    text = seed_text("000_ff6603dbfecc9f8b.txt").split("Original:")[0]
    errors = errors_of(text, "no-zh.txt")
    assert len(errors) == 1
    assert errors[0].startswith("no-zh.txt:")
    assert "no original (Chinese) text after the <hr /> line" in errors[0]


def test_it_refuses_an_original_without_a_headline_line():
    text = seed_text("000_ff6603dbfecc9f8b.txt").replace("### ", "")
    errors = errors_of(text)
    assert errors == ["upload.txt:23: the original must start with a '### 标题' headline line"]


def test_it_refuses_an_original_without_body_text():
    text = seed_text("002_bd7dfda54798713b.txt")
    head = text[: text.index("专栏：") + len("专栏：")]
    errors = errors_of(head + "\n\n    工业先进生产者集会交流经验\n")
    assert len(errors) == 1 and "the original has no body text" in errors[0]


def test_it_refuses_a_misspelled_header_field():
    text = seed_text("002_bd7dfda54798713b.txt").replace("Title:", "Titel:")
    errors = errors_of(text)
    assert (
        errors[0] == "upload.txt:1: unknown field 'Titel:'; expected Title:, Author:, Date:, Page:"
    )
    assert "upload.txt:1: the English part has no 'Title:' line" in errors


def test_it_refuses_a_page_that_is_not_a_number():
    text = seed_text("002_bd7dfda54798713b.txt").replace("Page: 2", "Page: two")
    assert errors_of(text) == [
        "upload.txt:4: cannot read the page 'two'; expected a page number such as 2"
    ]


def test_it_reports_every_problem_at_once():
    text = (
        seed_text("002_bd7dfda54798713b.txt")
        .replace("Page: 2", "Page: x")
        .replace("Date: 1956-03-13", "Date: 13/03/1956")
    )
    errors = errors_of(text)
    assert [e.split(":")[1] for e in errors] == ["3", "4"]


def test_it_refuses_control_characters():
    text = seed_text("002_bd7dfda54798713b.txt").replace("Industrial", "Indus\x1btrial")
    assert errors_of(text) == ["upload.txt:1: contains control characters; is this a text file?"]
