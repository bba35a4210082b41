"""Personal data encrypted at rest (motcua.lib.crypto_fields): what the columns hold, search, rotation, wrong keys."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from motcua.dossiers.models import Dossier
from motcua.dossiers.services.queries import inbox, sole_citizen_filing_as
from motcua.feedback.models import Feedback
from motcua.identity.models import CitizenIdentity
from motcua.lib import crypto_fields
from motcua.lib.crypto_fields import DataKeyError
from motcua.office.models import Appointment, HomeVisit, Ticket
from motcua.sync.models import OutboxRecord

from .base import submit_online

OLD = "old-key-for-tests-" + "a" * 32
NEW = "new-key-for-tests-" + "b" * 32
SECRETS = ("001190012345", "0912345678", "chi@example.vn")


def raw(model, pk, *columns):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)} "
                       f"WHERE id = %s", [pk])
        return cursor.fetchone()


def test_the_columns_hold_no_plaintext_and_the_model_reads_it_back(world, version):
    dossier = submit_online(version, world)
    stored = raw(Dossier, dossier.pk, "applicant_id_number", "applicant_phone", "applicant_email",
                 "applicant_id_number_hash", "applicant_phone_hash")
    for value in stored:
        assert not any(s in value or s.replace("0", "", 1) in value for s in SECRETS)
    assert all(v.startswith(crypto_fields.PREFIX) for v in stored[:3])
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert (fresh.applicant_id_number, fresh.applicant_phone, fresh.applicant_email) == SECRETS
    # The record bound for the national portal carries the ID number: encrypted too, and read back as JSON.
    record = OutboxRecord.objects.filter(payload__isnull=False).last()
    assert record is not None and "001190012345" in str(record.payload)
    assert "001190012345" not in raw(OutboxRecord, record.pk, "payload")[0]
    # The same value written twice gives two different ciphertexts (a fresh nonce each time).
    fresh.save()
    assert raw(Dossier, dossier.pk, "applicant_phone") != stored[1:2]


def test_search_finds_by_the_whole_phone_or_id_number_only(world, version):
    dossier = submit_online(version, world)
    for q in ("0912345678", "0912 345 678", "+84 912 345 678", "001190012345"):
        assert [d.pk for d in inbox(world.lan, now=dossier.submitted_at, q=q, personal=True)] == [dossier.pk], q
    assert inbox(world.lan, now=dossier.submitted_at, q="2345678", personal=True) == []
    assert inbox(world.lan, now=dossier.submitted_at, q="0912345678") == []  # not asked for personal numbers
    assert sole_citizen_filing_as("001190012345") == world.chi


def test_an_encrypted_column_refuses_a_search_that_could_never_match(world, version):
    submit_online(version, world)
    with pytest.raises(ValueError):
        list(Dossier.objects.filter(applicant_phone="0912345678"))
    assert Dossier.objects.filter(applicant_email="").count() == 0


@override_settings(MOTCUA_DATA_KEYS=[OLD])
def test_rotation_re_encrypts_every_row_resumably_and_the_old_key_is_then_not_needed(world, version):
    dossier = submit_online(version, world)
    feedback = Feedback.objects.create(code="PA-T-1", category="thu_tuc", title="t", content="c", channel="web",
                                       phone="0987000111", email="a@example.vn", received_at=dossier.submitted_at,
                                       clock_started_at=dossier.submitted_at)
    old_id = crypto_fields.key_id_of(raw(Dossier, dossier.pk, "applicant_phone")[0])
    with override_settings(MOTCUA_DATA_KEYS=[NEW, OLD]):
        # Before rotation: rows under the old key are read and found.
        assert inbox(world.lan, now=dossier.submitted_at, q="0912345678", personal=True)
        resealed = list(crypto_fields.reseal(Dossier, batch=1))
        assert sum(n for _, n in resealed) == 1
        assert sum(n for _, n in crypto_fields.reseal(Dossier)) == 0  # a second run has nothing left to do
        call_command("rotate_data_key", stdout=open("/dev/null", "w"))
        new_id = crypto_fields.newest_key_id()
    assert new_id != old_id
    with override_settings(MOTCUA_DATA_KEYS=[NEW]):
        assert {crypto_fields.key_id_of(v) for v in raw(Dossier, dossier.pk, "applicant_id_number",
                                                         "applicant_phone", "applicant_email")} == {new_id}
        fresh = Dossier.objects.get(pk=dossier.pk)
        assert (fresh.applicant_id_number, fresh.applicant_phone, fresh.applicant_email) == SECRETS
        assert Feedback.objects.get(pk=feedback.pk).phone == "0987000111"
        assert [d.pk for d in inbox(world.lan, now=dossier.submitted_at, q="0912345678", personal=True)] == [
            dossier.pk]


def test_a_wrong_or_missing_key_fails_clearly(world, version):
    with override_settings(MOTCUA_DATA_KEYS=[OLD]):
        dossier = submit_online(version, world)
    with override_settings(MOTCUA_DATA_KEYS=[NEW]), pytest.raises(DataKeyError, match="không có trong MOTCUA_DATA_KEYS"):
        Dossier.objects.get(pk=dossier.pk)
    stored = raw(Dossier, dossier.pk, "applicant_phone")[0]
    key_id = crypto_fields.key_id_of(stored)
    forged = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
    with override_settings(MOTCUA_DATA_KEYS=[OLD]), pytest.raises(DataKeyError, match=f"khóa {key_id}"):
        crypto_fields.decrypt(forged)
    with override_settings(MOTCUA_DATA_KEYS=["short"]), pytest.raises(Exception, match="ít nhất 32"):
        crypto_fields.encrypt("x")


def test_legacy_plaintext_rows_are_encrypted_by_the_rotation(world, version):
    dossier = submit_online(version, world)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Dossier._meta.db_table} SET applicant_phone = %s, applicant_phone_hash = '' "
                       "WHERE id = %s", ["0911000222", dossier.pk])
    assert Dossier.objects.get(pk=dossier.pk).applicant_phone == "0911000222"
    call_command("rotate_data_key", stdout=open("/dev/null", "w"))
    assert raw(Dossier, dossier.pk, "applicant_phone")[0].startswith(crypto_fields.PREFIX)
    assert inbox(world.lan, now=dossier.submitted_at, q="0911000222", personal=True)


def test_every_personal_column_of_the_project_is_encrypted():
    expected = {("dossiers.Dossier", "applicant_id_number"), ("dossiers.Dossier", "applicant_phone"),
                ("dossiers.Dossier", "applicant_email"), ("feedback.Feedback", "phone"),
                ("feedback.Feedback", "email"), ("office.Ticket", "phone"), ("office.Appointment", "phone"),
                ("office.Appointment", "email"), ("office.HomeVisit", "requester_phone"),
                ("office.HomeVisit", "person_phone"), ("identity.CitizenIdentity", "pid"),
                ("identity.StoredPaper", "owner_pid"), ("health_pilot.HealthRecordUse", "subject_id_number"),
                ("sync.OutboxRecord", "payload")}
    found = {(m._meta.label, f.name) for m in crypto_fields.models_with_encrypted_fields()
             for f in crypto_fields.encrypted_fields(m)}
    assert found == expected
    assert {Ticket, Appointment, HomeVisit, CitizenIdentity} <= set(crypto_fields.models_with_encrypted_fields())
