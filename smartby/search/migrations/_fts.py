"""The SQLite triggers that keep the FTS5 table in step with search_searchentry (used by
migrations 0002 and 0006)."""

TRIGGERS = [
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, terms_a, terms_b, terms_c)
        VALUES (new.id, new.terms_a, new.terms_b, new.terms_c);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms_a, terms_b, terms_c)
        VALUES ('delete', old.id, old.terms_a, old.terms_b, old.terms_c);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms_a, terms_b, terms_c)
        VALUES ('delete', old.id, old.terms_a, old.terms_b, old.terms_c);
        INSERT INTO search_fts(rowid, terms_a, terms_b, terms_c)
        VALUES (new.id, new.terms_a, new.terms_b, new.terms_c);
    END
    """,
]
