"""The map of provinces shaded by article count (/places/map/)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.views.places import SHADES, read_tiles, shade


@pytest.fixture
def tagged_samples(db, seeds_dir):
    from archive.ingest import import_paths

    call_command("loaddata", "places", verbosity=0)
    assert import_paths([seeds_dir]).failed == 0


def test_the_map_is_an_svg_with_a_linked_tile_for_every_province_level_unit(client, tagged_samples):
    response = client.get(reverse("archive:place_map"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    cells = response.context["cells"]
    assert len(cells) == 34
    for code in (11, 14, 32, 50, 65, 71, 81, 82):
        assert f'href="{reverse("archive:place", kwargs={"pk": code})}"' in page


def test_tiles_are_shaded_by_rolled_up_counts(client, tagged_samples):
    cells = {
        c["place"].name_en: c for c in client.get(reverse("archive:place_map")).context["cells"]
    }
    assert cells["Shanxi"]["count"] == 2  # Taiyuan's two articles
    assert cells["Shanxi"]["shade"] == SHADES
    assert cells["Jiangsu"]["shade"] == 3  # one article of a top of two
    assert cells["Tibet"]["shade"] == 0


def test_the_map_needs_no_network(client, tagged_samples):
    page = client.get(reverse("archive:place_map")).content.decode()
    assert "http://" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )
    assert "https://" not in page


def test_no_two_tiles_share_a_square():
    squares = [(col, row) for _, col, row in read_tiles()]
    assert len(squares) == len(set(squares)) == 34


@pytest.mark.parametrize(
    ("count", "top", "expected"),
    [(0, 10, 0), (1, 10, 1), (2, 10, 1), (3, 10, 2), (10, 10, SHADES), (5, 0, 0)],
)
def test_shades_are_equal_steps_of_the_largest_count(count, top, expected):
    assert shade(count, top) == expected


def test_the_map_works_without_articles(client, db):
    call_command("loaddata", "places", verbosity=0)
    response = client.get(reverse("archive:place_map"))
    assert response.status_code == 200
    assert {c["shade"] for c in response.context["cells"]} == {0}
