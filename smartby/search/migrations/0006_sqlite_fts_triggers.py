"""SQLite: 0005's AlterField rebuilt search_searchentry (SQLite alters a table by copying it),
which dropped the triggers that keep the FTS5 table in step. Create them again and rebuild the
FTS5 index from the entries. PostgreSQL: nothing to do (its trigger survived)."""

from django.db import migrations

from smartby.search.migrations import _fts

SQLITE = [
    *(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS") for sql in _fts.TRIGGERS),
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_ranking_head")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
