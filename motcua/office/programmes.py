"""Programmes as data: which dossiers a programme covers, their programme due time, and its compliance.

A dossier accepted at an agency of the programme, for one of its procedures, on one of its days and hours,
between its start and end, is enrolled with a due time of `target_minutes` of working time from acceptance
(workdays: office hours and the official calendar). The legal deadline stays as it is; the console shows the
tighter of the two. Compliance counts the enrolled dossiers whose result was returned: within target when the
working minutes from acceptance to return are at most the target.
"""

from decimal import Decimal
from statistics import median

from django.db.models import Prefetch
from django.utils import timezone

from motcua.workdays.services import compute_due, working_minutes_between

from .models import Programme, ProgrammeDossier


def in_force(programme, at):
    """Whether `programme` covers an acceptance at instant `at`."""
    local = timezone.localtime(at)
    if not programme.is_active or local.weekday() not in programme.weekday_list:
        return False
    if programme.starts_on and local.date() < programme.starts_on:
        return False
    if programme.ends_on and local.date() > programme.ends_on:
        return False
    if programme.opens_at and local.time() < programme.opens_at:
        return False
    return not (programme.closes_at and local.time() >= programme.closes_at)


def programme_for(dossier):
    """The programme covering this accepted dossier, if any (the one with the shortest target first)."""
    if dossier.accepted_at is None:
        return None
    candidates = Programme.objects.filter(is_active=True, agencies=dossier.agency_id, procedures=dossier.procedure_id,
                                          target_minutes__isnull=False).order_by("target_minutes")
    return next((p for p in candidates if in_force(p, dossier.accepted_at)), None)


def enrol(dossier):
    """Enrol an accepted dossier in the programme that covers it; return the ProgrammeDossier or None."""
    programme = programme_for(dossier)
    if programme is None:
        return None
    due = compute_due(dossier.accepted_at, Decimal(programme.target_minutes) / 60, "working_hours",
                      office_hours=dossier.agency.office_hours)
    entry, _ = ProgrammeDossier.objects.get_or_create(dossier=dossier, defaults={
        "programme": programme, "agency_id": dossier.agency_id, "accepted_at": dossier.accepted_at, "due_at": due})
    return entry


def clock(dossier):
    """The clocks of a dossier for the console: legal due, programme due, and which one is tighter."""
    entry = ProgrammeDossier.objects.select_related("programme").filter(dossier=dossier).first()
    if entry is None:
        return None
    tighter = dossier.due_at is None or entry.due_at <= dossier.due_at
    return {"programme": entry.programme, "due_at": entry.due_at, "legal_due_at": dossier.due_at,
            "programme_is_tighter": tighter, "minutes": minutes_taken(entry, dossier),
            "within": within_target(entry, dossier)}


def minutes_taken(entry, dossier):
    end = dossier.returned_at
    if end is None:
        return None
    return working_minutes_between(entry.accepted_at, end, office_hours=dossier.agency.office_hours)


def within_target(entry, dossier):
    minutes = minutes_taken(entry, dossier)
    if minutes is None:
        return None
    return minutes <= entry.programme.target_minutes


def compliance(programme, *, agency=None):
    """{"dossiers", "returned", "within", "share", "median_minutes"} over the programme's returned dossiers."""
    entries = programme.dossiers.select_related("dossier__agency__office_hours", "programme")
    if agency is not None:
        entries = entries.filter(agency=agency)
    minutes, within, total = [], 0, 0
    for entry in entries:
        total += 1
        taken = minutes_taken(entry, entry.dossier)
        if taken is None:
            continue
        minutes.append(taken)
        within += taken <= programme.target_minutes
    return {"dossiers": total, "returned": len(minutes), "within": within,
            "share": within / len(minutes) if minutes else None,
            "median_minutes": median(minutes) if minutes else None}


def programmes_with_results():
    """Every programme with its agencies, procedures and compliance overall and per agency (public page, API)."""
    rows = []
    programmes = Programme.objects.prefetch_related(
        "agencies", Prefetch("procedures", queryset=_procedures()))
    for p in programmes:
        per_agency = [{"agency": a, **compliance(p, agency=a)} for a in p.agencies.all()] if p.target_minutes else []
        rows.append({"programme": p, "compliance": compliance(p) if p.target_minutes else None,
                     "per_agency": per_agency})
    return rows


def _procedures():
    from motcua.catalogue.models import Procedure

    return Procedure.objects.select_related("current")
