"""The dossier's agency needs no index of its own: the (agency, status) index serves every lookup by agency (it
starts with the column). The index is dropped concurrently (no lock on the table's writes) and the foreign key
is left in place: Django's AlterField would drop the constraint and add it again, checking every row under a lock.
Nothing else changes on SQLite (its index goes the same way)."""

from django.db import migrations, models

TABLE, COLUMN = "dossiers_dossier", "agency_id"


def _name(schema_editor):
    return schema_editor._create_index_name(TABLE, [COLUMN], suffix="")


def drop(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'DROP INDEX {concurrently}IF EXISTS "{_name(schema_editor)}"')


def restore(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'CREATE INDEX {concurrently}IF NOT EXISTS "{_name(schema_editor)}" ON "{TABLE}" ("{COLUMN}")')


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("dossiers", "0012_drop_pattern_indexes"), ("units", "0003_view_record")]

    operations = [migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AlterField(
            model_name="dossier", name="agency",
            field=models.ForeignKey(db_index=False, on_delete=models.PROTECT, related_name="dossiers",
                                    to="units.agency", verbose_name="cơ quan tiếp nhận"))],
        database_operations=[migrations.RunPython(drop, restore)])]
