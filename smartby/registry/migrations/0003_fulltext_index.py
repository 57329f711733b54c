"""A GIN index on the projects' Danish full-text document (PostgreSQL only; the SQLite demo
searches with LIKE). Replaced by the stored, trigger-maintained column of 0004/0005."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "project_fts_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    document = SearchVector("title", weight="A", config="danish") + SearchVector(
        "summary", weight="B", config="danish"
    )
    model = apps.get_model("registry", "Project")
    schema_editor.add_index(model, GinIndex(document, name=INDEX_NAME))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_reference_taxonomies")]

    operations = [migrations.RunPython(create, drop)]
