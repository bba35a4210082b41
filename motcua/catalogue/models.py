"""The catalogue of administrative procedures (thủ tục hành chính), versioned.

A Procedure is the stable identity (its national code, e.g. 1.001193). Every edit creates a new
ProcedureVersion with its effective date and author; the public shows the version in force.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .parsing.papers import CONSENT_DATABASES, DATABASES


class Field(models.Model):
    """A field of administration (lĩnh vực), e.g. Hộ tịch."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name


class Procedure(models.Model):
    code = models.CharField(_("mã thủ tục"), max_length=20, unique=True)
    agencies = models.ManyToManyField(
        "units.Agency", blank=True, related_name="procedures", verbose_name=_("cơ quan tiếp nhận tại địa phương")
    )
    # Denormalised pointer to the version in force, kept by services.refresh_current().
    current = models.OneToOneField(
        "ProcedureVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self):
        return f"{self.code} {self.current.name if self.current else ''}".strip()


class ProcedureVersion(models.Model):
    class Source(models.TextChoices):
        DVCQG = "dvcqg", _("Cổng Dịch vụ công quốc gia")
        STRUCTURED = "structured", _("Bản có cấu trúc (Bộ Quốc phòng)")
        COMMUNE = "commune", _("Cổng Dịch vụ công quốc gia, bản có cấu trúc cấp xã")
        EDITOR = "editor", _("Biên tập viên")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions", verbose_name=_("thủ tục"))
    number = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    effective_from = models.DateField(_("có hiệu lực từ"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, verbose_name=_("người sửa")
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    change_note = models.CharField(_("nội dung thay đổi"), max_length=255, blank=True)
    source = models.CharField(_("nguồn"), max_length=20, choices=Source.choices, default=Source.EDITOR)

    name = models.TextField(_("tên thủ tục"))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("lĩnh vực"))
    level = models.CharField(_("cấp thực hiện"), max_length=255, blank=True)
    kind = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    subjects = models.TextField(_("đối tượng thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    results = models.TextField(_("kết quả thực hiện"), blank=True)
    competent_agency = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    implementing_agency = models.TextField(_("cơ quan thực hiện"), blank=True)
    delegated_agency = models.TextField(_("cơ quan được ủy quyền"), blank=True)
    coordinating_agency = models.TextField(_("cơ quan phối hợp"), blank=True)
    receiving_address = models.TextField(_("địa chỉ tiếp nhận hồ sơ"), blank=True)
    related_procedures = models.TextField(_("thủ tục liên quan"), blank=True)
    source_url = models.URLField(_("nguồn công bố"), max_length=500, blank=True)
    publishing_decision = models.CharField(_("quyết định công bố"), max_length=255, blank=True)
    # Whether the legal clock restarts from zero after a supplement (Decree 61 Art. 19.4) or resumes.
    supplement_restarts_clock = models.BooleanField(_("bổ sung hồ sơ thì tính lại thời hạn từ đầu"), default=True)

    raw = models.JSONField(_("văn bản gốc"), default=dict, blank=True, editable=False)
    parse_issues = models.JSONField(_("phần chưa phân tích được"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["procedure", "-effective_from", "-number"]
        unique_together = [("procedure", "number")]
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")

    def __str__(self):
        return f"{self.procedure.code} v{self.number}"


class Channel(models.Model):
    """A way to submit (trực tiếp, trực tuyến, bưu chính) with its processing time and fees."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Trực tiếp")
        ONLINE = "online", _("Trực tuyến")
        POSTAL = "postal", _("Dịch vụ bưu chính")

    class Unit(models.TextChoices):
        WORKING_DAYS = "working_days", _("ngày làm việc")
        CALENDAR_DAYS = "calendar_days", _("ngày")
        HOURS = "hours", _("giờ làm việc")
        MONTHS = "months", _("tháng")
        SAME_DAY = "same_day", _("trong ngày")

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("hình thức nộp"), max_length=10, choices=Kind.choices)
    duration_value = models.DecimalField(_("thời hạn"), max_digits=8, decimal_places=2, null=True, blank=True)
    duration_unit = models.CharField(_("đơn vị thời hạn"), max_length=20, choices=Unit.choices, blank=True)
    duration_text = models.CharField(_("thời hạn (nguyên văn)"), max_length=255, blank=True)
    # The table printed a number without its unit; the unit was read from this sentence of the same record.
    duration_evidence = models.TextField(_("đơn vị thời hạn suy ra từ câu"), blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        ordering = ["version", "kind"]
        verbose_name = _("cách thức thực hiện")
        verbose_name_plural = _("cách thức thực hiện")

    def __str__(self):
        return self.get_kind_display()

    @property
    def duration_label(self):
        """The time limit as a citizen reads it: "5 ngày làm việc", "Trong ngày", or the source text."""
        if self.duration_unit == self.Unit.SAME_DAY:
            return str(_("Trong ngày"))
        if self.duration_value is None:
            return self.duration_text
        value = f"{self.duration_value:f}".rstrip("0").rstrip(".").replace(".", ",")
        if not self.duration_unit:  # the national portal printed a number without its unit
            return f"{value} ({_('nguồn công bố không ghi đơn vị, cơ quan hẹn khi tiếp nhận')})"
        return f"{value} {self.get_duration_unit_display()}"

    @property
    def duration_inferred(self):
        """The unit is not in the table but read from a sentence of the record (kept in duration_evidence)."""
        return bool(self.duration_unit and self.duration_evidence)


class FeeItem(models.Model):
    class Kind(models.TextChoices):
        FEE = "phi", _("Phí")
        CHARGE = "le_phi", _("Lệ phí")
        NONE = "mien_phi", _("Không thu")

    class SetBy(models.TextChoices):
        MINISTRY_OF_FINANCE = "mof", _("Bộ Tài chính")
        PROVINCIAL_COUNCIL = "hdnd", _("HĐND cấp tỉnh")
        UNKNOWN = "unknown", _("Chưa xác định")

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="fees")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CHARGE)
    set_by = models.CharField(_("thẩm quyền quy định"), max_length=10, choices=SetBy.choices, default=SetBy.UNKNOWN)
    appraisal = models.BooleanField(_("phí thẩm định"), default=False)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")


class Component(models.Model):
    """A paper of the dossier (thành phần hồ sơ), with what it means for the citizen (see parsing/papers.py)."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("Nộp hoặc tải lên")
        PRESENT = "present", _("Xuất trình tại nơi tiếp nhận")
        NOTE = "note", _("Lưu ý, không phải giấy tờ")

    DATABASE_CHOICES = [(key, label) for key, (label, _pattern) in DATABASES.items()]

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    template = models.CharField(_("mẫu đơn, tờ khai"), max_length=500, blank=True)
    condition = models.TextField(_("áp dụng trong trường hợp"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.SUBMIT)
    alternatives = models.JSONField(_("giấy tờ thay thế được"), default=list, blank=True)
    obtainable_from = models.CharField(
        _("cơ quan tự tra cứu trong"), max_length=20, choices=DATABASE_CHOICES, blank=True
    )
    eform = models.BooleanField(_("tờ khai, đơn điền theo mẫu"), default=False)
    channels = models.JSONField(_("chỉ áp dụng cho hình thức nộp"), default=list, blank=True)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self):
        return self.name

    @property
    def required(self):
        """Asked of everyone: a paper to hand in, in every case, that no database gives the agency (a source that
        needs the citizen's consent gives it only when the dossier brings it from there: intake checks that)."""
        return (self.kind == self.Kind.SUBMIT and not self.condition.strip()
                and (not self.obtainable_from or self.obtainable_from in CONSENT_DATABASES))


class Step(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("bước thực hiện")
        verbose_name_plural = _("trình tự thực hiện")


class LegalBasis(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    number = models.CharField(_("số hiệu"), max_length=255, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")

    def __str__(self):
        return self.number or self.title


class SearchEntry(models.Model):
    """Folded text of the version in force, one row per procedure, for forgiving search on any database."""

    procedure = models.OneToOneField(Procedure, on_delete=models.CASCADE, primary_key=True, related_name="search_entry")
    name = models.TextField()
    # The name's words as search compares them (vocabulary.normalise_line of `name`), so ranking a query's
    # candidates reads them instead of normalising every name again.
    name_normalised = models.TextField(default="")
    body = models.TextField()
    field_id = models.IntegerField(null=True, db_index=True)
    level = models.CharField(max_length=255, blank=True, db_index=True)


from .citizen_terms import CitizenTerm  # noqa: E402,F401  (the citizen vocabulary; its own file)
