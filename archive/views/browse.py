"""Browsing the archive by date (year, month calendar, day) and by column."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import (
    ArchiveIndexView,
    DayArchiveView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from archive.models import Article

ARTICLES_PER_PAGE = 50
COLUMNS_PER_PAGE = 50
TWO_DIGITS = re.compile(r"[0-9]{2}")


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    count: int


def month_weeks(year: int, month: int, counts: dict[datetime.date, int]) -> list[list[CalendarDay]]:
    """The weeks of a month, Monday first, each day with its number of articles.

    Weeks are whole, so the first and last ones hold days of the months around it; those have
    in_month False and are drawn as empty cells.
    """
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return [
        [CalendarDay(day, day.month == month, counts.get(day, 0)) for day in week] for week in weeks
    ]


def counts_by_day(queryset, **lookup) -> dict[datetime.date, int]:
    rows = queryset.filter(**lookup).values("date").annotate(count=Count("id")).order_by("date")
    return {row["date"]: row["count"] for row in rows}


class ArticleDateMixin:
    """What every date page shares, after djangoproject.com's blog views."""

    queryset = Article.objects.published()
    date_field = "date"
    month_format = "%m"
    day_format = "%d"
    # A year, month or day without articles is not a page of the archive: 404, not an empty page.
    allow_empty = False
    paginate_by = ARTICLES_PER_PAGE

    # The URLs spell months and days with two digits (/browse/1957/01/07/), as article URLs do;
    # strptime would also accept /browse/1957/1/7/, which would make a second address per page.
    def get_month(self) -> str:
        month = super().get_month()
        if not TWO_DIGITS.fullmatch(month):
            raise Http404(_("Months are written with two digits, e.g. 01."))
        return month

    def get_day(self) -> str:
        day = super().get_day()
        if not TWO_DIGITS.fullmatch(day):
            raise Http404(_("Days are written with two digits, e.g. 07."))
        return day


# example: /browse/
class BrowseIndexView(ArticleDateMixin, ArchiveIndexView):
    template_name = "archive/browse/index.html"
    allow_empty = True
    paginate_by = None
    date_list_period = "year"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = self.get_queryset()
        years = (
            articles.annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(count=Count("id"))
            .order_by("year")
        )
        context.update(
            {
                "years": list(years),
                "column_count": articles.exclude(column_zh="")
                .values("column_zh")
                .distinct()
                .count(),
                "places_url": reverse("archive:places"),
            }
        )
        return context


# example: /browse/1957/
class YearView(ArticleDateMixin, YearArchiveView):
    template_name = "archive/browse/year.html"
    date_list_period = "month"

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # A year page lists months, not articles, so its object list is always empty; with
        # allow_empty False (kept so that previous/next skip empty years) the paginator would
        # turn that empty list into a 404.
        return super().get_paginator(queryset, per_page, orphans, True, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = context["year"]
        counts = counts_by_day(self.get_queryset(), date__year=year.year)
        months = [
            {
                "date": month,
                "count": sum(n for day, n in counts.items() if day.month == month.month),
                "weeks": month_weeks(month.year, month.month, counts),
            }
            for month in context["date_list"]
        ]
        context.update(
            {
                "months": months,
                "article_count": sum(counts.values()),
                "weekdays": months[0]["weeks"][0] if months else [],
            }
        )
        return context


# example: /browse/1957/01/
class MonthView(ArticleDateMixin, MonthArchiveView):
    template_name = "archive/browse/month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = context["month"]
        counts = counts_by_day(self.get_queryset(), date__year=month.year, date__month=month.month)
        weeks = month_weeks(month.year, month.month, counts)
        context.update(
            {
                "weeks": weeks,
                "weekdays": weeks[0],
                "article_count": sum(counts.values()),
            }
        )
        return context


# example: /browse/1957/01/07/
class DayView(ArticleDateMixin, DayArchiveView):
    template_name = "archive/browse/day.html"
    ordering = ["page", "id"]


# example: /columns/
class ColumnListView(ListView):
    template_name = "archive/browse/columns.html"
    context_object_name = "columns"
    paginate_by = COLUMNS_PER_PAGE

    def get_queryset(self):
        # One row per Chinese column name; translators may have rendered a name differently
        # over the years, so the English shown is one of them (the largest non-empty one).
        return (
            Article.objects.published()
            .exclude(column_zh="")
            .values("column_zh")
            .annotate(
                count=Count("id"),
                column_en=Max("column_en"),
                first_date=Min("date"),
                last_date=Max("date"),
            )
            .order_by("-count", "column_zh")
        )


# example: /columns/开展先进生产者运动/
class ColumnDetailView(ListView):
    """A column's articles in the order they appeared, since a column reads as a series."""

    template_name = "archive/browse/column.html"
    paginate_by = ARTICLES_PER_PAGE
    allow_empty = False

    def get_queryset(self):
        return (
            Article.objects.published()
            .filter(column_zh=self.kwargs["column"])
            .order_by("date", "page", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = self.get_queryset()
        # The same English name as on the list of columns.
        summary = articles.aggregate(
            first=Min("date"), last=Max("date"), column_en=Max("column_en")
        )
        context.update(
            {
                "column_zh": self.kwargs["column"],
                "column_en": summary["column_en"] or "",
                "article_count": context["paginator"].count,
                "first_date": summary["first"],
                "last_date": summary["last"],
            }
        )
        return context
