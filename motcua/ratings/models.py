"""Satisfaction records: counter ratings, SIPAS-style surveys, per-dossier evaluations (NĐ 61 Art.31).

Glossary: đánh giá tại quầy → CounterRating; thiết bị đánh giá → CounterDevice; khảo sát → Survey;
phiếu trả lời → SurveyResponse; đánh giá hồ sơ → DossierEvaluation.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scale import Score


def new_device_token():
    return secrets.token_urlsafe(18)


def new_survey_slug():
    return secrets.token_urlsafe(9).replace("_", "x").replace("-", "y").lower()


class CounterDevice(models.Model):
    """A tablet at a counter where the citizen rates the officer who served them just now (NĐ 61 Art.29)."""

    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, related_name="counter_devices", verbose_name=_("cơ quan")
    )
    counter = models.CharField(_("quầy"), max_length=60, help_text=_("Ví dụ: Quầy số 3"))
    token = models.CharField(_("mã thiết bị"), max_length=40, unique=True, default=new_device_token, editable=False)
    officer = models.ForeignKey(
        "units.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counter_devices",
        verbose_name=_("cán bộ đang ngồi quầy"),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["agency__name", "counter"]
        verbose_name = _("thiết bị đánh giá tại quầy")
        verbose_name_plural = _("thiết bị đánh giá tại quầy")
        constraints = [models.UniqueConstraint(fields=["agency", "counter"], name="ratings_device_unique_counter")]

    def __str__(self):
        return f"{self.counter} — {self.agency}"


class CounterRating(models.Model):
    """One press of a button on a counter device. Append-only."""

    device = models.ForeignKey(CounterDevice, on_delete=models.PROTECT, related_name="ratings")
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, related_name="counter_ratings", verbose_name=_("cơ quan")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="counter_ratings",
        verbose_name=_("cán bộ được đánh giá"),
    )
    membership = models.ForeignKey(
        "units.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="counter_ratings"
    )
    score = models.PositiveSmallIntegerField(_("mức hài lòng"), choices=Score.choices)
    rated_at = models.DateTimeField(_("thời điểm đánh giá"), db_index=True)
    received_at = models.DateTimeField(_("thời điểm máy chủ nhận"))
    # The device makes a fresh id per press; a retried upload of a queued rating carries the same id.
    client_id = models.UUIDField(_("mã lần bấm"))
    was_queued = models.BooleanField(_("gửi lại sau khi mất mạng"), default=False)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="counter_ratings"
    )

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("đánh giá tại quầy")
        verbose_name_plural = _("đánh giá tại quầy")
        constraints = [
            models.UniqueConstraint(fields=["device", "client_id"], name="ratings_counter_once_per_press"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="ratings_counter_score_1_5"),
        ]
        indexes = [models.Index(fields=["agency", "rated_at"]), models.Index(fields=["officer", "rated_at"])]

    def __str__(self):
        return f"{self.get_score_display()} — {self.agency} ({self.rated_at:%d/%m/%Y %H:%M})"


class Element(models.TextChoices):
    """The five SIPAS elements (QĐ 2640/QĐ-BNV 2017)."""

    ACCESS = "access", _("Tiếp cận dịch vụ")
    PROCEDURE = "procedure", _("Thủ tục hành chính")
    OFFICER = "officer", _("Công chức giải quyết công việc")
    RESULT = "result", _("Kết quả giải quyết")
    FEEDBACK = "feedback", _("Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị")


class Content(models.TextChoices):
    """The three SIPAS contents."""

    ASSESSMENT = "assessment", _("Nhận định")
    SATISFACTION = "satisfaction", _("Hài lòng")
    EXPECTATION = "expectation", _("Mong đợi")


class Survey(models.Model):
    """A survey in the SIPAS form, made by an administrator from a template and answered by link or QR."""

    title = models.CharField(_("tên cuộc khảo sát"), max_length=200)
    slug = models.SlugField(_("mã đường dẫn"), max_length=40, unique=True, default=new_survey_slug)
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    template_code = models.CharField(_("mẫu gốc"), max_length=40, blank=True, editable=False)
    agencies = models.ManyToManyField(
        "units.Agency", blank=True, related_name="surveys", verbose_name=_("cơ quan được khảo sát")
    )
    is_open = models.BooleanField(_("đang nhận trả lời"), default=True)
    opens_on = models.DateField(_("từ ngày"), null=True, blank=True)
    closes_on = models.DateField(_("đến ngày"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("cuộc khảo sát")
        verbose_name_plural = _("cuộc khảo sát")

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Mức hài lòng 1–5")
        AGREEMENT = "agreement", _("Mức đồng ý 1–5")
        CHOICE = "choice", _("Chọn nhiều phương án")
        TEXT = "text", _("Ý kiến tự do")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    element = models.CharField(_("yếu tố"), max_length=20, choices=Element.choices, blank=True)
    content = models.CharField(_("nội dung"), max_length=20, choices=Content.choices)
    kind = models.CharField(_("kiểu câu hỏi"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("câu hỏi"), max_length=400)
    options = models.JSONField(_("các phương án"), default=list, blank=True)
    max_choices = models.PositiveSmallIntegerField(_("số phương án tối đa"), null=True, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=False)

    class Meta:
        ordering = ["survey", "order", "id"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    """One citizen's answers to a survey about one agency."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), db_index=True)
    source = models.CharField(_("nguồn"), max_length=20, blank=True, help_text=_("link, qr, kiosk"))
    # A keyed hash of the sender's network address, only to limit repeated answers; never the address itself.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("phiếu trả lời khảo sát")
        verbose_name_plural = _("phiếu trả lời khảo sát")
        indexes = [
            models.Index(fields=["survey", "agency"]),
            models.Index(fields=["survey", "client_hash", "submitted_at"]),
        ]

    def __str__(self):
        return f"{self.survey} — {self.submitted_at:%d/%m/%Y}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="ratings_answer_once"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="ratings_answer_value_1_5",
            ),
        ]


class TimeAnswer(models.IntegerChoices):
    EARLY = 2, _("Sớm hơn ngày hẹn")
    ON_TIME = 1, _("Đúng ngày hẹn")
    LATE = 0, _("Muộn hơn ngày hẹn")


class ContactsAnswer(models.IntegerChoices):
    NONE = 2, _("Không phải đi lại, bổ sung lần nào")
    ONCE = 1, _("Phải bổ sung, đi lại 1 lần")
    MORE = 0, _("Phải bổ sung, đi lại nhiều hơn 1 lần")


class InformationAnswer(models.IntegerChoices):
    ACCURATE = 2, _("Đúng và đầy đủ như thực tế")
    PARTLY = 1, _("Có chỗ chưa đúng hoặc còn thiếu")
    WRONG = 0, _("Không đúng với thực tế")


class AttitudeAnswer(models.IntegerChoices):
    COURTEOUS = 2, _("Lịch sự, tận tình, hướng dẫn rõ ràng")
    ORDINARY = 1, _("Bình thường")
    IMPROPER = 0, _("Không đúng mực (gây khó khăn, phiền hà, hách dịch)")


class CostAnswer(models.IntegerChoices):
    AS_PUBLISHED = 2, _("Chỉ nộp đúng phí, lệ phí đã công khai (hoặc không phải nộp)")
    ABOVE_PUBLISHED = 1, _("Phải nộp cao hơn mức đã công khai")
    UNOFFICIAL = 0, _("Phải chi thêm khoản ngoài quy định")


class OnlineAnswer(models.IntegerChoices):
    GOOD = 2, _("Tốt, dễ dùng")
    FAIR = 1, _("Bình thường")
    POOR = 0, _("Kém, khó dùng hoặc hay lỗi")


class DossierEvaluation(models.Model):
    """The citizen's evaluation of one dossier after the result is returned (NĐ 61/2018 Art.31).

    One per dossier (the OneToOne is the database constraint); editable until `editable_until`.
    Each answer is stored as the 2/1/0 points of its option, the scale TT 01/2018 Art.13 uses.
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("hồ sơ")
    )
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, related_name="dossier_evaluations", verbose_name=_("cơ quan")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossier_evaluations",
        verbose_name=_("cán bộ tiếp nhận"),
    )
    time = models.PositiveSmallIntegerField(_("thời gian trả kết quả"), choices=TimeAnswer.choices)
    contacts = models.PositiveSmallIntegerField(_("số lần đi lại, bổ sung"), choices=ContactsAnswer.choices)
    information = models.PositiveSmallIntegerField(_("thông tin được công khai"), choices=InformationAnswer.choices)
    attitude = models.PositiveSmallIntegerField(_("thái độ của cán bộ"), choices=AttitudeAnswer.choices)
    cost = models.PositiveSmallIntegerField(_("chi phí"), choices=CostAnswer.choices)
    unofficial_cost = models.PositiveBigIntegerField(_("khoản chi ngoài quy định (đồng)"), null=True, blank=True)
    online = models.PositiveSmallIntegerField(
        _("chất lượng dịch vụ công trực tuyến"), choices=OnlineAnswer.choices, null=True, blank=True
    )
    comment = models.TextField(_("ý kiến khác"), blank=True)
    created_at = models.DateTimeField(_("gửi lúc"))
    updated_at = models.DateTimeField(_("sửa lần cuối"))
    editable_until = models.DateTimeField(_("được sửa đến"))
    revisions = models.PositiveSmallIntegerField(_("số lần sửa"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đánh giá giải quyết hồ sơ")
        verbose_name_plural = _("đánh giá giải quyết hồ sơ")
        indexes = [models.Index(fields=["agency", "created_at"]), models.Index(fields=["officer", "created_at"])]

    def __str__(self):
        return str(self.dossier)

    @property
    def signals_complaint(self):
        """The citizen reported improper conduct or an unofficial payment."""
        return self.attitude == AttitudeAnswer.IMPROPER or self.cost == CostAnswer.UNOFFICIAL


# The Art.31 criteria in the order the page asks them: (field, question in plain Vietnamese, choices).
CRITERIA = [
    ("time", _("Hồ sơ của Ông/Bà được trả kết quả"), TimeAnswer),
    ("contacts", _("Để hoàn thiện hồ sơ, Ông/Bà phải bổ sung, đi lại"), ContactsAnswer),
    ("information", _("Thông tin về thủ tục được công khai (giấy tờ, thời hạn, phí) so với thực tế"), InformationAnswer),
    ("attitude", _("Thái độ của cán bộ tiếp nhận, giải quyết hồ sơ"), AttitudeAnswer),
    ("cost", _("Chi phí Ông/Bà đã bỏ ra, kể cả khoản không chính thức"), CostAnswer),
    ("online", _("Dịch vụ công trực tuyến (bỏ qua nếu Ông/Bà không dùng)"), OnlineAnswer),
]
