from django.db import migrations

from motcua.catalogue.search import VECTOR_EXPR

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalogue_search_fts USING fts5("
    "name, body, content='catalogue_searchentry', content_rowid='procedure_id', tokenize='unicode61')",
    "CREATE TRIGGER catalogue_search_ai AFTER INSERT ON catalogue_searchentry BEGIN "
    "INSERT INTO catalogue_search_fts(rowid, name, body) VALUES (new.procedure_id, new.name, new.body); END",
    "CREATE TRIGGER catalogue_search_ad AFTER DELETE ON catalogue_searchentry BEGIN "
    "INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, name, body) "
    "VALUES ('delete', old.procedure_id, old.name, old.body); END",
    "CREATE TRIGGER catalogue_search_au AFTER UPDATE ON catalogue_searchentry BEGIN "
    "INSERT INTO catalogue_search_fts(catalogue_search_fts, rowid, name, body) "
    "VALUES ('delete', old.procedure_id, old.name, old.body); "
    "INSERT INTO catalogue_search_fts(rowid, name, body) VALUES (new.procedure_id, new.name, new.body); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalogue_search_ai",
    "DROP TRIGGER IF EXISTS catalogue_search_ad",
    "DROP TRIGGER IF EXISTS catalogue_search_au",
    "DROP TABLE IF EXISTS catalogue_search_fts",
]
POSTGRES_FORWARD = [f"CREATE INDEX catalogue_search_vector ON catalogue_searchentry USING gin ({VECTOR_EXPR.format(p='')})"]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS catalogue_search_vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
