"""Applying the index queue: one writer, in order, reading each object again at apply time.

A save never touches the index: ``search.signals`` adds an ``IndexTask`` in the save's
transaction and, once it commits, calls ``kick()``, which drains the queue in a background
thread of the same process. ``drain()``:

1. takes the index lock (``search.locks``, the lock our backend's writes take too, so
   ``update_index`` and ``rebuild_index`` take turns with it), waiting as long as it must;
2. reads the pending tasks in id order, and for each object named reads it again through its
   ``SearchIndex.index_queryset()``: an object found there is indexed as it is *now*, one that
   is not (deleted, unpublished) is removed. However many tasks an object has, it is written
   once, and a batch can never write back text older than the database's;
3. deletes exactly the tasks it read (a task added meanwhile stays, whatever its id) and lets
   the lock go, then looks again for tasks that arrived while it worked.

Tasks are rows in the database, so nothing is lost when a process dies: the next drain, from
any process, applies them (``python manage.py process_index_queue``). A deployment that would
rather not index from its web processes sets ``SEARCH_QUEUE_AUTODRAIN = False`` and runs
``process_index_queue --loop`` as a worker.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, connections
from haystack import connection_router
from haystack import connections as haystack_connections
from haystack.exceptions import NotHandled

from search.locks import IndexLock, index_lock
from search.models import IndexTask

logger = logging.getLogger(__name__)

# Tasks read and applied per round while holding the lock. Other writers wait at most one
# round; a round of 500 articles takes a few seconds on two cores.
BATCH_SIZE = 500
# How long a process that is exiting waits for its drain thread to finish.
EXIT_WAIT_SECONDS = 30.0


@dataclass
class DrainReport:
    rounds: int = 0
    tasks: int = 0
    updated: int = 0
    removed: int = 0

    def add(self, other: DrainReport) -> None:
        self.rounds += other.rounds
        self.tasks += other.tasks
        self.updated += other.updated
        self.removed += other.removed


def enqueue(instance, action: str, using: str = "default") -> IndexTask:
    """Queue an index change for a saved or deleted object, in the caller's transaction."""
    return IndexTask.objects.using(using).create(
        model=instance._meta.label_lower, object_id=instance.pk, action=action
    )


def pending(using: str = "default") -> int:
    return IndexTask.objects.using(using).count()


def queue_lock(alias: str = "default") -> IndexLock:
    """The lock the drain holds: the backend's own writer lock when it has one (ours does)."""
    backend = haystack_connections[alias].get_backend()
    if hasattr(backend, "lock"):
        return backend.lock()
    # A search server (Elasticsearch, Solr) has its own locking; drains still take turns.
    return index_lock(settings.DATA_DIR / f"search_queue_{alias}")


def drain(*, timeout: float | None = None, using: str = "default") -> DrainReport:
    """Apply every pending task, round after round, until the queue is empty.

    ``timeout`` is how long to wait for the index lock each round (None: as long as it takes);
    ``search.locks.IndexLockTimeout`` if another writer held it longer.
    """
    report = DrainReport()
    while True:
        done = drain_once(timeout=timeout, using=using)
        if not done.tasks:
            return report
        report.add(done)


def drain_once(*, timeout: float | None = None, using: str = "default") -> DrainReport:
    """One round: up to BATCH_SIZE tasks read, applied and deleted under the lock."""
    report = DrainReport()
    aliases = connection_router.for_write()
    with queue_lock(aliases[0]).held(timeout=timeout):
        tasks = list(IndexTask.objects.using(using).order_by("id")[:BATCH_SIZE])
        if not tasks:
            return report
        by_model: dict[str, set[int]] = defaultdict(set)
        for task in tasks:
            by_model[task.model].add(task.object_id)
        for label, ids in by_model.items():
            for alias in aliases:
                updated, removed = _apply(alias, label, ids, using)
                report.updated += updated
                report.removed += removed
        # Only what this round read: a task queued meanwhile may have a lower id than some
        # read here (ids are handed out before commit) and must stay for the next round.
        IndexTask.objects.using(using).filter(id__in=[task.id for task in tasks]).delete()
    report.rounds = 1
    report.tasks = len(tasks)
    return report


def _apply(alias: str, label: str, ids: set[int], using: str) -> tuple[int, int]:
    try:
        model = apps.get_model(label)
    except LookupError:
        logger.warning("Index tasks for an unknown model %s were dropped", label)
        return 0, 0
    connection = haystack_connections[alias]
    try:
        index = connection.get_unified_index().get_index(model)
    except NotHandled:
        return 0, 0
    backend = connection.get_backend()
    current = list(index.index_queryset(using=using).using(using).filter(pk__in=ids))
    if current:
        if getattr(backend, "VERSIONED", False):
            # Read under the lock, so newest: written even if a clock put an older copy ahead.
            backend.update(index, current, fresh=True)
        else:
            backend.update(index, current)
    gone = ids - {obj.pk for obj in current}
    for pk in sorted(gone):
        backend.remove(f"{label}.{pk}")
    return len(current), len(gone)


# --- Draining in the background ------------------------------------------------------------

_state = threading.Lock()
_worker: threading.Thread | None = None
_wanted = False
_exit_hook_registered = False


def autodrain_enabled(using: str = "default") -> bool:
    """``SEARCH_QUEUE_AUTODRAIN`` if set; otherwise on, except on an in-memory SQLite database.

    That is the test database: a second thread reading it while the first writes fails at
    once ("database table is locked": shared-cache table locks ignore the busy timeout), so
    there tasks wait for an explicit ``drain()``. Tests that want the thread turn it on.
    """
    setting = getattr(settings, "SEARCH_QUEUE_AUTODRAIN", None)
    if setting is not None:
        return bool(setting)
    connection = connections[using]
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


_paused = threading.local()


@contextmanager
def paused() -> Iterator[None]:
    """Queue index changes without draining them in the background until the block ends.

    For bulk work such as an import of many files: a drain after every saved article would
    commit one small Whoosh segment each time; the caller drains once afterwards instead, in
    batches of ``BATCH_SIZE``.
    """
    depth = getattr(_paused, "depth", 0)
    _paused.depth = depth + 1
    try:
        yield
    finally:
        _paused.depth = depth


def kick(using: str = "default") -> None:
    """Make sure a drain runs soon in this process's background thread; returns at once."""
    global _worker, _wanted, _exit_hook_registered
    if not autodrain_enabled(using) or getattr(_paused, "depth", 0):
        return
    with _state:
        _wanted = True
        if _worker is not None:
            return  # the running thread looks again before it stops
        _worker = threading.Thread(target=_drain_while_wanted, name="search-index-queue")
        _worker.daemon = True
        if not _exit_hook_registered:
            atexit.register(wait_for_background_drain, EXIT_WAIT_SECONDS)
            _exit_hook_registered = True
        _worker.start()


def wait_for_background_drain(timeout: float | None = None) -> bool:
    """Wait for this process's drain thread to finish; True when none is running."""
    worker = _worker
    if worker is not None:
        worker.join(timeout)
        return not worker.is_alive()
    return True


def _drain_while_wanted() -> None:
    global _worker, _wanted
    try:
        while True:
            with _state:
                if not _wanted:
                    _worker = None
                    return
                _wanted = False
            try:
                drain()
            except Exception:
                # The tasks stay in the database: the next kick, or process_index_queue, retries.
                logger.exception("Applying the search index queue failed")
            finally:
                close_old_connections()
    finally:
        with _state:
            if _worker is threading.current_thread():
                _worker = None
        connections.close_all()
