"""Drill-down: the dossiers behind a figure of the board."""


from django.utils import timezone

from motcua.lib.queries import filter_given

from ..models import DossierFact
from .figures import current, open_at_end, overdue_q
from .periods import Period

DRILL_KINDS = {
    "received": "Hồ sơ tiếp nhận trong kỳ",
    "online": "Hồ sơ trực tuyến tiếp nhận trong kỳ",
    "finished": "Hồ sơ kết thúc xử lý trong kỳ",
    "on_time": "Hồ sơ kết thúc đúng hạn, trước hạn",
    "late": "Hồ sơ kết thúc quá hạn",
    "open": "Hồ sơ đang giải quyết cuối kỳ",
    "open_overdue": "Hồ sơ đang giải quyết đã quá hạn",
    "waived": "Hồ sơ được miễn, hỗ trợ phí, lệ phí",
}


@current
def drilldown(period: Period, kind: str, *, agency_id=None, commune_id=None, field_id=None, procedure_id=None,
              now=None):
    """Return a queryset of DossierFact rows behind one figure (select_related dossier for display)."""
    now = now or timezone.now()
    start, end = period.aware_start(), period.aware_end()
    facts = DossierFact.objects.all()
    if kind in ("open", "open_overdue"):
        facts, cutoff = open_at_end(period, now)
        if kind == "open_overdue":
            facts = facts.filter(overdue_q(cutoff))
    elif kind in ("received", "online", "waived"):
        facts = facts.filter(accepted_at__gte=start, accepted_at__lt=end)
        facts = facts.filter(online=True) if kind == "online" else facts
        facts = facts.filter(fee_waived__gt=0) if kind == "waived" else facts
    else:
        facts = facts.filter(finished_at__gte=start, finished_at__lt=end)
        facts = facts.filter(on_time=True) if kind == "on_time" else facts
        facts = facts.filter(on_time=False) if kind == "late" else facts
    facts = filter_given(facts, agency_id=agency_id, agency__commune_id=commune_id, field_id=field_id,
                         procedure_id=procedure_id)
    return facts.select_related("dossier", "agency", "procedure__current").order_by("-accepted_at")
