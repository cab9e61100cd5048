"""The index queue: saves never wait for the index, and one writer applies every change."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from haystack.query import SearchQuerySet

from archive.models import Article
from search import queue
from search.locks import IndexLockTimeout, index_lock, lock_path_for
from search.models import IndexTask
from search.query import search
from search.tests.conftest import article_index, index_articles, make_article, search_backend

BASE_DIR = Path(django_settings.BASE_DIR)


def found(text: str) -> set[int]:
    return {int(result.pk) for result in search(text).results}


@pytest.fixture
def queued(db, empty_index, settings):
    """An empty index and queue; tasks are applied only when a test drains them."""
    settings.SEARCH_QUEUE_AUTODRAIN = False
    IndexTask.objects.all().delete()
    return empty_index


@pytest.fixture
def background(transactional_db, empty_index, settings):
    """Committed saves, drained by the background thread as in production."""
    settings.SEARCH_QUEUE_AUTODRAIN = True
    yield empty_index
    assert queue.wait_for_background_drain(timeout=60)


class HeldByAnotherProcess:
    """The index lock, held by a separate process until ``release()``."""

    def __init__(self, index_path: str):
        script = textwrap.dedent(
            """
            import fcntl, sys
            handle = open(sys.argv[1], "a")
            fcntl.flock(handle, fcntl.LOCK_EX)
            print("locked", flush=True)
            sys.stdin.read()
            """
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, str(lock_path_for(Path(index_path).resolve()))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


# --- Saving ----------------------------------------------------------------------------------


def test_saving_an_article_queues_it_in_the_same_transaction(queued):
    article = make_article(headline_zh="水利建设")
    assert list(IndexTask.objects.values_list("model", "object_id", "action")) == [
        ("archive.article", article.pk, "update")
    ]
    assert found("水利建设") == set()  # not indexed until the queue is applied


def test_a_rolled_back_save_queues_nothing(queued):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(headline_zh="作废的稿子")
        raise RuntimeError("rolled back")
    assert IndexTask.objects.count() == 0


def test_a_save_returns_at_once_while_another_process_holds_the_index_lock(background, capsys):
    holder = HeldByAnotherProcess(search_backend().path)
    try:
        started = time.perf_counter()
        article = make_article(headline_zh="锁住的时候保存")
        save_seconds = time.perf_counter() - started
        # The save is committed and queued; the writer is still waiting for the lock.
        assert holder.process.poll() is None
        assert IndexTask.objects.filter(object_id=article.pk).exists()
        assert found("锁住的时候保存") == set()
    finally:
        holder.release()
    released = time.perf_counter()
    assert queue.wait_for_background_drain(timeout=60)
    drain_seconds = time.perf_counter() - released
    assert found("锁住的时候保存") == {article.pk}
    assert IndexTask.objects.count() == 0
    with capsys.disabled():
        print(
            f"\n  save with the index locked: {save_seconds * 1000:.1f} ms; "
            f"searchable {drain_seconds * 1000:.0f} ms after the lock was released"
        )


def test_a_committed_save_is_searchable_once_the_background_drain_finishes(background):
    article = make_article(headline_zh="后台索引队列")
    assert queue.wait_for_background_drain(timeout=60)
    assert found("后台索引队列") == {article.pk}


# --- Applying --------------------------------------------------------------------------------


def test_draining_indexes_the_queued_articles_and_empties_the_queue(queued):
    first = make_article(headline_zh="治理黄河")
    second = make_article(headline_zh="治理淮河")
    report = queue.drain()
    assert (report.tasks, report.updated, report.removed) == (2, 2, 0)
    assert found("治理") == {first.pk, second.pk}
    assert IndexTask.objects.count() == 0


def test_unpublishing_an_article_takes_it_out_of_the_results(queued):
    article = make_article(headline_zh="撤回的报道")
    queue.drain()
    article.published = False
    article.save()
    assert IndexTask.objects.get().action == "remove"
    queue.drain()
    assert found("撤回的报道") == set()
    assert SearchQuerySet().raw_search("*").count() == 0


def test_publishing_an_article_again_brings_it_back(queued):
    article = make_article(headline_zh="重新发表", published=False)
    queue.drain()
    assert found("重新发表") == set()
    article.published = True
    article.save()
    queue.drain()
    assert found("重新发表") == {article.pk}


def test_deleting_an_article_takes_it_out_of_the_index(queued):
    article = make_article(headline_zh="删除的文章")
    queue.drain()
    pk = article.pk
    article.delete()
    report = queue.drain()
    assert report.removed == 1
    assert found("删除的文章") == set()
    assert search_backend().searcher().document(django_id=str(pk)) is None


def test_changing_an_articles_places_queues_it_again(queued, places):
    article = make_article(headline_zh="地点变了")
    queue.drain()
    article.places.set([places["nanjing"]])
    assert IndexTask.objects.count() == 1
    queue.drain()
    outcome = search("地点变了", selected={"places": [str(places["jiangsu"].pk)]})
    assert [int(r.pk) for r in outcome.results] == [article.pk]


def test_many_tasks_for_one_article_are_written_once_with_the_last_text(queued):
    article = make_article(headline_zh="第一稿")
    for headline in ("第二稿", "第三稿"):
        article.headline_zh = headline
        article.save()
    report = queue.drain()
    assert (report.tasks, report.updated) == (3, 1)
    assert found("第三稿") == {article.pk}
    assert found("第一稿") == set()


def test_the_drain_indexes_what_the_database_holds_when_it_applies_not_when_queued(queued):
    article = make_article(headline_zh="排队时的标题")
    # Changed after the task was queued, without a signal (a bulk update, another process).
    Article.objects.filter(pk=article.pk).update(headline_zh="应用时的标题")
    queue.drain()
    assert found("应用时的标题") == {article.pk}
    assert found("排队时的标题") == set()


def test_a_task_queued_while_the_drain_works_stays_for_the_next_round(queued, monkeypatch):
    first = make_article(headline_zh="先到的文章")
    apply = queue._apply
    late = []

    def apply_and_save_another(*args):
        if not late:
            late.append(make_article(headline_zh="后到的文章"))
        return apply(*args)

    monkeypatch.setattr(queue, "_apply", apply_and_save_another)
    report = queue.drain_once()
    assert report.tasks == 1
    assert list(IndexTask.objects.values_list("object_id", flat=True)) == [late[0].pk]
    monkeypatch.undo()
    queue.drain()
    assert found("文章") == {first.pk, late[0].pk}


def test_a_stale_update_index_batch_does_not_write_back_old_text(queued):
    article = make_article(headline_zh="旧的标题")
    queue.drain()
    # update_index reads its batch ...
    stale_batch = list(article_index().index_queryset())
    # ... an editor saves, and the queue indexes the new text ...
    time.sleep(0.001)  # `updated` must move on; on a fast machine it may not otherwise
    article.headline_zh = "新的标题"
    article.save()
    queue.drain()
    # ... then update_index writes the batch it read before the save.
    index_articles(stale_batch)
    assert found("新的标题") == {article.pk}
    assert found("旧的标题") == set()


def test_an_older_copy_is_still_replaced_by_a_newer_one(queued):
    article = make_article(headline_zh="第一版")
    index_articles([article])
    time.sleep(0.001)
    article.headline_zh = "第二版"
    article.save()
    index_articles([Article.objects.get(pk=article.pk)])
    assert found("第二版") == {article.pk}


def test_the_drain_waits_for_update_index_to_let_go_of_the_lock(queued):
    make_article(headline_zh="等待锁")
    holder = HeldByAnotherProcess(search_backend().path)
    try:
        with pytest.raises(IndexLockTimeout):
            queue.drain(timeout=0.2)
        assert IndexTask.objects.count() == 1
    finally:
        holder.release()
    assert queue.drain(timeout=30).tasks == 1


def test_process_index_queue_applies_the_queue_and_says_so(queued, capsys):
    make_article(headline_zh="命令行处理")
    call_command("process_index_queue")
    assert "applied 1 task(s): 1 indexed, 0 removed; 0 pending" in capsys.readouterr().out
    assert len(found("命令行处理")) == 1


# --- The lock --------------------------------------------------------------------------------


def test_the_lock_file_lies_next_to_the_index_not_inside_it(queued):
    index_path = Path(search_backend().path).resolve()
    lock = index_lock(index_path)
    assert lock.path.parent == index_path.parent
    assert lock.path.name == index_path.name + ".lock"


def test_the_lock_is_reentrant_in_a_thread(queued):
    lock = search_backend().lock()
    with lock.held(timeout=1), lock.held(timeout=1):
        assert lock.held_here
    assert not lock.held_here


def test_update_index_waits_for_the_lock_instead_of_failing(queued, settings):
    make_article(headline_zh="重建索引")
    backend = search_backend()
    holder = HeldByAnotherProcess(backend.path)
    original = backend.WRITER_TIMEOUT
    backend.WRITER_TIMEOUT = 0.2
    try:
        with pytest.raises(IndexLockTimeout):
            index_articles()
    finally:
        backend.WRITER_TIMEOUT = original
        holder.release()
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert len(found("重建索引")) == 1


# --- Many writers at once --------------------------------------------------------------------

WORKER = """
import sys, threading
import django
django.setup()
from django.db import transaction
from archive.models import Article

worker = int(sys.argv[1])
errors = []

def save(thread):
    try:
        for n in range(thread, 25, 2):
            with transaction.atomic():
                article = Article.objects.create(
                    date="1957-01-07", page=1, headline_zh="初稿", body_zh="正文",
                    source_name=f"w{worker}-{n}.txt", raw_text="x", checksum=f"w{worker}-{n}",
                )
            with transaction.atomic():
                article.headline_zh = f"定稿{worker}-{n}"
                article.save()
    except Exception as error:
        errors.append(error)
        raise

threads = [threading.Thread(target=save, args=(t,)) for t in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.exit(1 if errors else 0)
"""


def test_four_processes_saving_while_update_index_runs_lose_no_article(tmp_path):
    """4 processes, 2 threads each, 100 articles saved twice; update_index runs meanwhile."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ARCHIVE_DATA_DIR": str(tmp_path),
        "SEARCH_INDEX_PATH": str(tmp_path / "whoosh_index"),
        # Several writers: SQLite must wait for its lock, and take it before reading.
        "DATABASE_URL": (
            f"sqlite:///{tmp_path / 'db.sqlite3'}?timeout=60&transaction_mode=IMMEDIATE"
        ),
        "JIEBA_CACHE_DIR": os.environ.get("JIEBA_CACHE_DIR", "/tmp"),
        "LOG_LEVEL": "INFO",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]

    def run(*args, **kwargs):
        return subprocess.Popen(
            [*args],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            **kwargs,
        )

    migrate = run(*manage, "migrate", "--noinput", "--verbosity", "0")
    assert migrate.wait(timeout=300) == 0, migrate.stderr.read()

    started = time.perf_counter()
    workers = [run(sys.executable, "-c", WORKER, str(w)) for w in range(4)]
    update_index = run(*manage, "update_index", "--verbosity", "0")
    outputs = [(p, *p.communicate(timeout=600)) for p in [*workers, update_index]]
    elapsed = time.perf_counter() - started
    for process, _out, err in outputs:
        assert process.returncode == 0, err
        assert "Traceback" not in err, err

    check = run(
        sys.executable,
        "-c",
        textwrap.dedent(
            """
            import django, json
            django.setup()
            from haystack import connections
            from archive.models import Article
            from search.models import IndexTask
            searcher = connections["default"].get_backend().searcher()
            indexed = {d["django_id"]: d["headline_zh"] for d in searcher.all_stored_fields()}
            saved = {str(pk): h for pk, h in Article.objects.values_list("pk", "headline_zh")}
            print(json.dumps({"indexed": indexed, "saved": saved,
                              "pending": IndexTask.objects.count()}))
            """
        ),
    )
    out, err = check.communicate(timeout=120)
    assert check.returncode == 0, err
    import json

    state = json.loads(out)
    assert len(state["saved"]) == 100
    assert state["pending"] == 0
    assert state["indexed"] == state["saved"]  # every article, each with its final headline
    print(f"\n  4 processes x 25 articles saved twice, update_index alongside: {elapsed:.1f} s")


def test_a_bulk_import_queues_every_article_and_applies_them_once_at_the_end(
    db, empty_index, settings, seeds_dir, monkeypatch
):
    settings.SEARCH_QUEUE_AUTODRAIN = True
    kicks = []
    monkeypatch.setattr(queue, "_drain_while_wanted", lambda: kicks.append("thread"))
    call_command("import_articles", str(seeds_dir), stdout=io.StringIO())
    assert kicks == [], "no background drain per saved article"
    assert IndexTask.objects.count() == 0, "the command applied the queue before returning"
    assert len(found("先进生产者")) == 5
