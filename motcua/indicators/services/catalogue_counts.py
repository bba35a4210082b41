"""Catalogue-side indicators of the 766 index (1.3, 3.1, 3.2, 3.5), per agency."""


from django.db.models import Count, Q

from motcua.catalogue.models import FeeItem, Procedure

from ..models import DailyFact
from .figures import current
from .periods import Period


def catalogue_counts(agency_ids=None) -> dict:
    """Per agency: {"procedures": n received, "complete", "online", "fee", "fee_online": how many of them}.

    1.3 "complete" = name, steps, channel, dossier components, time limit, subjects and agency are all present.
    3.5 is approximated by fee-bearing procedures that can be submitted online (payment then goes through the
    portal's gateway) — the DVCQG payability flag is not in our catalogue. Cached for 10 minutes: the
    catalogue changes rarely and this reads every procedure of every agency.
    """
    from django.core.cache import cache

    key = "indicators:catalogue:" + ("all" if agency_ids is None else str(hash(tuple(sorted(agency_ids)))))
    out = cache.get(key)
    if out is None:
        out = _catalogue_counts(agency_ids)
        cache.set(key, out, 600)
    return out


def _catalogue_counts(agency_ids):
    """One grouped query over the agency–procedure links. Each flag is a set of procedure ids, computed once (a
    membership test of the current version against a small set of version ids, hashed by PostgreSQL), so each
    link costs one integer lookup per flag."""
    from motcua.catalogue.models import Channel, Component, Step

    def has(rows):
        return Q(current_id__in=rows)

    def ids(q):
        return Procedure.objects.filter(q).values("id")

    channels = Channel.objects.values("version_id")
    online, fee = has(channels.filter(kind=Channel.Kind.ONLINE)), has(FeeItem.objects.filter(amount__gt=0).values("channel__version_id"))
    # A channel with a time limit implies a channel, so "has a channel" needs no test of its own.
    complete = (~Q(current__subjects="") & ~Q(current__implementing_agency="")
                & has(Step.objects.values("version_id")) & has(Component.objects.values("version_id"))
                & has(channels.filter(Q(duration_value__isnull=False) | ~Q(duration_text=""))))
    links = Procedure.agencies.through.objects.filter(procedure__current__isnull=False)
    if agency_ids is not None:
        links = links.filter(agency_id__in=agency_ids)
    n = "procedure_id"
    rows = links.values("agency_id").annotate(
        procedures=Count(n), complete=Count(n, filter=Q(procedure_id__in=ids(complete))),
        online=Count(n, filter=Q(procedure_id__in=ids(online))), fee=Count(n, filter=Q(procedure_id__in=ids(fee))),
        fee_online=Count(n, filter=Q(procedure_id__in=ids(fee & online))),
    ).order_by()
    return {r.pop("agency_id"): r for r in rows}


@current
def procedures_with_online_dossiers(period: Period) -> dict:
    """Per agency: number of distinct procedures with at least one online dossier accepted in the period (3.2)."""
    rows = (DailyFact.objects.filter(day__gte=period.start, day__lt=period.end, online__gt=0)
            .values("agency_id").annotate(n=Count("procedure_id", distinct=True)).order_by())
    return {r["agency_id"]: r["n"] for r in rows}
