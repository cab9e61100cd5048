"""How well the tagger finds places, measured on the hand-checked set in data/place_labels.csv.

The labelled lines are real People's Daily text read from ../shared/corpus/ at run time (it
may not be committed), plus the five samples in seeds/. docs/PLACES.md, "Tagging", reports the
numbers this prints and says how the set was made.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.parser import parse_article_text
from archive.places import Tagger, places_from_fixture
from bench.make_corpus import CORPUS as SHARED_CORPUS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = SHARED_CORPUS
LABELS = Path(__file__).parent / "data" / "place_labels.csv"

TARGETS = {"dateline": 0.95, "mentions": 0.90}

# A dateline anywhere in a line of modern text: 本报北京12月31日讯, 据新华社开罗1月1日电.
# (The parser finds 1950s datelines at the start of an article; these lines are not articles.)
_DATELINE = re.compile(
    r"(?:本报|新华社)(?P<place>[\u4e00-\u9fff]{1,8}?)(?:\d{1,2}月)?(?:\d{1,2}日)?专?(?:电|讯)"
)
# A token of the POS-tagged corpus: 香港/ns, [中国/ns, 电台/n]nt
_POS_TOKEN = re.compile(r"^\[?(?P<word>.+?)/[A-Za-z]+(?:\][a-z]+)?$")


@dataclass
class Score:
    true: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true / self.expected if self.expected else 1.0


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(places_from_fixture(ROOT / "fixtures" / "places.json"))


def read_labels() -> list[dict]:
    with LABELS.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [
            {**row, "line": int(row["line"]), "places": {int(p) for p in row["places"].split()}}
            for row in rows
        ]


def corpus_line(name: str, number: int) -> str:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    text = lines[number - 1]
    if name == "peoples_daily_1998_pos_sample.txt":
        # Undo the segmentation: the first token is the sentence's id.
        words = [_POS_TOKEN.match(token) for token in text.split()[1:]]
        text = "".join(word["word"] for word in words if word)
    return text


def predict(tagger: Tagger, row: dict) -> set[int]:
    if row["file"].startswith("seeds/"):
        path = ROOT / row["file"]
        article = parse_article_text(path.read_text(encoding="utf-8"), path.name)
        tags = tagger.tag(
            dateline_zh=article.dateline_place_name,
            dateline_en=article.dateline_place_name_en,
            texts_zh=[article.headline_zh, article.subtitle_zh, *article.body_zh],
            texts_en=[article.headline_en, article.subtitle_en, *article.body_en],
        )
        found = [tags.dateline] if row["kind"] == "dateline" else tags.mentions
        return {place for place in found if place is not None}
    text = corpus_line(row["file"], row["line"])
    if row["kind"] == "dateline":
        match = _DATELINE.search(text)
        assert match, f"no dateline in {row['file']}:{row['line']}"
        place = tagger.dateline_place(match["place"])
        return {place} if place else set()
    return set(tagger.mentions([text]))


def measure(tagger: Tagger) -> tuple[dict[str, Score], list[str]]:
    scores = {kind: Score() for kind in TARGETS}
    mistakes = []
    for row in read_labels():
        predicted = predict(tagger, row)
        expected = row["places"]
        score = scores[row["kind"]]
        score.true += len(predicted & expected)
        score.predicted += len(predicted)
        score.expected += len(expected)
        if predicted != expected:
            mistakes.append(
                f"{row['file']}:{row['line']} {row['kind']}: "
                f"extra {sorted(predicted - expected)}, missed {sorted(expected - predicted)}"
            )
    return scores, mistakes


def test_the_labelled_set_is_large_enough_to_mean_something():
    rows = read_labels()
    mentions = [row for row in rows if row["kind"] == "mentions"]
    datelines = [row for row in rows if row["kind"] == "dateline"]
    assert len(mentions) >= 150
    assert sum(len(row["places"]) for row in mentions) >= 150
    assert len(datelines) >= 100


@pytest.mark.parametrize("kind", TARGETS)
def test_precision_and_recall_reach_the_targets(tagger, kind):
    scores, mistakes = measure(tagger)
    score = scores[kind]
    print(
        f"\n{kind}: precision {score.precision:.3f} ({score.true}/{score.predicted}), "
        f"recall {score.recall:.3f} ({score.true}/{score.expected})"
    )
    print("\n".join(m for m in mistakes if f" {kind}:" in m))
    assert score.precision >= TARGETS[kind], mistakes
    assert score.recall >= TARGETS[kind], mistakes


def test_every_labelled_line_exists_in_the_corpus():
    for row in read_labels():
        if not row["file"].startswith("seeds/"):
            assert corpus_line(row["file"], row["line"]) is not None
