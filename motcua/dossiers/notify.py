"""Tell the citizen when something that matters to them happens (`EventKind.tells_citizen`).

Actions call `notify_citizen(dossier, event)` from `transaction.on_commit`, so nothing is sent for a move that
rolled back. The task itself runs in the background (django.tasks, database backend in production) and hands
the event to `notifications.deliver`.
"""

from django.tasks import task

from .events import TELLS_CITIZEN
from .models import DossierEvent
from .notifications import deliver


def notify_citizen(dossier, event):
    """Queue the notification of `event` to the applicant, if its kind matters to them."""
    if event.kind in TELLS_CITIZEN:
        send_citizen_notification.enqueue(event.pk)


@task()
def send_citizen_notification(event_id):
    """Send the email / SMS for one event."""
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    return deliver(event) if event is not None else None
