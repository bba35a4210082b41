"""Dossiers have facts from their acceptance on: rows of dossiers never accepted carried nothing the indicators
count and are removed (folding replays such a dossier's earlier events when it is accepted)."""

from django.db import migrations


def drop_unaccepted(apps, schema_editor):
    apps.get_model("indicators", "DossierFact").objects.filter(accepted_at__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [("indicators", "0008_carried_open_counts")]

    operations = [migrations.RunPython(drop_unaccepted, migrations.RunPython.noop, elidable=True)]
