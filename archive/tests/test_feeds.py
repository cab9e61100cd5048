"""/feeds/latest/: an Atom feed of the articles most recently added."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from archive.models import Article

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    return ET.fromstring(response.content)


def test_it_is_an_atom_feed_of_every_new_article(client, seed_articles):
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    assert len(feed.findall(f"{ATOM}entry")) == 5


def test_its_title_and_subtitle_are_in_both_languages(client, seed_articles):
    feed = parse(client.get("/feeds/latest/"))
    title = feed.find(f"{ATOM}title").text
    assert "人民日报" in title and "People's Daily Archive" in title
    subtitle = feed.find(f"{ATOM}subtitle").text
    assert "新增文章" in subtitle and "Articles newly added" in subtitle
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/"


def test_each_entry_has_both_headlines_a_link_and_the_date_it_was_added(client, seed_articles):
    jiangsu = seed_articles[2]
    added = timezone.make_aware(datetime.datetime(2024, 5, 1, 12, 0))
    Article.objects.filter(pk=jiangsu.pk).update(created=added)
    feed = parse(client.get("/feeds/latest/"))
    entry = next(
        e
        for e in feed.findall(f"{ATOM}entry")
        if e.find(f"{ATOM}link").get("href").endswith(jiangsu.get_absolute_url())
    )
    title = entry.find(f"{ATOM}title").text
    assert title.startswith(jiangsu.headline_zh)
    assert jiangsu.headline_en in title
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + (
        jiangsu.get_absolute_url()
    )
    published = datetime.datetime.fromisoformat(entry.find(f"{ATOM}published").text)
    assert published == added


def test_the_newest_addition_comes_first(client, seed_articles):
    newest = seed_articles[0]
    Article.objects.filter(pk=newest.pk).update(created=timezone.now() + datetime.timedelta(1))
    entries = parse(client.get("/feeds/latest/")).findall(f"{ATOM}entry")
    assert entries[0].find(f"{ATOM}link").get("href").endswith(newest.get_absolute_url())


def test_it_leaves_out_unpublished_articles(client, seed_articles):
    Article.objects.filter(pk=seed_articles[0].pk).update(published=False)
    entries = parse(client.get("/feeds/latest/")).findall(f"{ATOM}entry")
    assert len(entries) == 4


def test_an_empty_archive_gives_an_empty_feed(client):
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    assert parse(response).findall(f"{ATOM}entry") == []
