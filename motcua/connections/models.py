"""What the outside systems did: every call (for latency and error rate), and each system's breaker state.

Both live in the database, so every worker process sees the same breaker and the same last success.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConnectionCall(models.Model):
    """One call to an outside system (after its retries are counted separately: one row per attempt)."""

    system = models.CharField(_("hệ thống"), max_length=40)
    operation = models.CharField(_("thao tác"), max_length=60)
    at = models.DateTimeField(_("thời điểm"))
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"))
    ok = models.BooleanField(_("thành công"))
    status_code = models.PositiveSmallIntegerField(_("mã HTTP"), null=True, blank=True)
    error = models.CharField(_("lỗi"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lượt gọi hệ thống ngoài")
        verbose_name_plural = _("lượt gọi hệ thống ngoài")
        indexes = [models.Index(fields=["system", "at"])]


class ConnectionState(models.Model):
    """The circuit breaker of one system: consecutive failures, when it opened, the last success."""

    system = models.CharField(_("hệ thống"), max_length=40, unique=True)
    failures = models.PositiveIntegerField(_("số lần lỗi liên tiếp"), default=0)
    opened_at = models.DateTimeField(_("ngắt mạch từ"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("thành công gần nhất"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("lỗi gần nhất"), null=True, blank=True)
    last_error = models.CharField(_("nội dung lỗi gần nhất"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("trạng thái kết nối")
        verbose_name_plural = _("trạng thái kết nối")
