"""Digitaliseringspartnerskabet's 46 recommendations (2021) and their themes."""

from django.db import migrations


def load(apps, schema_editor):
    from smartby.priorities.reference import load_recommendations

    load_recommendations(
        apps.get_model("priorities", "Theme"), apps.get_model("priorities", "Recommendation")
    )


def unload(apps, schema_editor):
    apps.get_model("priorities", "Recommendation").objects.all().delete()
    apps.get_model("priorities", "Theme").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("priorities", "0001_follow_up_and_prioritisation")]

    operations = [migrations.RunPython(load, unload)]
