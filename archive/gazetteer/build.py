"""Build the `Place` fixture from the gazetteer data shipped in this folder.

Plain Python, no Django: `build_places_fixture` calls `build_places()` and `render_fixture()`.
The data, its sources and the choices made here are described in docs/PLACES.md.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
MODOOD_DIR = DATA_DIR / "modood"
MODEL_LABEL = "archive.place"
ALIAS_SEPARATOR = "|"

PROVINCE = "province"
MUNICIPALITY = "municipality"
REGION = "region"
CITY = "city"
COUNTY = "county"
FOREIGN = "foreign"
KINDS = {PROVINCE, MUNICIPALITY, REGION, CITY, COUNTY, FOREIGN}

MUNICIPALITY_CODES = {"11", "12", "31", "50"}
# Hong Kong, Macau and Taiwan are not in modood's code lists; these are their official codes.
HK_MO_TW_CODES = {"台湾省": 71, "香港特别行政区": 81, "澳门特别行政区": 82}

# Ethnic groups as they stand in the names of autonomous areas. Most are written with 族;
# a few names drop it (博尔塔拉蒙古自治州, 伊犁哈萨克自治州, 察布查尔锡伯自治县, 鄂伦春自治旗).
ETHNONYMS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 "
    "高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 "
    "普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 "
    "珞巴 基诺"
).split()
ETHNONYMS_WITHOUT_ZU = ("蒙古", "维吾尔", "哈萨克", "柯尔克孜", "锡伯", "塔吉克", "鄂伦春")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ETHNIC = rf"(?:(?:{_alternation(ETHNONYMS)})族|(?:{_alternation(ETHNONYMS_WITHOUT_ZU)}))"
AUTONOMOUS_RE = re.compile(rf"^(?P<stem>.*?)(?:{_ETHNIC})*(?P<suffix>自治区|自治州|自治县|自治旗)$")
# Checked in this order, after the autonomous suffixes.
SUFFIXES = ("特别行政区", "联合旗", "地区", "林区", "特区", "省", "盟", "市", "县", "区", "旗")

# The English word for a suffix that the Chinese name keeps (东城区 → Dongcheng District).
SUFFIX_EN = {
    "省": "Province",
    "市": "City",
    "县": "County",
    "区": "District",
    "旗": "Banner",
    "联合旗": "United Banner",
    "自治区": "Autonomous Region",
    "自治州": "Autonomous Prefecture",
    "自治县": "Autonomous County",
    "自治旗": "Autonomous Banner",
    "地区": "Prefecture",
    "盟": "League",
    "林区": "Forestry District",
    "特区": "Special District",
    "特别行政区": "Special Administrative Region",
}
# Banners are named for their part of a league: 土默特左旗 → Tumote Left Banner.
BANNER_PARTS_EN = {"左": "Left", "右": "Right", "前": "Front", "后": "Rear", "中": "Middle"}
# Suffixes that are dropped from the name used in the text (太原市 → 太原, 阿里地区 → 阿里).
# Districts (区) and banners (旗) keep theirs: bare district names (东城, 城关, 新华) are
# too common as words, and banners are always written with 旗.
SHORTENED_SUFFIXES = {
    "特别行政区",
    "省",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "盟",
    "市",
    "县",
    "林区",
    "特区",
}
# Codes 7x in the county position are development zones and other functional areas
# (石家庄高新技术产业开发区), not administrative divisions.
FUNCTIONAL_AREA_RE = re.compile(r"^\d{4}7\d$")
# City rows that are only containers for counties directly under a province or municipality.
CONTAINER_CITY_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


class GazetteerError(Exception):
    """The shipped data is inconsistent; the message says where."""


@dataclass
class PlaceRecord:
    pk: int
    name_zh: str
    kind: str
    parent: int | None
    stem: str = ""  # the part of name_zh the English name is made from
    suffix: str = ""  # the suffix name_zh keeps, translated into the English name
    name_en: str = ""
    pinyin: str = ""
    aliases: list[str] = field(default_factory=list)
    source: str = ""  # where the record came from, for error messages

    def fixture_object(self) -> dict:
        return {
            "model": MODEL_LABEL,
            "pk": self.pk,
            "fields": {
                "name_zh": self.name_zh,
                "name_en": self.name_en,
                "pinyin": self.pinyin,
                "kind": self.kind,
                "parent": self.parent,
                "aliases": self.aliases,
            },
        }


# ---------------------------------------------------------------------------------------------
# Reading the data files


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with a header, as (line number, row). Lines starting with # are notes."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [
            (number, line) for number, line in enumerate(handle, 1) if not line.startswith("#")
        ]
    reader = csv.DictReader(line for _, line in lines)
    for (number, _), row in zip(lines[1:], reader, strict=False):
        if None in row:
            raise GazetteerError(f"{path.name}:{number}: more fields than the header names")
        yield number, {key: (value or "").strip() for key, value in row.items()}


def split_aliases(text: str) -> list[str]:
    return [alias.strip() for alias in text.split(ALIAS_SEPARATOR) if alias.strip()]


def split_name(official: str) -> tuple[str, str]:
    """The name without its administrative suffix, and the suffix: 太原市 → (太原, 市)."""
    match = AUTONOMOUS_RE.match(official)
    if match:
        return match["stem"], match["suffix"]
    for suffix in SUFFIXES:
        if official.endswith(suffix) and len(official) > len(suffix):
            return official[: -len(suffix)], suffix
    return official, ""


def read_pinyin_table(data_dir: Path) -> dict[str, list[str]]:
    """Cached pypinyin output (pinyin.csv) with our corrections (pinyin_fixes.csv) applied."""
    table = {row["name"]: row["pinyin"].split() for _, row in read_csv(data_dir / "pinyin.csv")}
    fixes = [
        (row["word"], row["pinyin"].split(), number)
        for number, row in read_csv(data_dir / "pinyin_fixes.csv")
    ]
    for word, syllables, number in fixes:
        if len(syllables) != len(word):
            raise GazetteerError(
                f"pinyin_fixes.csv:{number}: {word} needs one syllable a character"
            )
    for name, syllables in table.items():
        for word, fixed, _ in fixes:
            start = name.find(word)
            while start != -1:
                syllables[start : start + len(word)] = fixed
                start = name.find(word, start + 1)
    return table


# ---------------------------------------------------------------------------------------------
# Romanisation


def strip_tones(syllable: str) -> str:
    """lǚ → lü, xiàn → xian: tone marks go, the diaeresis of ü stays."""
    decomposed = unicodedata.normalize("NFD", syllable)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def join_syllables(syllables: list[str]) -> str:
    """Pinyin for a name: one word, an apostrophe where a syllable starts with a vowel (Xī'ān)."""
    word = ""
    for index, syllable in enumerate(syllables):
        if index and strip_tones(syllable)[:1] in ("a", "o", "e"):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def english_from_pinyin(syllables: list[str]) -> str:
    return join_syllables([strip_tones(s) for s in syllables])


# ---------------------------------------------------------------------------------------------
# Today's divisions (modood/Administrative-divisions-of-China)


@dataclass
class ChineseOverride:
    name_zh: str
    name_en: str
    aliases: list[str]


def read_chinese_overrides(data_dir: Path) -> dict[int, tuple[str, ChineseOverride, int]]:
    overrides = {}
    for number, row in read_csv(data_dir / "china_names.csv"):
        code = int(row["code"])
        if code in overrides:
            raise GazetteerError(f"china_names.csv:{number}: code {code} listed twice")
        override = ChineseOverride(
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            aliases=split_aliases(row["aliases"]),
        )
        overrides[code] = (row["official"], override, number)
    return overrides


def read_modood(data_dir: Path) -> list[tuple[int, str, str, int | None]]:
    """(code, official name, level, parent code) for today's divisions, parents first."""
    source = data_dir / "modood"
    rows: list[tuple[int, str, str, int | None]] = []
    for _, row in read_csv(source / "provinces.csv"):
        rows.append((int(row["code"]), row["name"], "province", None))
    containers: dict[str, int] = {}
    city_names: dict[str, str] = {}
    for _, row in read_csv(source / "cities.csv"):
        if row["name"] in CONTAINER_CITY_NAMES:
            containers[row["code"]] = int(row["provinceCode"])
            continue
        city_names[row["code"]] = row["name"]
        rows.append((int(row["code"]), row["name"], "city", int(row["provinceCode"])))
    for _, row in read_csv(source / "areas.csv"):
        if FUNCTIONAL_AREA_RE.match(row["code"]):
            continue
        if row["name"] == city_names.get(row["cityCode"]):
            # Cities without districts (东莞市, 中山市, 嘉峪关市) come again as their own county.
            continue
        parent = containers.get(row["cityCode"], int(row["cityCode"]))
        rows.append((int(row["code"]), row["name"], "county", parent))
    # Hong Kong, Macau, Taiwan: the province-level entry and its first level (台北市, 九龙).
    # Their third level (districts of Taipei, of Kowloon) is left out.
    with (source / "HK-MO-TW.json").open(encoding="utf-8") as handle:
        hk_mo_tw = json.load(handle)
    for official, children in hk_mo_tw.items():
        code = HK_MO_TW_CODES[official]
        rows.append((code, official, "province", None))
        for index, child in enumerate(children, 1):
            rows.append((code * 100 + index, child, "city", code))
    return rows


def province_kind(code: int, official: str) -> str:
    if str(code) in MUNICIPALITY_CODES:
        return MUNICIPALITY
    if official.endswith(("自治区", "特别行政区")):
        # The model has no kind for a special administrative region: see docs/PLACES.md.
        return REGION
    return PROVINCE


def read_common_words(data_dir: Path) -> set[str]:
    return {row["word"] for _, row in read_csv(data_dir / "common_words.csv")}


def build_chinese_places(data_dir: Path, reserved_names: set[str]) -> list[PlaceRecord]:
    """Today's divisions, named by the rules above, china_names.csv and common_words.csv."""
    overrides = read_chinese_overrides(data_dir)
    common_words = read_common_words(data_dir)
    used_overrides: set[int] = set()
    records: dict[int, PlaceRecord] = {}
    taken: set[tuple[str, int | None]] = set()
    rows = read_modood(data_dir)
    province_names = {
        split_name(official)[0] for _, official, level, _ in rows if level == "province"
    }
    reserved = reserved_names | province_names
    prefecture_names = {
        split_name(official)[0] for _, official, level, _ in rows if level == "city"
    }
    for code, official, level, parent_code in rows:
        stem, suffix = split_name(official)
        override_row = overrides.get(code)
        override = None
        if override_row:
            expected, override, number = override_row
            if expected != official:
                raise GazetteerError(
                    f"china_names.csv:{number}: code {code} is {official}, not {expected}"
                )
            used_overrides.add(code)
        parent = records.get(parent_code) if parent_code else None
        if parent_code and parent is None:
            raise GazetteerError(f"{official} ({code}): parent {parent_code} not found")

        if level == "province":
            kind = province_kind(code, official)
            short = stem
        elif level == "city":
            kind = CITY
            # 吉林市 stays 吉林市: 吉林 alone is the province.
            short = stem if stem not in reserved else official
        else:
            kind = COUNTY
            # 抚顺县 stays 抚顺县 (抚顺 is its city), 平原县 stays 平原县 (平原 was a province).
            clashes = stem in reserved or stem in prefecture_names or stem == parent.name_zh
            short = official if clashes else stem
        if suffix not in SHORTENED_SUFFIXES or len(stem) < 2 or stem in common_words:
            short = official
        if (short, parent_code) in taken:
            # 新竹县 beside 新竹市, both directly under 台湾: the later one keeps its suffix.
            short = official
        if override and override.name_zh:
            short = override.name_zh
        taken.add((short, parent_code))

        record = PlaceRecord(
            pk=code,
            name_zh=short,
            kind=kind,
            parent=parent.pk if parent else None,
            stem=stem if short.startswith(stem) else "",
            suffix="" if short == stem else suffix,
            source=f"modood {code} {official}",
        )
        record.aliases = [official] if official != short else []
        if override:
            record.name_en = override.name_en
            record.aliases += override.aliases
        records[code] = record
    unused = set(overrides) - used_overrides
    if unused:
        raise GazetteerError(f"china_names.csv: no such codes in the data: {sorted(unused)}")
    return list(records.values())


# ---------------------------------------------------------------------------------------------
# Our hand-made lists: the 1950s provinces and foreign places


def read_historical(data_dir: Path) -> list[PlaceRecord]:
    records = []
    for number, row in read_csv(data_dir / "historical_1950s.csv"):
        records.append(
            PlaceRecord(
                pk=int(row["pk"]),
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                kind=row["kind"],
                parent=None,
                stem=row["name_zh"],
                aliases=split_aliases(row["aliases"]),
                source=f"historical_1950s.csv:{number}",
            )
        )
    return records


def read_foreign(data_dir: Path) -> list[PlaceRecord]:
    records: list[PlaceRecord] = []
    countries: dict[str, int] = {}
    for number, row in read_csv(data_dir / "foreign.csv"):
        parent = None
        if row["country"]:
            if row["country"] not in countries:
                raise GazetteerError(
                    f"foreign.csv:{number}: country {row['country']} must come before its places"
                )
            parent = countries[row["country"]]
        record = PlaceRecord(
            pk=int(row["pk"]),
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            kind=FOREIGN,
            parent=parent,
            stem=row["name_zh"],
            aliases=split_aliases(row["aliases"]),
            source=f"foreign.csv:{number}",
        )
        if parent is None:
            countries[record.name_zh] = record.pk
        records.append(record)
    return records


# ---------------------------------------------------------------------------------------------
# Putting it together


def needed_pinyin_names(records: Iterable[PlaceRecord]) -> list[str]:
    return sorted({record.name_zh for record in records})


def collect_records(data_dir: Path = DATA_DIR) -> list[PlaceRecord]:
    """Every place, before romanisation."""
    historical = read_historical(data_dir)
    foreign = read_foreign(data_dir)
    reserved = {record.name_zh for record in historical}
    chinese = build_chinese_places(data_dir, reserved)
    return sorted(chinese + historical + foreign, key=lambda record: record.pk)


def romanise(record: PlaceRecord, pinyin_table: dict[str, list[str]]) -> None:
    syllables = pinyin_table.get(record.name_zh)
    if syllables is None:
        raise GazetteerError(
            f"{record.source}: no pinyin for {record.name_zh}; run "
            "`python manage.py build_places_fixture --update-pinyin` (needs pypinyin)"
        )
    record.pinyin = join_syllables(syllables)
    if record.name_en:
        return
    if not record.stem:
        raise GazetteerError(f"{record.source}: {record.name_zh} needs an English name")
    record.name_en = english_name(record.stem, syllables[: len(record.stem)], record.suffix)


def english_name(stem: str, syllables: list[str], suffix: str) -> str:
    """科尔沁左翼中旗 → Ke'erqin Left Wing Middle Banner; 东城区 → Dongcheng District."""
    words: list[str] = []
    if suffix == "旗" and stem[-1:] in BANNER_PARTS_EN and len(stem) > 2:
        words.insert(0, BANNER_PARTS_EN[stem[-1]])
        stem, syllables = stem[:-1], syllables[:-1]
        if stem[-2:] in ("左翼", "右翼") and len(stem) > 3:
            words.insert(0, f"{BANNER_PARTS_EN[stem[-2]]} Wing")
            stem, syllables = stem[:-2], syllables[:-2]
    words.insert(0, english_from_pinyin(syllables))
    if suffix:
        words.append(SUFFIX_EN[suffix])
    return " ".join(words)


def finish_aliases(record: PlaceRecord) -> None:
    aliases = list(record.aliases)
    # English text often drops the diaeresis: Lüliang is also written Luliang.
    if "ü" in record.name_en:
        aliases.append(record.name_en.replace("ü", "u"))
    unique: list[str] = []
    for alias in aliases:
        if alias not in unique and alias not in (record.name_zh, record.name_en):
            unique.append(alias)
    record.aliases = unique


def check(records: list[PlaceRecord]) -> None:
    pks: set[int] = set()
    keys: dict[tuple[str, int | None], PlaceRecord] = {}
    for record in records:
        if record.pk in pks:
            raise GazetteerError(f"{record.source}: pk {record.pk} is used twice")
        pks.add(record.pk)
        if record.kind not in KINDS:
            raise GazetteerError(f"{record.source}: unknown kind {record.kind!r}")
        key = (record.name_zh, record.parent)
        if key in keys:
            raise GazetteerError(
                f"{record.source}: {record.name_zh} under the same parent as {keys[key].source}"
            )
        keys[key] = record
    for record in records:
        if record.parent is not None and record.parent not in pks:
            raise GazetteerError(f"{record.source}: parent pk {record.parent} not found")
        if record.parent is not None and record.parent >= record.pk:
            raise GazetteerError(f"{record.source}: its parent must come first (a smaller pk)")


def build_places(data_dir: Path = DATA_DIR) -> list[PlaceRecord]:
    """Every place with English name, pinyin and aliases, ordered by pk, parents first."""
    records = collect_records(data_dir)
    pinyin_table = read_pinyin_table(data_dir)
    for record in records:
        romanise(record, pinyin_table)
        finish_aliases(record)
    check(records)
    return records


def render_fixture(records: Iterable[PlaceRecord]) -> str:
    """Django fixture JSON, one place a line: small, and a change shows as a one-line diff."""
    lines = [
        json.dumps(record.fixture_object(), ensure_ascii=False, separators=(",", ":"))
        for record in records
    ]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def update_pinyin_table(data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """Rewrite pinyin.csv with pypinyin's readings of every name. Returns (names, new names)."""
    from pypinyin import Style, lazy_pinyin

    path = data_dir / "pinyin.csv"
    old = {row["name"] for _, row in read_csv(path)} if path.exists() else set()
    names = needed_pinyin_names(collect_records(data_dir))
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# pypinyin 0.55.0 readings of every Chinese place name, written by\n"
            "# `manage.py build_places_fixture --update-pinyin`. Do not edit: correct a\n"
            "# reading in pinyin_fixes.csv, which is applied on top of this file.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "pinyin"])
        for name in names:
            syllables = lazy_pinyin(name, style=Style.TONE, errors="exception")
            if len(syllables) != len(name):
                raise GazetteerError(f"pypinyin did not read {name} one syllable a character")
            writer.writerow([name, " ".join(syllables)])
    return len(names), len(set(names) - old)
