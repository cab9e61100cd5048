"""Profile the search page and the reading view in-process with pyinstrument.

    .venv/bin/python bench/profile_views.py --articles 1000 [--workdir bench/out/work]

Uses the data folder a ``bench/run.py`` build left (``data-N-sSEED`` under the workdir); warms
each URL once, then profiles a pass over the URLs and writes
``bench/out/profile-{search,reading}-N.{txt,html}``, printing the text reports.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import OUT, parse_queries, step_env  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=OUT / "work")
    parser.add_argument("--seed", type=int, default=1956)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries.txt")
    parser.add_argument("--reading", type=int, default=50, help="reading-view URLs to profile")
    args = parser.parse_args(argv)
    data_dir = args.workdir.resolve() / f"data-{args.articles}-s{args.seed}"
    if not (data_dir / ".built").exists():
        raise SystemExit(f"no build in {data_dir}: run bench/run.py --articles {args.articles}")
    os.environ.update(step_env(data_dir, DEBUG="False", SECRET_KEY="profile-only-" + "x" * 40))
    os.environ.update(ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="False")
    os.environ["STATIC_ROOT"] = str(args.workdir.resolve() / "static")

    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from archive.models import Article

    queries = parse_queries(args.queries.read_text(encoding="utf-8"))
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // args.reading)
    reading = [a.get_absolute_url() for a in Article.objects.filter(pk__in=ids[::step])]
    searching = ["/search/?" + urlencode(q.url_params()) for q in queries]
    client = Client(HTTP_HOST="127.0.0.1")
    for label, urls in (("search", searching), ("reading", reading)):
        for url in urls:  # warm: the searcher, the templates, the database pages
            assert client.get(url).status_code == 200, url
        profiler = Profiler(interval=0.001)
        started = time.perf_counter()
        profiler.start()
        for url in urls:
            client.get(url)
        profiler.stop()
        seconds = time.perf_counter() - started
        target = OUT / f"profile-{label}-{args.articles}"
        target.with_suffix(".html").write_text(profiler.output_html())
        text = profiler.output_text(unicode=True, color=False)
        target.with_suffix(".txt").write_text(text)
        print(f"== {label}: {len(urls)} requests, {seconds / len(urls) * 1000:.1f} ms each")
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
