"""PostgreSQL: a trigram index on contact names, so that searching people by (part of) their
name in the one search box does not scan every contact (pg_trgm comes from search.0002). On
UPPER(name), because that is what Django's `icontains` compares."""

from django.db import migrations

FORWARD = "CREATE INDEX IF NOT EXISTS contact_name_trgm_idx ON registry_contact USING GIN (UPPER(name) gin_trgm_ops)"
BACKWARD = "DROP INDEX IF EXISTS contact_name_trgm_idx"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_drop_search_document"), ("search", "0002_database_search")]

    operations = [migrations.RunPython(forward, backward)]
