"""Child process of bench_dossiers: prepare the database (N dossiers, one SQL statement per batch) and print what
the load generator needs (tracking codes, a signed-in officer's session) as JSON on the last line of stdout."""

import json
import os
import random
import sys
import time

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

N = int(os.environ.get("MOTCUA_BENCH_DOSSIERS", "1000000"))
SAMPLES = 2000
AGENCY = "T01-BENCH"
INTAKE_AGENCIES = [f"T01-BENCH{k:02d}" for k in range(1, 11)]  # intakes spread over ten agencies, as in a city
PROCEDURE = "2.000635"  # a real national code; the bench creates its own version row for it


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def setup():
    from django.contrib.auth import get_user_model

    from motcua.catalogue.models import Channel, Component, Procedure, ProcedureVersion
    from motcua.units.models import Agency, Membership, Province

    os.environ["MOTCUA_ENCRYPT_LATER"] = "1"  # the generated million rows: only the tracked samples (below)
    call_command("migrate", verbosity=0)
    call_command("createcachetable")  # the shared cache when REDIS_URL is unset: saved rows bump page versions
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
    user, _ = get_user_model().objects.get_or_create(username="bench-lan", defaults={"first_name": "Lan"})
    Membership.objects.get_or_create(user=user, agency=agency, role="reception")
    for code in INTAKE_AGENCIES:
        other, _ = Agency.objects.get_or_create(code=code, defaults={"name": f"Đơn vị đo hiệu năng {code[-2:]}",
                                                                     "kind": "khac", "province": province})
        procedure.agencies.add(other)
        Membership.objects.get_or_create(user=user, agency=other, role="reception")
    return agency, procedure.current, user


def tracking_template(version, user):
    """The stored tracking view of one accepted dossier made through the services: the shape every row copies."""
    from django.utils import timezone

    from motcua.dossiers.services import Applicant, submit_dossier

    dossier = submit_dossier(version, channel="direct", applicant=Applicant(name="Mẫu", phone="0912345678"),
                             components=[], at=timezone.now(), actor=user)
    return json.dumps(dossier.tracking)


GENERATE_SQL = """
INSERT INTO dossiers_dossier (code, reference, procedure_id, version_id, agency_id, channel, status, outcome,
  applicant_kind, applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address, notes,
  delivery, delivery_address, duration_value, duration_unit, duration_text, submitted_at, accepted_at, due_at,
  original_due_at, reason, holder_agency_id, supplement_count, fee_total, fee_payable, fee_waived, fee_paid,
  paid_online, result_file, created_at, is_synthetic, tracking, applicant_source, idempotency_digest,
  applicant_id_number_hash, applicant_phone_hash)
SELECT code, 'BENCH' || lpad(g::text, 11, '0'), %(procedure)s, %(version)s, %(agency)s, 'online', status, '',
       'person', 'Người nộp ' || g, lpad((g * 7919 %% 1000000000000)::text, 12, '0'),
       '09' || lpad((g * 104729 %% 100000000)::text, 8, '0'), '', 'Hà Nội', '', 'online', '', 5, 'working_days', '',
       d + time '09:00', d + time '09:00', d + interval '7 days', d + interval '7 days', '', %(agency)s, 0, 0, 0, 0, 0,
       false, '', now(), true,
       jsonb_set(jsonb_set(%(template)s::jsonb, '{code}', to_jsonb(code)), '{status}', to_jsonb(status)),
       '', '', '', ''
FROM (SELECT g, d, %(agency_code)s || '-' || to_char(d, 'YYMMDD') || '-' || lpad(((g %% 9000) + 1)::text, 4, '0')
             AS code, (ARRAY['accepted','processing','done','returned'])[1 + g %% 4] AS status
      FROM (SELECT g::bigint AS g, date '2024-01-01' + (g / 9000)::int AS d
            FROM generate_series(%(lo)s, %(hi)s) AS g) AS s) AS t
"""

EVENTS_SQL = """
INSERT INTO dossiers_dossierevent (dossier_id, seq, kind, at, agency_id, from_status, to_status, note, data, folded)
SELECT id, n, CASE n WHEN 1 THEN 'submitted' ELSE 'accepted' END, submitted_at, agency_id,
       CASE n WHEN 1 THEN '' ELSE 'submitted' END, CASE n WHEN 1 THEN 'submitted' ELSE 'accepted' END, '', '{}'::jsonb,
       true
FROM dossiers_dossier, generate_series(1, 2) AS n WHERE reference >= %(lo)s AND reference <= %(hi)s
"""


def generate(agency, version, user):
    """Insert generated rows until the bench agency has N dossiers (two events each); return how many were added."""
    from motcua.dossiers.models import Dossier

    have = Dossier.objects.filter(reference__startswith="BENCH").count()
    if have >= N:
        return 0
    template = tracking_template(version, user)
    batch = 100_000
    for lo in range(have, N, batch):
        hi = min(N, lo + batch) - 1
        with connection.cursor() as cursor:
            cursor.execute(GENERATE_SQL, {"agency_code": AGENCY, "procedure": version.procedure_id, "template": template,
                                          "version": version.pk, "agency": agency.pk, "lo": lo, "hi": hi})
            cursor.execute(EVENTS_SQL, {"lo": f"BENCH{lo:011d}", "hi": f"BENCH{hi:011d}"})
        log(f"generated {hi + 1:,} / {N:,}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dossiers_dossier; ANALYZE dossiers_dossierevent")
    return N - have


def tracking_samples():
    """SAMPLES (code, last four phone digits) pairs spread over the whole table, in random order."""
    from motcua.dossiers.models import Dossier
    from motcua.lib.crypto_fields import reseal

    rng = random.Random(42)
    have = Dossier.objects.filter(reference__startswith="BENCH").count()
    picks = rng.sample(range(have), min(SAMPLES, have))
    sampled = Dossier.objects.filter(reference__in=[f"BENCH{g:011d}" for g in picks])
    for _ in reseal(Dossier, rows=sampled):  # generated in SQL as plaintext: the tracked ones encrypted, as in life
        pass
    rows = list(sampled.values_list("code", "applicant_phone"))
    rng.shuffle(rows)
    return [(code, phone[-4:]) for code, phone in rows]


def officer_session(user):
    """A signed-in session for the counter officer, as the login view would create it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def main():
    from motcua.dossiers.models import Dossier

    agency, version, user = setup()
    t0 = time.perf_counter()
    generated = generate(agency, version, user)
    print(json.dumps({
        "rows": Dossier.objects.count(), "generated": generated, "generate_s": time.perf_counter() - t0,
        "samples": tracking_samples(), "session": officer_session(user), "procedure": PROCEDURE, "agencies": INTAKE_AGENCIES,
        "component": version.components.get(order=1).pk,
    }))


if __name__ == "__main__":
    main()
