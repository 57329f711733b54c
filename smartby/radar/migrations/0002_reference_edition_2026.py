from django.db import migrations


def load(apps, schema_editor):
    from smartby.radar.reference import load_reference_edition

    load_reference_edition(
        apps.get_model("radar", "Edition"),
        apps.get_model("radar", "Blip"),
        apps.get_model("registry", "Technology"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("radar", "0001_editions_and_blips"),
        ("registry", "0002_reference_taxonomies"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
