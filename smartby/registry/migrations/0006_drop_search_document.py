"""Search moved to the search app (search.SearchEntry, with Danish analysis in Python): drop
the project's own tsvector column, its trigger and its index."""

from django.db import migrations

POSTGRES = [
    "DROP INDEX IF EXISTS project_search_document_idx",
    "DROP TRIGGER IF EXISTS registry_project_search_document ON registry_project",
    "DROP FUNCTION IF EXISTS registry_project_search_document()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_search_document_trigger")]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RemoveField(model_name="project", name="search_document"),
    ]
