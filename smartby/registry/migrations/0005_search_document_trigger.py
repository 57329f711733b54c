"""PostgreSQL keeps `search_document` up to date with a trigger, fills it for existing rows, and
indexes the stored column (replacing the expression index of 0003, which made ranking recompute
to_tsvector for every matching row). SQLite: nothing to do."""

from django.db import migrations

DOCUMENT = (
    "setweight(to_tsvector('danish'::regconfig, coalesce(NEW.title, '')), 'A')"
    " || setweight(to_tsvector('danish'::regconfig, coalesce(NEW.summary, '')), 'B')"
)

FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION registry_project_search_document() RETURNS trigger AS $$
    BEGIN
        NEW.search_document := {DOCUMENT};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER registry_project_search_document
    BEFORE INSERT OR UPDATE ON registry_project
    FOR EACH ROW EXECUTE FUNCTION registry_project_search_document()
    """,
    # Fill existing rows through the trigger.
    "UPDATE registry_project SET title = title",
    "CREATE INDEX project_search_document_idx ON registry_project USING GIN (search_document)",
    "DROP INDEX IF EXISTS project_fts_idx",
]

BACKWARD = [
    "DROP INDEX IF EXISTS project_search_document_idx",
    "DROP TRIGGER IF EXISTS registry_project_search_document ON registry_project",
    "DROP FUNCTION IF EXISTS registry_project_search_document()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search_document")]

    operations = [migrations.RunPython(forward, backward)]
