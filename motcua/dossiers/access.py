"""Who may see and act on which dossier. Every view, endpoint and admin page goes through these functions.

Staff see the dossiers received by, or routed through, an agency where they hold a units.Membership; citizens
see their own; the public needs the code and a second factor (last four digits of the phone or ID number).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from motcua.units.models import Membership

from .errors import DossierNotFound, NotAllowed
from .models import Dossier, DossierStep


def agency_ids_of(user):
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))


def dossiers_visible_to(user):
    """Return the dossiers `user` may see: staff by agency membership, citizens their own, others none."""
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    agencies = agency_ids_of(user)
    if not agencies:
        return Dossier.objects.filter(citizen=user)
    routed = DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id__in=agencies)
    return Dossier.objects.filter(Q(agency_id__in=agencies) | Exists(routed))


def _by_public_id(queryset, code):
    code = (code or "").strip()
    return queryset.filter(Q(code=code) | Q(reference=code.upper())).first()


def get_dossier_for_staff(user, code):
    """Return the dossier with this code (or registration reference) if `user` is staff of one of its agencies.

    A dossier of another agency is reported as not found, so codes cannot be probed.
    """
    if not agency_ids_of(user):
        raise NotAllowed(_("Chỉ cán bộ của cơ quan mới được xem hồ sơ này."))
    dossier = _by_public_id(dossiers_visible_to(user), code)
    if dossier is None:
        raise DossierNotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return dossier


def get_dossier_for_citizen(user, code):
    dossier = _by_public_id(Dossier.objects.filter(citizen=user), code) if user.is_authenticated else None
    if dossier is None:
        raise DossierNotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return dossier


def get_dossier_for_tracking(code, secret):
    """Return the dossier if `secret` equals the last four digits of the applicant's phone or ID number."""
    dossier = _by_public_id(Dossier.objects.select_related("version", "agency", "holder_agency", "holder"), code)
    secret = (secret or "").strip()
    if dossier is None or len(secret) != 4 or secret not in _second_factors(dossier):
        raise DossierNotFound(_("Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập."))
    return dossier


def _second_factors(dossier):
    digits = ["".join(ch for ch in value if ch.isalnum()) for value in (dossier.applicant_phone,
                                                                         dossier.applicant_id_number)]
    return {d[-4:] for d in digits if len(d) >= 4}


def check_member(user, agency, roles=None):
    """Raise NotAllowed unless `user` is a member of `agency` (with one of `roles` if given)."""
    memberships = Membership.objects.filter(user=user, agency=agency) if getattr(user, "pk", None) else None
    if memberships is None or not memberships.exists():
        raise NotAllowed(_("Cán bộ không thuộc %(agency)s nên không được thao tác hồ sơ này.") % {"agency": agency})
    if roles and not memberships.filter(role__in=roles).exists():
        raise NotAllowed(_("Thao tác này chỉ dành cho vai trò: %(roles)s.") % {
            "roles": ", ".join(str(Membership.Role(r).label) for r in roles)})


def check_owner(user, dossier):
    if not getattr(user, "pk", None) or dossier.citizen_id != user.pk:
        raise NotAllowed(_("Chỉ chủ hồ sơ mới được thực hiện thao tác này."))
