"""The outbox: one row per sync record, written in the transaction of the event it reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.lib.crypto_fields import EncryptedJSONField


class Target(models.TextChoices):
    """The receiving system: a name in the connections registry."""

    NATIONAL_PORTAL = "national_portal", _("Cổng Dịch vụ công quốc gia")
    NATIONAL_PAKN = "national_pakn", _("Hệ thống phản ánh, kiến nghị quốc gia")


class OutboxRecord(models.Model):
    target = models.CharField(_("hệ thống nhận"), max_length=30, choices=Target.choices)
    # "<stream>:<seq>": the receiver stores a key once, so a record sent twice is acknowledged, not duplicated.
    key = models.CharField(_("khóa"), max_length=120, unique=True)
    # One dossier or one feedback item; its records are sent in `seq` order.
    stream = models.CharField(_("luồng"), max_length=80)
    seq = models.PositiveIntegerField(_("số thứ tự trong luồng"))
    payload = EncryptedJSONField(_("bản ghi đồng bộ"))  # holds the applicant's ID number: encrypted at rest
    # What the figures need without reading the payload: the unit, the day the dossier was received.
    agency_id = models.IntegerField(_("cơ quan"), null=True, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    online = models.BooleanField(_("hồ sơ trực tuyến"), default=False)
    synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)
    created_at = models.DateTimeField(_("thời điểm ghi"))
    attempts = models.PositiveIntegerField(_("số lần gửi lỗi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại từ"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    sent_at = models.DateTimeField(_("thời điểm được xác nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản ghi đồng bộ")
        verbose_name_plural = _("bản ghi đồng bộ")
        constraints = [models.UniqueConstraint(fields=["stream", "seq"], name="sync_outbox_stream_seq")]
        indexes = [
            models.Index(fields=["target", "id"], condition=models.Q(sent_at__isnull=True), name="sync_outbox_pending"),
            models.Index(fields=["target", "sent_at"], name="sync_outbox_sent"),
            models.Index(fields=["target", "received_on", "agency_id"], name="sync_outbox_received"),
        ]

    def __str__(self):
        return self.key
