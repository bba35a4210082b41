"""Worker process for bench_indicators: a fresh PostgreSQL database from DATABASE_URL, a synthetic Hanoi, timings.

Steps: migrate + seed_city; simulate a year of BASE dossiers (Python, every event); time rebuild_facts on them;
time counter intake through dossiers.services with the facts receiver on and off; copy the synthetic dossiers
and their facts in SQL until there are N dossiers (copies share dates and agencies, so the density per month
is that of N dossiers a year; copies carry no events); then time the public board and a unit dashboard through
the Django test client, cold (cache cleared) and warm.
"""

import io
import json
import os
import statistics
import sys
import time


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def main():
    import django

    django.setup()
    from django.core.management import call_command

    n_total = int(os.environ.get("MOTCUA_BENCH_DOSSIERS", "1000000"))
    base = min(n_total, int(os.environ.get("MOTCUA_BENCH_BASE", "100000")))
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_city", "--no-demo", stdout=io.StringIO())
    log(f"seed_city {time.perf_counter() - t0:.0f} s")
    out = {"n_requested": n_total, "base": base}
    out |= simulate_base(base)
    out |= time_rebuild()
    out |= time_intake()
    out |= replicate(n_total)
    out |= time_pages()
    print(json.dumps(out))


def simulate_base(base):
    from motcua.indicators.simulation import Params, simulate

    # Hanoi's communes: ~8.8 M people; weekdays ~0.76 of days, departments +20%.
    per_10k = base / (881 * 365 * 0.8 * 1.2)
    t0 = time.perf_counter()
    run = simulate(params=Params(days=365, seed=2026, per_10k=per_10k, max_dossiers=base), log=log)
    took = time.perf_counter() - t0
    log(f"simulate {run.dossiers} dossiers in {took:.0f} s")
    return {"simulated": run.dossiers, "simulate_s": took}


def time_rebuild():
    from motcua.dossiers.models import DossierEvent
    from motcua.indicators.facts import rebuild

    events = DossierEvent.objects.count()
    t0 = time.perf_counter()
    n = rebuild()
    took = time.perf_counter() - t0
    log(f"rebuild {n} dossiers ({events} events) in {took:.1f} s")
    return {"rebuild_dossiers": n, "rebuild_events": events, "rebuild_s": took}


def _intake_setup():
    from django.contrib.auth import get_user_model

    from motcua.catalogue.models import Procedure
    from motcua.units.models import Agency, Membership

    agency = Agency.objects.get(code="T01-X00004") if Agency.objects.filter(code="T01-X00004").exists() else \
        Agency.objects.filter(kind="ubnd_xa", procedures__isnull=False).first()
    officer, _ = get_user_model().objects.get_or_create(username="bench-officer")
    Membership.objects.get_or_create(user=officer, agency=agency, role="reception")
    procedure = (Procedure.objects.filter(agencies=agency, current__channels__kind="direct",
                                          current__channels__duration_value__isnull=False)
                 .exclude(current__channels__duration_unit="").first())
    return agency, officer, procedure.current


def _intake_round(n, agency, officer, version):
    from django.utils import timezone

    from motcua.dossiers.services import Applicant, accept_dossier, submit_dossier  # noqa: F401

    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        submit_dossier(version, channel="direct", applicant=Applicant(name=f"Nguyễn Văn Bench {i}", phone="0912345678"), components=[],
                       at=timezone.now(), actor=officer, agency=agency)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def time_intake():
    """Counter intake (submit + accept on the spot: 2 events each) with the facts receiver on and off, interleaved."""
    n = int(os.environ.get("MOTCUA_BENCH_INTAKE", "200"))
    from django.db.models.signals import post_save

    from motcua.dossiers.models import DossierEvent
    from motcua.indicators import facts

    agency, officer, version = _intake_setup()
    _intake_round(10, agency, officer, version)  # warm-up
    on, off = [], []
    for _ in range(5):
        on += _intake_round(n // 5, agency, officer, version)
        post_save.disconnect(facts.on_event_saved, sender=DossierEvent, dispatch_uid="indicators_facts")
        try:
            off += _intake_round(n // 5, agency, officer, version)
        finally:
            post_save.connect(facts.on_event_saved, sender=DossierEvent, dispatch_uid="indicators_facts")
    log(f"intake on {statistics.median(on):.2f} ms, off {statistics.median(off):.2f} ms")
    return {"intake_on_ms": statistics.mean(on), "intake_off_ms": statistics.mean(off),
            "intake_on_p50": statistics.median(on), "intake_off_p50": statistics.median(off), "intake_n": len(on)}


def replicate(n_total):
    """Copy synthetic dossiers and their facts in SQL until there are n_total dossiers; scale DailyFact to match."""
    from django.db import connection

    from motcua.dossiers.models import Dossier
    from motcua.indicators.models import COUNT_FIELDS, DailyFact, DossierFact

    have = Dossier.objects.count()
    k = max(0, round(n_total / max(1, have)) - 1)
    if not k:
        return {"dossiers": have, "copies": 0}
    dcols = [f.column for f in Dossier._meta.concrete_fields if f.column not in ("id", "code", "reference",
                                                                                  "idempotency_key")]
    fcols = [f.column for f in DossierFact._meta.concrete_fields if f.column != "dossier_id"]
    t0 = time.perf_counter()
    with connection.cursor() as c:
        for g in range(1, k + 1):
            c.execute(
                f"INSERT INTO {Dossier._meta.db_table} (code, reference, idempotency_key, {', '.join(dcols)}) "
                f"SELECT CASE WHEN code IS NULL THEN NULL ELSE code || '-' || %s END, 'C' || %s || '-' || id, "
                f"'copy:' || id || ':' || %s, {', '.join(dcols)} FROM {Dossier._meta.db_table} "
                f"WHERE is_synthetic AND idempotency_key IS NULL",
                [g, g, g],
            )
            c.execute(
                f"INSERT INTO {DossierFact._meta.db_table} (dossier_id, {', '.join(fcols)}) "
                f"SELECT d.id, {', '.join('f.' + x for x in fcols)} FROM {Dossier._meta.db_table} d "
                f"JOIN {DossierFact._meta.db_table} f ON f.dossier_id = split_part(d.idempotency_key, ':', 2)::bigint "
                f"WHERE d.idempotency_key LIKE %s",
                [f"copy:%:{g}"],
            )
            log(f"copy {g}/{k} {time.perf_counter() - t0:.0f} s")
        sets = ", ".join(f"{f} = {f} * {k + 1}" for f in COUNT_FIELDS)
        c.execute(f"UPDATE {DailyFact._meta.db_table} SET {sets}")
        c.execute("ANALYZE")
    took = time.perf_counter() - t0
    return {"dossiers": Dossier.objects.count(), "copies": k, "replicate_s": took,
            "daily_rows": DailyFact.objects.count(), "open_facts": DossierFact.objects.filter(is_open=True).count()}


def time_pages():
    rounds = int(os.environ.get("MOTCUA_BENCH_ROUNDS", "30"))
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from bench.timing import measure, percentile
    from motcua.units.models import Agency, Membership

    client = Client()
    head, _ = get_user_model().objects.get_or_create(username="bench-head")
    agency = Agency.objects.get(code="T01-X00004") if Agency.objects.filter(code="T01-X00004").exists() else \
        Agency.objects.filter(kind="ubnd_xa").first()
    Membership.objects.get_or_create(user=head, agency=agency, role="head")

    def get(url):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)

    def cold_board():
        cache.clear()
        get("/bang-chi-so/")

    get("/bang-chi-so/")
    board_cold = measure(cold_board, rounds)
    board_warm = measure(lambda: get("/bang-chi-so/"), rounds)
    baseline = measure(lambda: get("/thu-tuc/"), rounds)
    client.force_login(head)
    unit_url = f"/can-bo/chi-so/don-vi/{agency.id}/"

    def cold_unit():
        cache.clear()
        get(unit_url)

    unit_cold = measure(cold_unit, rounds)
    get(unit_url)
    unit = measure(lambda: get(unit_url), rounds)
    return {
        "board_cold_p50": percentile(board_cold, 50), "board_cold_p95": percentile(board_cold, 95),
        "board_warm_p50": percentile(board_warm, 50), "board_warm_p95": percentile(board_warm, 95),
        "unit_cold_p50": percentile(unit_cold, 50), "unit_cold_p95": percentile(unit_cold, 95),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "unit_p50": percentile(unit, 50), "unit_p95": percentile(unit, 95),
        "baseline_p50": percentile(baseline, 50), "baseline_p95": percentile(baseline, 95), "rounds": rounds,
    }


if __name__ == "__main__":
    main()
