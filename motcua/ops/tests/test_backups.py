"""A backup holds the database and the uploaded files together: back up, wipe, restore, find everything."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from motcua.dossiers.models import Dossier, DossierEvent, DossierFile
from motcua.dossiers.tests.base import accepted_dossier, make_version, submit_online
from motcua.ops.backups import BackupError, backup, prune, restore
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot():
    files = {f.file.name: default_storage.open(f.file.name).read() for f in DossierFile.objects.all()}
    dossiers = sorted(Dossier.objects.values_list("reference", "code", "status", "applicant_name"))
    events = sorted(DossierEvent.objects.values_list("dossier__reference", "seq", "kind"))
    return dossiers, events, files


def test_backup_wipe_restore_finds_every_dossier_file_and_event(tmp_path):
    world = build_world()
    version = make_version(world.centre)
    accepted_dossier(version, world)
    submit_online(version, world)
    before = _snapshot()
    assert before[2] and len(before[0]) == 2 and len(before[1]) >= 3

    archive = backup(tmp_path / "backups")
    call_command("flush", "--noinput")  # wipe the database ...
    for name in before[2]:
        default_storage.delete(name)  # ... and the uploaded files
    assert not Dossier.objects.exists()

    manifest = restore(archive)
    assert _snapshot() == before
    assert manifest["rows"]["dossiers.Dossier"] == 2 and len(manifest["files"]) == len(before[2])


def test_a_damaged_archive_is_refused(tmp_path):
    import tarfile

    world = build_world()
    submit_online(make_version(world.centre), world)
    archive = backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("media/"):
                data = b"not the file"
                member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(BackupError, match="damaged"):
        restore(damaged)
    assert Dossier.objects.count() == 1  # nothing replaced


def test_prune_keeps_fourteen_days_and_twelve_months(tmp_path):
    from datetime import date, timedelta

    for n in range(120):
        day = date(2026, 12, 6) - timedelta(days=n)
        (tmp_path / f"motcua-{day:%Y%m%d}-020000.tar.gz").write_bytes(b"")
    prune(tmp_path)
    left = sorted(p.name[7:15] for p in tmp_path.glob("motcua-*"))
    assert len([d for d in left if d >= "20261123"]) == 14 and len(left) == 14 + 3  # + Sep, Oct, Nov... months
