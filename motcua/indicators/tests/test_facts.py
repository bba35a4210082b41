import random
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.dossiers.workflow import ALLOWED_TRANSITIONS, FINISHED_STATUSES
from motcua.indicators import facts
from motcua.indicators.models import DAY_FIELDS, AgencyDayFact, AgencyOpenFact, DailyFact, DossierFact

from .factories import Story, at, make_agency, make_procedure

pytestmark = pytest.mark.django_db


def snapshot_tables():
    daily = sorted(
        (r.agency_id, r.day, r.procedure_id, tuple(getattr(r, f) for f in DAY_FIELDS))
        for r in DailyFact.objects.all()
    )
    daily = [r for r in daily if any(r[3])]  # rows whose counters went back to zero carry nothing
    dossier = sorted(tuple(getattr(r, f) for f in ["dossier_id", *facts.STATE_FIELDS]) for r in DossierFact.objects.all())
    agency_day = sorted((r.agency_id, r.day, tuple(getattr(r, f) for f in DAY_FIELDS))
                        for r in AgencyDayFact.objects.all())
    agency_day = [r for r in agency_day if any(r[2])]
    # AgencyDayFact is DailyFact summed over procedures, on either path.
    summed = defaultdict(lambda: [0] * len(DAY_FIELDS))
    for agency_id, day, _, counts in daily:
        summed[(agency_id, day)] = [a + b for a, b in zip(summed[(agency_id, day)], counts, strict=True)]
    assert agency_day == sorted((a, d, tuple(c)) for (a, d), c in summed.items() if any(c))
    # AgencyOpenFact counts each agency's open facts.
    opened = Counter(DossierFact.objects.filter(is_open=True).values_list("agency_id", flat=True))
    assert {r.agency_id: r.open for r in AgencyOpenFact.objects.all() if r.open} == dict(opened)
    return daily, dossier, agency_day


def test_events_keep_facts_current_incrementally():
    agency, procedure = make_agency(), make_procedure()
    s = Story(agency, procedure, fee_total=50000, fee_waived=50000)
    s.move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 6, 17))
    fact = DossierFact.objects.get()
    assert fact.is_open and fact.on_time is None
    row = DailyFact.objects.get()
    # Fee waived in full (online, NQ 77/2025): nothing left to pay, so not in 3.6's denominator; the waiver counts.
    assert (row.received, row.online, row.fee_bearing, row.waived_amount, row.finished) == (1, 1, 0, 50000, 0)
    s.supplement(at(3, 3, 9), at(3, 6, 9)).finish(at(3, 9, 10), has_result_file=True, digitised=2)
    fact = DossierFact.objects.get()
    # 3 days late by the calendar, but the citizen held it for 3 days: on time
    assert not fact.is_open and fact.on_time is True and fact.supplement_seconds == 3 * 86400
    finished = DailyFact.objects.get(day=at(3, 9).date())
    assert (finished.finished, finished.on_time, finished.with_result, finished.digitised_full) == (1, 1, 1, 1)
    assert DailyFact.objects.get(day=at(3, 2).date()).digitised == 1  # flag moved onto the intake day


def test_a_second_supplement_makes_the_dossier_overdue():
    agency, procedure = make_agency(), make_procedure()
    s = Story(agency, procedure).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 20, 17))
    s.supplement(at(3, 3), at(3, 4)).supplement(at(3, 5), at(3, 6)).finish(at(3, 9))
    row = DailyFact.objects.get(day=at(3, 9).date())
    assert (row.on_time, row.late, row.multi_supplement) == (0, 1, 1)


def test_recording_writes_no_facts_and_a_read_folds_what_is_pending_first():
    from datetime import date

    from motcua.dossiers.models import DossierEvent
    from motcua.indicators.services import Period, unit_figures

    agency = make_agency()
    Story(agency, make_procedure(), fold=False).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 6, 17))
    assert not DossierFact.objects.exists() and DossierEvent.objects.filter(folded=False).count() == 2
    fig = unit_figures(Period.of("month", date(2026, 3, 1)), now=at(3, 10))[agency.id]
    assert (fig.counts["received"], fig.open, fig.open_overdue) == (1, 1, 1)
    assert not DossierEvent.objects.filter(folded=False).exists() and facts.catch_up() == 0


def test_a_dossier_has_facts_from_its_acceptance_on():
    agency, procedure = make_agency(), make_procedure()
    refused = Story(agency, procedure).move("submitted", at(3, 2, 8))
    refused.move("not_accepted", at(3, 2, 9), finished_at=at(3, 2, 9))
    s = Story(agency, procedure).move("submitted", at(3, 2, 8))
    s.move("supplement_requested", at(3, 2, 10), supplement_count=1).move("submitted", at(3, 3, 9))
    # Not accepted: in no indicator, so in no fact (the drill-down of finished dossiers agrees with the counts).
    assert not DossierFact.objects.exists() and not DailyFact.objects.exists()
    s.accept(at(3, 3, 10), due=at(3, 9, 17))  # folded alone: the events before it are folded again
    assert DossierFact.objects.get().supplement_count == 1
    incremental = snapshot_tables()
    assert facts.rebuild() == 1
    assert snapshot_tables() == incremental


def test_rebuild_gives_the_same_rows_as_the_incremental_path():
    agency, procedure = make_agency(), make_procedure()
    s = Story(agency, procedure).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 6, 17))
    s.finish(at(3, 10))
    before = snapshot_tables()
    assert facts.rebuild() == 1
    assert snapshot_tables() == before


def _random_story(rng, agency, procedures, day0, fold=True):
    channel = rng.choice(["online", "direct", "postal"])
    s = Story(agency, rng.choice(procedures), channel=channel, fee_total=rng.choice([0, 0, 30000]),
              fee_waived=rng.choice([0, 30000]), fold=fold)
    now = at(3, 1 + day0, 8)
    s.move("submitted", now)
    status = "submitted"
    for _ in range(rng.randint(0, 7)):
        targets = sorted(ALLOWED_TRANSITIONS[status])
        if not targets:
            break
        target = rng.choice(targets)
        now = now + rng.choice([1, 5, 26, 70]) * (now - now.replace(hour=7))  # hours-ish steps, strictly later
        snap = {"digitised": rng.randint(0, 2), "reused": rng.randint(0, 1), "paid_online": rng.random() < 0.5}
        if target == "accepted":
            snap |= {"accepted_at": now, "due_at": now.replace(day=min(28, now.day + 5)),
                     "original_due_at": now.replace(day=min(28, now.day + 5))}
        if target == "supplement_requested":
            snap["supplement_count"] = s.snap["supplement_count"] + 1
        if target in FINISHED_STATUSES and not s.snap.get("finished_at"):
            snap |= {"finished_at": now, "has_result_file": rng.random() < 0.7}
        s.move(target, now, **snap)
        status = target


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 12))
def test_property_incremental_equals_rebuild_for_random_event_streams(seed, n):
    # Examples accumulate in one test transaction; rebuild() recomputes them all, which is what we compare.
    agency = make_agency()
    procedures = [make_procedure(), make_procedure("2.000635", "Cấp bản sao trích lục hộ tịch")]
    rng = random.Random(seed)
    for _ in range(n):  # folded at random points, in batches of random sizes: many events of a dossier per batch
        _random_story(rng, agency, procedures, day0=rng.randint(0, 3), fold=False)
        if rng.random() < 0.5:
            facts.catch_up(batch=rng.choice([1, 2, 7, 500]))
    facts.catch_up(batch=rng.choice([1, 2, 7, 500]))
    incremental = snapshot_tables()
    facts.rebuild()
    assert snapshot_tables() == incremental


@pytest.mark.django_db(transaction=True)
def test_rebuild_in_several_processes_gives_the_same_rows():
    # Committed data (transaction=True): on PostgreSQL the worker processes read it through their own connections.
    agency = make_agency()
    procedures = [make_procedure(), make_procedure("2.000635", "Cấp bản sao trích lục hộ tịch")]
    rng = random.Random(7)
    for _ in range(12):
        _random_story(rng, agency, procedures, day0=rng.randint(0, 3))
    incremental = snapshot_tables()
    assert facts.rebuild(batch=3, workers=2) == DossierFact.objects.count() > 0
    assert snapshot_tables() == incremental
