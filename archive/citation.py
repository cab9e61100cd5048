"""Ways to cite an article: Chicago and MLA text, BibTeX and RIS records, Highwire meta tags.

The newspaper is cited by its romanised name with the English name beside it, as library
catalogues do (Renmin ribao / People's Daily); the headline in English with the Chinese after
it, so a reader can find the original.
"""

import datetime
import re

from archive.models import Article

NEWSPAPER = "Renmin Ribao (People's Daily)"
NEWSPAPER_ZH = "人民日报"
ARCHIVE_NAME = "People's Daily Archive"

_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_REPLACEMENTS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_MONTHS_MLA = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]


def full_title_en(article: Article) -> str:
    if not article.headline_en:
        return ""
    if article.subtitle_en:
        return f"{article.headline_en}: {article.subtitle_en}"
    return article.headline_en


def full_title_zh(article: Article) -> str:
    return " ".join(part for part in (article.headline_zh, article.subtitle_zh) if part)


def chicago(article: Article, url: str) -> str:
    """Chicago notes-and-bibliography style for a newspaper article."""
    title = _quoted_titles(article)
    date = f"{article.date:%B} {article.date.day}, {article.date.year}"
    return f"{title} {NEWSPAPER}, {date}, {article.page}. {url}."


def mla(article: Article, url: str, accessed: datetime.date) -> str:
    """MLA 9th edition for a newspaper article found in an online archive."""
    title = _quoted_titles(article)
    date = f"{article.date.day} {_MONTHS_MLA[article.date.month - 1]} {article.date.year}"
    seen = f"{accessed.day} {_MONTHS_MLA[accessed.month - 1]} {accessed.year}"
    return (
        f"{title} {NEWSPAPER}, {date}, p. {article.page}. {ARCHIVE_NAME}, {url}. Accessed {seen}."
    )


def bibtex(article: Article, url: str) -> str:
    fields = {
        "title": full_title_en(article) or full_title_zh(article),
        "titleaddon": full_title_zh(article) if article.headline_en else "",
        "author": article.author,
        "journaltitle": NEWSPAPER,
        "date": article.date.isoformat(),
        "year": str(article.date.year),
        "pages": str(article.page),
        "url": url,
        "langid": "chinese",
        "note": "Chinese original with English translation" if article.headline_en else "",
    }
    lines = [f"@article{{{citation_key(article)},"]
    lines += [
        # A URL is verbatim in BibTeX: escaping its characters would change it.
        f"  {name} = {{{value if name == 'url' else _bibtex_escape(value)}}},"
        for name, value in fields.items()
        if value
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(article: Article, url: str) -> str:
    tags = [
        ("TY", "NEWS"),
        ("TI", full_title_en(article) or full_title_zh(article)),
        ("TT", full_title_zh(article) if article.headline_en else ""),
        ("AU", article.author),
        ("T2", NEWSPAPER),
        ("PY", str(article.date.year)),
        ("DA", article.date.strftime("%Y/%m/%d")),
        ("SP", str(article.page)),
        ("LA", "zh"),
        ("UR", url),
        ("DB", ARCHIVE_NAME),
        ("ER", ""),
    ]
    return "".join(
        f"{tag}  - {_one_line(value)}\r\n" for tag, value in tags if value or tag == "ER"
    )


def highwire_tags(article: Article, url: str) -> list[tuple[str, str]]:
    """`citation_*` meta tags, which Zotero and Google Scholar read."""
    tags = [
        ("citation_title", full_title_en(article) or full_title_zh(article)),
        ("citation_publication_date", article.date.strftime("%Y/%m/%d")),
        ("citation_date", article.date.strftime("%Y/%m/%d")),
        ("citation_journal_title", NEWSPAPER),
        ("citation_firstpage", str(article.page)),
        ("citation_language", "zh"),
        ("citation_public_url", url),
    ]
    if article.author:
        tags.append(("citation_author", article.author))
    return tags


def citation_key(article: Article) -> str:
    return f"renminribao{article.date:%Y%m%d}p{article.page}a{article.pk}"


def _quoted_titles(article: Article) -> str:
    english, chinese = full_title_en(article), full_title_zh(article)
    if english:
        return f"“{english}” [{chinese}]."
    return f"“{chinese}.”"


def _bibtex_escape(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(
        lambda match: _BIBTEX_REPLACEMENTS.get(match[0], "\\" + match[0]), _one_line(value)
    )


def _one_line(value: str) -> str:
    return " ".join(value.split())
