from django.db import migrations


def load(apps, schema_editor):
    from smartby.geo.reference import load_reference_data

    load_reference_data(apps.get_model("geo", "Region"), apps.get_model("geo", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
