"""Who may see and act on which dossier. Every view, endpoint and admin page goes through these functions.

Staff (units.access: a Membership, nothing else) see the dossiers received by, or routed through, one of
their agencies; citizens see their own; the public needs the code and a second factor (last four digits of the
phone or ID number).
"""

import json
from collections import namedtuple

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from motcua.lib.crypto_fields import decrypt
from motcua.limits import services as limits
from motcua.units import policy, view_records
from motcua.units.access import agency_ids_of, roles_in

from . import tracking
from .errors import DossierNotFound, NotAllowed, TooManyAttempts
from .models import Dossier, DossierStep

# Wrong four-digit answers allowed per dossier code and per client address in 15 minutes: the settings
# "tracking_code" and "tracking_address" of motcua.limits (20 and 20 by default).


def dossiers_visible_to(user):
    """Return the dossiers `user` may see: staff by agency membership, citizens their own, others none."""
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    agencies = agency_ids_of(user)
    if not agencies:
        return Dossier.objects.filter(citizen=user)
    return _of_agencies(agencies)


def _of_agencies(agencies):
    """The dossiers received by, or routed through, one of `agencies`."""
    routed = DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id__in=agencies)
    return Dossier.objects.filter(Q(agency_id__in=agencies) | Exists(routed))


def _by_public_id(queryset, code):
    code = (code or "").strip()
    # Code and reference are each unique and never look alike, so at most one row matches: no ordering needed.
    return next(iter(queryset.filter(Q(code=code) | Q(reference=code.upper()))[:1]), None)


def get_dossier_for_staff(user, code, *, page, detail=""):
    """Return the dossier with this code (or registration reference) if `user` is staff of one of its agencies,
    and record the view (units.view_records: `page` is the console page or API endpoint asking, a
    ViewRecord.Page; `detail` what on it, e.g. the form or the action).

    A dossier of another agency is reported as not found, so codes cannot be probed.
    """
    held = view_records.held_by(user)
    if not held:
        raise NotAllowed(_("Chỉ cán bộ của cơ quan mới được xem hồ sơ này."))
    agencies = {agency for agency, _role in held}
    dossier = _by_public_id(_of_agencies(agencies), code)
    if dossier is None:
        raise DossierNotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    view_records.record(user, held, kind=view_records.Kind.DOSSIER, code=dossier.public_id, agency_id=dossier.agency_id,
                        reached=_reached_through(dossier, agencies), page=page, detail=detail)
    return dossier


def _reached_through(dossier, agencies):
    """The agencies through which staff of `agencies` reach `dossier`: the one holding it, then its route
    (read only when the viewer is staff of neither the receiving nor the holding agency)."""
    yield dossier.holder_agency_id
    yield from DossierStep.objects.filter(dossier=dossier, agency_id__in=agencies).order_by("order").values_list(
        "agency_id", flat=True)


def get_dossier_for_citizen(user, code):
    dossier = _by_public_id(Dossier.objects.filter(citizen=user), code) if user.is_authenticated else None
    if dossier is None:
        raise DossierNotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return dossier


def get_dossier_for_tracking(code, secret, *, client=None):
    """Return the dossier if `secret` equals the last four digits of the applicant's phone or ID number.

    With `client` (the caller's address), wrong answers are budgeted (_check_second_factor), so the four digits
    cannot be found by trying them all.
    """
    dossier = _by_public_id(Dossier.objects.all(), code)
    _check_second_factor(dossier, secret, client, code)
    return dossier


def tracking_json_for(code, secret, *, client=None):
    """The public tracking view as JSON text, read with one narrow query (the API's hot path).

    Same checks as get_dossier_for_tracking. The statement is written out because at this size the ORM's
    compile step costs as much as the query; the stored view is returned as the database holds it.
    """
    code = (code or "").strip()
    with connection.cursor() as cursor:
        cursor.execute(_TRACKING_SQL, [code, code.upper()])
        row = cursor.fetchone()
    found = _TrackingRow(row[0], decrypt(row[1]), decrypt(row[2]), row[3]) if row else None
    _check_second_factor(found, secret, client, code)
    if found.view in ("", "{}"):  # a bulk-loaded row without a stored view
        return json.dumps(tracking.to_json(tracking.build(Dossier.objects.get(pk=found.pk))), ensure_ascii=False)
    return found.view


# The lookup of _by_public_id (code, or registration reference in capitals), written out.
_TRACKING_SQL = ("SELECT id, applicant_phone, applicant_id_number, CAST(tracking AS TEXT) "
                 f"FROM {Dossier._meta.db_table} WHERE code = %s OR reference = %s LIMIT 1")
_TrackingRow = namedtuple("_TrackingRow", "pk applicant_phone applicant_id_number view")


def _check_second_factor(dossier, secret, client, code=""):
    """Refuse unless `dossier` exists and `secret` is one of its second factors.

    Wrong answers are budgeted per dossier code (for everyone together) and per client address (see
    the limits "tracking_code" and "tracking_address"). A guess reserves its place in both budgets before it is judged, so several
    processes together never judge more than the budget; a right answer gives its place back. An address
    that spent its budget may still try a code it has not got wrong yet, so the owner behind a shared address
    (a ward office, a school) is never refused because of other people's wrong guesses there.
    """
    if client is None:
        return _judge(dossier, secret)
    code_key = (code or "").strip().upper()
    refused = _("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc gọi đường dây nóng.")
    if limits.hit("tracking_code", code_key) > limits.limit("tracking_code").allowed:
        raise TooManyAttempts(refused)
    pair = f"{client}|{code_key}"
    if (limits.hit("tracking_address", client) > limits.limit("tracking_address").allowed
            and limits.count("tracking_pair", pair)):
        limits.refund("tracking_code", code_key)
        limits.refund("tracking_address", client)
        raise TooManyAttempts(refused)
    try:
        _judge(dossier, secret)
    except DossierNotFound:
        limits.hit("tracking_pair", pair)
        raise
    limits.refund("tracking_code", code_key)
    limits.refund("tracking_address", client)


def _judge(dossier, secret):
    secret = (secret or "").strip()
    if dossier is None or len(secret) != 4 or secret not in _second_factors(dossier):
        raise DossierNotFound(_("Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập."))


def _second_factors(dossier):
    digits = ["".join(ch for ch in value if ch.isalnum()) for value in (dossier.applicant_phone,
                                                                         dossier.applicant_id_number)]
    return {d[-4:] for d in digits if len(d) >= 4}


def check_member(user, agency, action=None):
    """Raise NotAllowed unless `user` is staff of `agency` and, given `action`, may take it there (units.policy:
    by role, or by the head's recorded delegation)."""
    check_staff_of_any(user, [agency.pk], action, _("Cán bộ không thuộc %(agency)s nên không được thao tác hồ sơ "
                                                    "này.") % {"agency": agency})


def check_staff_of_any(user, agency_ids, action, message):
    """Raise NotAllowed(message) unless `user` is staff of one of `agency_ids`; then as check_member."""
    roles = roles_in(user, agency_ids)
    if not roles:
        raise NotAllowed(message)
    if action is not None and not policy.may(user, action, agency_ids, roles=roles):
        raise NotAllowed(policy.refusal(action))


def check_owner(user, dossier):
    if not getattr(user, "pk", None) or dossier.citizen_id != user.pk:
        raise NotAllowed(_("Chỉ chủ hồ sơ mới được thực hiện thao tác này."))
