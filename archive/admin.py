from django.contrib import admin

from archive.models import Article, Place


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["date", "page", "headline_zh", "headline_en", "column_zh", "published"]
    list_filter = ["published", "page", "agency"]
    date_hierarchy = "date"
    search_fields = ["headline_zh", "headline_en", "subtitle_zh", "subtitle_en", "source_name"]
    readonly_fields = ["checksum", "source_name", "raw_text", "created", "updated"]
    autocomplete_fields = ["dateline_place", "places"]
    view_on_site = True


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "pinyin", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name_zh", "name_en", "pinyin"]
    autocomplete_fields = ["parent"]
