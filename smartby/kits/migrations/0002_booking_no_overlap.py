"""No two active bookings of the same kit may overlap: an exclusion constraint over the
inclusive date range of bookings that are pending or approved. PostgreSQL only (it needs
btree_gist for `kit_id WITH =`); on SQLite the operation's locked check is the only guard.

The constraint is not part of the model state (Django would try to create it on SQLite too);
`operations.request_booking` turns its violation into the same Danish error as its own check.
"""

from django.db import migrations

CONSTRAINT = "kits_booking_no_overlap"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""
    ALTER TABLE kits_booking ADD CONSTRAINT {CONSTRAINT}
    EXCLUDE USING gist (
        kit_id WITH =,
        daterange(start_date, end_date, '[]') WITH &&
    ) WHERE (status IN ('afventer', 'godkendt'))
    """,
]
BACKWARD = [f"ALTER TABLE kits_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]


def run(statements: list[str]):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("kits", "0001_kits_bookings_events")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
