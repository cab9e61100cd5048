"""Parse one article file (English translation, `<hr />`, Chinese original) into clean fields.

The format is described in docs/ARCHITECTURE.md. The parser knows nothing of Django: it takes
the file's bytes and returns either a `ParsedArticle` or every problem it found, each naming
the line it is on, so that a caller can refuse the whole file and say exactly why.
"""

import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

ENGLISH_FIELDS = ("Title", "Author", "Date", "Page")

_HR = re.compile(r"^\s*<hr\s*/?>\s*$", re.IGNORECASE)
_HEADER = re.compile(r"^(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*)$")
_ORIGINAL_LABEL = re.compile(r"^\s*Original\s*:\s*$", re.IGNORECASE)
_ZH_TITLE = re.compile(r"^###\s*(?P<title>.*)$")
# Headline and subtitle are separated by two or more spaces, or a full-width space.
_ZH_TITLE_SPLIT = re.compile(r"(?: {2,}|\u3000+)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ZH_PAGE = re.compile(r"^第\s*(?P<page>\d+)\s*版\s*(?:[(（](?P<name>[^)）]*)[)）])?$")
_ZH_COLUMN = re.compile(r"^专栏\s*[:：]\s*(?P<column>.*)$")
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})"
# 新华社南京6日电, 据新华社7日讯, 本报重庆4日电, 本报讯, 新华社北京二十日电 …
_ZH_DATELINE = re.compile(
    rf"^(?:据)?(?P<agency>新华社|本报|中新社|塔斯社)"
    rf"(?P<place>[\u4e00-\u9fff]{{0,8}}?)(?:{_DAY}日)?(?:电|讯)"
)
# A closing attribution such as （新华社） at the end of an article.
_ZH_TRAILING_AGENCY = re.compile(r"[(（](?P<agency>新华社|本报讯|中新社)[)）]\s*$")
_EN_DATELINE = re.compile(
    r"^(?P<agency>Xinhua News Agency|Xinhua),\s*(?P<place>[A-Z][A-Za-z' -]+?),\s*"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_EN_PAPER_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z' -]+?),\s*[A-Z][a-z]+ \d{1,2}\s*\(report from our newspaper\)"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Full-width spaces count as indentation in the Chinese body.
_INDENT = " \t\u3000"


@dataclass(frozen=True)
class ParseError:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class ParsedArticle:
    date: datetime.date
    page: int
    headline_zh: str
    body_zh: list[str]
    subtitle_zh: str = ""
    page_name: str = ""
    column_zh: str = ""
    column_en: str = ""
    headline_en: str = ""
    subtitle_en: str = ""
    body_en: list[str] = field(default_factory=list)
    author: str = ""
    agency: str = ""
    dateline: str = ""
    dateline_place_name: str = ""
    dateline_place_name_en: str = ""
    raw_text: str = ""
    checksum: str = ""

    @property
    def translation_pending(self) -> bool:
        return not self.body_en


class ArticleFileError(Exception):
    """The file cannot be imported; `errors` says every reason, with its line."""

    def __init__(self, errors: list[ParseError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def checksum_of(text: str) -> str:
    """SHA-256 of the text with line endings normalised, so a CRLF copy is the same file."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def decode_article_bytes(data: bytes, source: str, max_bytes: int) -> str:
    """Turn a file's bytes into text, or raise ArticleFileError saying why it is not one."""
    if not data:
        raise ArticleFileError([ParseError(source, 1, "the file is empty")])
    if len(data) > max_bytes:
        raise ArticleFileError([too_large_error(source, len(data), max_bytes)])
    if b"\x00" in data[:8192]:
        raise ArticleFileError(
            [ParseError(source, 1, "this is a binary file, not an article text file")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ArticleFileError(
            [
                ParseError(
                    source,
                    line,
                    f"the file is not UTF-8 (byte 0x{data[error.start]:02x} cannot be read); "
                    "save it as UTF-8 and import it again",
                )
            ]
        ) from None
    return text


def too_large_error(source: str, size: int, max_bytes: int) -> ParseError:
    return ParseError(
        source,
        1,
        f"the file is {_size(size)}, larger than the {_size(max_bytes)} an article may be; "
        "is this really one article?",
    )


def parse_article_bytes(data: bytes, source: str, max_bytes: int) -> ParsedArticle:
    return parse_article_text(decode_article_bytes(data, source, max_bytes), source)


def parse_article_text(text: str, source: str) -> ParsedArticle:
    """Parse one article's text; raise ArticleFileError listing every problem found."""
    raw_text = text
    text = text.lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    errors: list[ParseError] = []

    def error(line: int, message: str) -> None:
        errors.append(ParseError(source, line, message))

    for number, line in enumerate(lines, start=1):
        if _CONTROL.search(line):
            error(number, "contains control characters; is this a text file?")
            break

    if not any(line.strip() for line in lines):
        error(1, "the file holds no text")
        raise ArticleFileError(errors)

    hr_line = next((i for i, line in enumerate(lines) if _HR.match(line)), None)
    if hr_line is None:
        first = _first_content_line(lines, 0)
        if first is not None and (
            _ZH_TITLE.match(lines[first]) or _ORIGINAL_LABEL.match(lines[first])
        ):
            english_lines, original_start = [], 0
        else:
            error(
                1,
                "no <hr /> line separating the English translation from the original; "
                "a file with only the original must start with its '### ' headline line",
            )
            raise ArticleFileError(errors)
    else:
        english_lines, original_start = lines[:hr_line], hr_line + 1

    english = _parse_english(english_lines, error) if _has_text(english_lines) else None
    original = _parse_original(lines, original_start, error)

    if original and english:
        if english.date and original.date and english.date != original.date:
            error(
                english.date_line,
                f"Date {english.date} differs from the original's date {original.date} "
                f"(line {original.date_line})",
            )
        if english.page and original.page and english.page != original.page:
            error(
                english.page_line,
                f"Page {english.page} differs from the original's page {original.page} "
                f"(line {original.page_line})",
            )
    if errors or original is None:
        raise ArticleFileError(errors)

    date = original.date or (english.date if english else None)
    page = original.page or (english.page if english else None)
    if date is None:
        error(original.title_line, "no date: give 'Date: YYYY-MM-DD' or the original's date line")
    if page is None:
        error(original.title_line, "no page: give 'Page: N' or the original's 第N版 line")
    if errors:
        raise ArticleFileError(errors)

    article = ParsedArticle(
        date=date,
        page=page,
        headline_zh=original.headline,
        subtitle_zh=original.subtitle,
        page_name=original.page_name,
        column_zh=original.column,
        body_zh=original.body,
        raw_text=raw_text,
        checksum=checksum_of(text),
    )
    if english:
        article.headline_en, article.subtitle_en = _split_english_title(
            english.title, has_subtitle=bool(original.subtitle)
        )
        article.author = english.author
        article.column_en = english.column
        article.body_en = _drop_repeated_title(
            english.body, [english.title, article.headline_en, article.subtitle_en]
        )
    _fill_dateline(article)
    return article


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _has_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)


def _first_content_line(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


@dataclass
class _English:
    title: str = ""
    author: str = ""
    date: datetime.date | None = None
    date_line: int = 0
    page: int | None = None
    page_line: int = 0
    column: str = ""
    body: list[str] = field(default_factory=list)


def _parse_english(lines: list[str], error) -> _English | None:
    english = _English()
    seen: set[str] = set()
    index = 0
    # The header: Key: value lines, then an optional column line, up to the first blank line.
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and lines[index].strip():
        raw, number = lines[index], index + 1
        if raw.startswith((" ", "\t", "\u3000")):
            break  # indented text: the body starts without a blank line before it
        line = raw.strip()
        match = _HEADER.match(line)
        key = match["key"].capitalize() if match else None
        if key in ENGLISH_FIELDS:
            if key in seen:
                error(number, f"'{key}:' appears twice")
            seen.add(key)
            value = match["value"].strip()
            if key == "Title":
                english.title = _clean_inline(value)
            elif key == "Author":
                english.author = _clean_inline(value)
            elif key == "Date":
                english.date, english.date_line = _parse_date(value, number, error), number
            else:
                english.page, english.page_line = _parse_page(value, number, error), number
        elif "Page" in seen and not english.column:
            english.column = _clean_inline(line)  # the optional column line after the header
        elif match:
            expected = ", ".join(f"{name}:" for name in ENGLISH_FIELDS)
            error(number, f"unknown field '{match['key']}:'; expected {expected}")
        else:
            break
        index += 1
    if "Title" not in seen:
        error(1, "the English part has no 'Title:' line")
    english.body = _paragraphs(lines[index:])
    if not english.body:
        error(
            len(lines),
            "the English part has a header but no text; remove it to import the original "
            "alone (its translation then shows as pending)",
        )
    return english


@dataclass
class _Original:
    headline: str = ""
    subtitle: str = ""
    title_line: int = 0
    date: datetime.date | None = None
    date_line: int = 0
    page: int | None = None
    page_line: int = 0
    page_name: str = ""
    column: str = ""
    body: list[str] = field(default_factory=list)


def _parse_original(lines: list[str], start: int, error) -> _Original | None:
    index = _first_content_line(lines, start)
    if index is not None and _ORIGINAL_LABEL.match(lines[index]):
        index = _first_content_line(lines, index + 1)
    if index is None:
        error(min(start + 1, len(lines)), "no original (Chinese) text after the <hr /> line")
        return None
    title = _ZH_TITLE.match(lines[index].strip())
    if not title or not title["title"].strip():
        error(index + 1, "the original must start with a '### 标题' headline line")
        return None
    original = _Original(title_line=index + 1)
    parts = _ZH_TITLE_SPLIT.split(title["title"].strip(), maxsplit=1)
    original.headline = _clean_inline(parts[0])
    original.subtitle = _clean_inline(parts[1]) if len(parts) > 1 else ""

    # Then a block of unindented metadata lines (date, page, column), before the indented body.
    index = _first_content_line(lines, index + 1) or len(lines)
    while index < len(lines) and lines[index].strip() and not lines[index].startswith(_INDENT):
        line, number = lines[index].strip(), index + 1
        if _ISO_DATE.match(line) and original.date is None:
            original.date, original.date_line = _parse_date(line, number, error), number
        elif (page := _ZH_PAGE.match(line)) and original.page is None:
            original.page, original.page_line = int(page["page"]), number
            original.page_name = _clean_inline(page["name"] or "")
        elif (column := _ZH_COLUMN.match(line)) and not original.column:
            original.column = _clean_inline(column["column"])
        else:
            error(
                number,
                f"cannot read {line[:40]!r} in the original's header; expected the date "
                "(YYYY-MM-DD), the page (第N版()) or the column (专栏：), each on its own line, "
                "and the body indented below them",
            )
        index += 1

    body = [_clean_inline(line) for line in lines[index:] if line.strip(_INDENT + "\n")]
    original.body = _drop_repeated_title(body, [original.headline, original.subtitle])
    if not original.body:
        error(index + 1 if index < len(lines) else len(lines), "the original has no body text")
    return original


def _parse_date(value: str, line: int, error) -> datetime.date | None:
    match = _ISO_DATE.match(value.strip())
    if not match:
        error(line, f"cannot read the date {value!r}; expected YYYY-MM-DD")
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError as problem:
        error(line, f"the date {value!r} does not exist ({problem})")
        return None


def _parse_page(value: str, line: int, error) -> int | None:
    value = unicodedata.normalize("NFKC", value).strip()
    if not value.isdigit() or not 0 < int(value) < 1000:
        error(line, f"cannot read the page {value!r}; expected a page number such as 2")
        return None
    return int(value)


def _clean_inline(text: str) -> str:
    """Trim a line, counting full-width spaces as spaces."""
    return text.strip(_INDENT + " \n")


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of the English body.

    Blocks are separated by blank lines. In indented files each indented line is a
    paragraph of its own (the headline lines come one per line, with no blank between);
    otherwise the lines of a block are one wrapped paragraph.
    """
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.rstrip())
            continue
        if block:
            if all(part.startswith((" ", "\t", "\u3000")) for part in block):
                paragraphs.extend(_clean_inline(part) for part in block)
            else:
                paragraphs.append(" ".join(_clean_inline(part) for part in block))
            block = []
    return paragraphs


def _comparable(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in text if char.isalnum())


def _drop_repeated_title(paragraphs: list[str], titles: list[str]) -> list[str]:
    """Remove the leading paragraphs that only repeat the headline or subtitle."""
    wanted = {_comparable(title) for title in titles if title}
    wanted.discard("")
    index = 0
    while index < len(paragraphs) and _comparable(paragraphs[index]) in wanted:
        wanted.discard(_comparable(paragraphs[index]))
        index += 1
    return paragraphs[index:]


def _split_english_title(title: str, has_subtitle: bool) -> tuple[str, str]:
    """Split 'Headline: Subtitle' when the original has a subtitle to match.

    Translators join the two with ': ', or, after a headline ending in ? or !, with a space.
    """
    if has_subtitle:
        if ": " in title:
            headline, subtitle = title.split(": ", 1)
            return headline.strip(), subtitle.strip()
        match = re.match(r"^(.+?[?!])\s+(\S.*)$", title)
        if match:
            return match[1].strip(), match[2].strip()
    return title, ""


def _fill_dateline(article: ParsedArticle) -> None:
    first_zh = article.body_zh[0] if article.body_zh else ""
    match = _ZH_DATELINE.match(first_zh)
    if match:
        article.dateline = match[0]
        article.agency = match["agency"]
        article.dateline_place_name = match["place"]
    else:
        trailing = _ZH_TRAILING_AGENCY.search(article.body_zh[-1]) if article.body_zh else None
        if trailing:
            article.agency = trailing["agency"].removesuffix("讯")
    first_en = article.body_en[0] if article.body_en else ""
    for pattern in (_EN_DATELINE, _EN_PAPER_DATELINE):
        match = pattern.match(first_en)
        if match:
            article.dateline_place_name_en = match["place"].strip()
            break
