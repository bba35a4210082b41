"""The counter rating of a ticket: the citizen rates the officer who served them from the ticket's page.

The rating is recorded through ratings (the counter device of that counter, created on first use), credited to
the officer who served the ticket and attached to the dossier taken at the counter. One rating per ticket: the
ticket's token is the press id, so a retried press changes nothing.
"""

import uuid

from django.utils.translation import gettext as _

from motcua.ratings.models import CounterDevice
from motcua.ratings.services.counter import record_counter_rating
from motcua.units.models import Membership

from .errors import OfficeConflict
from .models import Ticket


def rate_ticket(ticket, score, *, at):
    if ticket.status != Ticket.Status.DONE or ticket.counter_id is None:
        raise OfficeConflict(_("Ông/Bà đánh giá được sau khi đã được phục vụ xong tại quầy."))
    device, _created = CounterDevice.objects.get_or_create(
        agency_id=ticket.agency_id, counter=_("Quầy số %(n)s") % {"n": ticket.counter.number})
    membership = Membership.objects.filter(user_id=ticket.officer_id, agency_id=ticket.agency_id).order_by(
        "role").first()
    rating = record_counter_rating(device, score=score, client_id=uuid.UUID(ticket.token), at=at,
                                   officer_id=membership.pk if membership else None, dossier=ticket.dossier)
    Ticket.objects.filter(pk=ticket.pk, rating__isnull=True).update(rating=rating)
    ticket.rating = rating
    return rating
