from django.db import migrations


def seed(apps, schema_editor):
    from motcua.catalogue.vocabulary import seed_into

    seed_into(apps.get_model("catalogue", "CitizenTerm"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_citizen_terms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
