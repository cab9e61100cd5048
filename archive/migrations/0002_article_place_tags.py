"""Article.places goes through ArticlePlace, which says how each tag came; RejectedPlace keeps
the tags editors removed. Existing tags are kept: the dateline place as the dateline, the
rest as mentions, all as found at import."""

import django.db.models.deletion
from django.db import migrations, models


def copy_tags(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    ArticlePlace = apps.get_model("archive", "ArticlePlace")
    rows = []
    for article in Article.objects.prefetch_related("places_old"):
        for place in article.places_old.all():
            role = "dateline" if place.pk == article.dateline_place_id else "mention"
            rows.append(ArticlePlace(article=article, place=place, role=role, source="auto"))
    ArticlePlace.objects.bulk_create(rows)


def copy_tags_back(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    ArticlePlace = apps.get_model("archive", "ArticlePlace")
    for tag in ArticlePlace.objects.all():
        Article.objects.get(pk=tag.article_id).places_old.add(tag.place_id)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("article", "places", "places_old"),
        migrations.AlterField(
            model_name="article",
            name="places_old",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="archive.place", db_table="archive_article_places"
            ),
        ),
        migrations.CreateModel(
            name="ArticlePlace",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[("dateline", "dateline"), ("mention", "mentioned")], default="mention", max_length=16)),
                ("source", models.CharField(choices=[("auto", "found at import"), ("editor", "added by an editor")], default="editor", max_length=16)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="place_tags", to="archive.article")),
                ("place", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="article_tags", to="archive.place")),
            ],
            options={
                "verbose_name": "place tag",
                "ordering": ["article", "role", "place"],
                "constraints": [models.UniqueConstraint(fields=("article", "place"), name="unique_article_place")],
            },
        ),
        migrations.RunPython(copy_tags, copy_tags_back),
        migrations.RemoveField(model_name="article", name="places_old"),
        migrations.AddField(
            model_name="article",
            name="places",
            field=models.ManyToManyField(blank=True, related_name="articles", through="archive.ArticlePlace", to="archive.place"),
        ),
        migrations.CreateModel(
            name="RejectedPlace",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="rejected_places", to="archive.article")),
                ("place", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="archive.place")),
            ],
            options={
                "verbose_name": "rejected place tag",
                "constraints": [models.UniqueConstraint(fields=("article", "place"), name="unique_rejected_place")],
            },
        ),
    ]
