"""The OpenSearch description: lets a browser add the archive as a search engine."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


# example: /opensearch.xml
@require_GET
def opensearch_description(request: HttpRequest) -> HttpResponse:
    context = {
        "search_url": request.build_absolute_uri(reverse("search:results")),
        "feed_url": request.build_absolute_uri(reverse("search:feed")),
        "api_url": request.build_absolute_uri(reverse("api:search")),
        "self_url": request.build_absolute_uri(reverse("opensearch")),
        "home_url": request.build_absolute_uri(reverse("archive:home")),
    }
    return render(
        request,
        "search/opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
