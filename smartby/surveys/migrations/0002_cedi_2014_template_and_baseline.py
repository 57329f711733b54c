"""The 2014 CEDI questionnaire (template "cedi-2014", version 1) and its published results as the
aggregate-only baseline round "cedi-2014-baseline" (content in smartby/surveys/cedi2014.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from smartby.surveys.cedi2014 import install

    install(apps)


def unload(apps, schema_editor):
    apps.get_model("surveys", "Round").objects.filter(key="cedi-2014-baseline").delete()
    apps.get_model("surveys", "Survey").objects.filter(key="cedi-2014").delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial"), ("geo", "0002_reference_data")]

    operations = [migrations.RunPython(load, unload)]
