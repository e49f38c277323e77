from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "article_search_gin"


def search_index() -> GinIndex:
    # The same expression as ArticleQuerySet.search_fulltext, so PostgreSQL can use the index.
    return GinIndex(
        SearchVector("title", weight="A", config="english")
        + SearchVector("body", weight="B", config="english"),
        name=INDEX_NAME,
    )


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), search_index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), search_index())


class Migration(migrations.Migration):
    """A full-text index for the article search, on PostgreSQL only (SQLite searches by
    substring and has no GIN indexes)."""

    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(add_index, remove_index)]
