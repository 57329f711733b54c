"""Reference content: the standards and interoperability solutions (catalogue/reference.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from smartby.catalogue.reference import load_reference_standards

    load_reference_standards(apps.get_model("catalogue", "Standard"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
