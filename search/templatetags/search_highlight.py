"""``{{ paragraph|highlight:query }}``: a query's words marked in article text.

    {% load search_highlight %}
    <p>{{ paragraph|highlight:query }}</p>
    <p>{{ paragraph|highlight:request.GET }}</p>   {# the page's own ?q= #}

The query is a string, or a mapping whose ``q`` is one: a template cannot pass
``request.GET.q`` when the address has no ``q``, since a missing filter argument is an error
in Django templates. The text is escaped and only our ``<mark>`` tags are added
(``search.highlight``); without a query the filter just escapes, like ``{{ paragraph }}``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from search import highlight as highlighting
from search.query import MAX_QUERY_LENGTH, highlight_terms

register = template.Library()


@register.filter(is_safe=False)
def highlight(text, query):
    if text is None:
        return ""
    if isinstance(query, Mapping):
        query = query.get("q")
    query = str(query or "")[: MAX_QUERY_LENGTH * 2]
    terms = highlight_terms(query) if query.strip() else None
    if not terms:
        return conditional_escape(text)
    # highlighting.highlight escapes everything but its own <mark> tags.
    return mark_safe(highlighting.highlight(str(text), terms))
