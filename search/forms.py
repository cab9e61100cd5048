"""The advanced-search form: fields a reader fills in instead of learning the query syntax."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from search.advanced import build_query


class AdvancedSearchForm(forms.Form):
    all_words = forms.CharField(label=_("All of these words"), required=False, max_length=300)
    exact_phrase = forms.CharField(label=_("This exact phrase"), required=False, max_length=300)
    any_words = forms.CharField(label=_("Any of these words"), required=False, max_length=300)
    none_words = forms.CharField(label=_("None of these words"), required=False, max_length=300)
    title_only = forms.BooleanField(label=_("In headlines only"), required=False)
    date_from = forms.RegexField(
        label=_("From"),
        regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        required=False,
        help_text=_("1956, 1956-03 or 1956-03-01"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1956-03"}),
    )
    date_to = forms.RegexField(
        label=_("To"),
        regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        required=False,
        help_text=_("1957, 1957-01 or 1957-01-31"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1957-01"}),
    )
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=99)
    column = forms.CharField(label=_("Column"), required=False, max_length=200)

    def query(self) -> str:
        """The query the fields mean, in the language of the ordinary search box."""
        return build_query(**self.cleaned_data)
