"""Every dossier event writes its sync record in the event's transaction; the sender delivers them in order,
loses nothing through an outage and duplicates nothing when it resends."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from motcua.connections.tests.sandbox import records, set_mode, stats
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidDossier
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.base import T0, accepted_dossier, applicant, make_version, required_components, whole_life
from motcua.sync import dossier_record, sender
from motcua.sync.models import OutboxRecord, Target

PORTAL = Target.NATIONAL_PORTAL


def test_whole_life_gives_valid_records_in_order(version, world, portal, portal_url):
    dossier = whole_life(version, world)
    events = list(dossier.events.order_by("seq"))
    rows = list(OutboxRecord.objects.filter(stream=f"hoso:{dossier.reference}").order_by("seq"))
    assert [r.seq for r in rows] == [e.seq for e in events]
    for row in rows:
        assert sender.problems(PORTAL, sender.envelope(vars(row))) == [], row.key
    statuses = [r.payload["TrangThaiHoSo"] for r in rows]
    assert statuses == [1, 2, 4, 5, 4, 4, 4, 4, 9, 10]
    last = rows[-1].payload
    assert last["MaHoSo"] == dossier.code and last["KenhThucHien"] == 2 and last["NgayTra"]
    assert sorted(f["Gia"] for f in last["DanhSachLePhi"]) == [0, 50_000]  # the 0-đồng line is kept
    assert last["DanhSachHoSoBoSung"][0]["NgayHenTraTruoc"]
    assert len(last["QuaTrinhXuLy"]) == len(events) and last["QuaTrinhXuLy"][-1]["TrangThai"] == 10
    assert [t["DuocSoHoa"] for t in last["TaiLieuNop"]] == [1, 1]

    result = sender.drain(PORTAL, portal)
    assert result.sent >= len(rows) and result.failed == 0
    received = records(portal_url, f"hoso:{dossier.reference}")
    assert [r["seq"] for r in received] == [r.seq for r in rows]
    assert [r["TrangThaiHoSo"] for r in received] == statuses
    assert not OutboxRecord.objects.filter(sent_at__isnull=True).exists()


def test_record_is_written_in_the_event_transaction(version, world):
    with pytest.raises(RuntimeError), transaction.atomic():
        accepted_dossier(version, world)
        assert OutboxRecord.objects.count() == 2
        raise RuntimeError("the action fails after recording its events")
    assert OutboxRecord.objects.count() == 0


def test_outage_loses_nothing_and_duplicates_nothing(version, world, portal, portal_url):
    dossiers = [whole_life(version, world) for _ in range(3)]
    n = OutboxRecord.objects.count()
    before = stats(portal_url)

    set_mode(portal_url, down=True)
    r = sender.drain(PORTAL, portal)
    assert r.unreachable and r.sent == 0
    assert OutboxRecord.objects.filter(sent_at__isnull=True, attempts=1).count() == n

    # The receiver stores the next batch but its answer is lost: the sender must resend it.
    set_mode(portal_url, down=False, drop_rate=1.0)
    assert sender.send_round(PORTAL, portal, batch=12).unreachable
    set_mode(portal_url, drop_rate=0.0)

    r = sender.drain(PORTAL, portal, batch=7)
    after = stats(portal_url)
    assert r.sent == n and r.duplicates == 12
    assert after["records"] - before["records"] == n  # each record stored once
    # 12 resent by the adapter's own retry inside the lost round, 12 again by the drain.
    assert after["duplicate"] - before["duplicate"] == 24
    for d in dossiers:
        got = [x["seq"] for x in records(portal_url, f"hoso:{d.reference}")]
        assert got == list(range(1, d.events.count() + 1))


def test_killed_sender_resumes(version, world, portal, portal_url):
    """A sender that dies after the receiver stored a batch but before marking it sent: the next one resends
    that batch (acknowledged as duplicates) and carries on."""
    dossier = whole_life(version, world)
    n = OutboxRecord.objects.count()

    class Killed(BaseException):
        pass

    class DiesAfterSending:
        system = portal.system

        def send(self, items):
            portal.send(items)
            raise Killed

    with pytest.raises(Killed):
        sender.send_round(PORTAL, DiesAfterSending(), batch=4)
    assert OutboxRecord.objects.filter(sent_at__isnull=True).count() == n
    r = sender.drain(PORTAL, portal, batch=4)
    assert r.sent == n and r.duplicates == 4
    assert len(records(portal_url, f"hoso:{dossier.reference}")) == n


def test_invalid_record_is_held_and_blocks_only_its_stream(version, world, portal, portal_url):
    first, second = accepted_dossier(version, world), accepted_dossier(version, world)
    bad = OutboxRecord.objects.get(stream=f"hoso:{first.reference}", seq=1)
    bad.payload = {**bad.payload, "KenhThucHien": 7}
    bad.save()
    r = sender.drain(PORTAL, portal)
    assert r.failed == 1 and r.sent == 2
    bad.refresh_from_db()
    assert bad.sent_at is None and "KenhThucHien" in bad.last_error and bad.next_attempt_at
    assert OutboxRecord.objects.get(stream=f"hoso:{first.reference}", seq=2).sent_at is None
    assert len(records(portal_url, f"hoso:{second.reference}")) == 2


def test_766_indicators_1_4_and_3_3_use_the_sync_records(version, world, portal):
    from motcua.indicators import sources
    from motcua.indicators.services import Figures, index_counts, periods

    for _ in range(2):
        accepted_dossier(version, world)
    period = periods.Period.of("month", T0.date())
    assert sources.per_agency("dossier_sync", period)[world.centre.id] == (0, 2, 0)
    sender.drain(PORTAL, portal)
    synced = sources.per_agency("dossier_sync", period)[world.centre.id]
    assert synced == (2, 2, 2)
    fig = Figures()
    fig.counts.update(online=2, received=4)
    counts = index_counts(fig, sync=(1, 2, 1))
    assert counts["1.4"] == (1, 2) and counts["3.3"] == (1, 4)  # online share × sync rate


def test_backfill_writes_the_records_the_hook_writes_and_drops_those_of_a_replaced_synthetic_city(version, world):
    """`sync_backfill` (run by `make data` after the bulk simulation) gives each event the record the hook gave it
    — built from the dossier as it stands now, which for a finished dossier is its state after its last event."""
    d = whole_life(version, world)
    by_hook = {r.key: r.payload for r in OutboxRecord.objects.filter(target=PORTAL)}
    last = max(by_hook, key=lambda key: int(key.rsplit(":", 1)[1]))
    OutboxRecord.objects.all().delete()
    OutboxRecord.objects.create(target=PORTAL, key="hoso:GONE:1", stream="hoso:GONE", seq=1, payload={},
                                agency_id=d.agency_id, received_on=T0.date(), synthetic=True, created_at=T0)
    call_command("sync_backfill", batch=2, stdout=io.StringIO())
    backfilled = {r.key: r.payload for r in OutboxRecord.objects.filter(target=PORTAL)}
    assert set(backfilled) == set(by_hook) and "hoso:GONE:1" not in backfilled
    assert backfilled[last] == by_hook[last]
    for key, payload in backfilled.items():  # each record's history stops at its own event
        assert [s["NoiDungXuLy"] for s in payload["QuaTrinhXuLy"]] == \
            [s["NoiDungXuLy"] for s in by_hook[key]["QuaTrinhXuLy"]]


def test_a_counter_intake_builds_its_records_from_what_it_wrote(world):
    """A counter intake records two events in one transaction; their records are built from the rows the intake
    wrote (dossiers.written: nothing read back) and equal the records built from the database afterwards."""
    version = make_version(world.centre, code="1.000001", fees=[(50_000, "mof", False), (0, "hdnd", True)])
    with CaptureQueriesContext(connection) as captured:
        dossier = services.submit_dossier(version, channel="direct", applicant=applicant(), at=T0, actor=world.lan,
                                          agency=world.centre, components=required_components(version))
    read_back = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")
                 and any(t in q["sql"] for t in ("dossiers_dossierfee", "dossiers_supplementrequest",
                                                 "dossiers_dossierevent"))]
    assert read_back == []
    payloads = [r.payload for r in OutboxRecord.objects.filter(stream=f"hoso:{dossier.reference}").order_by("seq")]
    submitted, accepted = Dossier.objects.get(pk=dossier.pk).events.order_by("seq")
    assert payloads[1] == dossier_record.build(accepted)
    assert payloads[1]["QuaTrinhXuLy"][1]["ChucDanh"] == "Chuyên viên một cửa"
    assert sorted(f["Gia"] for f in payloads[1]["DanhSachLePhi"]) == [0, 50_000]
    assert payloads[0]["QuaTrinhXuLy"] == dossier_record.build(submitted)["QuaTrinhXuLy"]
    assert payloads[0]["TrangThaiHoSo"] == 1 and payloads[0]["DanhSachLePhi"] == []


def test_a_counter_intake_writes_both_records_in_one_statement_of_its_transaction(world):
    """The submission's record waits for the acceptance's (event.followed) and both are written together; when the
    acceptance fails, neither the events nor the records stay."""
    version = make_version(world.centre, code="1.000001")
    with CaptureQueriesContext(connection) as captured:
        dossier = services.submit_dossier(version, channel="direct", applicant=applicant(), at=T0, actor=world.lan,
                                          agency=world.centre, components=required_components(version))
    assert len([q for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "sync_outboxrecord"')]) == 1
    rows = OutboxRecord.objects.filter(stream=f"hoso:{dossier.reference}").order_by("seq")
    assert [(r.seq, r.payload["TrangThaiHoSo"]) for r in rows] == [(1, 1), (2, 2)]

    before = (Dossier.objects.count(), OutboxRecord.objects.count())
    with pytest.raises(InvalidDossier):  # the catalogue states a limit: the officer may not give one
        services.submit_dossier(version, channel="direct", applicant=applicant(), at=T0, actor=world.lan,
                                agency=world.centre, components=required_components(version), time_limit_days=3)
    assert (Dossier.objects.count(), OutboxRecord.objects.count()) == before
