from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from archive.admin_import import import_view
from archive.models import Article, ArticlePlace, Place, RejectedPlace


class ArticlePlaceInline(admin.TabularInline):
    """The article's places. Editors correct the tagger here: a place they add or change is
    theirs, a found place they delete is remembered, and a re-import respects both."""

    model = ArticlePlace
    fields = ["place", "role", "source"]
    readonly_fields = ["source"]
    autocomplete_fields = ["place"]
    extra = 1


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["date", "page", "headline_zh", "headline_en", "column_zh", "published"]
    list_display_links = ["headline_zh"]
    list_filter = [
        "published",
        "page",
        "column_zh",
        "agency",
        ("places", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "date"
    search_fields = [
        "headline_zh", "headline_en", "subtitle_zh", "subtitle_en", "body_zh", "body_en",
        "source_name",
    ]  # fmt: skip
    readonly_fields = ["checksum", "source_name", "raw_text", "created", "updated"]
    # Each Chinese field beside its English twin, as readers see the article.
    fieldsets = [
        (None, {"fields": [("date", "page", "page_name"), "published"]}),
        ("Headline", {"fields": [("headline_zh", "headline_en"), ("subtitle_zh", "subtitle_en")]}),
        ("Text", {"classes": ["bilingual"], "fields": [("body_zh", "body_en")]}),
        (
            "Source",
            {"fields": [("column_zh", "column_en"), "author", ("agency", "dateline"),
                        ("dateline_place_name", "dateline_place")]},
        ),
        (
            "Imported file",
            {"classes": ["collapse"],
             "fields": ["source_name", "checksum", ("created", "updated"), "raw_text"]},
        ),
    ]  # fmt: skip
    autocomplete_fields = ["dateline_place"]
    inlines = [ArticlePlaceInline]
    view_on_site = True
    change_list_template = "admin/archive/article/change_list_with_import.html"

    class Media:
        css = {"all": ["css/admin_article.css"]}

    def get_urls(self):
        # example: /admin/archive/article/import/
        import_url = path(
            "import/",
            self.admin_site.admin_view(lambda request: import_view(request, self)),
            name="archive_article_import",
        )
        return [import_url, *super().get_urls()]

    def save_formset(self, request, form, formset, change):
        if formset.model is not ArticlePlace:
            return super().save_formset(request, form, formset, change)
        tags = formset.save(commit=False)
        for tag in formset.deleted_objects:
            if tag.source == ArticlePlace.Source.AUTO:
                RejectedPlace.objects.get_or_create(article=tag.article, place=tag.place)
            tag.delete()
        for tag in tags:
            tag.source = ArticlePlace.Source.EDITOR
            tag.save()
            RejectedPlace.objects.filter(article=tag.article, place=tag.place).delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _keep_one_dateline(
            form.instance, form.has_changed() and "dateline_place" in form.changed_data
        )


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "pinyin", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name_zh", "name_en", "pinyin"]
    autocomplete_fields = ["parent"]


def _keep_one_dateline(article: Article, dateline_field_changed: bool) -> None:
    """Make the dateline field and the tags agree after an editor's change to either."""
    tags = article.place_tags.all()
    if dateline_field_changed:
        tags.filter(role=ArticlePlace.Role.DATELINE).update(role=ArticlePlace.Role.MENTION)
        if article.dateline_place_id:
            ArticlePlace.objects.update_or_create(
                article=article,
                place_id=article.dateline_place_id,
                defaults={"role": ArticlePlace.Role.DATELINE, "source": ArticlePlace.Source.EDITOR},
            )
        return
    datelines = list(tags.filter(role=ArticlePlace.Role.DATELINE).order_by("-source"))
    chosen = datelines[0].place_id if datelines else None
    for extra in datelines[1:]:
        extra.role = ArticlePlace.Role.MENTION
        extra.save(update_fields=["role"])
    if article.dateline_place_id != chosen:
        article.dateline_place_id = chosen
        article.save(update_fields=["dateline_place"])


admin.site.site_header = gettext_lazy("人民日报 People's Daily Archive")
admin.site.site_title = gettext_lazy("People's Daily Archive admin")
admin.site.index_title = gettext_lazy("Archive administration")
