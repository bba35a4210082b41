"""What public tracking tells the citizen: status, who holds the dossier now, when it is due, what to do, history.

One place for the API and the tracking page (NĐ 224 Art.15.1.g: agency, handler, receive/process/return times).

The view is a read model: every event (services._core.record) stores it on the dossier (`Dossier.tracking`),
appending the new history line to the stored ones, so a tracking request reads one row and nothing else.
Rows written without events (bulk loads) have no stored view; `tracking_of` builds theirs from the events.
"""

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

from django.utils.translation import gettext as _

from motcua.lib.money import format_vnd
from motcua.units.models import Membership

from . import events
from .models import Delivery
from .workflow import NATIONAL_CODE, Status


@dataclass
class HistoryLine:
    at: datetime
    status: str
    status_label: str
    kind: str
    agency: str
    note: str


@dataclass
class Tracking:
    code: str
    status: str
    status_label: str
    national_status: int
    procedure: str
    receiving_agency: str
    holder_agency: str
    holder_name: str
    holder_title: str
    submitted_at: datetime
    accepted_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    to_do: str
    history: list[HistoryLine] = field(default_factory=list)


def tracking_of(dossier):
    """Return what the public may see about `dossier` (after access.get_dossier_for_tracking)."""
    return from_json(dossier.tracking) if dossier.tracking else build(dossier)


def view_after(dossier, event):
    """The stored view once `event` is recorded: the earlier history lines plus this event's, if public."""
    stored = dossier.tracking.get("history") if dossier.tracking else None
    if stored is None and event.seq > 1:
        return to_json(build(dossier))  # no stored view yet (bulk-loaded row): read the whole history once
    history = [_line_from_json(h) for h in stored or []]
    if event.kind in events.PUBLIC:
        history.append(_line(event))
    return to_json(build(dossier, history=history))


def build(dossier, *, history=None):
    """Build the view from the dossier; `history` None reads the public events."""
    if history is None:
        public = dossier.events.filter(kind__in=events.PUBLIC).select_related("agency").order_by("seq")
        history = [_line(e) for e in public]
    title = ""
    if dossier.holder_id:
        title = (Membership.objects.filter(user_id=dossier.holder_id, agency_id=dossier.holder_agency_id)
                 .values_list("title", flat=True).first() or "")
    return Tracking(
        code=dossier.public_id, status=dossier.status, status_label=str(Status(dossier.status).label),
        national_status=NATIONAL_CODE[Status(dossier.status)], procedure=dossier.version.name,
        receiving_agency=dossier.agency.name,
        holder_agency=dossier.holder_agency.name if dossier.holder_agency_id else "",
        holder_name=(dossier.holder.get_full_name() or dossier.holder.get_username()) if dossier.holder_id else "",
        holder_title=title, submitted_at=dossier.submitted_at, accepted_at=dossier.accepted_at,
        due_at=dossier.due_at, finished_at=dossier.finished_at, returned_at=dossier.returned_at,
        to_do=to_do(dossier), history=history,
    )


def _line(event):
    return HistoryLine(at=event.at, status=event.to_status, status_label=str(Status(event.to_status).label),
                       kind=event.kind, agency=event.agency.name if event.agency_id else "",
                       note=_public_note(event))


_TIMES = ("submitted_at", "accepted_at", "due_at", "finished_at", "returned_at")


def to_json(view):
    data = asdict(view)
    for name in _TIMES:
        data[name] = _iso(data[name])
    for line in data["history"]:
        line["at"] = _iso(line["at"])
    return data


def from_json(data):
    values = {f.name: data.get(f.name) for f in fields(Tracking)}
    for name in _TIMES:
        values[name] = _parse(values[name])
    values["history"] = [_line_from_json(h) for h in data.get("history", [])]
    return Tracking(**values)


def _line_from_json(data):
    return HistoryLine(**{**data, "at": _parse(data["at"])})


def _iso(value):
    return value.isoformat() if value else None


def _parse(value):
    return datetime.fromisoformat(value) if value else None


def _public_note(event):
    return event.note if event.kind in events.NOTE_IS_PUBLIC else ""


def to_do(dossier):
    """Return what the citizen must do now, in one sentence, or '' if nothing."""
    if dossier.status == Status.SUPPLEMENT_REQUESTED:
        request = dossier.open_supplement_request()
        items = "; ".join(request.items) if request and request.items else (request.reason if request else "")
        return _("Nộp bổ sung giấy tờ: %(items)s.") % {"items": items}
    if dossier.status == Status.PAYMENT_REQUESTED:
        return _("Nộp phí, lệ phí: %(amount)s.") % {"amount": format_vnd(dossier.fee_payable - dossier.fee_paid)}
    if dossier.status == Status.DONE:
        return _result_pickup(dossier)
    return ""


def _result_pickup(dossier):
    if dossier.delivery == Delivery.POST:
        return _("Kết quả được gửi qua bưu chính đến: %(a)s.") % {
            "a": dossier.delivery_address or dossier.applicant_address}
    if dossier.delivery == Delivery.ONLINE:
        return _("Nhận kết quả trực tuyến trên Cổng dịch vụ công.")
    where = dossier.agency.name + (f", {dossier.agency.address}" if dossier.agency.address else "")
    return _("Mang giấy tiếp nhận đến nhận kết quả tại Bộ phận Một cửa — %(w)s.") % {"w": where}


def urgency(dossier, *, now):
    """Return overdue / due_soon / on_track (open) or early / on_time / late (finished), or None without a due date."""
    from . import deadlines

    return deadlines.status_of(dossier.due_at, finished_at=dossier.finished_at, now=now,
                               agency=dossier.agency)
