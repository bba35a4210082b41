"""Help at the counter (dịch vụ tiện ích): printing, photocopying, scanning into an online dossier, guidance,
recorded per visit with the price charged (0 where free), so a unit can show what it gave."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from .errors import OfficeError
from .models import ExtraService, ExtraServiceGiven


def record(ticket, service, *, quantity, officer, at):
    """Record `quantity` units of `service` given to the holder of `ticket` at its counter."""
    if not service.is_active:
        raise OfficeError(_("Dịch vụ này hiện không cung cấp."))
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        quantity = 0
    if not 1 <= quantity <= 500:
        raise OfficeError(_("Số lượng phải từ 1 đến 500."))
    return ExtraServiceGiven.objects.create(agency_id=ticket.agency_id, service=service, ticket=ticket,
                                            quantity=quantity, unit_price=service.price,
                                            total=quantity * service.price, officer=officer, at=at)


def services():
    return ExtraService.objects.filter(is_active=True)


def report(given):
    """Per service: times given, units, amount charged."""
    return list(given.values("service__name").annotate(times=Count("id"), units=Sum("quantity"), amount=Sum("total"))
                .order_by("service__name"))
