"""Acceptance (Decree 61 Art.17.3–4) and refusal at intake (Mẫu 03).

Acceptance issues the dossier code, freezes the deadline with the working calendar, prices the fees
(payable and waived, with the legal basis) and lays out the route through the agencies.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from motcua.catalogue.models import Channel

from .. import codes, deadlines, fees, written
from ..access import check_member
from ..errors import InvalidDossier
from ..events import EventKind
from ..models import DossierFee
from ..workflow import Status
from ._core import check_move, lock, record
from .routing import build_route


@transaction.atomic
def accept_dossier(dossier, *, actor, at, time_limit_days=None):
    """Accept the dossier: code, frozen deadline, fees, route; return it in status "Được tiếp nhận".

    `time_limit_days`: the working days the receiving officer gives when the catalogue states no usable time
    limit for the channel (see needs_time_limit); refused when the catalogue states one.
    """
    dossier = lock(dossier)
    check_member(actor, dossier.agency, "accept")
    return accept_locked(dossier, actor=actor, at=at, time_limit_days=time_limit_days)


def accept_locked(dossier, *, actor, at, time_limit_days=None):
    """Accept a dossier the caller has locked (or just created) in its transaction, after checking the actor."""
    check_move(dossier, Status.ACCEPTED)
    channel = legal_channel(dossier)
    _freeze_deadline(dossier, channel, at, time_limit_days)
    dossier.code = codes.next_code(dossier.agency, at)
    dossier.accepted_at = at
    _price(dossier, channel, at)
    build_route(dossier, at=at)
    record(dossier, kind=EventKind.ACCEPTED, to_status=Status.ACCEPTED, actor=actor, at=at, agency=dossier.agency)
    return dossier


def legal_channel(dossier):
    """Return the catalogue Channel whose time limit and fees apply to this dossier, or None."""
    return channel_for(dossier.version, dossier.channel)


def channel_for(version, kind):
    """The version's channel of `kind`, else its first channel, else None."""
    prefetch_related_objects([version], "channels__fees")  # no query when the caller read them already
    channels = list(version.channels.all())
    same = [c for c in channels if c.kind == kind]
    return (same or channels or [None])[0]


def needs_time_limit(channel):
    """True when the catalogue gives no time limit the calendar can count for this channel (about a quarter of
    the procedures: a number without a unit, free text, or none); the receiving officer then sets one."""
    return channel is None or not deadlines.has_limit(channel.duration_value, channel.duration_unit)


MAX_TIME_LIMIT_DAYS = 365


def _freeze_deadline(dossier, channel, at, time_limit_days):
    if channel is not None:
        dossier.duration_value = channel.duration_value
        dossier.duration_unit = channel.duration_unit
        dossier.duration_text = channel.duration_text
    if time_limit_days is not None:
        if not needs_time_limit(channel):
            raise InvalidDossier(_("Thủ tục đã quy định thời hạn giải quyết (%(t)s); không nhập thời hạn khác.")
                                 % {"t": channel.duration_text or channel.duration_value})
        if not 1 <= time_limit_days <= MAX_TIME_LIMIT_DAYS:
            raise InvalidDossier(_("Thời hạn hẹn trả phải từ 1 đến %(n)s ngày làm việc.") % {"n": MAX_TIME_LIMIT_DAYS})
        dossier.duration_value, dossier.duration_unit = Decimal(time_limit_days), Channel.Unit.WORKING_DAYS
        dossier.duration_text = _("%(n)s ngày làm việc, do nơi tiếp nhận hẹn (danh mục thủ tục không ghi rõ "
                                  "thời hạn)") % {"n": time_limit_days}
    dossier.due_at = deadlines.due_for(at, dossier.duration_value, dossier.duration_unit, agency=dossier.agency)
    dossier.original_due_at = dossier.due_at


def _price(dossier, channel, at):
    items = list(channel.fees.all()) if channel is not None else []
    lines = fees.price_dossier(fee_items=items, agency=dossier.agency, channel=dossier.channel, at=at,
                               assisted=dossier.assisted_by_id is not None)
    written.add(dossier, "fees", DossierFee.objects.bulk_create([DossierFee(dossier=dossier, **vars(line))
                                                                for line in lines]))
    dossier.fee_total = sum(line.amount for line in lines)
    dossier.fee_payable = sum(line.payable for line in lines)
    dossier.fee_waived = sum(line.waived for line in lines)


@transaction.atomic
def refuse_intake(dossier, *, actor, at, reason):
    """Refuse to take the dossier in, with reasons (Mẫu 03, Decree 61 Art.17.1.b, 17.2)."""
    dossier = lock(dossier)
    check_member(actor, dossier.agency, "refuse_intake")
    if not (reason or "").strip():
        raise InvalidDossier(_("Cần nêu rõ lý do từ chối tiếp nhận."))
    check_move(dossier, Status.NOT_ACCEPTED)
    dossier.refused_at = dossier.finished_at = at
    dossier.reason = reason.strip()
    record(dossier, kind=EventKind.NOT_ACCEPTED, to_status=Status.NOT_ACCEPTED, actor=actor, at=at, note=dossier.reason)
    return dossier
