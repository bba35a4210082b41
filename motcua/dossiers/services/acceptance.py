"""Acceptance (Decree 61 Art.17.3–4) and refusal at intake (Mẫu 03).

Acceptance issues the dossier code, freezes the deadline with the working calendar, prices the fees
(payable and waived, with the legal basis) and lays out the route through the agencies.
"""

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from .. import codes, deadlines, fees
from ..access import check_member
from ..errors import InvalidDossier
from ..models import DossierFee
from ..workflow import Status
from ._core import check_move, lock, record
from .routing import build_route


@transaction.atomic
def accept_dossier(dossier, *, actor, at):
    """Accept the dossier: code, frozen deadline, fees, route; return it in status "Được tiếp nhận"."""
    dossier = lock(dossier)
    check_member(actor, dossier.agency)
    return accept_locked(dossier, actor=actor, at=at)


def accept_locked(dossier, *, actor, at):
    """Accept a dossier the caller has locked (or just created) in its transaction, after checking the actor."""
    check_move(dossier, Status.ACCEPTED)
    dossier.code = codes.next_code(dossier.agency, at)
    dossier.accepted_at = at
    channel = legal_channel(dossier)
    _freeze_deadline(dossier, channel, at)
    _price(dossier, channel, at)
    build_route(dossier, at=at)
    record(dossier, kind="accepted", to_status=Status.ACCEPTED, actor=actor, at=at, agency=dossier.agency)
    return dossier


def legal_channel(dossier):
    """Return the catalogue Channel whose time limit and fees apply to this dossier, or None."""
    prefetch_related_objects([dossier.version], "channels__fees")  # no query when the caller read them already
    channels = list(dossier.version.channels.all())
    same = [c for c in channels if c.kind == dossier.channel]
    return (same or channels or [None])[0]


def _freeze_deadline(dossier, channel, at):
    if channel is not None:
        dossier.duration_value = channel.duration_value
        dossier.duration_unit = channel.duration_unit
        dossier.duration_text = channel.duration_text
    dossier.due_at = deadlines.due_for(at, dossier.duration_value, dossier.duration_unit, agency=dossier.agency)
    dossier.original_due_at = dossier.due_at


def _price(dossier, channel, at):
    items = list(channel.fees.all()) if channel is not None else []
    lines = fees.price_dossier(fee_items=items, agency=dossier.agency, channel=dossier.channel, at=at)
    DossierFee.objects.bulk_create([DossierFee(dossier=dossier, **vars(line)) for line in lines])
    dossier.fee_total = sum(line.amount for line in lines)
    dossier.fee_payable = sum(line.payable for line in lines)
    dossier.fee_waived = sum(line.waived for line in lines)


@transaction.atomic
def refuse_intake(dossier, *, actor, at, reason):
    """Refuse to take the dossier in, with reasons (Mẫu 03, Decree 61 Art.17.1.b, 17.2)."""
    dossier = lock(dossier)
    check_member(actor, dossier.agency)
    if not (reason or "").strip():
        raise InvalidDossier(_("Cần nêu rõ lý do từ chối tiếp nhận."))
    check_move(dossier, Status.NOT_ACCEPTED)
    dossier.refused_at = dossier.finished_at = at
    dossier.reason = reason.strip()
    record(dossier, kind="not_accepted", to_status=Status.NOT_ACCEPTED, actor=actor, at=at, note=dossier.reason)
    return dossier
