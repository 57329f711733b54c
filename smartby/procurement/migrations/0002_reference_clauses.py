"""The reference clauses (standard requirement texts) from procurement/reference.py."""

from django.db import migrations


def load(apps, schema_editor):
    from smartby.procurement.reference import load_reference_clauses

    load_reference_clauses(
        apps.get_model("procurement", "Clause"),
        apps.get_model("procurement", "ClauseVersion"),
        apps.get_model("procurement", "Tag"),
    )


def unload(apps, schema_editor):
    from smartby.procurement.reference import CLAUSES

    Clause = apps.get_model("procurement", "Clause")
    slugs = [c["slug"] for c in CLAUSES]
    Clause.objects.filter(slug__in=slugs).update(current_version=None)
    Clause.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_clauses_versions_documents")]

    operations = [migrations.RunPython(load, unload)]
