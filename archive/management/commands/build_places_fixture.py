from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.gazetteer.build import (
    DATA_DIR,
    GazetteerError,
    build_places,
    render_fixture,
    update_pinyin_table,
)

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "fixtures" / "places.json"


class Command(BaseCommand):
    help = (
        "Regenerate the gazetteer fixture (fixtures/places.json) from the data in "
        "archive/gazetteer/: today's divisions, the 1950s provinces, foreign places, English "
        "names, aliases and pinyin. Run it after editing any file there, and commit both; "
        "then `manage.py loaddata fixtures/places.json` loads the places. Takes a second. "
        "The output is deterministic, and a test fails when the committed fixture is stale. "
        "A new Chinese name needs its pinyin first: --update-pinyin (needs pypinyin)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=DEFAULT_OUTPUT,
            help="where to write the fixture (default: fixtures/places.json); - for stdout",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail if the output file differs from what would be written",
        )
        parser.add_argument(
            "--update-pinyin",
            action="store_true",
            help="first rewrite archive/gazetteer/pinyin.csv with pypinyin's reading of every "
            "name (pip install pypinyin==0.55.0); corrections belong in pinyin_fixes.csv",
        )

    def handle(self, *args, output, check, update_pinyin, **options):
        try:
            if update_pinyin:
                names, new = self.update_pinyin()
                self.stdout.write(f"pinyin.csv: {names} names, {new} new")
            places = build_places(DATA_DIR)
        except GazetteerError as error:
            raise CommandError(str(error)) from error
        text = render_fixture(places)

        if str(output) == "-":
            self.stdout.write(text, ending="")
            return
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else None
            if current != text:
                raise CommandError(
                    f"{output} is out of date: run `manage.py build_places_fixture` and commit it"
                )
            self.stdout.write(f"{output} is up to date ({len(places)} places)")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(places)} places to {output}")

    def update_pinyin(self) -> tuple[int, int]:
        try:
            return update_pinyin_table(DATA_DIR)
        except ImportError as error:
            raise CommandError(
                "--update-pinyin needs pypinyin: pip install pypinyin==0.55.0"
            ) from error
