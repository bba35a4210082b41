"""The events table partitioned by month on PostgreSQL (motcua.dossiers.partitions); nothing on SQLite.

The model is unchanged: Django keeps addressing events by id. Reversing leaves the partitioned table, which
serves the earlier migrations' model as well."""

from django.db import migrations


def partition_events(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from motcua.dossiers.partitions import partition

    with schema_editor.connection.cursor() as cursor:
        partition(cursor)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0010_encrypt_personal_data")]

    operations = [migrations.RunPython(partition_events, migrations.RunPython.noop)]
