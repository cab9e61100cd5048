"""Benchmark the archive end to end on a generated corpus; print one table (issue 8).

    .venv/bin/python bench/run.py --articles 1000 [--workdir bench/out/work] [--seed 1956]
        [--skip-load] [--queries bench/queries.txt] [--reuse-build] [--profile-index]

Steps, each in a fresh process whose environment points at a data folder inside the workdir
(so the developer's var/ is never touched):

1. corpus: ``bench/make_corpus.py`` writes N articles (kept and reused per N and seed);
2. setup: ``migrate`` and ``load_places`` into a new, empty data folder;
3. import: ``archive.ingest.import_paths`` over the corpus (index queue not drained);
4. index: ``update_index`` (our Whoosh backend), then the index folder's size;
5. floor: ``jieba.lcut`` over the same Chinese text, and our two analyzers alone;
6. cold start: a new process imports Django and runs one search, timed from its start;
7. queries: ``search.query.search`` over ``bench/queries.txt`` with a warm searcher;
8. load (unless --skip-load): gunicorn, 2 workers, on 127.0.0.1, driven by ``wrk`` against
   reading-view URLs and search URLs; requests/s, p95, errors, each worker's peak RSS.

It prints one table and writes everything measured to ``bench/out/run-N.json`` (and the table
to ``run-N.txt``). ``--reuse-build`` keeps the data folder of an earlier run and re-measures
steps 6-8 only. ``--profile-index`` runs step 4 under pyinstrument instead (slower; its rate is
not comparable) and writes ``bench/out/profile-index-N.txt`` and ``.html``.

The helpers at the top (percentiles, the query file, the table) are plain Python, tested in
``bench/tests/test_run.py``; Django is only imported inside the step processes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
FACET_NAMES = ("year", "month", "day", "column", "agency", "places")
SORTS = ("relevance", "date", "-date")

# The targets at 100k articles on two cores: (key in the results, test, shown as).
TARGETS = {
    "index_rate": (lambda v: v >= 60, ">= 60 articles/s"),
    "index_size_ratio": (lambda v: v <= 2.0, "<= 2x raw text"),
    "query_p95_ms": (lambda v: v <= 100, "<= 100 ms"),
    "faceted_p95_ms": (lambda v: v <= 100, "<= 100 ms"),
    "reading_p95_ms": (lambda v: v <= 20, "<= 20 ms"),
    "worker_peak_mb": (lambda v: v <= 400, "<= 400 MB"),
    "cold_start_s": (lambda v: v <= 2.0, "<= 2 s"),
    "load_errors": (lambda v: v == 0, "0"),
}


# --- Pure helpers (tested) -----------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else math.nan,
    }


@dataclass(frozen=True)
class BenchQuery:
    category: str
    text: str
    selected: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    sort: str = "relevance"

    @property
    def facet_kind(self) -> str:
        """none, date, place or date+place: which facet selections the query carries."""
        date = any(name in self.selected for name in ("year", "month", "day"))
        place = "places" in self.selected
        return {(False, False): "none", (True, False): "date", (False, True): "place"}.get(
            (date, place), "date+place"
        )

    @property
    def label(self) -> str:
        extras = [f"{k}={v}" for k, values in self.selected.items() for v in values]
        if self.page != 1:
            extras.append(f"page={self.page}")
        if self.sort != "relevance":
            extras.append(f"sort={self.sort}")
        return " | ".join([self.text, " ".join(extras)]) if extras else self.text

    def url_params(self) -> list[tuple[str, str]]:
        """The search page's query string for this query (see search/views.py)."""
        params = [("q", self.text)]
        params += [(name, value) for name, values in self.selected.items() for value in values]
        if self.page != 1:
            params.append(("page", str(self.page)))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        return params


def parse_queries(text: str) -> list[BenchQuery]:
    """Read the query file format (see bench/queries.txt); raise ValueError on a bad line."""
    queries: list[BenchQuery] = []
    category = "uncategorised"
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if match := re.fullmatch(r"\[([\w+-]+)\]", line):
            category = match[1]
            continue
        query, *rest = re.split(r"(?:^|\s)\|(?:\s|$)", line, maxsplit=1)
        query, options = query.strip(), rest[0] if rest else ""
        if not query:
            raise ValueError(f"line {number}: no query text")
        selected: dict[str, list[str]] = {}
        page, sort = 1, "relevance"
        for option in options.split():
            name, equals, value = option.partition("=")
            if not equals or not value:
                raise ValueError(f"line {number}: {option!r} is not name=value")
            name = "places" if name == "place" else name
            if name == "page":
                if not value.isdigit() or int(value) < 1:
                    raise ValueError(f"line {number}: page must be a positive number")
                page = int(value)
            elif name == "sort":
                if value not in SORTS:
                    raise ValueError(f"line {number}: sort must be one of {', '.join(SORTS)}")
                sort = value
            elif name in FACET_NAMES:
                selected.setdefault(name, []).append(value)
            else:
                raise ValueError(f"line {number}: unknown option {name!r}")
        queries.append(BenchQuery(category, query, selected, page, sort))
    return queries


def group_latencies(
    timings: list[tuple[BenchQuery, list[float]]],
) -> dict[str, dict[str, dict[str, float]]]:
    """p50/p95/max in ms per category, per facet kind and overall, from per-query timings."""
    by_category: dict[str, list[float]] = {}
    by_facets: dict[str, list[float]] = {}
    every: list[float] = []
    for query, values in timings:
        by_category.setdefault(query.category, []).extend(values)
        by_facets.setdefault(query.facet_kind, []).extend(values)
        every.extend(values)
    faceted = [v for q, values in timings if q.facet_kind != "none" for v in values]
    return {
        "category": {name: latency_summary(v) for name, v in by_category.items()},
        "facets": {name: latency_summary(v) for name, v in by_facets.items()},
        "overall": {"all": latency_summary(every), "with facets": latency_summary(faceted)},
    }


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        return f"{value:,.{digits if abs(value) >= 10 else max(digits, 2)}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def format_table(rows: list[tuple[str, object, str]], title: str = "") -> str:
    """A Markdown table of (what, value, target) rows; a target row gets met / NOT met.

    ``target`` is a key of TARGETS (then the value is checked against it), a free note, or "".
    A row whose what starts with "## " is a section heading spanning the table.
    """
    lines = [f"### {title}", ""] if title else []
    lines += ["| what | measured | target |", "|---|---:|---|"]
    for what, value, target in rows:
        if what.startswith("## "):
            lines.append(f"| **{what[3:]}** | | |")
            continue
        note = target
        if target in TARGETS:
            check, shown = TARGETS[target]
            ok = (
                value is not None
                and not (isinstance(value, float) and math.isnan(value))
                and check(value)
            )
            note = f"{shown}: {'met' if ok else 'NOT met'}"
        lines.append(f"| {what} | {_fmt(value)} | {note} |")
    return "\n".join(lines)


def wrk_lua(url_file: Path) -> str:
    """A wrk script: each thread walks the URL list from its own offset; done() prints JSON."""
    return f"""
local urls = {{}}
for line in io.lines("{url_file}") do
  if #line > 0 then urls[#urls + 1] = line end
end
local counter = 0
local threads = {{}}
local next_id = 0

setup = function(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

init = function(args)
  counter = (id or 0) * 7919 % #urls
end

request = function()
  counter = counter % #urls + 1
  return wrk.format("GET", urls[counter])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-RESULT {{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def parse_wrk(output: str) -> dict:
    """The BENCH-RESULT line our Lua script prints, with requests/s and ms added."""
    for line in output.splitlines():
        if line.startswith("BENCH-RESULT "):
            data = json.loads(line.removeprefix("BENCH-RESULT "))
            seconds = data["duration_us"] / 1e6
            data["rps"] = data["requests"] / seconds if seconds else math.nan
            for key in ("p50", "p95", "p99", "max"):
                data[f"{key}_ms"] = data[f"{key}_us"] / 1000
            data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
            return data
    raise ValueError("wrk printed no BENCH-RESULT line")


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- Running steps in their own processes --------------------------------------------------


def step_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """An environment whose archive lives entirely under ``data_dir``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SEARCH_", "DATABASE_", "ARCHIVE_", "DJANGO_", "JIEBA_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        ARCHIVE_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'archive.sqlite3'}",
        SEARCH_INDEX_PATH=str(data_dir / "whoosh_index"),
        PYTHONPATH=str(ROOT),
        DEBUG="True",
        LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def run_step(name: str, env: dict, timeout: float, *args: str) -> dict:
    """Run ``bench/run.py --step name`` in a new process; return the JSON it prints last."""
    started = time.time()
    proc = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--step", name, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"step {name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = time.time() - started
    result["started_at"] = started
    return result


def manage(env: dict, timeout: float, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, check=True, timeout=timeout,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _django():
    import django

    django.setup()


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def step_import(corpus: str) -> dict:
    _django()
    from django.conf import settings

    # Index separately (the index step), as a bulk load would: saves still queue their tasks.
    settings.SEARCH_QUEUE_AUTODRAIN = False
    from archive.ingest import import_paths
    from search.models import IndexTask

    started = time.perf_counter()
    report = import_paths([corpus])
    seconds = time.perf_counter() - started
    IndexTask.objects.all().delete()  # the index step indexes everything anyway
    return {
        "seconds": seconds,
        "counts": {outcome.value: count for outcome, count in report.counts.items()},
        "errors": [str(e) for e in report.errors[:10]],
        "maxrss_mb": _maxrss_mb(),
    }


def step_index(profile_to: str = "") -> dict:
    _django()
    from django.core.management import call_command
    from haystack import connections

    profiler = None
    if profile_to:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)
        profiler.start()
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.stop()
        Path(profile_to + ".html").write_text(profiler.output_html())
        Path(profile_to + ".txt").write_text(
            profiler.output_text(unicode=True, color=False, show_all=False)
        )
    backend = connections["default"].get_backend()
    docs = backend.searcher().doc_count()
    return {"seconds": seconds, "documents": docs, "maxrss_mb": _maxrss_mb()}


def step_floor(sample: int) -> dict:
    """jieba alone over the articles' Chinese text, and our analyzers alone on a sample."""
    _django()
    import jieba
    from haystack import connections

    from archive.models import Article
    from search.analysis import GramAnalyzer, WordAnalyzer, _jieba

    _jieba()  # the dictionary, loaded once as the index step does; not timed
    texts = [
        "\n".join(p for p in parts if p)
        for parts in Article.objects.values_list("headline_zh", "subtitle_zh", "body_zh")
    ]
    chars = sum(len(t) for t in texts)
    started = time.perf_counter()
    words = sum(len(jieba.lcut(t)) for t in texts)
    jieba_seconds = time.perf_counter() - started

    # The index's own analysis of the same fields, Whoosh's writer left out: how much of an
    # index build is tokenizing. Whoosh asks for positions only (phrase=True TEXT fields).
    index = connections["default"].get_unified_index().get_index(Article)
    articles = list(index.index_queryset()[:sample])
    docs = [index.full_prepare(a) for a in articles]
    word, gram = WordAnalyzer(), GramAnalyzer()
    timing = {}
    for label, analyzer, fields in (
        ("word_analyzer", word, ("text", "title")),
        ("gram_analyzer", gram, ("grams", "title_grams")),
    ):
        tokens = 0
        started = time.perf_counter()
        for doc in docs:
            for name in fields:
                for _token in analyzer(doc.get(name) or "", positions=True, mode="index"):
                    tokens += 1
        timing[label] = {"seconds": time.perf_counter() - started, "tokens": tokens}
    started = time.perf_counter()
    for a in articles:
        index.full_prepare(a)
    prepare_seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "chars": chars,
        "words": words,
        "jieba_seconds": jieba_seconds,
        "sample": len(docs),
        "analyzers": timing,
        "prepare_seconds": prepare_seconds,
        "maxrss_mb": _maxrss_mb(),
    }


def step_cold(query: str) -> dict:
    """Import Django and run one search; the parent times it from this process's start."""
    _django()
    setup_done = time.time()
    from search.query import search

    outcome = search(query)
    return {
        "setup_done": setup_done,
        "first_result": time.time(),
        "hits": outcome.total,
        "maxrss_mb": _maxrss_mb(),
    }


def step_queries(queries_file: str, repeat: int) -> dict:
    _django()
    from search.query import search

    queries = parse_queries(Path(queries_file).read_text(encoding="utf-8"))

    def run(query: BenchQuery):
        return search(query.text, selected=query.selected, sort=query.sort, page=query.page)

    started = time.perf_counter()
    warm = [run(q) for q in queries]  # opens the searcher, loads columns and caches
    warm_seconds = time.perf_counter() - started
    per_query = []
    for query, outcome in zip(queries, warm, strict=True):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            run(query)
            times.append((time.perf_counter() - started) * 1000)
        per_query.append(
            {
                "category": query.category,
                "query": query.label,
                "hits": outcome.total,
                "page": outcome.page,
                "shown": len(outcome.results),
                "messages": outcome.messages,
                "ms": times,
            }
        )
    return {"warm_seconds": warm_seconds, "queries": per_query, "maxrss_mb": _maxrss_mb()}


def step_urls(count: int) -> dict:
    _django()
    from archive.models import Article

    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // count)
    chosen = ids[::step][:count]
    return {"urls": [a.get_absolute_url() for a in Article.objects.filter(pk__in=chosen)]}


STEPS = {
    "import": lambda a: step_import(a.step_arg),
    "index": lambda a: step_index(a.step_arg),
    "floor": lambda a: step_floor(int(a.step_arg or 1000)),
    "cold": lambda a: step_cold(a.step_arg),
    "queries": lambda a: step_queries(a.step_arg, a.repeat),
    "urls": lambda a: step_urls(int(a.step_arg or 200)),
}


# --- The load test -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _memory_mb(pid: int) -> dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def _fetch(url: str, timeout: float = 30) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def load_test(
    env: dict, workdir: Path, reading: list[str], searching: list[str], seconds: int, conns: int
) -> dict:
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (apt-get install -y wrk)")
    static_root = workdir / "static"
    env = dict(
        env,
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(static_root),
    )
    manage(env, 300, "collectstatic", "--noinput", "--verbosity", "0")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(PYTHON).with_name("gunicorn")
    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--timeout", "120", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    result: dict = {"port": port, "connections": conns, "seconds": seconds}
    try:
        deadline = time.time() + 60
        while True:
            try:
                if _fetch(base + "/", timeout=5) == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
            time.sleep(0.3)
        for label, paths in (("reading", reading), ("search", searching)):
            # Each URL once, in order: warms both workers' caches and checks every answer.
            statuses = [_fetch(base + path) for path in paths]
            bad = [(p, s) for p, s in zip(paths, statuses, strict=True) if not 200 <= s < 300]
            # Then once more, one request at a time: latency without queueing for a worker.
            alone = []
            for path in paths:
                started = time.perf_counter()
                _fetch(base + path)
                alone.append((time.perf_counter() - started) * 1000)
            url_file = workdir / f"urls-{label}.txt"
            url_file.write_text("\n".join(paths) + "\n")
            script = workdir / f"wrk-{label}.lua"
            script.write_text(wrk_lua(url_file))
            run = subprocess.run(
                ["wrk", "-t", "2", "-c", str(conns), "-d", f"{seconds}s", "--timeout", "10s",
                 "--latency", "-s", str(script), base],
                capture_output=True, text=True, timeout=seconds + 60,
            )  # fmt: skip
            stats = parse_wrk(run.stdout)
            stats["urls"] = len(paths)
            stats["preflight_non_2xx"] = bad[:10]
            stats["preflight_errors"] = len(bad)
            stats["sequential_ms"] = latency_summary(alone)
            result[label] = stats
        workers = _children(server.pid)
        result["workers"] = {str(pid): _memory_mb(pid) for pid in workers}
        result["master"] = _memory_mb(server.pid)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()
    return result


# --- The whole run -------------------------------------------------------------------------


def ensure_corpus(workdir: Path, articles: int, seed: int) -> tuple[Path, float]:
    """The corpus folder for (N, seed), written once; (folder, seconds spent writing it)."""
    folder = workdir / f"corpus-{articles}-s{seed}"
    marker = folder / ".complete"
    if marker.exists():
        return folder, 0.0
    shutil.rmtree(folder, ignore_errors=True)
    sys.path.insert(0, str(ROOT))
    from bench.make_corpus import write_corpus

    started = time.perf_counter()
    write_corpus(articles, seed, folder)
    marker.write_text(f"{articles} articles, seed {seed}\n")
    return folder, time.perf_counter() - started


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    versions = {"Python": platform.python_version()}
    for package in ("Django", "django-haystack", "Whoosh", "jieba", "gunicorn"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "?"
    wrk = (
        subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        if shutil.which("wrk")
        else None
    )
    if wrk is not None:
        versions["wrk"] = (wrk.stdout + wrk.stderr).split()[1] if (wrk.stdout + wrk.stderr) else "?"
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "versions": versions,
    }


def summary_rows(r: dict) -> list[tuple[str, object, str]]:
    """The table's rows from a run's results."""
    build, floor, lat = r.get("build", {}), r.get("floor", {}), r.get("latency", {})
    rows: list[tuple[str, object, str]] = [("## Build", None, "")]
    if build:
        rows += [
            ("import rate (articles/s)", build["import_rate"], ""),
            ("index rate (articles/s)", build["index_rate"], "index_rate"),
            ("bare jieba.lcut rate (articles/s)", floor.get("jieba_rate"), ""),
            ("index rate / jieba rate", floor.get("index_to_jieba"), "the floor is 1.0"),
            ("index size (MB)", build["index_mb"], ""),
            ("raw corpus text (MB)", build["corpus_mb"], ""),
            ("index size / raw text", build["index_size_ratio"], "index_size_ratio"),
            ("database size (MB)", build["database_mb"], ""),
            ("peak memory, import (MB)", build["import_maxrss_mb"], ""),
            ("peak memory, index build (MB)", build["index_maxrss_mb"], ""),
        ]
    rows += [("## Search (in-process, warm searcher, ms)", None, "")]
    cold = r.get("cold_start", {})
    rows.append(
        ("cold start to first result (s, median of 3)", cold.get("median_s"), "cold_start_s")
    )
    if lat:
        overall = lat["overall"]
        rows += [
            ("all queries p50", overall["all"]["p50"], ""),
            ("all queries p95", overall["all"]["p95"], "query_p95_ms"),
            ("all queries max", overall["all"]["max"], ""),
            ("with facets p95", overall["with facets"]["p95"], "faceted_p95_ms"),
        ]
        for name, s in lat["category"].items():
            rows.append((f"{name} p50 / p95 / max", _trio(s), ""))
        for name, s in lat["facets"].items():
            rows.append((f"facets {name} p50 / p95 / max", _trio(s), ""))
        rows.append(("peak memory, query process (MB)", r["queries_maxrss_mb"], ""))
    if r.get("load_error"):
        rows.append((f"## Load test failed: {r['load_error'][:200]}", None, ""))
    load = r.get("load")
    if load:
        c = load["connections"]
        rows.append(
            (
                f"## Under load (gunicorn 2 workers, wrk {c} connections, {load['seconds']} s)",
                None,
                "",
            )
        )
        for label in ("reading", "search"):
            s = load[label]
            rows += [
                (f"{label}: requests/s", s["rps"], ""),
                (f"{label}: p50 / p95 / max (ms)", _trio(s, "{}_ms"), ""),
            ]
            if "sequential_ms" in s:
                rows.append(
                    (f"{label}: one at a time p50 / p95 / max (ms)", _trio(s["sequential_ms"]), "")
                )
        rows.append(("reading view p95 (ms)", load["reading"]["p95_ms"], "reading_p95_ms"))
        rows.append(("errors (wrk + non-2xx before the run)", load["errors"], "load_errors"))
        rows.append(
            ("peak RSS per worker (MB, max of 2)", load["worker_peak_mb"], "worker_peak_mb")
        )
    return rows


def _trio(stats: dict, key: str = "{}") -> str:
    return " / ".join(f"{stats[key.format(k)]:.0f}" for k in ("p50", "p95", "max"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=OUT / "work")
    parser.add_argument("--seed", type=int, default=1956)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries.txt")
    parser.add_argument("--skip-load", action="store_true", help="no gunicorn/wrk load test")
    parser.add_argument("--reuse-build", action="store_true", help="keep an earlier build")
    parser.add_argument("--profile-index", action="store_true", help="profile the index build")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--load-seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--step-arg", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.step:  # inside a step process: print its JSON as the last line
        print(json.dumps(STEPS[args.step](args)))
        return 0

    n = args.articles
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = workdir / f"data-{n}-s{args.seed}"
    env = step_env(data_dir)
    long = max(1800.0, n * 1.0)  # the index build runs ~10 articles/s today
    queries = parse_queries(args.queries.read_text(encoding="utf-8"))

    # The machine's load average at every step: other work on these two cores skews timings.
    loads: list[tuple[str, float]] = []

    def say(message: str) -> None:
        loads.append((message, os.getloadavg()[0]))
        print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)

    results: dict = {
        "articles": n,
        "seed": args.seed,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "queries_file": str(args.queries),
    }
    json_path = OUT / f"run-{n}.json"
    corpus, corpus_seconds = ensure_corpus(workdir, n, args.seed)
    corpus_bytes = folder_bytes(corpus) - (corpus / ".complete").stat().st_size
    say(f"corpus: {corpus} ({corpus_bytes / 1e6:.1f} MB{', reused' if not corpus_seconds else ''})")

    if args.profile_index:
        if not (data_dir / ".imported").exists():
            raise SystemExit("--profile-index needs an imported build: run without it first")
        shutil.rmtree(data_dir / "whoosh_index", ignore_errors=True)
        target = OUT / f"profile-index-{n}"
        say("index build under pyinstrument")
        profiled = run_step("index", env, long, "--step-arg", str(target))
        say(f"profiled build: {profiled['seconds']:.0f} s; wrote {target}.txt and .html")
        print((target.with_suffix(".txt")).read_text())
        return 0

    if args.reuse_build:
        previous = json.loads(json_path.read_text()) if json_path.exists() else {}
        if not (data_dir / ".built").exists() or "build" not in previous:
            raise SystemExit(f"no earlier build for {n} articles in {data_dir}")
        results["build"], results["floor"] = previous["build"], previous.get("floor", {})
        say("reusing the earlier build")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        say("setup: migrate, load_places")
        manage(env, 600, "migrate", "--noinput", "--verbosity", "0")
        manage(env, 600, "load_places")
        say(f"import of {n} articles")
        imported = run_step("import", env, long, "--step-arg", str(corpus))
        (data_dir / ".imported").touch()
        say(f"imported in {imported['seconds']:.1f} s: {imported['counts']}")
        say("index build (update_index)")
        indexed = run_step("index", env, long * 4)
        (data_dir / ".built").touch()
        say(f"indexed {indexed['documents']} in {indexed['seconds']:.1f} s")
        index_bytes = folder_bytes(data_dir / "whoosh_index")
        results["build"] = {
            "corpus_seconds": corpus_seconds,
            "import": imported,
            "index": indexed,
            "import_rate": n / imported["seconds"],
            "index_rate": indexed["documents"] / indexed["seconds"],
            "index_mb": index_bytes / 1e6,
            "corpus_mb": corpus_bytes / 1e6,
            "index_size_ratio": index_bytes / corpus_bytes,
            "database_mb": (data_dir / "archive.sqlite3").stat().st_size / 1e6,
            "import_maxrss_mb": imported["maxrss_mb"],
            "index_maxrss_mb": indexed["maxrss_mb"],
        }
        say("floor: bare jieba.lcut and our analyzers")
        floor = run_step("floor", env, long, "--step-arg", "1000")
        floor["jieba_rate"] = floor["articles"] / floor["jieba_seconds"]
        floor["index_to_jieba"] = results["build"]["index_rate"] / floor["jieba_rate"]
        sample = floor["sample"] or 1
        floor["analysis_rate"] = sample / (
            floor["prepare_seconds"] + sum(a["seconds"] for a in floor["analyzers"].values())
        )
        results["floor"] = floor

    say("cold start (3 new processes)")
    colds = []
    for _ in range(3):
        cold = run_step("cold", env, 300, "--step-arg", "发展")
        cold["first_result_s"] = cold["first_result"] - cold["started_at"]
        cold["setup_s"] = cold["setup_done"] - cold["started_at"]
        colds.append(cold)
    results["cold_start"] = {
        "runs": colds,
        "median_s": sorted(c["first_result_s"] for c in colds)[1],
        "first_s": colds[0]["first_result_s"],
    }

    say(f"queries: {len(queries)} x {args.repeat}")
    measured = run_step(
        "queries", env, long, "--step-arg", str(args.queries), "--repeat", str(args.repeat)
    )
    timings = [(q, m["ms"]) for q, m in zip(queries, measured["queries"], strict=True)]
    results["queries"] = measured["queries"]
    results["queries_warm_seconds"] = measured["warm_seconds"]
    results["queries_maxrss_mb"] = measured["maxrss_mb"]
    results["latency"] = group_latencies(timings)

    if not args.skip_load:
        say("load test: gunicorn + wrk")
        reading = run_step("urls", env, 300, "--step-arg", "200")["urls"]
        searching = ["/search/?" + urlencode(q.url_params()) for q in queries]
        try:
            load = load_test(env, workdir, reading, searching, args.load_seconds, args.connections)
        except (RuntimeError, OSError, ValueError, subprocess.SubprocessError) as problem:
            # Keep what was measured so far; say why the load test is missing.
            load = None
            results["load_error"] = str(problem)
            say(f"load test failed: {problem}")
    if not args.skip_load and load is not None:
        load["errors"] = sum(
            load[k]["errors"] + load[k]["preflight_errors"] for k in ("reading", "search")
        )
        load["worker_peak_mb"] = max(
            (w.get("VmHWM", 0) for w in load["workers"].values()), default=math.nan
        )
        results["load"] = load

    loads.append(("end", os.getloadavg()[0]))
    results["loadavg"] = loads
    results["loadavg_max"] = max(value for _, value in loads)
    results["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    title = (
        f"{n:,} articles, {datetime.now():%Y-%m-%d}, {results['machine']['cpus']} CPUs, "
        f"1-min load average up to {results['loadavg_max']:.1f} during the run"
    )
    table = format_table(summary_rows(results), title)
    results["table"] = table
    json_path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
    json_path.with_suffix(".txt").write_text(table + "\n")
    print(table)
    say(f"wrote {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
