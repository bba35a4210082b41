"""Counter rating: the citizen presses one of five buttons on the tablet at the counter (NĐ 61 Art.29).

A rating is credited to the officer whose name the device showed when the button was pressed. The page
sends that officer's membership id with the rating, because a rating queued while the network was down may
arrive after the officer has left the counter.
"""

import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.limits import services as limits
from motcua.units.models import Membership

from .. import conf
from ..errors import RatingError, RatingForbidden, RatingNotFound
from ..models import CounterDevice, CounterRating
from ..scale import Score

FUTURE_TOLERANCE = timedelta(minutes=5)


def get_device(token):
    """Return the active device with this token, or raise RatingNotFound."""
    device = CounterDevice.objects.select_related("agency", "officer__user").filter(token=token, is_active=True).first()
    if device is None:
        raise RatingNotFound(_("Không tìm thấy thiết bị đánh giá này hoặc thiết bị đã ngừng sử dụng."))
    return device


def claim_device(device, *, actor):
    """Seat `actor` at the device's counter: later ratings are credited to them."""
    membership = (
        Membership.objects.filter(user=actor, agency=device.agency)
        .order_by("role")
        .first()
    )
    if membership is None:
        raise RatingForbidden(_("Ông/Bà không phải cán bộ của %(agency)s.") % {"agency": device.agency.name})
    device.officer = membership
    device.save(update_fields=["officer"])
    return device


def release_device(device, *, actor):
    """Take the officer off the device (end of shift)."""
    if device.officer_id and device.officer.user_id != actor.pk and not actor.is_superuser:
        raise RatingForbidden(_("Chỉ cán bộ đang ngồi quầy mới được rời quầy trên thiết bị này."))
    device.officer = None
    device.save(update_fields=["officer"])
    return device


def record_counter_rating(device, *, score, client_id, at, officer_id=None, rated_at=None, dossier=None):
    """Record one press; a retry with the same client_id returns the first rating unchanged.

    `officer_id` is the membership shown on the page when the button was pressed (default: the officer now at
    the device). `rated_at` is the device's clock; it is trusted within the offline window, otherwise `at`.
    """
    score = _parse_score(score)
    client_id = _parse_client_id(client_id)
    existing = CounterRating.objects.filter(device=device, client_id=client_id).first()
    if existing is not None:
        return existing
    # A citizen presses once; a stuck button or a script must not fill the officer's record (motcua.limits).
    limits.take("counter_press", device.pk, _("Thiết bị gửi quá nhiều lượt đánh giá trong một phút."))
    membership = _officer_for(device, officer_id)
    when, queued = _when(rated_at, at)
    rating = CounterRating(
        device=device,
        agency_id=device.agency_id,
        membership=membership,
        officer_id=membership.user_id if membership else None,
        score=score,
        rated_at=when,
        received_at=at,
        client_id=client_id,
        was_queued=queued,
        dossier=dossier,
    )
    try:
        # Two uploads of the same queued rating can race (the page retries on "online" and on a timer).
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        return CounterRating.objects.get(device=device, client_id=client_id)
    return rating


def _parse_score(raw):
    try:
        score = int(raw)
    except (TypeError, ValueError):
        score = None
    if score not in Score.values:
        raise RatingError(_("Mức đánh giá phải là một số từ 1 đến 5."))
    return score


def _parse_client_id(raw):
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw))
    except (TypeError, ValueError):
        raise RatingError(_("Mã lần bấm không hợp lệ.")) from None


def _officer_for(device, officer_id):
    if officer_id in (None, ""):
        return device.officer
    try:
        membership = Membership.objects.get(pk=int(officer_id))
    except (TypeError, ValueError, Membership.DoesNotExist):
        raise RatingError(_("Không tìm thấy cán bộ được đánh giá.")) from None
    if membership.agency_id != device.agency_id:
        raise RatingError(_("Cán bộ được đánh giá không thuộc cơ quan của quầy này."))
    return membership


def _when(rated_at, at):
    """Return (time of the press, whether it came late from the offline queue)."""
    if rated_at is None or rated_at > at + FUTURE_TOLERANCE or rated_at < at - conf.offline_max_age():
        return at, False
    return min(rated_at, at), at - rated_at > timedelta(seconds=30)
