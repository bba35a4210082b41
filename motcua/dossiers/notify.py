"""Tell the citizen when something that matters to them happens. The dossiers-UI engineer fills the delivery.

Actions call `notify_citizen(dossier, event)` from `transaction.on_commit`, so nothing is sent for a move that
rolled back. The task itself runs in the background (django.tasks, database backend in production).
"""

from django.tasks import task

# Event kinds the citizen is told about (Decree 61 Art.17.2, 19.4, 19.9; Decree 224 Art.15.1.g).
CITIZEN_KINDS = frozenset(
    {
        "accepted",
        "not_accepted",
        "supplement_requested",
        "apology",
        "payment_requested",
        "refused",
        "stopped",
        "result_issued",
        "returned",
    }
)


def notify_citizen(dossier, event):
    """Queue the notification of `event` to the applicant, if its kind matters to them."""
    if event.kind in CITIZEN_KINDS:
        send_citizen_notification.enqueue(event.pk)


@task()
def send_citizen_notification(event_id):
    """Send the email / SMS for one event. Delivery backends are provided by the notifications module."""
    from .models import DossierEvent

    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None:
        return None
    deliver = _deliverer()
    return deliver(event) if deliver else None


def _deliverer():
    try:
        from .notifications import deliver
    except ImportError:
        return None
    return deliver
