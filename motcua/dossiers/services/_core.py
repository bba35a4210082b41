"""What every action shares: lock the dossier, check the move, append the event, notify on commit."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import notify, tracking, written
from ..errors import IllegalTransition
from ..models import ApplicantSource, Dossier, DossierEvent
from ..workflow import Status, can_move


def lock(dossier):
    """Re-read the dossier under a row lock; concurrent actions on one dossier queue here.

    Only the dossier row is locked (`of=("self",)`); the procedure, version and agencies are read with it because
    every event snapshot and tracking view needs them.
    """
    return (Dossier.objects.select_for_update(of=("self",))
            .select_related("procedure__route", "version", "agency", "holder_agency").get(pk=dossier.pk))


def check_move(dossier, to_status):
    if not can_move(dossier.status, to_status):
        raise IllegalTransition(
            _("Không thể chuyển hồ sơ từ trạng thái “%(a)s” sang “%(b)s”.")
            % {"a": Status(dossier.status).label, "b": Status(to_status).label}
        )


def snapshot(dossier):
    """The facts indicators need, copied on every event so they can be computed from events alone."""
    components = component_rows(dossier)
    return {
        "code": dossier.code,
        "channel": dossier.channel,
        "procedure": dossier.procedure.code,
        "agency": dossier.agency.code,
        "field": dossier.version.field_id,
        "applicant_kind": dossier.applicant_kind,
        "accepted_at": _iso(dossier.accepted_at),
        "due_at": _iso(dossier.due_at),
        "original_due_at": _iso(dossier.original_due_at),
        "finished_at": _iso(dossier.finished_at),
        "returned_at": _iso(dossier.returned_at),
        "outcome": dossier.outcome,
        "supplement_count": dossier.supplement_count,
        "fee_total": dossier.fee_total,
        "fee_payable": dossier.fee_payable,
        "paid_online": dossier.paid_online,
        "has_result_file": bool(dossier.result_file),
        "components": len(components),
        "digitised": sum(c.digitised for c in components),
        "reused": sum(c.reused for c in components),
        "from_data_store": sum(c.from_data_store for c in components),
        "population_data": ApplicantSource.population_data(dossier.applicant_source),
    }


def component_rows(dossier):
    """The dossier's components, read once per action (add_components appends the rows it writes)."""
    if getattr(dossier, "_component_rows", None) is None:
        dossier._component_rows = list(dossier.components.all()) if dossier.pk else []
    return dossier._component_rows


def _iso(value):
    return value.isoformat() if value else None


def record(dossier, *, kind, to_status, actor, at, agency=None, note="", data=None, check=True, save=True):
    """Append an event, set the dossier's status to `to_status`, refresh its tracking view and save.

    Call inside a transaction after lock() (or on a dossier created in that transaction). `save=False` leaves
    the save to a later record() in the same transaction (a counter intake is accepted at once); the event says
    so (`event.followed`), so the writes its receivers owe (the sync record) may wait for the next event's.
    """
    if check:
        check_move(dossier, to_status)
    last = getattr(dossier, "_last_seq", None)
    if last is None:
        last = dossier.events.order_by("-seq").values_list("seq", flat=True).first() or 0
    event = DossierEvent(
        dossier=dossier,
        seq=last + 1,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        agency=agency or dossier.holder_agency or dossier.agency,
        from_status=dossier.status if last else "",
        to_status=to_status,
        note=note,
        data={**(data or {}), "snapshot": snapshot(dossier)},
    )
    written.add(dossier, "events", [event])  # before the save: its post_save hook builds the history with it
    event.followed = not save  # another event of the dossier is recorded before the transaction ends
    event.save(force_insert=True)
    dossier._last_seq = event.seq
    dossier.status = to_status
    dossier.tracking = tracking.view_after(dossier, event)
    if save:
        dossier.save(update_fields=written.changed(dossier))
        written.saved(dossier)
    transaction.on_commit(lambda: notify.notify_citizen(dossier, event))
    return event
