import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest import import_paths
from search import queue


class Command(BaseCommand):
    help = (
        "Import article files (English translation, <hr />, Chinese original) into the archive. "
        "Give files or folders; folders are searched for *.txt. Safe to run again: unchanged "
        "files are skipped by checksum and changed files update their article. Each file is "
        "all-or-nothing. The search index follows: changes are queued and applied in batches "
        "when the import ends. Roughly 25 files a second to import, plus about 8 a second to "
        "index (docs/PERFORMANCE.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
        parser.add_argument(
            "--unpublished",
            action="store_true",
            help="import new articles as unpublished drafts (existing ones keep their state)",
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="replace changes editors made in the admin when a changed file is re-imported "
            "(by default such articles are left alone and reported)",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            default=None,
            help="always show a progress bar (default: only on a terminal, for 20+ files)",
        )
        parser.add_argument(
            "--no-progress", dest="progress", action="store_false", help="never show one"
        )

    def handle(self, *args, paths, unpublished, progress, overwrite_edits, **options):
        def progress_bar(files):
            show = progress if progress is not None else sys.stderr.isatty() and len(files) >= 20
            return tqdm(files, unit="file", disable=not show, file=sys.stderr)

        # Index changes are queued as articles are saved and applied in batches at the end.
        with queue.paused():
            report = import_paths(
                paths,
                publish=not unpublished,
                progress=progress_bar,
                overwrite_edits=overwrite_edits,
            )
        if queue.autodrain_enabled():
            queue.drain()
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                f"{report.failed} file(s) failed and were not imported; reasons above",
                returncode=1,
            )
