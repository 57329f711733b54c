from django.db import migrations


def load(apps, schema_editor):
    from smartby.search.vocabulary import reference_synonyms

    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(
            SynonymGroup(terms=", ".join(group)) for group in reference_synonyms()
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_database_search")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
