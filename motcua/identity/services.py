"""Signing in with the national identity: one account per verified personal number.

`sign_in` takes the verified claims of an ID token. The first time a number signs in, it links to the citizen's
earlier local account when the caller found exactly one (by the dossiers filed under that number), or makes a
new account; later sign-ins find the account by the number and refresh the name and level.
"""

import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from .errors import AssuranceTooLow, SignInFailed
from .models import AssuranceLevel, CitizenIdentity, ProcedureAssurance

PID = re.compile(r"^\d{12}$")


@transaction.atomic
def sign_in(claims, *, at, earlier_account=None):
    """The account of the person the claims prove; `earlier_account` is a local account to link on first sign-in."""
    pid = str(claims.get("pid") or "")
    level = claims.get("loa")
    if not PID.match(pid) or level not in AssuranceLevel.values:
        raise SignInFailed("claims without a 12-digit pid or a known level of assurance")
    name = " ".join(str(claims.get("name") or "").split())[:150]
    identity = CitizenIdentity.objects.select_for_update().select_related("user").filter(pid_hash__matches=pid).first()
    if identity is None:
        user = earlier_account if _linkable(earlier_account) else None
        if user is None:
            # The username names no personal number (it shows in logs and the admin): a random suffix.
            user = get_user_model().objects.create_user(username=f"dinhdanh-{secrets.token_hex(6)}",
                                                        first_name=name)
            user.set_unusable_password()
            user.save(update_fields=["password"])
        identity = CitizenIdentity(user=user, pid=pid, linked_at=at)
    identity.full_name = name
    identity.birth_date = _date(claims.get("birthdate"))
    identity.assurance_level = level
    identity.issuer = str(claims.get("iss") or settings.IDENTITY_PROVIDER["issuer"])[:200]
    identity.is_sandbox = bool(claims.get("synthetic")) or settings.IDENTITY_PROVIDER.get("sandbox", False)
    identity.last_sign_in_at = at
    identity.save()
    return identity.user


def _linkable(user):
    return user is not None and not user.is_staff and not CitizenIdentity.objects.filter(user=user).exists()


def _date(value):
    import datetime

    try:
        return datetime.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def identity_of(user):
    """The verified identity behind an account, or None (local accounts, staff, anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CitizenIdentity.objects.filter(user=user).first()


def required_level(procedure):
    """The lowest level of assurance a procedure needs online (0 when any account, or none, may file)."""
    row = ProcedureAssurance.objects.filter(procedure=procedure).values_list("level", flat=True).first()
    return row or 0


def check_assurance(user, procedure):
    """Refuse (AssuranceTooLow) when the procedure needs a level the user's identity does not have."""
    level = required_level(procedure)
    if not level:
        return
    identity = identity_of(user)
    if identity is None or identity.assurance_level < level:
        raise AssuranceTooLow(level)
