"""The place tagger (archive/places.py) and its use at import."""

from pathlib import Path

import pytest
from django.core.management import call_command

from archive.ingest import import_paths, save_article
from archive.models import Article, ArticlePlace, Place, RejectedPlace
from archive.parser import parse_article_text
from archive.places import Tagger, places_from_fixture

ROOT = Path(__file__).resolve().parents[2]

# What each sample should carry: (dateline place, places mentioned). Sample 001 also names
# 苏联 (苏联一班采煤制, "the Soviet one-shift system"), a place in the gazetteer.
SAMPLES = {
    "000": (3201, {32, 3201, 3202}),  # Nanjing; Jiangsu, Nanjing, Wuxi
    "001": (None, {11, 9101}),  # Beijing, Soviet Union
    "002": (None, {14, 1401, 2103, 2201, 2301, 6101}),  # Shanxi, Taiyuan, Anshan ... Xi'an
    "003": (50, {50}),  # Chongqing
    "004": (None, {1401}),  # Taiyuan
}


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(places_from_fixture(ROOT / "fixtures" / "places.json"))


@pytest.fixture
def gazetteer(db):
    call_command("loaddata", "places", verbosity=0)


def names(tagger: Tagger, ids) -> set[str]:
    return {tagger.places[i].name_en for i in ids}


@pytest.mark.parametrize("prefix", sorted(SAMPLES))
def test_each_sample_carries_its_dateline_and_the_places_it_mentions(tagger, prefix):
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    article = parse_article_text(path.read_text(encoding="utf-8"), path.name)
    tags = tagger.tag(
        dateline_zh=article.dateline_place_name,
        dateline_en=article.dateline_place_name_en,
        texts_zh=[article.headline_zh, article.subtitle_zh, *article.body_zh],
        texts_en=[article.headline_en, article.subtitle_en, *article.body_en],
    )
    dateline, mentions = SAMPLES[prefix]
    assert tags.dateline == dateline
    assert names(tagger, tags.mentions) == names(tagger, mentions)


def test_a_dateline_names_its_city(tagger):
    assert tagger.dateline_place("南京") == 3201
    assert tagger.dateline_place("重庆") == 50
    assert tagger.dateline_place("北平") == 11


def test_a_dateline_in_english_is_used_when_there_is_no_chinese(tagger):
    assert tagger.dateline_place("", "Nanjing") == 3201
    assert tagger.dateline_place("", "Chungking") == 50


def test_a_dateline_that_only_begins_with_a_place_is_not_that_place(tagger):
    assert tagger.dateline_place("江苏无锡") == 3202
    assert tagger.dateline_place("墨西哥城") is None


def test_ansteel_is_a_company_not_anshan(tagger):
    assert tagger.mentions(["鞍钢炼钢厂七号平炉的炼钢工人"]) == []


def test_a_tunic_is_not_zhongshan(tagger):
    assert tagger.mentions(["他穿着一身中山装，走进中山市场。"]) == []


def test_inner_mongolia_is_not_mongolia_and_the_mongol_people_are_not_a_place(tagger):
    assert names(tagger, tagger.mentions(["内蒙古自治区的蒙古族牧民"])) == {"Inner Mongolia"}


def test_a_name_that_cuts_a_word_in_two_is_not_found(tagger):
    assert tagger.mentions(["树立远大理想，研究重大理论问题"]) == []
    assert tagger.mentions(["他从佛罗里达州度假回来"]) == []


def test_the_longest_name_wins(tagger):
    assert names(tagger, tagger.mentions(["江西安福县"])) == {"Jiangxi", "Anfu"}


def test_a_county_named_alone_needs_its_province_or_its_suffix(tagger):
    assert tagger.mentions(["大城市的工人"]) == []
    assert names(tagger, tagger.mentions(["河北大城的农民"])) == {"Hebei", "Dacheng"}
    assert names(tagger, tagger.mentions(["大城县的农民"])) == {"Dacheng"}


def test_a_well_known_county_needs_no_support(tagger):
    assert names(tagger, tagger.mentions(["炮击金门"])) == {"Jinmen"}


def test_a_name_shared_by_two_districts_needs_its_city(tagger):
    assert tagger.mentions(["朝阳区的工厂"]) == []
    assert names(tagger, tagger.mentions(["北京市朝阳区的工厂"])) == {
        "Beijing",
        "Chaoyang District",
    }
    assert tagger.mentions(["北京市朝阳区"])[1] == 110105


def test_names_inside_a_persons_name_are_not_places(tagger):
    assert tagger.mentions(["本报记者赵川东报道"]) == []
    assert names(tagger, tagger.mentions(["突尼斯总统本·阿里"])) == {"Tunisia"}


def test_english_names_are_whole_words_and_case_sensitive(tagger):
    found = tagger.mentions([], ["Workers in Wuxi and Nanjing; the wuxi mill; Wuxian"])
    assert names(tagger, found) == {"Wuxi", "Nanjing"}


def test_a_place_found_only_in_the_english_is_not_added(tagger):
    found = tagger.mentions(["南京的工人"], ["Workers of Nanjing and Shanghai"])
    assert names(tagger, found) == {"Nanjing"}


def test_the_tagger_is_fast_enough_for_a_long_article(tagger):
    # Not a timing: the automaton is built once and matching is linear in the text.
    text = "江苏无锡、南京等地" * 2000
    assert len(tagger.find_zh(text)) == 3 * 2000


# At import


def test_importing_the_samples_tags_them_in_the_database(gazetteer, seeds_dir):
    import_paths([seeds_dir])
    article = Article.objects.get(dateline_place_name="南京")
    assert article.dateline_place_id == 3201
    assert set(article.places.values_list("pk", flat=True)) == {32, 3201, 3202}
    dateline_tag = article.place_tags.get(place_id=3201)
    assert (dateline_tag.role, dateline_tag.source) == ("dateline", "auto")
    assert article.place_tags.get(place_id=3202).role == "mention"


def test_reimporting_keeps_the_places_an_editor_added_and_removed(gazetteer, seeds_dir):
    import_paths([seeds_dir])
    article = Article.objects.get(dateline_place_name="南京")
    ArticlePlace.objects.create(article=article, place_id=11, source="editor")
    article.place_tags.filter(place_id=3202).delete()
    RejectedPlace.objects.create(article=article, place_id=3202)

    path = next(seeds_dir.glob("000_*.txt"))
    changed = parse_article_text(path.read_text(encoding="utf-8") + "\n", path.name)
    assert save_article(changed, path.name).value == "updated"

    article.refresh_from_db()
    assert set(article.places.values_list("pk", flat=True)) == {11, 32, 3201}


def test_reimporting_keeps_a_dateline_an_editor_chose(gazetteer, seeds_dir):
    import_paths([seeds_dir])
    article = Article.objects.get(dateline_place_name="南京")
    article.place_tags.filter(place_id=3201).update(role="mention")
    article.place_tags.filter(place_id=3202).update(role="dateline", source="editor")

    path = next(seeds_dir.glob("000_*.txt"))
    save_article(parse_article_text(path.read_text(encoding="utf-8") + "\n", path.name), path.name)

    article.refresh_from_db()
    assert article.dateline_place_id == 3202
    assert article.place_tags.get(place_id=3201).role == "mention"


def test_a_place_added_to_the_gazetteer_is_found_by_the_next_import(db, seeds_dir):
    Place.objects.create(pk=3201, name_zh="南京", name_en="Nanjing", kind="city")
    import_paths([seeds_dir])
    assert Article.objects.get(dateline_place_name="南京").dateline_place_id == 3201
