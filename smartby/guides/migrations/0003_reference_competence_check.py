from django.db import migrations


def load(apps, schema_editor):
    from smartby.guides.reference import load_reference_assessment

    load_reference_assessment(
        apps.get_model("guides", "Assessment"),
        apps.get_model("guides", "Dimension"),
        apps.get_model("guides", "Question"),
    )


class Migration(migrations.Migration):
    dependencies = [("guides", "0002_reference_guides")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
