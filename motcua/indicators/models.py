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
