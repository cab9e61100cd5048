import json
import shutil

from django.core.management.base import BaseCommand, CommandError

from search.serializers import BadRequest, outcome_json, plain_snippet, read_params


class Command(BaseCommand):
    help = (
        "Search the archive from the command line, with the search page's query language "
        '(人民公社 "advanced producers" -Shanghai title:钢铁 1956-03..1957-01). Prints a table, '
        "or with --json exactly what /api/search/ answers. Under a second on the full archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="*", help="the query; several words are joined")
        parser.add_argument(
            "--json", action="store_true", help="print the API's JSON instead of a table"
        )
        parser.add_argument(
            "--facet",
            action="append",
            default=[],
            metavar="NAME:VALUE",
            help="narrow to a facet value, e.g. --facet year:1957 (repeatable)",
        )
        parser.add_argument("--page", default="1", help="which page of results (default 1)")
        parser.add_argument("--per-page", default=None, help="results per page, 1-100 (default 20)")
        parser.add_argument(
            "--sort",
            default="relevance",
            help="relevance (default), date or -date (write --sort=-date)",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="where the site is served, for the URLs in --json (default: make run's)",
        )

    def handle(self, *args, query, json: bool, facet, page, per_page, sort, base_url, **options):
        try:
            params = read_params(" ".join(query), facet, sort=sort, page=page, per_page=per_page)
        except BadRequest as problem:
            raise CommandError(str(problem)) from problem
        if not params.q and not params.selected:
            raise CommandError("Give a query or at least one --facet.")
        outcome = params.run()
        base = base_url.rstrip("/")
        data = outcome_json(outcome, absolute=lambda path: base + path)
        if json:
            self.stdout.write(_dumps(data))
        else:
            self.stdout.write(self.table(data))

    def table(self, data: dict) -> str:
        width = shutil.get_terminal_size((100, 20)).columns
        lines = [f"{message}" for message in data["messages"]]
        if not data["total"]:
            lines.append("No articles found.")
            return "\n".join(lines)
        first = (data["page"] - 1) * data["per_page"] + 1
        last = first + len(data["results"]) - 1
        lines.append(
            f"{data['total']} article(s); {first}-{last} on page {data['page']} "
            f"of {data['num_pages']}, sorted by {data['sort']}"
        )
        lines.append("")
        lines.append(f"{'id':>6}  {'date':10}  {'page':>4}  headline")
        for result in data["results"]:
            headline = " · ".join(h for h in (result["headline_zh"], result["headline_en"]) if h)
            lines.append(f"{result['id']:>6}  {result['date']:10}  {result['page']:>4}  {headline}")
            for key in ("snippet_zh", "snippet_en"):
                snippet = plain_snippet(result[key])
                if snippet:
                    lines.append(f"{'':24}{_cut(snippet, max(width - 24, 40))}")
            lines.append(f"{'':24}{result['url']}")
        for name, values in data["facets"].items():
            counts = ", ".join(f"{v['label']} ({v['count']})" for v in values[:12])
            more = f", … {len(values) - 12} more" if len(values) > 12 else ""
            lines.append(f"{name}: {counts}{more}")
        return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    # Chinese characters take two columns in a terminal.
    used, out = 0, []
    for char in text:
        used += 2 if ord(char) > 0x2E80 else 1
        if used > width:
            return "".join(out) + "…"
        out.append(char)
    return text


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
