"""Every staff view of a dossier or a feedback item is recorded; the unit's head reads the record.

`record` writes one row (one INSERT). It is called by the functions that hand a dossier or a feedback item to
staff (dossiers.access.get_dossier_for_staff, feedback.access.get_feedback_for_staff: every console page and
API endpoint goes through them, and they ask which page is asking) and by the admin's change pages, so nothing
shows an item to staff without recording it. The caller passes the viewer's memberships it has just read to
check access, so recording adds no query.

Readers: the head of a unit, or an officer the head delegated the power "view_records" to (units.policy). They
see the views of their unit's dossiers and feedback, whoever made them, and the views their unit's staff made
of other units' items (a dossier routed to them).
"""

from itertools import chain

from django.db.models import Q
from django.utils import timezone

from . import policy
from .access import memberships_of
from .models import ViewRecord

Kind, Page = ViewRecord.Kind, ViewRecord.Page


def held_by(user) -> list[tuple[int, str]]:
    """The viewer's memberships as (agency id, role): the one query the access functions make."""
    return list(memberships_of(user).values_list("agency_id", "role"))


def record(user, held, *, kind, code, agency_id, page, reached=(), detail="", at=None):
    """Record that `user` saw item `code` of `agency_id` on `page`.

    `held`: the viewer's memberships (held_by); `reached`: the agencies through which the item may be reached,
    in order of preference (the item's own agency first); the membership recorded is the first of them the
    viewer holds (none for a superuser without one, in the admin).
    """
    roles = dict(reversed(held))  # agency id -> the viewer's first role there
    via = next((a for a in chain([agency_id], reached) if a in roles), None)  # `reached` read lazily
    return ViewRecord.objects.create(at=at or timezone.now(), user=user, via_agency_id=via,
                                     via_role=roles.get(via, ""), kind=kind, code=code, agency_id=agency_id,
                                     page=page, detail=detail[:100])


class RecordedInAdmin:
    """ModelAdmin mixin: opening an item's page in the admin records the view. The item has `agency_id` and
    `public_id` or `code`; `view_kind` is its Kind."""

    view_kind = None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        item = self.get_object(request, object_id) if response.status_code == 200 else None
        if item is not None:
            record(request.user, held_by(request.user), kind=self.view_kind, agency_id=item.agency_id,
                   code=getattr(item, "public_id", None) or item.code, page=Page.ADMIN)
        return response


def readable_agencies(user) -> set[int]:
    """The agencies whose view records `user` may read (head, or delegate of "view_records")."""
    return policy.agencies_where(user, "view_records")


def _of(agencies):
    return ViewRecord.objects.filter(Q(agency__in=agencies) | Q(via_agency__in=agencies))


def records_for(agencies, *, officer=None, code="", since=None, until=None):
    """The views of `agencies`' items and by their staff, newest first, filtered by officer (a user), item code
    and day range (dates, inclusive, in local time)."""
    rows = _of(agencies)
    if officer:
        rows = rows.filter(user=officer)
    if code:
        rows = rows.filter(code=code.strip())
    if since:
        rows = rows.filter(at__date__gte=since)
    if until:
        rows = rows.filter(at__date__lte=until)
    return rows.select_related("user", "via_agency", "agency").order_by("-at", "-pk")


def officers_of(agencies):
    """The officers who appear in the views of `agencies` (the officer filter's choices)."""
    from django.contrib.auth import get_user_model

    viewers = _of(agencies).values("user_id").distinct()
    return get_user_model().objects.filter(pk__in=viewers).order_by("last_name", "first_name", "username")


def viewers_of_dossier(dossier) -> int:
    """How many officers have viewed `dossier` (shown to its owner), under its reference or its code."""
    codes = [c for c in (dossier.code, dossier.reference) if c]
    return ViewRecord.objects.filter(kind=Kind.DOSSIER, code__in=codes).values("user_id").distinct().count()
