"""A synthetic city for demos and benchmarks: dossiers, events, ratings and feedback from real distributions.

Real inputs: the communes of the city and their populations (units.Commune.population, bando 2025), the
procedures each agency receives (catalogue links from seed_city) with their real time limits and fees
(catalogue.Channel / FeeItem), the official working calendar (workdays), and the fee rules of NQ 77/2025
(dossiers.fees) for the amounts waived on online submissions.

ASSUMPTIONS (no public per-unit data; every one is a parameter or a constant here):
- volume: `per_10k` dossiers per 10,000 inhabitants per day at commune People's Committees (default 0.3);
  departments together receive `departments_share` (20%) of the commune volume, split by their procedures;
- which procedure: Zipf weights (s = 1.1) over the procedures an agency receives, in catalogue order shuffled
  by the seed — real per-procedure volumes are not published;
- channel: online share drawn per agency from Beta around 97% (Hanoi BC 275/BC-UBND, 18/06/2026: online >97%),
  the rest split 5:1 counter:post;
- timeliness: each agency gets a late probability from Beta(mean 3%); a late dossier ends 1–5 days after its
  due date; others end after 30–95% of their time limit; recent dossiers can still be open;
- supplements: 5% of dossiers get one request during appraisal (the citizen answers in 1–5 days), 10% of those
  a second one; 1% of online submissions are refused at intake;
- digitisation 98% (BC 275: digitised >98%), online payment of fee-bearing dossiers 74.1% (BC 275), reuse of
  digitised data 50% and use of the citizen's data store 30% (Lâm Đồng 2025 targets, domain.md §7.2);
- satisfaction: counter presses 5/4/3/2/1 = 55/28/10/4/3% (≈ 83% satisfied, SIPAS 2023 national 82.66%);
  evaluations for 5% of returned dossiers, 1% of them reporting improper conduct;
- feedback: one item per 400 dossiers, 8% answered late, 3% reopened.
BULK PATH: dossiers, steps and events are written with bulk_create, not through dossiers.services (a month of a
city in seconds instead of hours), with the services' event kinds (`EventKind`) and snapshot fields; stories
follow `workflow.ALLOWED_TRANSITIONS`. tests/test_simulation.py proves both, and that the facts folded here
equal a rebuild from the events. No tracking view is stored (tracking builds it from the events).
Every dossier is flagged `is_synthetic`; ratings and feedback ids are recorded in SimulationRun, feedback codes
start with "MP-" and the counter device is named "Quầy mô phỏng".
"""

import bisect
import itertools
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from motcua.catalogue.models import Channel, FeeItem, Procedure, ProcedureVersion
from motcua.dossiers.deadlines import CALENDAR_UNITS
from motcua.dossiers.events import EventKind as K
from motcua.dossiers.models import ApplicantSource, Delivery, Dossier, DossierEvent, DossierStep, Outcome, StepState
from motcua.dossiers.workflow import Status as S
from motcua.lib.text import fold
from motcua.units.models import Agency
from motcua.workdays.services import get_calendar

from . import facts
from .models import SimulationRun

CITIES = {"hanoi": "1"}
# The words of every synthetic feedback item: marked as simulated, and published with its answer when answered.
SYNTHETIC_FEEDBACK = {
    "title": "Phản ánh mô phỏng",
    "content": "Nội dung phản ánh mô phỏng (dữ liệu giả lập).",
    "answer": "Nội dung trả lời mô phỏng (dữ liệu giả lập).",
}


@dataclass
class Params:
    days: int = 30
    seed: int = 1
    per_10k: float = 0.3
    departments_share: float = 0.2
    online_mean: float = 0.97
    late_mean: float = 0.03
    supplement_p: float = 0.05
    second_supplement_p: float = 0.10
    refused_p: float = 0.01
    digitised_p: float = 0.98
    paid_online_p: float = 0.741
    reused_p: float = 0.5
    data_store_p: float = 0.3
    evaluation_p: float = 0.05
    feedback_per: int = 400
    end: datetime | None = None
    max_dossiers: int | None = None


@dataclass
class Offer:
    """What an agency offers: procedures with their version, time limits per channel and fees."""

    procedure_id: int
    version_id: int
    limits: dict  # channel kind → (amount, unit)
    fees: dict = field(default_factory=dict)  # channel kind → (total, waived)


def _beta(rng, mean, strength=40):
    return rng.betavariate(mean * strength, (1 - mean) * strength)


def _offers(agency_ids, on):
    """Procedures per agency with a parsed time limit, their fees and what NQ 77/2025 waives online."""
    from motcua.dossiers.fees import price_item

    links = list(Procedure.agencies.through.objects.filter(agency_id__in=agency_ids)
                 .values_list("agency_id", "procedure_id"))
    proc_ids = {p for _, p in links}
    current = dict(Procedure.objects.filter(id__in=proc_ids, current__isnull=False).values_list("id", "current_id"))
    channels = (Channel.objects.filter(version_id__in=current.values(), duration_value__isnull=False)
                .exclude(duration_unit="").prefetch_related("fees"))
    by_version = {}
    for ch in channels:
        unit = CALENDAR_UNITS.get(ch.duration_unit)
        if unit is None or (ch.duration_value <= 0 and unit != "same_day"):
            continue
        o = by_version.setdefault(ch.version_id, {"limits": {}, "fees": {}})
        o["limits"][ch.kind] = (float(ch.duration_value), unit)
        total = waived = 0
        for item in ch.fees.all():
            if item.kind == FeeItem.Kind.NONE or not item.amount:
                continue
            line = price_item(item, province_code=settings.MOTCUA_CITY_PROVINCE_CODE, channel=ch.kind, on=on)
            total, waived = total + line.amount, waived + line.waived
        o["fees"][ch.kind] = (total, waived)
    out = {}
    for agency_id, proc_id in sorted(links):
        v = current.get(proc_id)
        if v in by_version:
            out.setdefault(agency_id, []).append(Offer(proc_id, v, **by_version[v]))
    return out


def _department_links(city_code):
    """Link departments to provincial procedures naming them as implementing or competent agency (catalogue text)."""
    from motcua.catalogue.models import ProcedureVersion

    depts = list(Agency.objects.filter(province__code=city_code, kind=Agency.Kind.DEPARTMENT))
    versions = list(ProcedureVersion.objects.filter(procedure__current_id__isnull=False, id__in=Procedure.objects
                                                    .values("current_id"))
                    .values("procedure_id", "level", "implementing_agency", "competent_agency"))
    through = Procedure.agencies.through
    existing = set(through.objects.filter(agency__in=depts).values_list("agency_id", "procedure_id"))
    new = []
    for dept in depts:
        key = " ".join(fold(dept.name).split()[:3])
        for v in versions:
            text = fold(v["implementing_agency"] + " " + v["competent_agency"])
            if "tinh" in fold(v["level"]) and key in text and (dept.id, v["procedure_id"]) not in existing:
                new.append(through(agency_id=dept.id, procedure_id=v["procedure_id"]))
    through.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


class Builder:
    """Accumulate rows in memory and write them with bulk_create."""

    def __init__(self, params, rng, calendar, now):
        self.p, self.rng, self.cal, self.now = params, rng, calendar, now
        self.dossiers, self.events, self.steps = [], [], []
        self.folded = []  # (dossier id, facts) computed from the in-memory events
        self.codes = itertools.count(1)
        self.run_tag = uuid.uuid4().hex[:6].upper()

    def submitted_at(self, day, channel):
        rng = self.rng
        if channel == Channel.Kind.ONLINE:
            hour = rng.choice([7, 8, 9, 9, 10, 10, 11, 13, 14, 14, 15, 16, 19, 20, 21, 22])
        else:
            hour = rng.choice([8, 8, 9, 9, 10, 10, 11, 13, 14, 15, 16])
        return timezone.make_aware(datetime.combine(day, time(hour, rng.randrange(60))))

    def dossier(self, agency, offer, channel, at, late_p):
        p, rng = self.p, self.rng
        amount, unit = offer.limits.get(channel) or next(iter(offer.limits.values()))
        fee_total, fee_waived = offer.fees.get(channel) or next(iter(offer.fees.values()), (0, 0))
        d = Dossier(
            procedure_id=offer.procedure_id, version_id=offer.version_id, agency=agency, channel=channel,
            applicant_name="Công dân mô phỏng", submitted_at=at, is_synthetic=True,
            fee_total=fee_total, fee_waived=fee_waived, fee_payable=fee_total - fee_waived,
            duration_value=amount, duration_unit=unit,
            delivery=Delivery.ONLINE if channel == Channel.Kind.ONLINE else Delivery.COUNTER,
            # Online filing goes through the national identity account (VNeID, the single account since
            # 01/07/2024, NĐ 69/2024): online dossiers count as population data used; counter ones do not.
            applicant_source=ApplicantSource.IDENTITY if channel == Channel.Kind.ONLINE else ApplicantSource.TYPED,
        )
        story = []  # (kind, at, from, to, snapshot updates)
        snap = {"channel": channel, "procedure": offer.procedure_id, "agency": agency.code, "supplement_count": 0,
                "fee_total": fee_total, "fee_payable": fee_total - fee_waived, "paid_online": False,
                "has_result_file": False, "digitised": 0, "reused": 0, "from_data_store": 0,
                "population_data": channel == Channel.Kind.ONLINE}
        status = ""
        if channel != Channel.Kind.DIRECT:
            story.append((K.SUBMITTED, at, "", S.SUBMITTED, {}))
            status = S.SUBMITTED
            if rng.random() < p.refused_p:
                refused = at + timedelta(hours=rng.uniform(1, 20))
                d.status, d.refused_at, d.finished_at = S.NOT_ACCEPTED, refused, refused
                story.append((K.NOT_ACCEPTED, refused, status, S.NOT_ACCEPTED, {"finished_at": refused}))
                return self._keep(d, story, snap)
        accepted = at if channel == Channel.Kind.DIRECT else at + timedelta(hours=rng.uniform(0.2, 6))
        if accepted > self.now:
            d.status = status or S.SUBMITTED
            return self._keep(d, story, snap)
        due = self.cal.due(accepted, amount, unit)
        d.accepted_at, d.due_at, d.original_due_at = accepted, due, due
        d.code = f"{agency.code}-{timezone.localtime(accepted):%y%m%d}-MP{self.run_tag}{next(self.codes):06d}"
        digitised = rng.random() < p.digitised_p
        upd = {"accepted_at": accepted, "due_at": due, "original_due_at": due, "digitised": 2 * digitised,
               "reused": int(digitised and rng.random() < p.reused_p),
               "from_data_store": int(rng.random() < p.data_store_p)}
        story.append((K.ACCEPTED, accepted, status, S.ACCEPTED, upd))
        status = S.ACCEPTED
        span = due - accepted
        t = accepted + span * rng.uniform(0.05, 0.2)
        held = timedelta(0)
        if rng.random() < p.supplement_p:
            n = 2 if rng.random() < p.second_supplement_p else 1
            for i in range(n):
                back = t + timedelta(days=rng.uniform(1, 5))
                story.append((K.SUPPLEMENT_REQUESTED, t, status, S.SUPPLEMENT_REQUESTED, {"supplement_count": i + 1}))
                status = S.SUPPLEMENT_REQUESTED
                if back > self.now:
                    break
                story.append((K.SUPPLEMENTED, back, status, S.PROCESSING, {}))
                status = S.PROCESSING
                held += back - t
                t = back + timedelta(hours=rng.uniform(1, 24))
            d.supplement_count = n
        if rng.random() < late_p:
            finish = due + held + timedelta(days=rng.uniform(1, 5))
        else:
            finish = max(t + timedelta(hours=1), accepted + held + span * rng.uniform(0.3, 0.95))
        step = DossierStep(group=1, order=0, title="Thẩm định, giải quyết", agency=agency, started_at=accepted,
                           due_at=due + held, state=StepState.ACTIVE)
        if status == S.SUPPLEMENT_REQUESTED or finish > self.now:
            d.status = status  # the status of its last event (no "assigned" event is simulated)
            return self._keep(d, story, snap, step)
        fee = fee_total > 0
        online = channel == Channel.Kind.ONLINE
        paid = fee and (fee_total - fee_waived) > 0 and online and rng.random() < p.paid_online_p
        d.finished_at, d.outcome, d.paid_online = finish, Outcome.GRANTED, paid
        step.finished_at, step.on_time, step.state = finish, finish <= due + held, StepState.DONE
        story.append((K.RESULT_ISSUED, finish, status, S.DONE,
                      {"finished_at": finish, "has_result_file": digitised, "paid_online": paid}))
        d.status = S.DONE
        returned = finish + timedelta(hours=rng.uniform(1, 48))
        if returned <= self.now:
            d.returned_at, d.status = returned, S.RETURNED
            story.append((K.RETURNED, returned, S.DONE, S.RETURNED, {"returned_at": returned}))
        return self._keep(d, story, snap, step)

    def _keep(self, d, story, snap, step=None):
        events = []
        for seq, (kind, at, from_s, to_s, upd) in enumerate(story, start=1):
            snap.update({k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in upd.items()})
            events.append(DossierEvent(seq=seq, kind=kind, at=at, from_status=from_s, to_status=to_s,
                                       agency_id=d.agency_id, data={"snapshot": dict(snap), "synthetic": True}))
        self.dossiers.append((d, events, step))
        return d

    def flush(self):
        if not self.dossiers:
            return 0
        rows = [d for d, _, _ in self.dossiers]
        Dossier.objects.bulk_create(rows, batch_size=2000)
        if rows[0].pk is None:  # backends without RETURNING ids
            by_ref = dict(Dossier.objects.filter(reference__in=[d.reference for d in rows]).values_list("reference", "id"))
            for d in rows:
                d.pk = d.id = by_ref[d.reference]
        events, steps = [], []
        field_of = self.field_of
        for d, evs, step in self.dossiers:
            static = {"agency_id": d.agency_id, "procedure_id": d.procedure_id, "field_id": field_of.get(d.version_id),
                      "channel": d.channel, "fee_waived": d.fee_waived}
            self.folded.append((d.pk, facts.fold_all(static, [(e.seq, e.at, e.from_status, e.to_status, e.data)
                                                              for e in evs])))
            for e in evs:
                e.dossier_id = d.pk
                e.agency_id = d.agency_id
                events.append(e)
            if step is not None:
                step.dossier_id = d.pk
                steps.append(step)
        DossierEvent.objects.bulk_create(events, batch_size=5000)
        DossierStep.objects.bulk_create(steps, batch_size=5000)
        n = len(rows)
        self.dossiers = []
        return n


def _zipf_cdf(n, s=1.1):
    weights = [1 / (k ** s) for k in range(1, n + 1)]
    total = sum(weights)
    acc, out = 0.0, []
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


def _poisson(rng, lam):
    if lam < 30:
        limit, k, prod = math.exp(-lam), 0, rng.random()
        while prod > limit:
            k += 1
            prod *= rng.random()
        return k
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


def simulate(*, city="hanoi", params: Params | None = None, replace=True, log=print) -> SimulationRun:
    """Generate a synthetic city and rebuild the facts; return the SimulationRun row."""
    p = params or Params()
    rng = random.Random(p.seed)
    city_code = CITIES.get(city, city)
    now = p.end or timezone.now()
    if replace:
        clear_synthetic()
    linked = _department_links(city_code)
    agencies = list(Agency.objects.filter(province__code=city_code, is_active=True,
                                          kind__in=[Agency.Kind.COMMUNE_PC, Agency.Kind.DEPARTMENT])
                    .select_related("commune", "province").order_by("id"))
    offers = _offers([a.id for a in agencies], timezone.localdate(now))
    communes_total = sum(a.commune.population or 0 for a in agencies if a.kind == Agency.Kind.COMMUNE_PC and a.commune)
    dept_offers = sum(len(offers.get(a.id, [])) for a in agencies if a.kind == Agency.Kind.DEPARTMENT) or 1
    daily_commune = communes_total / 10_000 * p.per_10k
    calendar = get_calendar()
    builder = Builder(p, rng, calendar, now)
    builder.field_of = dict(ProcedureVersion.objects.filter(id__in={o.version_id for os in offers.values() for o in os})
                            .values_list("id", "field_id"))
    first_day = timezone.localdate(now) - timedelta(days=p.days - 1)
    total = 0
    with transaction.atomic():
        for agency in agencies:
            mine = offers.get(agency.id)
            if not mine:
                continue
            rng.shuffle(mine)
            cdf = _zipf_cdf(len(mine))
            if agency.kind == Agency.Kind.COMMUNE_PC:
                lam = (agency.commune.population or 0) / 10_000 * p.per_10k if agency.commune else 0
            else:
                lam = daily_commune * p.departments_share * len(mine) / dept_offers
            online_p, late_p = _beta(rng, p.online_mean), _beta(rng, p.late_mean)
            for offset in range(p.days):
                day = first_day + timedelta(days=offset)
                weekday_factor = 1.0 if day.weekday() < 5 else 0.15  # online only at weekends
                for _ in range(_poisson(rng, lam * weekday_factor)):
                    offer = mine[min(len(mine) - 1, bisect.bisect_left(cdf, rng.random()))]
                    r = rng.random()
                    channel = Channel.Kind.ONLINE if r < online_p or day.weekday() >= 5 else (
                        Channel.Kind.DIRECT if r < online_p + (1 - online_p) * 5 / 6 else Channel.Kind.POSTAL)
                    at = builder.submitted_at(day, channel)
                    if at > now:
                        continue
                    builder.dossier(agency, offer, channel, at, late_p)
                    if len(builder.dossiers) >= 5000:
                        total += builder.flush()
                    if p.max_dossiers and total + len(builder.dossiers) >= p.max_dossiers:
                        break
        total += builder.flush()
        ids = _satisfaction_and_feedback(p, rng, agencies, now, first_day)
        run = SimulationRun.objects.create(city=city, seed=p.seed, days=p.days, dossiers=total, created_ids=ids,
                                           params={k: v for k, v in vars(p).items() if k != "end"})
    log(f"Đã tạo {total} hồ sơ mô phỏng ({p.days} ngày, seed {p.seed}); gắn {linked} thủ tục cấp tỉnh cho các sở.")
    if Dossier.objects.filter(is_synthetic=False).exists():
        n = facts.rebuild()  # real dossiers too: fold everything from the events
    else:
        n = facts.write_all(builder.folded)  # only synthetic dossiers: the same folds, already in memory
    log(f"Đã tính dữ kiện chỉ số cho {n} hồ sơ.")
    return run


def _satisfaction_and_feedback(p, rng, agencies, now, first_day):
    from motcua.feedback.models import Feedback
    from motcua.ratings.models import CounterDevice, CounterRating, DossierEvaluation

    ids = {}
    ratings, evaluations, items = [], [], []
    weights = [(5, 0.55), (4, 0.83), (3, 0.93), (2, 0.97), (1, 1.0)]
    returned = list(Dossier.objects.filter(is_synthetic=True, status=S.RETURNED, returned_at__isnull=False)
                    .values_list("id", "agency_id", "channel", "returned_at", "due_at", "finished_at",
                                 "supplement_count"))
    for dossier_id, agency_id, channel, returned_at, due_at, finished_at, supplements in returned:
        if rng.random() >= p.evaluation_p:
            continue
        t = 2 if timezone.localdate(finished_at) < timezone.localdate(due_at) else 1 if finished_at <= due_at else 0
        evaluations.append(DossierEvaluation(
            dossier_id=dossier_id, agency_id=agency_id, time=t, contacts=max(0, 2 - supplements), information=2,
            attitude=0 if rng.random() < 0.01 else 2, cost=2, online=2 if channel == Channel.Kind.ONLINE else None,
            created_at=returned_at + timedelta(hours=2), updated_at=returned_at + timedelta(hours=2),
            editable_until=returned_at + timedelta(days=7),
        ))
    DossierEvaluation.objects.bulk_create(evaluations, batch_size=2000)
    ids["ratings.DossierEvaluation"] = len(evaluations)  # deleted with their dossiers (cascade)
    counts = dict(Dossier.objects.filter(is_synthetic=True, channel=Channel.Kind.DIRECT).values_list("agency_id")
                  .annotate(n=Count("id")).order_by())
    devices = {}
    for agency in agencies:
        n = counts.get(agency.id, 0)
        if not n:
            continue
        device, _ = CounterDevice.objects.get_or_create(agency=agency, counter="Quầy mô phỏng")
        devices[agency.id] = device
        for _ in range(n):
            r = rng.random()
            score = next(s for s, c in weights if r < c)
            when = timezone.make_aware(datetime.combine(first_day + timedelta(days=rng.randrange(p.days)),
                                                        time(rng.randint(8, 16), rng.randrange(60))))
            if when <= now:
                ratings.append(CounterRating(device=device, agency=agency, score=score, rated_at=when,
                                             received_at=when, client_id=uuid.UUID(int=rng.getrandbits(128))))
    CounterRating.objects.bulk_create(ratings, batch_size=5000)
    ids["ratings.CounterDevice"] = [d.id for d in devices.values()]
    total = Dossier.objects.filter(is_synthetic=True).count()
    per_agency = dict(Dossier.objects.filter(is_synthetic=True).values_list("agency_id")
                      .annotate(n=Count("id")).order_by())
    seq = itertools.count(1)
    tag = uuid.uuid4().hex[:4].upper()
    for agency in agencies:
        for _ in range(per_agency.get(agency.id, 0) // p.feedback_per):
            received = timezone.make_aware(datetime.combine(first_day + timedelta(days=rng.randrange(p.days)),
                                                            time(rng.randint(8, 20), rng.randrange(60))))
            if received > now:
                continue
            due = received + timedelta(days=21)
            late = rng.random() < 0.08
            answered = received + timedelta(days=rng.uniform(25, 30) if late else rng.uniform(2, 18))
            done = answered <= now
            answer = SYNTHETIC_FEEDBACK["answer"] if done else ""
            published = dict(public_title=SYNTHETIC_FEEDBACK["title"], public_content=SYNTHETIC_FEEDBACK["content"],
                             public_answer=answer,
                             search_text=fold(" ".join(SYNTHETIC_FEEDBACK.values()))) if done else {}
            items.append(Feedback(
                code=f"MP-{tag}-{next(seq):06d}", category=rng.choice(["thu_tuc", "thu_tuc", "can_bo", "quy_dinh"]),
                title=SYNTHETIC_FEEDBACK["title"], content=SYNTHETIC_FEEDBACK["content"], answer=answer, **published,
                channel=rng.choice(["web", "web", "phone"]), agency=agency, state="published" if done else "in_progress",
                received_at=received, clock_started_at=received, answer_due_at=due, due_at=None if done else due,
                answered_at=answered if done else None, published_at=answered if done else None,
                finished_late=late and done, reopened_count=1 if rng.random() < 0.03 else 0,
            ))
    Feedback.objects.bulk_create(items, batch_size=2000)
    ids["feedback.Feedback"] = {"code_prefix": f"MP-{tag}-", "n": len(items)}
    ids["ratings.CounterRating"] = len(ratings)
    ids["dossiers"] = total
    return ids


def clear_synthetic(log=None):
    """Delete every synthetic record (dossiers flagged is_synthetic and what SimulationRun recorded)."""
    from motcua.feedback.models import Feedback
    from motcua.ratings.models import CounterDevice, CounterRating, DossierEvaluation

    from .models import DailyFact, DossierFact

    if not SimulationRun.objects.exists() and not Dossier.objects.filter(is_synthetic=True).exists():
        return
    with transaction.atomic():
        Feedback.objects.filter(code__startswith="MP-", events__isnull=True).delete()
        devices = CounterDevice.objects.filter(counter="Quầy mô phỏng")
        CounterRating.objects.filter(device__in=devices).delete()
        devices.delete()
        synthetic = Dossier.objects.filter(is_synthetic=True)
        # Children first, then the dossiers without the cascade collector (synthetic dossiers have no other rows).
        for model in (DossierFact, DossierStep, DossierEvent, DossierEvaluation):
            model.objects.filter(dossier__in=synthetic)._raw_delete(model.objects.db)
        synthetic._raw_delete(Dossier.objects.db)
        SimulationRun.objects.all().delete()
        DailyFact.objects.all().delete()
    facts.rebuild()
