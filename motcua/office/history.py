"""The audit trail of appointments and home visits: one entry per change, appended to the row's `history`."""

from django.utils import timezone


def note(obj, kind, *, at, actor=None, detail=""):
    """Append {at, kind, by, detail} to `obj.history` (saved by the caller with the change itself)."""
    obj.history = [*obj.history, {"at": timezone.localtime(at).isoformat(timespec="seconds"), "kind": kind,
                                  "by": getattr(actor, "username", "") or "", "detail": detail}]
