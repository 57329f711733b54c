"""GovTech Midtjylland from the KD-Net seed (see smartby/costs/reference.py)."""

from django.db import migrations

from smartby.costs.reference import install_govtech, uninstall_govtech


def forwards(apps, schema_editor):
    install_govtech(apps)


def backwards(apps, schema_editor):
    uninstall_govtech(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("costs", "0001_collaborations_budget_years_scenarios"),
        ("geo", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
