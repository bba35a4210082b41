"""Backups of the database and the uploaded files together, in one archive, and their restore.

An archive `motcua-<UTC time>.tar.gz` holds:
- `database.sqlite3` (SQLite, through sqlite3's online backup API: a consistent copy while the city runs) or
  `database.pgdump` (PostgreSQL, `pg_dump --format=custom`: one consistent snapshot);
- `media/`: every uploaded file (dossier papers, results, signed forms), copied after the database snapshot.
  Stored files are written before the dossier that names them commits and are never rewritten, so every file
  the snapshot refers to is in the archive (files newer than the snapshot may be too: harmless);
- `manifest.json`: when, which engine, how many rows per table and the SHA-256 of every file, checked on
  restore.

Restore replaces the database and the uploaded files with the archive's. Schedule and retention: docs/backups.md.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone


class BackupError(Exception):
    pass


def _engine():
    return connection.vendor  # "sqlite" or "postgresql"


def _row_counts():
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._default_manager.using("default").count()
    return counts


def _media_files(root):
    root = Path(root)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): _sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


DROP_PARTITIONED = """DO $$ DECLARE t regclass; BEGIN
  FOR t IN SELECT partrelid::regclass FROM pg_partitioned_table LOOP EXECUTE format('DROP TABLE %s CASCADE', t); END LOOP;
END $$"""


def _pg_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return env, args, connection.settings_dict["NAME"]


def backup(directory, *, now=None):
    """Write one archive into `directory`; return its path."""
    now = now or timezone.now()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"motcua-{now:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        counts = _row_counts()
        if _engine() == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(tmp / "database.sqlite3")
            with target:
                connection.connection.backup(target)
            target.close()
            database = "database.sqlite3"
        elif _engine() == "postgresql":
            env, args, name = _pg_env()
            subprocess.run(["pg_dump", *args, "--format=custom", "--no-owner", "-f", str(tmp / "database.pgdump"),
                            name], env=env, check=True, capture_output=True)
            database = "database.pgdump"
        else:
            raise BackupError(f"no backup for the {_engine()} engine")
        files = _media_files(settings.MEDIA_ROOT)
        manifest = {"created_at": now.isoformat(), "engine": _engine(), "database": database, "rows": counts,
                    "files": files}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(tmp / "manifest.json", "manifest.json")
            tar.add(tmp / database, database)
            for name in files:
                tar.add(Path(settings.MEDIA_ROOT) / name, f"media/{name}")
    return archive


def restore(archive):
    """Replace the database and the uploaded files with those of `archive`; return its manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        manifest = json.loads((tmp / "manifest.json").read_text())
        for name, digest in manifest["files"].items():
            if _sha256(tmp / "media" / name) != digest:
                raise BackupError(f"the archive's copy of {name} is damaged")
        if manifest["engine"] != _engine():
            raise BackupError(f"the archive holds a {manifest['engine']} database, this city runs {_engine()}")
        if _engine() == "sqlite":
            source = sqlite3.connect(tmp / manifest["database"])
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)
            source.close()
        else:
            for conn in connections.all(initialized_only=True):
                conn.close()
            env, args, name = _pg_env()
            # pg_restore --clean cannot drop a partition's inherited constraints (the events table is partitioned
            # by month): the script it writes runs after the partitioned tables are dropped, in one transaction.
            script = tmp / "restore.sql"
            subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-f", str(script),
                            str(tmp / manifest["database"])], env=env, check=True, capture_output=True)
            subprocess.run(["psql", *args, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", name,
                            "-c", DROP_PARTITIONED, "-f", str(script)], env=env, check=True, capture_output=True)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        media.mkdir(parents=True)
        if (tmp / "media").exists():
            shutil.copytree(tmp / "media", media, dirs_exist_ok=True)
    rows = _row_counts()
    missing = {label: n for label, n in manifest["rows"].items() if rows.get(label) != n}
    if missing:
        raise BackupError(f"row counts differ after restore: {missing}")
    return manifest


def prune(directory, *, keep_daily=14, keep_monthly=12, now=None):
    """Keep the newest archive of each of the last `keep_daily` days and of the last `keep_monthly` months;
    delete the others. Return the deleted paths."""
    archives = sorted(Path(directory).glob("motcua-*.tar.gz"), reverse=True)
    kept_days, kept_months, deleted = set(), set(), []
    for path in archives:
        stamp = path.name[len("motcua-"):len("motcua-") + 8]  # YYYYMMDD
        day, month = stamp, stamp[:6]
        if day not in kept_days and len(kept_days) < keep_daily:
            kept_days.add(day)
            kept_months.add(month)
            continue
        if month not in kept_months and len(kept_months) < keep_monthly:
            kept_months.add(month)
            continue
        path.unlink()
        deleted.append(path)
    return deleted
