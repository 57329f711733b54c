from django.db import migrations


def load(apps, schema_editor):
    from smartby.registry.reference import load_reference_taxonomies

    load_reference_taxonomies(
        apps.get_model("registry", "Area"), apps.get_model("registry", "Technology")
    )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
