"""Who is staff of which agency, in which role: the one rule every room (dossiers, feedback, indicators, the
console) asks.

Staff of an agency are the users holding a `Membership` of it; their role is the membership's. Being a Django
superuser grants the admin site and nothing here: work on dossiers, feedback and dashboards comes from
memberships only, so every act has an agency and a role behind it. City leaders hold a `LEADER` membership.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.lib.errors import DomainError, Forbidden

from .models import Agency, Membership


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "pk", None))


def memberships_of(user):
    return Membership.objects.filter(user=user) if _signed_in(user) else Membership.objects.none()


def agency_ids_of(user) -> set[int]:
    """The agencies `user` is staff of (empty for citizens and anonymous visitors)."""
    return set(memberships_of(user).values_list("agency_id", flat=True))


def staff_agencies(user):
    """The same agencies, as a queryset of Agency."""
    return Agency.objects.filter(pk__in=memberships_of(user).values("agency_id"))


def is_staff(user) -> bool:
    return memberships_of(user).exists()


def roles_in(user, agency_ids) -> set[str]:
    """The roles `user` holds in any of `agency_ids`. The rows read (with their titles) stay on the user instance,
    one request's, so the titles of the same user at those agencies need no second read (`titles_read`)."""
    rows = list(memberships_of(user).filter(agency_id__in=agency_ids).values_list("agency_id", "role", "title"))
    if _signed_in(user):
        user._memberships_read = (set(agency_ids), rows)
    return {role for _agency, role, _title in rows}


def title_of(role, title):
    """What a membership calls its holder: the title given, else the role's name."""
    return title or Membership.Role(role).label


def titles_read(user, agency_ids):
    """{agency: title} of `user` at `agency_ids` from the latest roles_in() on this user instance, or None when that
    read did not cover them."""
    read = getattr(user, "_memberships_read", None)
    if read is None or not set(agency_ids) <= read[0]:
        return None
    return {agency: title_of(role, title) for agency, role, title in read[1]}


def is_leader(user) -> bool:
    return memberships_of(user).filter(role=Membership.Role.LEADER).exists()


def headed_agencies(user):
    """The agencies `user` heads; a city leader oversees the agencies they are a member of."""
    roles = [Membership.Role.HEAD, Membership.Role.LEADER]
    return Agency.objects.filter(pk__in=memberships_of(user).filter(role__in=roles).values("agency_id"))


def staff_only(view=None, *, template="console/error.html"):
    """Signed-in staff only (a Membership); a `DomainError` raised by the view becomes `template` with its status.

    Use as `@staff_only` or `@staff_only(template=...)`.
    """
    if view is None:
        return functools.partial(staff_only, template=template)

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            if not is_staff(request.user):
                raise Forbidden(_("Trang này chỉ dành cho cán bộ của cơ quan."))
            return view(request, *args, **kwargs)
        except DomainError as e:
            return render(request, template, {"message": e.message}, status=e.status)

    return wrapped
