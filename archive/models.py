"""The archive's data: articles in both languages and the places they name."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PARAGRAPH_SEPARATOR = "\n\n"

# Agencies as they stand in Chinese datelines, with the English name readers expect.
AGENCY_NAMES_EN = {
    "新华社": "Xinhua News Agency",
    "本报": "People's Daily",
}


class Place(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        MUNICIPALITY = "municipality", _("municipality")
        REGION = "region", _("autonomous region")
        CITY = "city", _("city")
        COUNTY = "county", _("county")
        FOREIGN = "foreign", _("foreign place")

    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    pinyin = models.CharField(max_length=128, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text=_("Other names and spellings, e.g. 太原市, Peking.")
    )

    class Meta:
        ordering = ["name_en", "name_zh"]
        constraints = [
            models.UniqueConstraint(fields=["name_zh", "parent"], name="unique_place_in_parent")
        ]

    def __str__(self) -> str:
        return f"{self.name_zh} {self.name_en}".strip()

    def get_absolute_url(self) -> str:
        return reverse("archive:place", kwargs={"pk": self.pk})

    def ancestors(self) -> list["Place"]:
        """The places above this one, nearest first: 无锡 → [江苏]."""
        chain: list[Place] = []
        place = self.parent
        while place is not None and place not in chain and len(chain) < 6:
            chain.append(place)
            place = place.parent
        return chain


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        return self.filter(published=True)


class Article(models.Model):
    date = models.DateField(db_index=True)
    page = models.PositiveSmallIntegerField()
    page_name = models.CharField(
        max_length=64, blank=True, help_text=_("The page's own name, from 第N版(…), usually empty.")
    )
    column_zh = models.CharField(_("column (Chinese)"), max_length=200, blank=True)
    column_en = models.CharField(_("column (English)"), max_length=300, blank=True)
    headline_zh = models.CharField(_("headline (Chinese)"), max_length=500)
    subtitle_zh = models.CharField(_("subtitle (Chinese)"), max_length=500, blank=True)
    headline_en = models.CharField(_("headline (English)"), max_length=1000, blank=True)
    subtitle_en = models.CharField(_("subtitle (English)"), max_length=1000, blank=True)
    body_zh = models.TextField(
        _("body (Chinese)"), help_text=_("Paragraphs separated by a blank line.")
    )
    body_en = models.TextField(
        _("body (English)"), blank=True, help_text=_("Empty while the translation is pending.")
    )
    author = models.CharField(max_length=200, blank=True)
    agency = models.CharField(
        max_length=64, blank=True, help_text=_("As in the dateline: 新华社, 本报 …")
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text=_("The dateline as printed, e.g. 新华社南京6日电.")
    )
    dateline_place_name = models.CharField(
        max_length=64, blank=True, help_text=_("The place named in the dateline, e.g. 南京.")
    )
    dateline_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="datelined_articles"
    )
    # Every place the article is tagged with, the dateline place included; how each tag came
    # (tagger or editor, dateline or mention) is on ArticlePlace.
    places = models.ManyToManyField(
        Place, blank=True, related_name="articles", through="ArticlePlace"
    )
    source_name = models.CharField(
        max_length=255, db_index=True, help_text=_("The file this article was imported from.")
    )
    raw_text = models.TextField(help_text=_("The imported file, exactly as received."))
    checksum = models.CharField(max_length=64, unique=True, help_text=_("SHA-256 of the text."))
    published = models.BooleanField(default=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # Every save, by an import or an editor, keeps the previous version (raw text included),
    # so any change can be seen and reverted in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "page", "id"]
        indexes = [models.Index(fields=["date", "page"])]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} p.{self.page} {self.headline_zh}"

    def get_absolute_url(self) -> str:
        return reverse(
            "archive:article",
            kwargs={
                "year": self.date.year,
                "month": f"{self.date.month:02d}",
                "day": f"{self.date.day:02d}",
                "pk": self.pk,
            },
        )

    @property
    def translation_pending(self) -> bool:
        return not self.body_en.strip()

    @property
    def paragraphs_zh(self) -> list[str]:
        return split_paragraphs(self.body_zh)

    @property
    def paragraphs_en(self) -> list[str]:
        return split_paragraphs(self.body_en)

    @property
    def agency_en(self) -> str:
        return AGENCY_NAMES_EN.get(self.agency, self.agency)


def split_paragraphs(body: str) -> list[str]:
    return [p for p in body.split(PARAGRAPH_SEPARATOR) if p.strip()]


class ArticlePlace(models.Model):
    """One place an article is tagged with, and how: a re-import replaces the tagger's tags
    but keeps the editors' (ingest.save_article)."""

    class Role(models.TextChoices):
        DATELINE = "dateline", _("dateline")
        MENTION = "mention", _("mentioned")

    class Source(models.TextChoices):
        AUTO = "auto", _("found at import")
        EDITOR = "editor", _("added by an editor")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="place_tags")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="article_tags")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MENTION)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EDITOR)

    class Meta:
        verbose_name = _("place tag")
        ordering = ["article", "role", "place"]
        constraints = [
            models.UniqueConstraint(fields=["article", "place"], name="unique_article_place")
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.get_role_display()})"


class RejectedPlace(models.Model):
    """A place an editor removed from an article: importing the article again does not add
    it back."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="rejected_places")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rejected place tag")
        constraints = [
            models.UniqueConstraint(fields=["article", "place"], name="unique_rejected_place")
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: not {self.place}"
