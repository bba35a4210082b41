"""Fill a FormData from a dossier: the one place where the forms read the dossier models."""

from django.conf import settings

from motcua.catalogue.models import Channel

from ..events import EventKind as K
from ..links import tracking_url
from ..models import Delivery
from ..services import control_sheet
from .data import FormData, Handover, Paper


def _full_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _officer(dossier, kinds):
    event = dossier.events.filter(kind__in=kinds, actor__isnull=False).select_related("actor").order_by("-seq").first()
    return _full_name(event.actor) if event else ""


def _return_place(dossier) -> str:
    if dossier.delivery == Delivery.POST:
        return f"Qua dịch vụ bưu chính: {dossier.delivery_address or dossier.applicant_address}"
    if dossier.delivery == Delivery.ONLINE:
        return "Trực tuyến, trên Cổng dịch vụ công"
    agency = dossier.agency
    return f"Bộ phận Một cửa — {agency.name}" + (f", {agency.address}" if agency.address else "")


def _time_limit(dossier) -> str:
    if dossier.duration_text:
        return dossier.duration_text
    if dossier.duration_value is None:
        return ""
    value = f"{dossier.duration_value.normalize():f}"
    unit = dossier.duration_unit
    return f"{value} {Channel.Unit(unit).label if unit in Channel.Unit.values else unit}"


def _handovers(dossier) -> list[Handover]:
    rows, giver = [], f"Bộ phận Một cửa — {dossier.agency.name}"
    for row in control_sheet(dossier):
        receiver = row["agency"].name + (f" ({_full_name(row['handler'])})" if row["handler"] else "")
        rows.append(Handover(giver=giver, receiver=receiver, at=row["started_at"], due_at=row["due_at"],
                             done_at=row["finished_at"], note=row["title"]))
        giver = receiver
    return rows


def form_data(dossier) -> FormData:
    """Return everything the five forms print about `dossier`."""
    agency = dossier.agency
    last_supplement = dossier.supplements.order_by("-requested_at").first()
    apology = getattr(dossier, "apology", None)  # RelatedObjectDoesNotExist is an AttributeError
    reasons = []
    if apology:
        reasons = [apology.reason]
    elif last_supplement:
        reasons = [last_supplement.reason]
    elif dossier.reason:
        reasons = [dossier.reason]
    step_agencies = list(dict.fromkeys(s.agency.name for s in dossier.steps.select_related("agency")))
    return FormData(
        code=dossier.public_id,
        agency_name=agency.name,
        parent_agency_name=agency.parent.name if agency.parent_id else "",
        agency_address=agency.address,
        agency_phone=agency.phone,
        procedure_name=dossier.version.name,
        applicant_name=dossier.applicant_name,
        applicant_address=dossier.applicant_address,
        applicant_phone=dossier.applicant_phone,
        applicant_email=dossier.applicant_email,
        papers=[Paper(c.name, c.originals, c.copies) for c in dossier.components.all()],
        time_limit_text=_time_limit(dossier),
        received_at=dossier.accepted_at or dossier.submitted_at,
        due_at=apology.old_due_at if apology else dossier.due_at,
        new_due_at=apology.new_due_at if apology else None,
        return_place=_return_place(dossier),
        tracking_url=tracking_url(dossier.public_id),
        hotline=settings.MOTCUA_HOTLINE,
        officer_name=_officer(dossier, [K.ACCEPTED, K.SUPPLEMENT_REQUESTED, K.NOT_ACCEPTED, K.SUBMITTED]),
        place_name=settings.MOTCUA_CITY_NAME,
        items=list(last_supplement.items) if last_supplement else [],
        reasons=reasons,
        lead_agency=step_agencies[0] if step_agencies else agency.name,
        coordinating_agencies=step_agencies[1:],
        handovers=_handovers(dossier),
    )
