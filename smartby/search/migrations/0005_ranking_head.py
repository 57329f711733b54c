"""A small ranking vector (sections A and B) beside the document, kept by the same trigger.
Ranking reads it instead of the whole document: at 100,000 projects this halves the cost of
ordering thousands of matches (bench/RESULTS.md)."""

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger AS $$
    BEGIN
        NEW.head :=
            setweight(to_tsvector('simple'::regconfig, coalesce(NEW.terms_a, '')), 'A')
            || setweight(to_tsvector('simple'::regconfig, coalesce(NEW.terms_b, '')), 'B');
        NEW.document :=
            NEW.head
            || setweight(to_tsvector('simple'::regconfig, coalesce(NEW.terms_c, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "UPDATE search_searchentry SET terms_a = terms_a",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_corpus_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="indexed_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
