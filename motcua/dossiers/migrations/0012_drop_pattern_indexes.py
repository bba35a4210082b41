"""Drop the pattern (`_like`, varchar_pattern_ops) indexes PostgreSQL gets beside the plain index of every indexed
text column, on the dossier columns that are only ever matched whole: the keyed hashes of the applicant's ID number
and phone (`__matches`: an IN of hashes), the idempotency key, the code and the registration reference (exact;
the staff search's `code__icontains` and `reference__iexact` compare UPPER(...) and use neither index). Each was
written by every insert and every update of its column. Nothing on SQLite.

Dropped concurrently (no lock on the table's writes), so the migration is not atomic. A later AlterField that
re-creates a column's indexes brings its pattern index back; drop it again then.
"""

from django.db import migrations

TABLE = "dossiers_dossier"
COLUMNS = ("applicant_id_number_hash", "applicant_phone_hash", "idempotency_key", "code", "reference")


def _names(schema_editor):
    return [(column, schema_editor._create_index_name(TABLE, [column], suffix="_like")) for column in COLUMNS]


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _column, name in _names(schema_editor):
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, name in _names(schema_editor):
        schema_editor.execute(f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{TABLE}" '
                              f'("{column}" varchar_pattern_ops)')


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("dossiers", "0011_partition_events")]

    operations = [migrations.RunPython(drop, restore)]
