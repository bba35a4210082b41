"""Indicator configuration (versioned weights) and facts derived from dossier events."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexConfig(models.Model):
    """Weights and thresholds of the 766 index and of the scorecards, versioned by effective date.

    Some per-indicator points are not published (docs/domain.md §7.2), so they are data: an administrator
    adds a new row with a later effective date instead of editing history.
    """

    effective_from = models.DateField(_("áp dụng từ ngày"), default=timezone.localdate)
    data = models.JSONField(_("trọng số và ngưỡng"))
    note = models.CharField(_("ghi chú, căn cứ"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        verbose_name=_("người tạo"),
    )

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("cấu hình chỉ số")
        verbose_name_plural = _("cấu hình chỉ số")

    def __str__(self):
        return f"Cấu hình từ {self.effective_from:%d/%m/%Y}"


class DossierFact(models.Model):
    """What the indicators know about one dossier, folded from its events (one row per dossier, from its
    acceptance on: a dossier not accepted counts in no indicator).

    Kept current by `facts.catch_up`, which folds new DossierEvents; `rebuild_facts` folds all events again.
    """

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, primary_key=True,
                                   related_name="fact")
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+", db_index=False)
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.CASCADE, related_name="+")
    field_id = models.IntegerField(null=True, blank=True)
    online = models.BooleanField(default=False)
    status = models.CharField(max_length=30)
    last_seq = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    # due_at + completed supplement time: an open dossier is overdue at t when t > due_adjusted (766 rule).
    due_adjusted = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    supplement_started_at = models.DateTimeField(null=True, blank=True)
    supplement_seconds = models.BigIntegerField(default=0)
    fee_total = models.BigIntegerField(default=0)
    fee_waived = models.BigIntegerField(default=0)
    paid_online = models.BooleanField(default=False)
    has_result_file = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    from_data_store = models.BooleanField(default=False)
    population_data = models.BooleanField(default=False)
    on_time = models.BooleanField(null=True, blank=True)
    is_open = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("dữ kiện hồ sơ")
        verbose_name_plural = _("dữ kiện hồ sơ")
        indexes = [
            models.Index(fields=["agency", "accepted_at"]),
            # Open dossiers only (a few % of all), by due time: those past due at a cut-off are a short range of
            # it (index-only on PostgreSQL), and dossiers due now come in order.
            models.Index(fields=["due_adjusted", "agency", "supplement_count", "supplement_started_at", "accepted_at"],
                         condition=models.Q(is_open=True), name="dossierfact_open_by_due"),
            # The open dossiers that can be overdue before their due time: more than one supplement, or waiting
            # for one (services.unit_figures reads these beside the range above).
            models.Index(fields=["agency", "due_adjusted", "supplement_count", "supplement_started_at", "accepted_at"],
                         name="dossierfact_open_held",
                         condition=models.Q(is_open=True) & (models.Q(supplement_count__gt=1)
                                                             | models.Q(supplement_started_at__isnull=False))),
        ]


class AgencyOpenFact(models.Model):
    """How many dossiers of an agency are open now (accepted, not finished), kept current by the same deltas as
    the day rows: the board reads one row per agency instead of counting the open facts."""

    agency = models.OneToOneField("units.Agency", on_delete=models.CASCADE, primary_key=True, related_name="+")
    open = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số hồ sơ đang giải quyết")
        verbose_name_plural = _("số hồ sơ đang giải quyết")


class Counters(models.Model):
    """The counters a dossier adds to the day it was accepted (intake) and the day it finished (processing)."""

    received = models.IntegerField(default=0)
    online = models.IntegerField(default=0)
    digitised = models.IntegerField(default=0)
    reused = models.IntegerField(default=0)
    from_data_store = models.IntegerField(default=0)
    population_data = models.IntegerField(default=0)  # identity-authenticated or looked up in the registry (4.5)
    fee_bearing = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    waived_amount = models.BigIntegerField(default=0)
    finished = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    online_late = models.IntegerField(default=0)
    multi_supplement = models.IntegerField(default=0)
    with_result = models.IntegerField(default=0)
    digitised_full = models.IntegerField(default=0)
    processing_seconds = models.BigIntegerField(default=0)
    # On the first day of a month only: dossiers accepted before that day's midnight and finished at or after
    # it (the finished part of what was open at the end of the month before), and how many were overdue then.
    carried = models.IntegerField(default=0)
    carried_overdue = models.IntegerField(default=0)

    class Meta:
        abstract = True


class DailyFact(Counters):
    """Counts per agency × procedure × day, kept current incrementally (deltas of DossierFact changes).

    Counts about intake (received, online, digitised…) sit on the day of acceptance; counts about the end
    of processing (finished, on time, result file…) sit on the day processing ended. Days are local dates.
    """

    day = models.DateField()
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+", db_index=False)
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.CASCADE, related_name="+", db_index=False)
    field_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("dữ kiện theo ngày")
        verbose_name_plural = _("dữ kiện theo ngày")
        constraints = [models.UniqueConstraint(fields=["agency", "day", "procedure"], name="daily_fact_key")]
        indexes = [models.Index(fields=["day", "agency"])]


class AgencyDayFact(Counters):
    """DailyFact summed over procedures: one row per agency and day, kept current by the same deltas.

    Bounded by agencies × days whatever the number of dossiers or procedures: the board, trends and unit
    totals read this; what needs the procedure or the field reads DailyFact.
    """

    day = models.DateField()
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("dữ kiện đơn vị theo ngày")
        verbose_name_plural = _("dữ kiện đơn vị theo ngày")
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="agency_day_fact_key")]
        indexes = [models.Index(fields=["day", "agency"])]


COUNT_FIELDS = [
    "received", "online", "digitised", "reused", "from_data_store", "population_data", "fee_bearing", "paid_online",
    "waived_amount",
    "finished", "on_time", "early", "late", "online_late", "multi_supplement", "with_result", "digitised_full",
    "processing_seconds",
]
# Not summed over a period: read on the first day after a closed period only (services.unit_figures).
CARRIED_FIELDS = ["carried", "carried_overdue"]
DAY_FIELDS = COUNT_FIELDS + CARRIED_FIELDS


class SimulationRun(models.Model):
    """One run of `manage.py simulate`: what it generated (all of it synthetic, shown as such on screen)."""

    city = models.CharField(_("thành phố"), max_length=40)
    seed = models.IntegerField(_("hạt giống ngẫu nhiên"))
    days = models.PositiveIntegerField(_("số ngày"))
    dossiers = models.PositiveIntegerField(_("số hồ sơ"))
    params = models.JSONField(_("tham số, giả định"), default=dict)
    created_ids = models.JSONField(_("bản ghi đã tạo"), default=dict)
    created_at = models.DateTimeField(_("thời điểm chạy"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lần mô phỏng")
        verbose_name_plural = _("lần mô phỏng")

    def __str__(self):
        return f"Mô phỏng {self.city} {self.days} ngày (seed {self.seed})"
