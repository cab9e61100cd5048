"""Import article files into the database: one parser, used by the command line and the admin.

Each file is imported in its own transaction, so a file that fails changes nothing and the
files after it still go in. A file is recognised by the checksum of its text: the same text
imported twice is one article, and a changed file replaces the article of the same file name.
"""

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from archive.models import PARAGRAPH_SEPARATOR, Article
from archive.parser import (
    ArticleFileError,
    ParsedArticle,
    ParseError,
    parse_article_bytes,
    parse_article_text,
    too_large_error,
)
from archive.places import Tags, get_tagger, save_place_tags

ARTICLE_SUFFIXES = {".txt"}


class Outcome(enum.Enum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass
class ImportReport:
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    errors: list[ParseError] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome] += 1

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]

    def summary(self) -> str:
        return ", ".join(f"{outcome.value} {self.counts[outcome]}" for outcome in Outcome)


def find_article_files(paths: Iterable[str | Path]) -> Iterator[Path | ParseError]:
    """Yield the article files under each path, or an error for a path that is not there.

    Folders are searched recursively for *.txt files, in name order; a file named
    explicitly is taken whatever its suffix.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        elif path.is_file():
            yield path
        else:
            yield ParseError(str(path), 0, "no such file or folder")


def read_article_file(path: Path) -> ParsedArticle:
    """Parse one file; raise ArticleFileError saying what is wrong and where."""
    limit = settings.ARCHIVE_MAX_FILE_BYTES
    size = path.stat().st_size
    if size > limit:
        # Checked before reading, so a huge file never lands in memory.
        raise ArticleFileError([too_large_error(str(path), size, limit)])
    return parse_article_bytes(path.read_bytes(), str(path), limit)


# The fields an import writes: an article whose values differ from what its own raw text
# parses to was edited in the admin since it was imported.
IMPORTED_FIELDS = [
    "date", "page", "page_name", "column_zh", "column_en", "headline_zh", "subtitle_zh",
    "headline_en", "subtitle_en", "body_zh", "body_en", "author", "agency", "dateline",
    "dateline_place_name",
]  # fmt: skip


class EditedArticleError(Exception):
    """A re-import would overwrite changes an editor made; it needs explicit consent."""

    def __init__(self, article: Article, fields: list[str]):
        self.article, self.fields = article, fields
        super().__init__(
            f"article {article.pk} was edited in the admin since it was imported "
            f"({', '.join(fields)}); not overwritten. Import it with --overwrite-edits "
            "(or confirm the overwrite on the admin import page) to replace the edits"
        )


def edited_fields(article: Article) -> list[str]:
    """The imported fields an editor has changed since the article's file was imported."""
    try:
        parsed = parse_article_text(article.raw_text, article.source_name)
    except ArticleFileError:
        return []
    as_imported = Article()
    _copy_fields(parsed, as_imported)
    return [
        name for name in IMPORTED_FIELDS if getattr(as_imported, name) != getattr(article, name)
    ]


def save_article(
    parsed: ParsedArticle, source_name: str, publish: bool = True, overwrite_edits: bool = False
) -> Outcome:
    """Store a parsed article: create it, update the article of the same file, or do nothing.

    An update never silently replaces an editor's changes: it raises EditedArticleError
    unless `overwrite_edits` is given.
    """
    with transaction.atomic():
        if Article.objects.filter(checksum=parsed.checksum).exists():
            return Outcome.UNCHANGED
        article = (
            Article.objects.select_for_update()
            .filter(source_name=source_name)
            .order_by("id")
            .first()
        )
        outcome = Outcome.UPDATED if article else Outcome.IMPORTED
        if article and not overwrite_edits and (changed := edited_fields(article)):
            raise EditedArticleError(article, changed)
        if article is None:
            article = Article(source_name=source_name, published=publish)
        _copy_fields(parsed, article)
        article.full_clean(exclude=["places"])
        article.save()
        save_place_tags(article, find_places(parsed))
        return outcome


def import_paths(
    paths: Iterable[str | Path],
    publish: bool = True,
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
    overwrite_edits: bool = False,
) -> ImportReport:
    """Import every article file under `paths` and report what happened to each."""
    report = ImportReport()
    files: list[Path] = []
    for found in find_article_files(paths):
        if isinstance(found, ParseError):
            report.add(Outcome.FAILED)
            report.errors.append(found)
        else:
            files.append(found)
    for path in progress(files) if progress else files:
        try:
            parsed = read_article_file(path)
        except ArticleFileError as problem:
            report.add(Outcome.FAILED)
            report.errors.extend(problem.errors)
            continue
        except OSError as problem:
            report.add(Outcome.FAILED)
            report.errors.append(ParseError(str(path), 0, f"cannot read the file: {problem}"))
            continue
        try:
            report.add(
                save_article(parsed, path.name, publish=publish, overwrite_edits=overwrite_edits)
            )
        except EditedArticleError as problem:
            report.add(Outcome.FAILED)
            report.errors.append(ParseError(str(path), 0, str(problem)))
        except ValidationError as problem:
            report.add(Outcome.FAILED)
            report.errors.extend(
                ParseError(str(path), 0, f"{name}: {message}")
                for name, messages in problem.message_dict.items()
                for message in messages
            )
    return report


def _copy_fields(parsed: ParsedArticle, article: Article) -> None:
    for name in IMPORTED_FIELDS:
        value = getattr(parsed, name)
        # The parser gives paragraphs as lists; the model keeps them in one text field.
        setattr(
            article, name, PARAGRAPH_SEPARATOR.join(value) if isinstance(value, list) else value
        )
    article.raw_text = parsed.raw_text
    article.checksum = parsed.checksum


def find_places(parsed: ParsedArticle) -> Tags:
    """The dateline place and the places named in the headlines and text, in both languages."""
    return get_tagger().tag(
        dateline_zh=parsed.dateline_place_name,
        dateline_en=parsed.dateline_place_name_en,
        texts_zh=[parsed.headline_zh, parsed.subtitle_zh, *parsed.body_zh],
        texts_en=[parsed.headline_en, parsed.subtitle_en, *parsed.body_en],
    )
