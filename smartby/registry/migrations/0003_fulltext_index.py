"""A GIN index on the projects' Danish full-text document (PostgreSQL only; the SQLite demo
searches with LIKE). The expression must match registry.filters.FTS_DOCUMENT_SQL."""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS project_fts_idx ON registry_project USING GIN ("
    "(setweight(to_tsvector('danish'::regconfig, coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('danish'::regconfig, coalesce(summary, '')), 'B'))"
    ")"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS project_fts_idx")


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_reference_taxonomies")]

    operations = [migrations.RunPython(create, drop)]
