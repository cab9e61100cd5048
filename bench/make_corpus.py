"""Write N synthetic-but-real-text articles in the archive's file format, for tests and benchmarks.

    python bench/make_corpus.py 10000 --out var/corpus-10k [--seed 1956] [--zip]

Each article takes a real People's Daily headline of 1956-1959 with its real date (so the
number of articles per day follows the paper's), a page (1-4 before July 1956, then 1-8),
sometimes a column, a dateline with a place, a Chinese body of real People's Daily paragraphs
(600-3,000 characters) and an English body of real news sentences (300-1,500 words). The same
N and seed always give the same files.

The text is research-only data read from ../shared/corpus at run time (set ARCHIVE_SHARED_DIR
to look elsewhere); the files written are for local use and are never committed.
"""

import argparse
import csv
import os
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"

COLUMNS = [
    ("开展先进生产者运动", "Developing the Advanced Producer Movement"),
    ("国际述评", "International Commentary"),
    ("读者来信", "Letters from Readers"),
    ("农业合作化", "Agricultural Cooperation"),
    ("文化生活", "Cultural Life"),
    ("社论", "Editorial"),
]
DATELINE_PLACES = [
    ("北京", "Beijing"), ("上海", "Shanghai"), ("天津", "Tianjin"), ("南京", "Nanjing"),
    ("重庆", "Chongqing"), ("武汉", "Wuhan"), ("广州", "Guangzhou"), ("沈阳", "Shenyang"),
    ("哈尔滨", "Harbin"), ("西安", "Xi'an"), ("太原", "Taiyuan"), ("长春", "Changchun"),
    ("兰州", "Lanzhou"), ("成都", "Chengdu"), ("昆明", "Kunming"), ("杭州", "Hangzhou"),
    ("济南", "Jinan"), ("郑州", "Zhengzhou"), ("鞍山", "Anshan"), ("无锡", "Wuxi"),
    ("莫斯科", "Moscow"), ("华沙", "Warsaw"), ("平壤", "Pyongyang"), ("河内", "Hanoi"),
]  # fmt: skip
MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()
_HEADLINE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (.+)$")


@dataclass(frozen=True)
class Sources:
    headlines: list[tuple[str, str]]  # (date, headline)
    zh_paragraphs: list[str]
    en_sentences: list[str]


def load_sources(corpus: Path = CORPUS) -> Sources:
    headlines = []
    for path in sorted((corpus / "rmrb_titles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _HEADLINE.match(line.strip())
            # Lines with ? lost characters in the source; one-word captions (图片) are no articles.
            if match and "?" not in match[2] and len(match[2]) >= 4:
                headlines.append((match[1], match[2]))
    zh = [
        line.strip()
        for line in (corpus / "peoples_daily_2000_zh.txt").read_text(encoding="utf-8").splitlines()
        if len(line.strip()) >= 20
    ]
    en = []
    for name in ("newstest2019-enzh.tsv", "newstest2020-enzh.tsv"):
        with (corpus / name).open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t")
            next(rows)  # the header
            en += [row[0].strip() for row in rows if row and len(row[0].split()) >= 5]
    if not (headlines and zh and en):
        raise SystemExit(f"no usable text found under {corpus}")
    return Sources(headlines=headlines, zh_paragraphs=zh, en_sentences=en)


def article_texts(count: int, seed: int, sources: Sources) -> Iterator[tuple[str, str]]:
    """Yield (file name, file text) for `count` articles, deterministically for a seed."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(sources.headlines)), min(count, len(sources.headlines))))
    while len(chosen) < count:  # more articles than headlines: reuse some, still in date order
        chosen.append(rng.randrange(len(sources.headlines)))
    chosen.sort(key=lambda index: sources.headlines[index][0])
    for number, index in enumerate(chosen):
        date, headline = sources.headlines[index]
        yield f"{date[:7]}/{number:07d}.txt", _article(rng, date, headline, sources)


def _article(rng: random.Random, date: str, headline: str, sources: Sources) -> str:
    year, month, day = (int(part) for part in date.split("-"))
    pages = 4 if (year, month) < (1956, 7) else 8
    page = rng.randint(1, pages)
    headline_zh, _, subtitle_zh = headline.partition("  ")
    column_zh, column_en = rng.choice(COLUMNS) if rng.random() < 0.15 else ("", "")

    zh_body = _fill(rng, sources.zh_paragraphs, rng.randint(600, 3000), len)
    en_body = _english_paragraphs(rng, sources.en_sentences, rng.randint(300, 1500))
    place_zh, place_en = rng.choice(DATELINE_PLACES)
    dateline_day = max(1, day - 1)
    if rng.random() < 0.6:
        zh_body[0] = f"新华社{place_zh}{dateline_day}日电　{zh_body[0]}"
        en_body[0] = (
            f"Xinhua News Agency, {place_en}, {MONTHS_EN[month - 1]} {dateline_day}: {en_body[0]}"
        )
    elif rng.random() < 0.5:
        zh_body[0] = f"本报{place_zh}{dateline_day}日电　{zh_body[0]}"
        en_body[0] = (
            f"{place_en}, {MONTHS_EN[month - 1]} {dateline_day} (report from our newspaper) {en_body[0]}"  # noqa: E501
        )

    title_en = _title(rng, sources.en_sentences)
    if subtitle_zh:
        title_en += ": " + _title(rng, sources.en_sentences)
    english = [f"Title: {title_en}", "Author:", f"Date: {date}", f"Page: {page}"]
    if column_en:
        english.append(column_en)
    original = [f"### {headline_zh}" + (f"  {subtitle_zh}" if subtitle_zh else ""), ""]
    original += [date, f"第{page}版()", f"专栏：{column_zh}", ""]
    original += [f"    {line}" for line in [headline_zh, subtitle_zh] if line]
    original += [f"    {paragraph}" for paragraph in zh_body]
    return "\n".join(
        [*english, "", "\n\n".join(en_body), "", "<hr />", "", "Original:", "", *original, ""]
    )


def _fill(rng: random.Random, pool: list[str], target: int, size) -> list[str]:
    chosen, total = [], 0
    while total < target:
        item = rng.choice(pool)
        chosen.append(item)
        total += size(item)
    return chosen


def _english_paragraphs(rng: random.Random, sentences: list[str], words: int) -> list[str]:
    chosen = _fill(rng, sentences, words, lambda sentence: len(sentence.split()))
    paragraphs = []
    while chosen:
        take = rng.randint(2, 6)
        paragraphs.append(" ".join(chosen[:take]))
        chosen = chosen[take:]
    return paragraphs


def _title(rng: random.Random, sentences: list[str]) -> str:
    words = rng.choice(sentences).rstrip(".").split()[:12]
    return " ".join(words)


def write_corpus(count: int, seed: int, out: Path, as_zip: bool = False) -> int:
    sources = load_sources()
    written = 0
    if as_zip:
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in article_texts(count, seed, sources):
                archive.writestr(name, text)
                written += 1
        return written
    for name, text in article_texts(count, seed, sources):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many articles")
    parser.add_argument("--out", type=Path, default=None, help="folder (or .zip with --zip)")
    parser.add_argument("--seed", type=int, default=1956)
    parser.add_argument("--zip", action="store_true", help="write one .zip instead of a folder")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "var" / (f"corpus-{args.count}" + (".zip" if args.zip else ""))
    written = write_corpus(args.count, args.seed, out, as_zip=args.zip)
    print(f"wrote {written} articles to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
