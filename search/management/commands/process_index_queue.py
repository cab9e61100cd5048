import time

from django.core.management.base import BaseCommand, CommandError

from search import queue
from search.locks import IndexLockTimeout


class Command(BaseCommand):
    help = (
        "Apply the search index queue: the saves, publications and deletions not yet in the "
        "index. Web processes do this by themselves a moment after each save; run this after a "
        "crash, from cron, or with --loop as the one index worker of a deployment that sets "
        "SEARCH_QUEUE_AUTODRAIN = False. Takes about a second per 100 queued articles; waits "
        "while update_index or rebuild_index holds the index lock."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="keep running, looking for new tasks every --interval seconds",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between looks at the queue with --loop (default 1)",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="give up if another writer holds the index lock this long (default: wait)",
        )

    def handle(self, *args, loop, interval, timeout, **options):
        while True:
            try:
                report = queue.drain(timeout=timeout)
            except IndexLockTimeout as problem:
                raise CommandError(f"The index stayed locked: {problem}") from problem
            if report.tasks or not loop:
                self.stdout.write(
                    f"applied {report.tasks} task(s): {report.updated} indexed, "
                    f"{report.removed} removed; {queue.pending()} pending"
                )
            if not loop:
                return
            time.sleep(interval)
