from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Place

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = StringIO()
    call_command("load_places", *args, stdout=out)
    return out.getvalue().strip()


def test_it_loads_the_gazetteer_into_an_empty_archive():
    assert load().startswith("places: loaded ")
    nanjing = Place.objects.get(name_zh="南京", kind=Place.Kind.CITY)
    assert (nanjing.name_en, nanjing.parent.name_zh) == ("Nanjing", "江苏")


def test_it_leaves_an_edited_gazetteer_alone():
    load()
    Place.objects.filter(name_zh="南京", kind=Place.Kind.CITY).update(name_en="Nanking")
    assert "already loaded, left as they are" in load()
    assert Place.objects.get(name_zh="南京", kind=Place.Kind.CITY).name_en == "Nanking"
    load("--force")
    assert Place.objects.get(name_zh="南京", kind=Place.Kind.CITY).name_en == "Nanjing"
