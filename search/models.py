"""The index queue: what the search index still has to learn about the database.

A save, publish, unpublish or delete adds a task in the same transaction as the change
(``search.signals``); one writer at a time applies them (``search.queue``). A task names an
object, not its text: the writer reads the object again when it applies the task, so it always
indexes what the database holds then, however old the task.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    class Action(models.TextChoices):
        UPDATE = "update", _("update")
        REMOVE = "remove", _("remove")

    # "archive.article": any model haystack indexes, though today that is articles only.
    model = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    # What the change looked like when it was queued. The writer decides from the database at
    # apply time (an article published again after being unpublished is indexed either way).
    action = models.CharField(max_length=6, choices=Action.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("index task")

    def __str__(self) -> str:
        return f"{self.action} {self.model} {self.object_id}"
