"""Search ranks from what each entry stores: its name's normalised words (both databases) and, on PostgreSQL, its
name's text vector (a generated column), instead of normalising and parsing every candidate name per query."""

import importlib

from django.db import migrations, models

from motcua.catalogue.search import NAME_VECTOR_EXPR
from motcua.catalogue.vocabulary import normalise_line

POSTGRES_FORWARD = [
    f"ALTER TABLE catalogue_searchentry ADD COLUMN name_vector tsvector GENERATED ALWAYS AS ({NAME_VECTOR_EXPR}) STORED"
]
POSTGRES_BACKWARD = ["ALTER TABLE catalogue_searchentry DROP COLUMN IF EXISTS name_vector"]
# SQLite adds the column by rebuilding the table, which drops the triggers that keep the FTS index in step with
# it (migration 0002): they are made again, and the index rebuilt from the table.
_SEARCH_INDEX = importlib.import_module("motcua.catalogue.migrations.0002_search_index")
SQLITE_TRIGGERS = [
    *(f"DROP TRIGGER IF EXISTS catalogue_search_{t}" for t in ("ai", "ad", "au")),
    *(sql for sql in _SEARCH_INDEX.SQLITE_FORWARD if sql.startswith("CREATE TRIGGER")),
    "INSERT INTO catalogue_search_fts(catalogue_search_fts) VALUES ('rebuild')",
]


def _on(vendor, statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for sql in statements:
                schema_editor.execute(sql)

    return run


def fill_normalised(apps, schema_editor):
    SearchEntry = apps.get_model("catalogue", "SearchEntry")
    entries = list(SearchEntry.objects.only("procedure_id", "name"))
    for entry in entries:
        entry.name_normalised = normalise_line(entry.name)
    SearchEntry.objects.bulk_update(entries, ["name_normalised"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0009_version_procedure_label")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _on("sqlite", SQLITE_TRIGGERS)),  # back: after the removal
        migrations.AddField("searchentry", "name_normalised", models.TextField(default="")),
        migrations.RunPython(_on("sqlite", SQLITE_TRIGGERS), migrations.RunPython.noop),
        migrations.RunPython(fill_normalised, migrations.RunPython.noop),
        migrations.RunPython(_on("postgresql", POSTGRES_FORWARD), _on("postgresql", POSTGRES_BACKWARD)),
    ]
