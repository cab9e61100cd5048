"""The JSON search API and its OpenAPI description (docs/API.md)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, JsonResponse

from search.serializers import BadRequest, outcome_json, query_string, read_params

OPENAPI_FILE = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def json_response(data: dict, status: int = 200) -> JsonResponse:
    # Chinese as itself rather than \u escapes, as the article API does.
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public, read-only data
    return response


def error_response(message: str, status: int = 400) -> JsonResponse:
    return json_response({"error": message}, status=status)


# example: /api/search/?q=人民公社&selected_facets=year:1957&sort=-date&page=2
def search_api(request: HttpRequest) -> JsonResponse:
    if request.method not in ("GET", "HEAD"):
        response = error_response("Only GET is allowed here.", status=405)
        response["Allow"] = "GET, HEAD"
        return response
    try:
        params = read_params(
            request.GET.get("q"),
            request.GET.getlist("selected_facets"),
            sort=request.GET.get("sort"),
            page=request.GET.get("page"),
            per_page=request.GET.get("per_page"),
        )
        if not params.q and not params.selected:
            raise BadRequest("Give a query (q) or at least one facet (selected_facets).")
    except BadRequest as problem:
        return error_response(str(problem))

    outcome = params.run()

    def page_url(number: int) -> str:
        return request.build_absolute_uri(f"{request.path}?{query_string(params, page=number)}")

    return json_response(
        outcome_json(outcome, absolute=request.build_absolute_uri, page_url=page_url)
    )


# example: /api/openapi.yaml
def openapi_schema(request: HttpRequest) -> FileResponse:
    return FileResponse(OPENAPI_FILE.open("rb"), content_type="application/yaml; charset=utf-8")
