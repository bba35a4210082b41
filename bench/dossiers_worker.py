"""Child process of bench_dossiers: generate N dossiers with one SQL statement per batch, then time requests."""

import json
import os
import random
import sys
import threading
import time

import django
from django.test.utils import override_settings

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402

from bench.timing import percentile  # noqa: E402

N = int(os.environ.get("MOTCUA_BENCH_DOSSIERS", "1000000"))
REQUESTS = int(os.environ.get("MOTCUA_BENCH_REQUESTS", "2000"))
INTAKES = int(os.environ.get("MOTCUA_BENCH_INTAKES", "300"))
AGENCY = "T01-BENCH"
PROCEDURE = "2.000635"  # a real national code; the bench creates its own version row for it


def minimal(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-minimal/", minimal), path("", include("motcua.urls"))]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def setup():
    from django.contrib.auth import get_user_model

    from motcua.catalogue.models import Channel, Component, Procedure, ProcedureVersion
    from motcua.units.models import Agency, Membership, Province

    call_command("migrate", verbosity=0)
    province, _ = Province.objects.get_or_create(code="1", defaults={"name": "Thành phố Hà Nội", "short_name": "Hà Nội"})
    agency, _ = Agency.objects.get_or_create(code=AGENCY, defaults={"name": "Đơn vị đo hiệu năng", "kind": "khac",
                                                                    "province": province})
    procedure, created = Procedure.objects.get_or_create(code=PROCEDURE)
    if created or procedure.current is None:
        version = ProcedureVersion.objects.create(procedure=procedure, name="Cấp bản sao trích lục hộ tịch")
        procedure.current = version
        procedure.save()
        procedure.agencies.add(agency)
        for kind in ("online", "direct"):
            Channel.objects.create(version=version, kind=kind, duration_value=5, duration_unit="working_days")
        Component.objects.create(version=version, order=1, name="Tờ khai theo mẫu", originals=1)
    user, created = get_user_model().objects.get_or_create(username="bench-lan", defaults={"first_name": "Lan"})
    Membership.objects.get_or_create(user=user, agency=agency, role="reception")
    return agency, procedure.current, user


GENERATE_SQL = """
INSERT INTO dossiers_dossier (code, reference, procedure_id, version_id, agency_id, channel, status, outcome,
  applicant_kind, applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, notes,
  delivery, delivery_address, duration_value, duration_unit, duration_text, submitted_at, accepted_at, due_at,
  original_due_at, reason, holder_agency_id, supplement_count, fee_total, fee_payable, fee_waived, fee_paid,
  paid_online, result_file, created_at, is_synthetic)
SELECT %(agency_code)s || '-' || to_char(d, 'YYMMDD') || '-' || lpad(((g %% 9000) + 1)::text, 4, '0'),
       'BENCH' || lpad(g::text, 11, '0'), %(procedure)s, %(version)s, %(agency)s, 'online',
       (ARRAY['accepted','processing','done','returned'])[1 + g %% 4], '', 'person',
       'Người nộp ' || g, lpad((g * 7919 %% 1000000000000)::text, 12, '0'),
       '09' || lpad((g * 104729 %% 100000000)::text, 8, '0'), '', 'Hà Nội', '', 'online', '', 5, 'working_days', '',
       d + time '09:00', d + time '09:00', d + interval '7 days', d + interval '7 days', '', %(agency)s, 0, 0, 0, 0, 0,
       false, '', now(), true
FROM (SELECT g::bigint AS g, date '2024-01-01' + (g / 9000)::int AS d FROM generate_series(%(lo)s, %(hi)s) AS g) AS s
"""

EVENTS_SQL = """
INSERT INTO dossiers_dossierevent (dossier_id, seq, kind, at, agency_id, from_status, to_status, note, data)
SELECT id, n, CASE n WHEN 1 THEN 'submitted' ELSE 'accepted' END, submitted_at, agency_id,
       CASE n WHEN 1 THEN '' ELSE 'submitted' END, CASE n WHEN 1 THEN 'submitted' ELSE 'accepted' END, '', '{}'::jsonb
FROM dossiers_dossier, generate_series(1, 2) AS n WHERE reference >= %(lo)s AND reference <= %(hi)s
"""


def generate(agency, version):
    """Insert generated rows until the bench agency has N dossiers (two events each); return how many were added."""
    from motcua.dossiers.models import Dossier

    have = Dossier.objects.filter(reference__startswith="BENCH").count()
    batch = 100_000
    for lo in range(have, N, batch):
        hi = min(N, lo + batch) - 1
        with connection.cursor() as cursor:
            cursor.execute(GENERATE_SQL, {"agency_code": AGENCY, "procedure": version.procedure_id,
                                          "version": version.pk, "agency": agency.pk, "lo": lo, "hi": hi})
            cursor.execute(EVENTS_SQL, {"lo": f"BENCH{lo:011d}", "hi": f"BENCH{hi:011d}"})
        log(f"generated {hi + 1:,} / {N:,}")
    if have < N:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE dossiers_dossier; ANALYZE dossiers_dossierevent")
    return max(0, N - have)


def timed(fn, n):
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def stats(samples, **extra):
    total = sum(samples) / 1000
    return {"n": len(samples), "rps": len(samples) / total, "p50": percentile(samples, 50),
            "p95": percentile(samples, 95), **extra}


def bench_tracking():
    from motcua.dossiers.models import Dossier

    rng = random.Random(42)
    picks = sorted(rng.sample(range(min(N, Dossier.objects.filter(reference__startswith="BENCH").count())),
                              min(REQUESTS, N)))
    rows = list(Dossier.objects.filter(reference__in=[f"BENCH{g:011d}" for g in picks])
                .values_list("code", "applicant_phone"))
    rng.shuffle(rows)
    client = Client()

    def track(i):
        code, phone = rows[i % len(rows)]
        response = client.get("/api/dossiers/tracking", {"code": code, "last4": phone[-4:]})
        assert response.status_code == 200, response.content

    def mini(i):
        assert client.get("/bench-minimal/").status_code == 200

    for _ in range(50):  # warm up both
        track(0), mini(0)
    tracking, minimal_ = [], []
    for _block in range(10):  # interleave blocks so load from other processes hits both alike
        tracking += timed(track, REQUESTS // 10)
        minimal_ += timed(mini, REQUESTS // 10)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        track(1)
    return stats(tracking, queries=len(queries)), stats(minimal_)


def bench_intake(version, user, *, channel, threads=1):
    component = version.components.get(order=1).pk

    def body(i, t):
        return {"procedure": PROCEDURE, "channel": channel, "agency": AGENCY,
                "applicant": {"name": f"Người nộp thử {t}-{i}", "phone": "0912345678"}, "delivery": "online",
                "components": [{"component_id": component, "from_data_store": True}]}

    results = []

    def worker(t):
        client = Client()
        if channel == "direct":
            client.force_login(user)

        def submit(i):
            response = client.post("/api/dossiers/", body(i, t), content_type="application/json")
            assert response.status_code == 201, response.content

        submit(-1)
        results.append(timed(submit, INTAKES // threads))
        connection.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for p in pool:
        p.start()
    for p in pool:
        p.join()
    elapsed = time.perf_counter() - started
    samples = [s for r in results for s in r]
    return {"n": len(samples), "per_s": len(samples) / elapsed, "p95": percentile(samples, 95)}


def main():
    agency, version, user = setup()
    t0 = time.perf_counter()
    generated = generate(agency, version)
    generate_s = time.perf_counter() - t0
    from motcua.dossiers.models import Dossier

    with override_settings(ROOT_URLCONF=__name__):
        tracking, minimal_ = bench_tracking()
        intake_online = bench_intake(version, user, channel="online")
        intake_counter = bench_intake(version, user, channel="direct")
        intake_online_2 = bench_intake(version, user, channel="online", threads=2)
    print(json.dumps({"rows": Dossier.objects.count(), "generated": generated, "generate_s": generate_s,
                      "tracking": tracking, "minimal": minimal_, "intake_online": intake_online,
                      "intake_counter": intake_counter, "intake_online_2": intake_online_2,
                      "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}))


if __name__ == "__main__":
    main()
