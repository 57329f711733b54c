from django.db import migrations


def load(apps, schema_editor):
    from smartby.portfolio.reference import load_reference_strategy

    load_reference_strategy(apps)


def unload(apps, schema_editor):
    from smartby.portfolio.reference import unload_reference_strategy

    unload_reference_strategy(apps)


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_strategies_initiatives_status")]

    operations = [migrations.RunPython(load, unload)]
