"""Feedback and petitions (phản ánh, kiến nghị — PAKN) and their append-only history.

Glossary: phản ánh, kiến nghị → Feedback; sự kiện → FeedbackEvent; khóa API Open311 → Open311ApiKey.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.lib.crypto_fields import EncryptedField

from .workflow import Action, State

TITLE_MAX = 200
CONTENT_MAX = 5000
ANSWER_MAX = 10000
NOTE_MAX = 2000


class Category(models.TextChoices):
    """What the item is about (NĐ 20/2008: regulations and officials' conduct; the national portal adds TTHC)."""

    PROCEDURE = "thu_tuc", _("Thủ tục hành chính")
    CONDUCT = "can_bo", _("Hành vi, thái độ của cán bộ, công chức")
    REGULATION = "quy_dinh", _("Quy định hành chính")


class Channel(models.TextChoices):
    WEB = "web", _("Cổng dịch vụ công (trực tuyến)")
    PHONE = "phone", _("Điện thoại, đường dây nóng")
    LETTER = "letter", _("Văn bản, thư")
    OPEN311 = "open311", _("Ứng dụng qua Open311")


class Feedback(models.Model):
    code = models.CharField(_("mã phản ánh"), max_length=20, unique=True, editable=False)
    category = models.CharField(_("loại"), max_length=20, choices=Category.choices)
    title = models.CharField(_("tiêu đề"), max_length=TITLE_MAX)
    content = models.TextField(_("nội dung"), max_length=CONTENT_MAX)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    procedure = models.ForeignKey(
        "catalogue.Procedure", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("thủ tục liên quan")
    )
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="feedback",
        verbose_name=_("cơ quan xử lý"),
    )
    # Personal data: never shown publicly; the published copy below is masked.
    citizen_name = models.CharField(_("họ tên người gửi"), max_length=100, blank=True)
    phone = EncryptedField(_("điện thoại"), max_length=20, blank=True)  # encrypted at rest (lib.crypto_fields)
    email = EncryptedField(_("thư điện tử"), max_length=254, email=True, blank=True)
    address = models.CharField(_("địa chỉ, nơi xảy ra"), max_length=255, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("cán bộ nhập thay"),
    )

    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.WAITING)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    # The stage clock restarts on transfer, on supplied information and on reopening (services.py says why).
    clock_started_at = models.DateTimeField(_("bắt đầu tính hạn"))
    refuse_due_at = models.DateTimeField(_("hạn từ chối"), null=True, blank=True)
    info_due_at = models.DateTimeField(_("hạn đề nghị bổ sung"), null=True, blank=True)
    answer_due_at = models.DateTimeField(_("hạn trả lời"), null=True, blank=True)
    publish_due_at = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    # The deadline of the stage the item is in now (None when nothing is due from the administration).
    due_at = models.DateTimeField(_("hạn hiện tại"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("nội dung trả lời"), max_length=ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)
    refused_at = models.DateTimeField(_("thời điểm từ chối"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do từ chối"), max_length=NOTE_MAX, blank=True)
    # Facts the indicators read: a stage finished after its deadline; the citizen reopened the answer.
    finished_late = models.BooleanField(_("có bước quá hạn"), default=False)
    reopened_count = models.PositiveIntegerField(_("số lần xử lý lại"), default=0)
    resolved_confirmed_at = models.DateTimeField(_("người gửi xác nhận đã giải quyết"), null=True, blank=True)

    # The published copy, personal data masked once at publication (masking.py).
    public_title = models.CharField(_("tiêu đề công khai"), max_length=TITLE_MAX, blank=True)
    public_content = models.TextField(_("nội dung công khai"), blank=True)
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [models.Index(fields=["agency", "received_at"]), models.Index(fields=["state", "published_at"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def contact_tail(self):
        """The last 4 digits of the phone, or the last 4 characters before '@' when only an email was given."""
        if self.phone:
            return "".join(c for c in self.phone if c.isdigit())[-4:]
        return self.email.split("@")[0][-4:].lower()


class FeedbackEvent(models.Model):
    """One act on a feedback item: who, at which agency, when, from which state to which. Never changed."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("hành động"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("từ trạng thái"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người thực hiện"),
    )
    actor_label = models.CharField(_("người thực hiện (hiển thị)"), max_length=150)
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cơ quan")
    )
    to_agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("chuyển tới cơ quan"),
    )
    at = models.DateTimeField(_("thời điểm"))
    note = models.TextField(_("ghi chú"), max_length=ANSWER_MAX, blank=True)
    # For an act that closes a stage: that stage's deadline and whether the act met it.
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    on_time = models.BooleanField(_("đúng hạn"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("sự kiện phản ánh")
        verbose_name_plural = _("sự kiện phản ánh")

    def __str__(self):
        return f"{self.feedback.code} {self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("FeedbackEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("FeedbackEvent is append-only")


def _new_key():
    return secrets.token_urlsafe(24)


class Open311ApiKey(models.Model):
    """A key that lets an Open311 client file items (GeoReport v2 POST needs api_key)."""

    name = models.CharField(_("ứng dụng, đơn vị sử dụng"), max_length=150)
    key = models.CharField(_("khóa"), max_length=64, unique=True, default=_new_key)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("khóa API Open311")
        verbose_name_plural = _("khóa API Open311")

    def __str__(self):
        return self.name
