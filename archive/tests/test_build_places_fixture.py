import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from archive.gazetteer import build
from archive.models import Place

COMMITTED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "places.json"


@pytest.fixture(scope="module")
def committed_places(django_db_setup, django_db_blocker):
    """The committed fixture, loaded once for this module (loaddata takes ~2 s) and rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", str(COMMITTED_FIXTURE), verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def places(committed_places, db):
    pass


def place(name_zh: str, parent: str | None = None, **filters) -> Place:
    if parent is not None:
        filters["parent__name_zh"] = parent
    return Place.objects.get(name_zh=name_zh, **filters)


def build_to(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("build_places_fixture", "--output", str(path), *args, stdout=out)
    return out.getvalue()


# The command


def test_it_builds_a_fixture_that_loads(db, tmp_path):
    output = tmp_path / "places.json"

    message = build_to(output)
    call_command("loaddata", str(output), verbosity=0)

    count = len(json.loads(output.read_text(encoding="utf-8")))
    assert f"Wrote {count} places" in message
    assert Place.objects.count() == count > 3000


def test_the_committed_fixture_is_what_the_command_generates(tmp_path):
    output = tmp_path / "places.json"
    build_to(output)

    assert output.read_text(encoding="utf-8") == COMMITTED_FIXTURE.read_text(encoding="utf-8")


def test_it_builds_the_same_bytes_every_time(tmp_path):
    build_to(tmp_path / "first.json")
    build_to(tmp_path / "second.json")

    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()


def test_check_passes_on_a_fresh_fixture_and_fails_on_a_stale_one(tmp_path):
    output = tmp_path / "places.json"
    build_to(output)
    assert "up to date" in build_to(output, "--check")

    output.write_text(output.read_text(encoding="utf-8").replace("Nanjing", "Nanking"))
    with pytest.raises(CommandError, match="out of date"):
        build_to(output, "--check")


def test_the_fixture_stays_small():
    assert COMMITTED_FIXTURE.stat().st_size < 1_500_000


# The places


def test_nanjing_is_a_city_under_jiangsu(places):
    nanjing = place("南京")

    assert nanjing.kind == Place.Kind.CITY
    assert nanjing.name_en == "Nanjing"
    assert nanjing.parent.name_zh == "江苏"
    assert {"南京市", "Nanking"} <= set(nanjing.aliases)


def test_wuxi_is_under_jiangsu(places):
    assert place("无锡").parent == place("江苏")


def test_taiyuan_is_under_shanxi_with_its_full_name_and_english_spellings(places):
    taiyuan = place("太原")

    assert taiyuan.parent.name_zh == "山西"
    assert taiyuan.name_en == "Taiyuan"
    assert taiyuan.pinyin == "Tàiyuán"
    assert "太原市" in taiyuan.aliases
    assert "T'ai-yuan" in taiyuan.aliases


def test_shaanxi_and_shanxi_are_told_apart(places):
    assert place("陕西").name_en == "Shaanxi"
    assert place("山西").name_en == "Shanxi"


def test_inner_mongolia_has_its_english_name(places):
    inner_mongolia = place("内蒙古")

    assert inner_mongolia.name_en == "Inner Mongolia"
    assert inner_mongolia.kind == Place.Kind.REGION
    assert "内蒙古自治区" in inner_mongolia.aliases


def test_rehe_exists_as_a_province_of_the_1950s(places):
    rehe = place("热河")

    assert rehe.kind == Place.Kind.PROVINCE
    assert rehe.name_en == "Rehe"
    assert rehe.parent is None
    assert "Jehol" in rehe.aliases


def test_every_1950s_province_in_the_brief_is_there(places):
    for name in ["热河", "平原", "西康", "松江", "察哈尔", "绥远", "辽东", "辽西", "皖北", "苏北"]:
        assert place(name, kind=Place.Kind.PROVINCE, parent=None)


def test_peking_is_an_alias_of_beijing(places):
    beijing = place("北京")

    assert beijing.kind == Place.Kind.MUNICIPALITY
    assert {"Peking", "Peiping", "北平"} <= set(beijing.aliases)


def test_moscow_is_a_foreign_city_in_the_soviet_union(places):
    moscow = place("莫斯科")

    assert moscow.name_en == "Moscow"
    assert moscow.kind == Place.Kind.FOREIGN
    assert moscow.parent.name_en == "Soviet Union"
    assert moscow.parent.kind == Place.Kind.FOREIGN


def test_counties_hang_under_their_city(places):
    kunshan = place("昆山")

    assert kunshan.kind == Place.Kind.COUNTY
    assert kunshan.parent.name_zh == "苏州"
    assert kunshan.parent.parent.name_zh == "江苏"


def test_period_spellings_are_aliases(places):
    expected = {
        "南京": "Nanking",
        "天津": "Tientsin",
        "广州": "Canton",
        "沈阳": "Mukden",
        "青岛": "Tsingtao",
        "重庆": "Chungking",
        "厦门": "Amoy",
        "西安": "Sian",
        "杭州": "Hangchow",
        "大连": "Dairen",
        "新疆": "Sinkiang",
    }
    for name_zh, spelling in expected.items():
        assert spelling in place(name_zh).aliases, name_zh
    assert "Port Arthur" in place("旅顺口区").aliases


def test_renamed_cities_carry_their_1950s_names(places):
    assert "归绥" in place("呼和浩特").aliases
    assert "迪化" in place("乌鲁木齐").aliases
    assert "安东" in place("丹东").aliases


def test_no_two_places_share_a_name_under_one_parent():
    records = build.build_places()
    keys = [(record.name_zh, record.parent) for record in records]

    assert len(keys) == len(set(keys))


def test_there_are_no_meaningless_or_functional_entries():
    names = {record.name_zh for record in build.build_places()}

    assert "市辖区" not in names
    assert "省直辖县级行政区划" not in names
    assert not [name for name in names if "开发区" in name]


# The naming rules


def test_a_place_named_like_a_common_word_keeps_its_suffix(places):
    assert place("比如县").name_en == "Biru County"
    assert not Place.objects.filter(name_zh="比如").exists()


def test_a_county_named_like_its_city_keeps_its_suffix(places):
    assert place("抚顺县").parent == place("抚顺", kind=Place.Kind.CITY)


def test_a_county_named_like_a_1950s_province_keeps_its_suffix(places):
    assert place("平原县").name_en == "Pingyuan County"


def test_districts_keep_their_suffix_and_get_an_english_word(places):
    assert place("东城区", "北京").name_en == "Dongcheng District"


@pytest.mark.parametrize(
    ("official", "expected"),
    [
        ("太原市", ("太原", "市")),
        ("内蒙古自治区", ("内", "自治区")),  # why 内蒙古 has an override in china_names.csv
        ("长白朝鲜族自治县", ("长白", "自治县")),
        ("博尔塔拉蒙古自治州", ("博尔塔拉", "自治州")),
        ("鄂伦春自治旗", ("", "自治旗")),
        ("土默特左旗", ("土默特左", "旗")),
        ("阿里地区", ("阿里", "地区")),
    ],
)
def test_split_name_separates_the_administrative_suffix(official, expected):
    assert build.split_name(official) == expected


def test_pinyin_corrections_are_applied(places):
    assert place("长治").name_en == "Changzhi"
    assert place("朝阳", kind=Place.Kind.CITY).name_en == "Chaoyang"
    assert place("成都").pinyin == "Chéngdū"


def test_pinyin_uses_apostrophes_between_syllables_that_would_run_together(places):
    assert place("西安").name_en == "Xi'an"
    assert place("西安").pinyin == "Xī'ān"


def test_it_names_the_file_and_line_of_a_bad_row(tmp_path):
    data = tmp_path / "gazetteer"
    data.mkdir()
    for path in build.DATA_DIR.iterdir():
        if path.is_dir():
            (data / path.name).symlink_to(path)
        elif path.suffix == ".csv":
            (data / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with (data / "foreign.csv").open("a", encoding="utf-8") as handle:
        handle.write("9999,火星城,Mars City,火星,\n")

    with pytest.raises(build.GazetteerError, match=r"foreign.csv:\d+: country 火星"):
        build.build_places(data)
