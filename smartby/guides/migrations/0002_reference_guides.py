from django.db import migrations


def load(apps, schema_editor):
    from smartby.guides.reference import load_reference_guides

    load_reference_guides(
        apps.get_model("guides", "Guide"),
        apps.get_model("guides", "GuideVersion"),
        apps.get_model("registry", "Area"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_guides_and_competence_check"),
        ("registry", "0002_reference_taxonomies"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
