from django.db import migrations


def load(apps, schema_editor):
    from smartby.climate.reference import load_reference_data

    load_reference_data(
        apps.get_model("climate", "Phase"),
        apps.get_model("climate", "ClimatePlan"),
        apps.get_model("climate", "PhaseEvent"),
        apps.get_model("geo", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("climate", "0001_initial"), ("geo", "0002_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
