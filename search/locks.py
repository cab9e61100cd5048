"""One writer at a time for the search index, across threads and processes.

Whoosh's own write lock fails at once (or after a timeout) and says nothing about who holds it.
Every writer of ours (the index queue's drain, ``update_index``, ``rebuild_index``) takes this
lock first instead: an ``fcntl`` lock on a file *next to* the index directory, not inside it,
because ``rebuild_index`` deletes and recreates the directory while it holds the lock.

The lock is re-entrant within a thread: the drain holds it and then calls the backend's
``update``, which takes it again. Within one process a ``threading.RLock`` orders the threads,
and only the outermost holder holds the file lock (``flock`` would block between two file
descriptors of the same process).

Plain Python, no Django: ``search.backend`` and ``search.queue`` both use it.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path


class IndexLockTimeout(TimeoutError):
    """Another writer held the index lock for longer than we were willing to wait."""


class IndexLock:
    # How often a waiting writer retries the file lock. flock has no timeout of its own.
    POLL_SECONDS = 0.02

    def __init__(self, path: str | os.PathLike | None):
        # No path: an index in memory, which only this process can see; the thread lock is enough.
        self.path = Path(path) if path is not None else None
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @property
    def held_here(self) -> bool:
        """Whether a thread of this process holds the lock (for tests and assertions)."""
        return self._depth > 0

    def acquire(self, timeout: float | None = None) -> None:
        """Wait for the lock; ``timeout=None`` waits for ever, 0 tries once."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self._thread_lock.acquire(timeout=-1 if timeout is None else max(timeout, 0)):
            raise IndexLockTimeout(f"another thread holds {self.path}")
        try:
            if self._depth == 0 and self.path is not None:
                self._fd = self._lock_file(deadline)
            self._depth += 1
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        self._thread_lock.release()

    @contextmanager
    def held(self, timeout: float | None = None):
        self.acquire(timeout)
        try:
            yield self
        finally:
            self.release()

    def _lock_file(self, deadline: float | None) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise IndexLockTimeout(
                            f"another process holds {self.path}; gave up waiting"
                        ) from None
                    time.sleep(self.POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise


_locks: dict[str, IndexLock] = {}
_locks_guard = threading.Lock()


def lock_path_for(index_path: str | os.PathLike) -> Path:
    """``var/whoosh_index`` → ``var/whoosh_index.lock``."""
    index_path = Path(index_path)
    return index_path.with_name(index_path.name + ".lock")


def index_lock(index_path: str | os.PathLike) -> IndexLock:
    """This process's lock object for the index at ``index_path`` (one per path)."""
    key = str(lock_path_for(Path(index_path).resolve()))
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = IndexLock(key)
        return lock


def _forget_locks_in_child() -> None:
    # A forked child (update_index's worker processes) must not inherit a lock some parent
    # thread held at the moment of the fork: that thread does not exist in the child.
    global _locks_guard
    _locks.clear()
    _locks_guard = threading.Lock()


os.register_at_fork(after_in_child=_forget_locks_in_child)
