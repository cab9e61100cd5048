from django.core.management import call_command
from django.core.management.base import BaseCommand

from archive.models import Place


class Command(BaseCommand):
    help = (
        "Load the gazetteer (fixtures/places.json) into an archive that has no places yet. "
        "Run once after migrate (make run does); it leaves an existing gazetteer alone so that "
        "corrections made in the admin survive. --force reloads it over them. Takes seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="reload even if places exist (overwrites edits)"
        )

    def handle(self, *args, force, **options):
        existing = Place.objects.count()
        if existing and not force:
            self.stdout.write(f"places: {existing} already loaded, left as they are")
            return
        call_command("loaddata", "places", verbosity=0)
        self.stdout.write(f"places: loaded {Place.objects.count()}")
