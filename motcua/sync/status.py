"""Backlog, failures and the sync rate, for the administrators' page, `manage.py sync_status` and the 766
indicators 1.4 and 3.3."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from .models import OutboxRecord, Target


@dataclass
class TargetStatus:
    target: str
    label: str
    records: int
    backlog: int
    failing: int
    oldest_pending_at: object
    sent_last_hour: int
    sent_per_minute: float       # over the last 10 minutes
    streams: int
    streams_synced: int          # streams with nothing left to send
    last_sent_at: object
    errors: list

    @property
    def sync_rate(self):
        return None if not self.streams else self.streams_synced / self.streams


def overview(now=None) -> list[TargetStatus]:
    now = now or timezone.now()
    out = []
    for target in Target:
        rows = OutboxRecord.objects.filter(target=target)
        agg = rows.aggregate(
            records=Count("id"), backlog=Count("id", filter=Q(sent_at__isnull=True)),
            failing=Count("id", filter=Q(sent_at__isnull=True, attempts__gt=0)),
            oldest=Min("created_at", filter=Q(sent_at__isnull=True)), last_sent=Max("sent_at"),
            hour=Count("id", filter=Q(sent_at__gte=now - timedelta(hours=1))),
            ten=Count("id", filter=Q(sent_at__gte=now - timedelta(minutes=10))))
        streams = rows.values("stream").distinct().count()
        pending_streams = rows.filter(sent_at__isnull=True).values("stream").distinct().count()
        errors = list(rows.filter(sent_at__isnull=True, attempts__gt=0).order_by("id")
                      .values("key", "attempts", "last_error", "next_attempt_at")[:20])
        out.append(TargetStatus(
            target=target.value, label=str(target.label), records=agg["records"], backlog=agg["backlog"],
            failing=agg["failing"], oldest_pending_at=agg["oldest"], sent_last_hour=agg["hour"],
            sent_per_minute=agg["ten"] / 10, streams=streams, streams_synced=streams - pending_streams,
            last_sent_at=agg["last_sent"], errors=errors))
    return out


def dossier_sync_counts(start, end, agency_ids=None) -> dict:
    """Per agency, dossiers received in [start, end): {agency_id: (synced, total, online_synced)}.

    766 indicator 1.4 divides synced dossiers by max(national reporting count, DVCQG count); neither national
    count reaches us, so the denominator here is the province's own count of dossiers with sync records.
    A dossier counts as synced when every record written for it has been acknowledged.
    """
    rows = OutboxRecord.objects.filter(target=Target.NATIONAL_PORTAL, received_on__gte=start, received_on__lt=end)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    per_stream = rows.values("stream", "agency_id").annotate(
        pending=Count("id", filter=Q(sent_at__isnull=True)), online=Count("id", filter=Q(online=True))).order_by()
    out = {}
    for r in per_stream:
        synced, total, online_synced = out.get(r["agency_id"], (0, 0, 0))
        ok = not r["pending"]
        out[r["agency_id"]] = (synced + ok, total + 1, online_synced + (ok and bool(r["online"])))
    return out
