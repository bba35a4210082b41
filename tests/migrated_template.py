"""The SQLite test database is migrated once per state of the code, not once per pytest session.

`make test` runs two sessions (the rooms, then the browser and security tests) and a developer runs a room many
times: each used to migrate an empty in-memory database from the first migration (about 15 s on a quiet machine,
most of it Django rendering model states). Here the first session that migrates keeps a copy of the migrated
database in var/test-db/; a later session whose inputs are the same copies it into its in-memory database instead.

The copy is keyed by everything migrating reads: every file under motcua/ but its tests, templates, style sheets and
messages (so the migrations, the code their data migrations import, the data files that code loads), the shared data folder, the installed packages, the Python
version and the database settings. Any change makes a new key, so the copy is always what migrating now would
give; a clean checkout (CI) has no copy and migrates as before. PostgreSQL, a file database and --reuse-db take the
usual path.
"""

import hashlib
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders no migration reads: a change to a test, a template or a style sheet needs no new migration run.
SKIPPED = {"__pycache__", "tests", "templates", "static", "locale"}


def _key(settings, alias):
    digest = hashlib.sha256()
    folders = [ROOT / "motcua", Path(settings.SHARED_DATA_DIR)]
    for folder in folders:
        for base, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
            for name in sorted(files):
                path = Path(base, name)
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            digest.update("|".join(sorted(os.listdir(entry))).encode())  # dist-info names carry the versions
    db = settings.DATABASES[alias]
    digest.update(repr((db["ENGINE"], db.get("OPTIONS"), db.get("TEST"), settings.SECRET_KEY)).encode())
    return digest.hexdigest()[:24]


def install():
    """Wrap SQLite's create_test_db; call once Django is set up (pytest_sessionstart)."""
    from django.conf import settings
    from django.db.backends.sqlite3.creation import DatabaseCreation

    migrate = DatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=None, keepdb=False):
        name = self._get_test_db_name()
        if keepdb or serialize is not None or not self.is_in_memory_db(name):
            return migrate(self, verbosity, autoclobber, serialize, keepdb)
        folder = Path(settings.VAR_DIR) / "test-db"
        template = folder / f"{_key(settings, self.connection.alias)}.sqlite3"
        if not template.exists():
            name = migrate(self, verbosity, autoclobber, serialize, keepdb)
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.sqlite3"):
                old.unlink(missing_ok=True)
            partial = folder / f"{template.stem}.{os.getpid()}.partial"
            copy = sqlite3.connect(partial)
            self.connection.connection.backup(copy)
            copy.close()
            os.replace(partial, template)  # whole or not at all, even with two sessions at once
            return name
        try:
            source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)  # never creates an empty file
        except sqlite3.OperationalError:  # another session replaced it meanwhile
            return migrate(self, verbosity, autoclobber, serialize, keepdb)
        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        source.backup(self.connection.connection)
        source.close()
        return name

    DatabaseCreation.create_test_db = create_test_db
