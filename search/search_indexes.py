"""What haystack indexes: published articles, in both languages."""

from haystack import indexes

from archive.models import Article


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    date = indexes.DateField(model_attr="date")
    page = indexes.IntegerField(model_attr="page")

    def get_model(self) -> type[Article]:
        return Article

    def index_queryset(self, using=None):
        return self.get_model().objects.published()

    def prepare_text(self, article: Article) -> str:
        return "\n".join(
            [article.headline_zh, article.subtitle_zh, article.body_zh]
            + [article.headline_en, article.subtitle_en, article.body_en]
        )
