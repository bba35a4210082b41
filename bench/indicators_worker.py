"""Worker process for bench_indicators: a fresh PostgreSQL database from DATABASE_URL, a synthetic Hanoi, timings.

Steps: migrate + seed_city; simulate a year of BASE dossiers (Python, every event); time rebuild_facts on them
(one process, then two); time counter intake through dossiers.services and the API with its events folded into
facts or not; copy the synthetic dossiers and their facts in SQL until there are N dossiers (copies share dates
and agencies, so the density per month is that of N dossiers a year; copies carry no events); then time the
public board (this month and last month) and a unit dashboard through the Django test client, cold (cache
cleared before every request) and warm, beside the catalogue page as baseline.
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
    out = {"n_requested": n_total, "base": base, "seed_s": time.perf_counter() - t0}
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
    """rebuild_facts on the simulated base, in one process and in two (this machine has 2 cores)."""
    from motcua.dossiers.models import DossierEvent
    from motcua.indicators.facts import rebuild

    out = {"rebuild_events": DossierEvent.objects.count()}
    for workers in (1, 2):
        t0 = time.perf_counter()
        n = rebuild(workers=workers)
        took = time.perf_counter() - t0
        log(f"rebuild {n} dossiers, {workers} process(es), in {took:.1f} s")
        out |= {"rebuild_dossiers": n, f"rebuild_s_{workers}": took}
    return out


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


def _intake_round(n, agency, officer, version, client=None):
    """n counter intakes through the services, or through POST /api/dossiers/ with `client` (signed in)."""
    from django.utils import timezone

    from motcua.dossiers.services import Applicant, submit_dossier

    body = {"procedure": version.procedure.code, "channel": "direct", "agency": agency.code, "delivery": "counter",
            "applicant": {"name": "Nguyễn Văn Bench", "phone": "0912345678"}}
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        if client is None:
            submit_dossier(version, channel="direct", applicant=Applicant(name=f"Nguyễn Văn Bench {i}",
                                                                          phone="0912345678"),
                           components=[], at=timezone.now(), actor=officer, agency=agency)
        else:
            assert client.post("/api/dossiers/", body, content_type="application/json").status_code == 201
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def time_intake():
    """Counter intake (submit + accept on the spot: 2 events each) with facts kept current and without, in
    interleaved rounds; through the services, and through the API as a client meets it (request, session,
    validation included). With facts: each round's intakes, then the folding of their events (facts.catch_up),
    timed together. Without: the same intakes, their events then marked folded untimed."""
    n = int(os.environ.get("MOTCUA_BENCH_INTAKE", "200"))
    from django.test import Client

    from motcua.dossiers.models import DossierEvent
    from motcua.indicators import facts

    agency, officer, version = _intake_setup()
    client = Client()
    client.force_login(officer)
    out = {"intake_n": n}
    for label, via in (("intake", None), ("intake_api", client)):
        _intake_round(10, agency, officer, version, via)  # warm-up
        facts.catch_up()
        on, off, fold_ms = [], [], 0.0
        for _ in range(5):
            on += _intake_round(n // 5, agency, officer, version, via)
            t0 = time.perf_counter()
            facts.catch_up()
            fold_ms += (time.perf_counter() - t0) * 1000
            off += _intake_round(n // 5, agency, officer, version, via)
            DossierEvent.objects.filter(folded=False).update(folded=True)
        fold = fold_ms / len(on)
        out |= {f"{label}_on_ms": statistics.mean(on) + fold, f"{label}_off_ms": statistics.mean(off),
                f"{label}_fold_ms": fold}
        log(f"{label} on {out[f'{label}_on_ms']:.2f} ms (folding {fold:.2f}), off {out[f'{label}_off_ms']:.2f} ms")
    return out


def replicate(n_total):
    """Copy the synthetic dossiers and their facts in SQL until there are n_total dossiers; scale the day and open
    counts.

    One INSERT … SELECT per table over generate_series: copy g of dossier i gets id i + g·stride (stride = max
    id + 1), so its fact row needs no lookup. For this bench database only: secondary indexes are dropped and
    rebuilt around the load, FK triggers are off (copied values come from valid rows) and commits are async.
    """
    from django.db import connection

    from motcua.dossiers.models import Dossier
    from motcua.indicators.models import DAY_FIELDS, AgencyDayFact, AgencyOpenFact, DailyFact, DossierFact

    have = Dossier.objects.count()
    k = max(0, round(n_total / max(1, have)) - 1)
    if not k:
        return {"dossiers": have, "copies": 0}
    d, f = Dossier._meta.db_table, DossierFact._meta.db_table
    dcols = [x.column for x in Dossier._meta.concrete_fields if x.column not in ("id", "code", "reference",
                                                                                  "idempotency_key")]
    fcols = [x.column for x in DossierFact._meta.concrete_fields if x.column != "dossier_id"]
    t0 = time.perf_counter()
    with connection.cursor() as c:
        c.execute(f"SELECT max(id) + 1 FROM {d}")
        stride = c.fetchone()[0]
        c.execute("SET synchronous_commit = off; SET session_replication_role = replica; "
                  "SET maintenance_work_mem = '512MB'")
        indexes = _drop_secondary_indexes(c, [d, f])
        c.execute(
            f"INSERT INTO {d} (id, code, reference, {', '.join(dcols)}) "
            f"SELECT id + g * %s, code || '-' || g, 'C' || g || '-' || id, {', '.join(dcols)} "
            f"FROM {d} CROSS JOIN generate_series(1, %s) g WHERE is_synthetic",
            [stride, k],
        )
        log(f"copied dossiers {time.perf_counter() - t0:.0f} s")
        c.execute(
            f"INSERT INTO {f} (dossier_id, {', '.join(fcols)}) "
            f"SELECT f.dossier_id + g * %s, {', '.join('f.' + x for x in fcols)} FROM {f} f "
            f"JOIN {d} d ON d.id = f.dossier_id AND d.is_synthetic AND d.id < %s CROSS JOIN generate_series(1, %s) g",
            [stride, stride, k],
        )
        log(f"copied facts {time.perf_counter() - t0:.0f} s")
        for sql in indexes:
            c.execute(sql)
        log(f"rebuilt {len(indexes)} indexes {time.perf_counter() - t0:.0f} s")
        c.execute(f"SELECT setval(pg_get_serial_sequence('{d}', 'id'), (SELECT max(id) FROM {d}))")
        for table, fields in ((DailyFact._meta.db_table, DAY_FIELDS), (AgencyDayFact._meta.db_table, DAY_FIELDS),
                              (AgencyOpenFact._meta.db_table, ["open"])):
            c.execute(f"UPDATE {table} SET {', '.join(f'{x} = {x} * {k + 1}' for x in fields)}")
        c.execute("RESET session_replication_role; RESET synchronous_commit")
        c.execute("VACUUM ANALYZE")
    took = time.perf_counter() - t0
    return {"dossiers": Dossier.objects.count(), "copies": k, "replicate_s": took,
            "daily_rows": DailyFact.objects.count(), "agency_day_rows": AgencyDayFact.objects.count(),
            "open_facts": DossierFact.objects.filter(is_open=True).count()}


def _drop_secondary_indexes(cursor, tables):
    """Drop the indexes of `tables` that back no constraint; return the statements that recreate them."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)",
        [tables],
    )
    rows = cursor.fetchall()
    for name, _ in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def time_pages():
    """p50/p95 of each page, cold (every cache cleared before every request) and warm, and the baseline page.

    The board also runs "fresh": its own cache entries (page data, rendered table) deleted before every request,
    the catalogue counts left cached as they are in steady state (they change with the catalogue, not with
    dossiers, and are kept 10 minutes): every dossier figure is recomputed from the facts.
    """
    rounds = int(os.environ.get("MOTCUA_BENCH_ROUNDS", "30"))
    from urllib.parse import parse_qs, urlparse

    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.cache.utils import make_template_fragment_key
    from django.test import Client
    from django.utils import timezone

    from bench.timing import measure, percentile
    from motcua.indicators.services import Period
    from motcua.units.models import Agency, Membership

    client = Client()
    head, _ = get_user_model().objects.get_or_create(username="bench-head")
    agency = Agency.objects.get(code="T01-X00004") if Agency.objects.filter(code="T01-X00004").exists() else \
        Agency.objects.filter(kind="ubnd_xa").first()
    Membership.objects.get_or_create(user=head, agency=agency, role="head")
    client.force_login(head)
    last_month = Period.of("month", timezone.localdate()).previous()[0].slug
    pages = {"board": "/bang-chi-so/", "board_closed": f"/bang-chi-so/?ky={last_month}",
             "unit": f"/can-bo/chi-so/don-vi/{agency.id}/", "baseline": "/thu-tuc/"}

    def get(url, mode="warm"):
        if mode == "cold":
            cache.clear()
        elif mode == "fresh":
            slug = parse_qs(urlparse(url).query).get("ky", [Period.of("month", timezone.localdate()).slug])[0]
            cache.delete_many([f"indicators:board:{slug}:", make_template_fragment_key(
                "indicators_board_body", [slug, "", "diem"])])
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)

    out = {"rounds": rounds}
    for name, url in pages.items():
        get(url)
        for mode in ("cold", "fresh", "warm"):
            if (name == "baseline" and mode != "warm") or (mode == "fresh" and not name.startswith("board")):
                continue
            samples = measure(lambda url=url, mode=mode: get(url, mode), rounds)
            out |= {f"{name}_{mode}_p50": percentile(samples, 50), f"{name}_{mode}_p95": percentile(samples, 95)}
            log(f"{name} {mode}: p95 {out[f'{name}_{mode}_p95']:.0f} ms")
    out["load"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return out


if __name__ == "__main__":
    main()
