"""Where events become sync records: a receiver of post_save on DossierEvent and FeedbackEvent, which both
rooms create in exactly one place (dossiers.services._core.record; feedback.services), inside the action's
transaction. The outbox row is written in that same transaction (with the next event's when one follows in it):
no event without its record, no record without its event. Events written with bulk_create (the synthetic city) send no signal: `sync_backfill`
writes their records."""

from django.db.models.signals import post_save
from django.utils import timezone

from motcua.dossiers.models import Channel, DossierEvent
from motcua.feedback.models import FeedbackEvent

from . import dossier_record, pakn_record
from .models import OutboxRecord, Target


def connect():
    post_save.connect(_on_dossier_event, sender=DossierEvent, dispatch_uid="sync.dossier_event")
    post_save.connect(_on_feedback_event, sender=FeedbackEvent, dispatch_uid="sync.feedback_event")


def _on_dossier_event(sender, instance, created, raw=False, **kwargs):
    """The record is built now, as the dossier stands after this event; it is written with the next event's when
    another event of the dossier follows in this transaction (`event.followed`: a counter intake's submission and
    acceptance), in one statement."""
    if created and not raw:
        waiting = instance.dossier.__dict__.setdefault("_sync_waiting", [])
        waiting.append(OutboxRecord(**dossier_row(instance)))
        if not getattr(instance, "followed", False):
            OutboxRecord.objects.bulk_create(waiting)
            waiting.clear()


def _on_feedback_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        stream = f"pakn:{instance.feedback.code}"
        seq = OutboxRecord.objects.filter(stream=stream).count() + 1  # the item is locked by the action
        OutboxRecord.objects.create(
            target=Target.NATIONAL_PAKN, key=f"{stream}:{seq}", stream=stream, seq=seq,
            payload=pakn_record.build(instance), agency_id=instance.feedback.agency_id,
            received_on=timezone.localdate(instance.feedback.received_at), created_at=timezone.now())


def dossier_row(event) -> dict:
    """The outbox fields for one dossier event (also used by sync_backfill)."""
    dossier = event.dossier
    stream = f"hoso:{dossier.reference}"
    received = dossier.accepted_at or dossier.submitted_at
    return {
        "target": Target.NATIONAL_PORTAL, "key": f"{stream}:{event.seq}", "stream": stream, "seq": event.seq,
        "payload": dossier_record.build(event), "agency_id": dossier.agency_id,
        "received_on": timezone.localdate(received), "online": dossier.channel == Channel.ONLINE,
        "synthetic": dossier.is_synthetic, "created_at": timezone.now(),
    }
