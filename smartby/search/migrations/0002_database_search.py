"""The database side of search.

PostgreSQL: a trigger builds `document` from the three term sections (weights A, B, C) with
the `simple` configuration (the terms are already analysed in Python), a GIN index on it,
pg_trgm with a trigram index on the lexicon for typo tolerance, and a pattern index for
prefix suggestions.

SQLite: an FTS5 table over the three sections kept in step with the entries by triggers.
"""

from django.db import migrations

from smartby.search.migrations import _fts

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    CREATE OR REPLACE FUNCTION search_entry_document() RETURNS trigger AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('simple'::regconfig, coalesce(NEW.terms_a, '')), 'A')
            || setweight(to_tsvector('simple'::regconfig, coalesce(NEW.terms_b, '')), 'B')
            || setweight(to_tsvector('simple'::regconfig, coalesce(NEW.terms_c, '')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER search_entry_document
    BEFORE INSERT OR UPDATE OF terms_a, terms_b, terms_c ON search_searchentry
    FOR EACH ROW EXECUTE FUNCTION search_entry_document()
    """,
    "CREATE INDEX search_entry_document_idx ON search_searchentry USING GIN (document)",
    "CREATE INDEX search_term_trgm_idx ON search_term USING GIN (term gin_trgm_ops)",
    "CREATE INDEX search_term_prefix_idx ON search_term (term varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_prefix_idx",
    "DROP INDEX IF EXISTS search_term_trgm_idx",
    "DROP INDEX IF EXISTS search_entry_document_idx",
    "DROP TRIGGER IF EXISTS search_entry_document ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_document()",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        terms_a, terms_b, terms_c, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')
    """,
    *_fts.TRIGGERS,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def run(statements: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries_terms_synonyms")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
