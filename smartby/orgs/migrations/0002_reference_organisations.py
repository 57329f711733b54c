from django.db import migrations


def load(apps, schema_editor):
    from smartby.orgs.reference import load_reference_organisations

    load_reference_organisations(
        apps.get_model("orgs", "Organisation"),
        apps.get_model("geo", "Municipality"),
        apps.get_model("geo", "Region"),
    )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial"), ("geo", "0002_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
