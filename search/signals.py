"""Index changes go through a queue, so a save never waits for the search index.

haystack's ``RealtimeSignalProcessor`` writes to the index inside the save: an admin save
waited 7-12 s whenever ``update_index`` held Whoosh's lock, and an ``update_index`` batch read
before a save could write the old text back after it (DESIGN.md §7). This processor only adds
an ``IndexTask`` row in the save's own transaction (nothing is queued for a rolled-back save)
and, once that commits, asks ``search.queue`` to drain in the background.

Settings: ``HAYSTACK_SIGNAL_PROCESSOR = "search.signals.QueuedSignalProcessor"``.
"""

from __future__ import annotations

from functools import partial

from django.db import models, transaction
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor

from search.models import IndexTask


class QueuedSignalProcessor(BaseSignalProcessor):
    def setup(self) -> None:
        # Every model, like haystack's own processor: the indexed models are known only once
        # the search indexes load, and the handlers ignore the others.
        models.signals.post_save.connect(self.handle_save)
        models.signals.post_delete.connect(self.handle_delete)
        models.signals.m2m_changed.connect(self.handle_m2m_changed)

    def teardown(self) -> None:
        models.signals.post_save.disconnect(self.handle_save)
        models.signals.post_delete.disconnect(self.handle_delete)
        models.signals.m2m_changed.disconnect(self.handle_m2m_changed)

    def handle_save(self, sender, instance, using="default", **kwargs) -> None:
        if self.is_indexed(sender):
            action = (
                IndexTask.Action.UPDATE
                if getattr(instance, "published", True)
                else IndexTask.Action.REMOVE
            )
            self.queue(instance, action, using)

    def handle_delete(self, sender, instance, using="default", **kwargs) -> None:
        if self.is_indexed(sender):
            self.queue(instance, IndexTask.Action.REMOVE, using)

    def handle_m2m_changed(self, sender, instance, action, using="default", **kwargs) -> None:
        # article.places.set(...) after the save: the places facet changed.
        if action in ("post_add", "post_remove", "post_clear") and self.is_indexed(type(instance)):
            self.handle_save(type(instance), instance, using=using)

    def is_indexed(self, model) -> bool:
        if model is IndexTask:
            return False
        for alias in self.connection_router.for_write():
            try:
                self.connections[alias].get_unified_index().get_index(model)
            except NotHandled:
                continue
            return True
        return False

    def queue(self, instance, action: str, using: str) -> None:
        from search import queue

        queue.enqueue(instance, action, using=using)
        transaction.on_commit(partial(queue.kick, using), using=using)
