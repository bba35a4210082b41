"""Dossiers (hồ sơ) and everything recorded about them.

Glossary: hồ sơ → Dossier; thành phần hồ sơ → DossierComponent; sự kiện → DossierEvent; quy trình → RouteTemplate;
bước xử lý → DossierStep (one row per step of one dossier, the control sheet Mẫu 05/06); phí, lệ phí → DossierFee;
thanh toán → Payment. Change state only through `dossiers.services`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Channel as CatalogueChannel
from motcua.lib.crypto_fields import BlindIndexField, EncryptedField
from motcua.units.models import Membership

from .events import EventKind
from .workflow import Status

# A dossier arrives on one of the catalogue's channels: one list of channels for the whole project.
Channel = CatalogueChannel.Kind


class Delivery(models.TextChoices):
    COUNTER = "counter", _("Nhận tại Bộ phận Một cửa")
    POST = "post", _("Nhận qua dịch vụ bưu chính")
    ONLINE = "online", _("Nhận trực tuyến")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")


class ApplicantSource(models.TextChoices):
    """Where the applicant's identity data came from; IDENTITY and REGISTRY count as population data used (766 4.5)."""

    TYPED = "", _("Công dân tự khai")
    IDENTITY = "identity", _("Tài khoản định danh điện tử")
    REGISTRY = "registry", _("CSDL quốc gia về dân cư")
    UNVERIFIED = "unverified", _("Tự khai, chưa xác thực được (CSDL dân cư không kết nối được)")

    @classmethod
    def population_data(cls, value):
        return value in (cls.IDENTITY, cls.REGISTRY)


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Giải quyết")
    REFUSED = "refused", _("Từ chối giải quyết")


def new_reference():
    return uuid.uuid4().hex[:12].upper()


class Dossier(models.Model):
    # Dossier code (TT 01/2018 Art.19), issued on acceptance; `reference` identifies it before that.
    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True, null=True, blank=True, editable=False)
    reference = models.CharField(_("mã đăng ký"), max_length=20, unique=True, default=new_reference, editable=False)
    # Hash of (submitter, the client's key) and digest of the payload: see services.intake.
    idempotency_key = models.CharField(max_length=100, unique=True, null=True, blank=True, editable=False)
    idempotency_digest = models.CharField(max_length=64, blank=True, editable=False)

    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.PROTECT, related_name="dossiers",
                                  verbose_name=_("thủ tục"))
    version = models.ForeignKey("catalogue.ProcedureVersion", on_delete=models.PROTECT, related_name="dossiers",
                                verbose_name=_("phiên bản thủ tục"))
    # No index of its own: the (agency, status) index below serves every lookup by agency.
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="dossiers",
                               verbose_name=_("cơ quan tiếp nhận"), db_index=False)
    channel = models.CharField(_("kênh nộp"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("trạng thái"), max_length=30, choices=Status.choices, default=Status.SUBMITTED,
                              editable=False)
    outcome = models.CharField(_("kết quả giải quyết"), max_length=10, choices=Outcome.choices, blank=True)

    applicant_kind = models.CharField(_("loại chủ hồ sơ"), max_length=20, choices=ApplicantKind.choices,
                                      default=ApplicantKind.PERSON)
    applicant_name = models.CharField(_("chủ hồ sơ"), max_length=255)
    # Personal data, encrypted at rest; exact search through the keyed hashes (motcua.lib.crypto_fields).
    applicant_id_number = EncryptedField(_("số giấy tờ tùy thân / mã số"), max_length=30, blank=True)
    applicant_id_number_hash = BlindIndexField(of="applicant_id_number", kind="id")
    applicant_phone = EncryptedField(_("số điện thoại"), max_length=20, blank=True)
    applicant_phone_hash = BlindIndexField(of="applicant_phone", kind="phone")
    applicant_email = EncryptedField(_("thư điện tử"), max_length=254, email=True, blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    applicant_source = models.CharField(_("nguồn thông tin chủ hồ sơ"), max_length=12, choices=ApplicantSource.choices,
                                        default=ApplicantSource.TYPED, blank=True)
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="own_dossiers", verbose_name=_("tài khoản công dân"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("người nhập"))
    # An online dossier keyed in with an officer's help (a home-visit team, scanning at the counter): channel
    # stays online; the fee engine decides whether the online waiver still applies (fees.ASSISTED_ONLINE).
    assisted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("cán bộ hỗ trợ nộp trực tuyến"))
    notes = models.TextField(_("ghi chú"), blank=True)
    delivery = models.CharField(_("hình thức nhận kết quả"), max_length=10, choices=Delivery.choices,
                                default=Delivery.COUNTER)
    delivery_address = models.CharField(_("địa chỉ nhận kết quả"), max_length=255, blank=True)

    # The legal time limit of the channel, copied on acceptance (printed on the slip).
    duration_value = models.DecimalField(_("thời hạn giải quyết"), max_digits=8, decimal_places=2, null=True,
                                         blank=True)
    duration_unit = models.CharField(_("đơn vị thời hạn"), max_length=20, blank=True)
    duration_text = models.CharField(_("thời hạn (nguyên văn)"), max_length=255, blank=True)

    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True, db_index=True)
    original_due_at = models.DateTimeField(_("hẹn trả ban đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm kết thúc xử lý"), null=True, blank=True)
    returned_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    refused_at = models.DateTimeField(_("thời điểm từ chối"), null=True, blank=True)
    reason = models.TextField(_("lý do (từ chối, dừng, rút)"), blank=True)

    # Who holds it now (shown on public tracking).
    holder_agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("cơ quan đang xử lý"))
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="held_dossiers", verbose_name=_("cán bộ đang xử lý"))

    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0, editable=False)
    fee_total = models.PositiveBigIntegerField(_("tổng phí, lệ phí theo quy định"), default=0, editable=False)
    fee_payable = models.PositiveBigIntegerField(_("số tiền phải nộp"), default=0, editable=False)
    fee_waived = models.PositiveBigIntegerField(_("số tiền được miễn, hỗ trợ"), default=0, editable=False)
    fee_paid = models.PositiveBigIntegerField(_("số tiền đã nộp"), default=0, editable=False)
    paid_online = models.BooleanField(_("thanh toán trực tuyến"), default=False, editable=False)
    result_file = models.FileField(_("kết quả số hóa"), upload_to="dossiers/results/%Y/%m/", blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    # Generated by `manage.py simulate` (indicators) for demos and benchmarks; shown as such on every page.
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False, editable=False)
    # What public tracking shows, stored by every event (dossiers.tracking); empty for bulk-loaded rows.
    tracking = models.JSONField(_("thông tin tra cứu công khai"), default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [models.Index(fields=["agency", "status"]), models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return self.code or self.reference

    @property
    def public_id(self):
        return self.code or self.reference

    def open_supplement_request(self):
        """The supplement request the applicant has not answered yet (the latest), or None."""
        return self.supplements.filter(completed_at__isnull=True).order_by("-requested_at").first()

    @property
    def national_status(self):
        from .workflow import national_code

        return national_code(self.status)


class DossierComponent(models.Model):
    """A paper handed in, with the digitisation flags the 766 index needs (DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="components")
    component = models.ForeignKey("catalogue.Component", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("thành phần theo quy định"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    digitised = models.BooleanField(_("đã số hóa"), default=False)
    reused = models.BooleanField(_("tái sử dụng"), default=False)
    reused_from = models.ForeignKey(Dossier, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("tái sử dụng từ hồ sơ"))
    from_data_store = models.BooleanField(_("lấy từ kho dữ liệu của công dân"), default=False)
    # Taken by the agency from a connected database (a catalogue DATABASES key), e.g. the health-record source.
    obtained_from = models.CharField(_("lấy từ cơ sở dữ liệu"), max_length=20, blank=True)
    supplement = models.ForeignKey("SupplementRequest", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="components", verbose_name=_("nộp bổ sung theo yêu cầu"))

    class Meta:
        ordering = ["dossier", "order"]
        verbose_name = _("thành phần hồ sơ đã nộp")
        verbose_name_plural = _("thành phần hồ sơ đã nộp")

    def __str__(self):
        return self.name


class DossierFile(models.Model):
    component = models.ForeignKey(DossierComponent, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to="dossiers/files/%Y/%m/")
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=50)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.original_name


class DossierEvent(models.Model):
    """One move of a dossier; append-only. The dossier's status always equals the last event's to_status.

    `data["snapshot"]` carries what indicators need without joins: channel, procedure, agency, due_at,
    finished_at, supplement count, online payment, digitisation flags.

    On PostgreSQL the table is partitioned by month of `at` (dossiers.partitions): there the primary key is
    (id, at) and the (dossier, seq) constraint includes `at`; nothing may reference this table by foreign key.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField(_("số thứ tự"))
    kind = models.CharField(_("loại sự kiện"), max_length=40, choices=EventKind.choices)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("người thực hiện"))
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cơ quan"))
    from_status = models.CharField(_("từ trạng thái"), max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, choices=Status.choices)
    note = models.TextField(_("nội dung"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    # False until the indicators have folded the event into their facts (indicators.facts.catch_up): the events
    # table is their queue, so recording an event costs no write beyond its own row.
    folded = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_unique")]
        indexes = [models.Index(fields=["id"], condition=models.Q(folded=False), name="dossier_event_unfolded")]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")

    def __str__(self):
        return f"{self.dossier_id}#{self.seq} {self.kind}"


class RouteTemplate(models.Model):
    """The route a procedure's dossiers follow (quy trình nội bộ, liên thông)."""

    procedure = models.OneToOneField("catalogue.Procedure", on_delete=models.CASCADE, related_name="route",
                                     verbose_name=_("thủ tục"))
    name = models.CharField(_("tên quy trình"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quy trình giải quyết")
        verbose_name_plural = _("quy trình giải quyết")

    def __str__(self):
        return self.name or str(self.procedure)


class AllottedUnit(models.TextChoices):
    WORKING_HOURS = "hours", _("giờ làm việc")
    WORKING_DAYS = "working_days", _("ngày làm việc")


class RouteStep(models.Model):
    """A step of a route. Steps sharing `group` run in parallel; groups run in ascending order.

    `agency` empty means the receiving agency of the dossier.
    """

    template = models.ForeignKey(RouteTemplate, on_delete=models.CASCADE, related_name="steps")
    group = models.PositiveSmallIntegerField(_("nhóm (song song cùng nhóm)"), default=1)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung bước"), max_length=255)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=20, default=Membership.Role.HANDLER)
    allotted_value = models.DecimalField(_("thời gian được giao"), max_digits=8, decimal_places=2)
    allotted_unit = models.CharField(_("đơn vị"), max_length=20, choices=AllottedUnit.choices,
                                     default=AllottedUnit.WORKING_HOURS)

    class Meta:
        ordering = ["template", "group", "order"]
        verbose_name = _("bước quy trình")
        verbose_name_plural = _("bước quy trình")

    def __str__(self):
        return self.title


class StepState(models.TextChoices):
    PENDING = "pending", _("Chờ")
    ACTIVE = "active", _("Đang xử lý")
    DONE = "done", _("Đã xong")
    CANCELLED = "cancelled", _("Hủy")


class DossierStep(models.Model):
    """One step of one dossier's route, with its own deadline and on-time mark (Mẫu 05 / 06)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    group = models.PositiveSmallIntegerField(_("nhóm"), default=1)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung bước"), max_length=255)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=20, default=Membership.Role.HANDLER)
    allotted_value = models.DecimalField(_("thời gian được giao"), max_digits=8, decimal_places=2, null=True,
                                         blank=True)
    allotted_unit = models.CharField(_("đơn vị"), max_length=20, choices=AllottedUnit.choices, blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=StepState.choices, default=StepState.PENDING)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="dossier_steps", verbose_name=_("người xử lý"))
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("người giao"))
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    finished_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("người hoàn thành"))
    on_time = models.BooleanField(_("đúng hạn"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["dossier", "group", "order"]
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")

    def __str__(self):
        return f"{self.dossier} — {self.title}"


class SupplementRequest(models.Model):
    """A request to complete the dossier (Mẫu 02). At most one per dossier during appraisal (Decree 61 Art.19.4)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    at_intake = models.BooleanField(_("yêu cầu khi tiếp nhận"), default=False)
    requested_at = models.DateTimeField(_("thời điểm yêu cầu"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("người yêu cầu"))
    items = models.JSONField(_("giấy tờ cần bổ sung"), default=list)
    reason = models.TextField(_("lý do, hướng dẫn"))
    completed_at = models.DateTimeField(_("thời điểm bổ sung xong"), null=True, blank=True)
    due_before = models.DateTimeField(_("hẹn trả trước"), null=True, blank=True)
    due_after = models.DateTimeField(_("hẹn trả mới"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "requested_at"]
        verbose_name = _("yêu cầu bổ sung hồ sơ")
        verbose_name_plural = _("yêu cầu bổ sung hồ sơ")


class Apology(models.Model):
    """The apology with a new return date (Mẫu 04). One per dossier: re-appointment at most once (Art.19.9)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="apology")
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("người lập"))
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    reason = models.TextField(_("lý do quá hạn"))
    old_due_at = models.DateTimeField(_("hẹn trả cũ"))
    new_due_at = models.DateTimeField(_("hẹn trả mới"))

    class Meta:
        verbose_name = _("phiếu xin lỗi và hẹn lại")
        verbose_name_plural = _("phiếu xin lỗi và hẹn lại")


class DossierFee(models.Model):
    """One fee line of a dossier: what the catalogue sets, what is payable, what is waived and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    fee_item = models.ForeignKey("catalogue.FeeItem", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    description = models.TextField(_("nội dung"), blank=True)
    kind = models.CharField(_("loại"), max_length=10)
    set_by = models.CharField(_("thẩm quyền quy định"), max_length=10)
    appraisal = models.BooleanField(_("phí thẩm định"), default=False)
    amount = models.PositiveBigIntegerField(_("mức thu theo quy định"))
    payable = models.PositiveBigIntegerField(_("phải nộp"))
    waived = models.PositiveBigIntegerField(_("được miễn, hỗ trợ"))
    rule = models.CharField(_("quy tắc áp dụng"), max_length=60, blank=True)
    waiver_reason = models.TextField(_("lý do miễn, hỗ trợ"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí của hồ sơ")
        verbose_name_plural = _("phí, lệ phí của hồ sơ")


class Payment(models.Model):
    class Method(models.TextChoices):
        CASH = "cash", _("Tiền mặt")
        TRANSFER = "transfer", _("Chuyển khoản")
        ONLINE = "online", _("Thanh toán trực tuyến")

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Không thành công")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="payments")
    amount = models.PositiveBigIntegerField(_("số tiền"))
    method = models.CharField(_("hình thức"), max_length=10, choices=Method.choices)
    provider = models.CharField(_("cổng thanh toán"), max_length=40, blank=True)
    provider_ref = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    paid_at = models.DateTimeField(_("thời điểm thanh toán"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("người ghi nhận"))

    class Meta:
        verbose_name = _("thanh toán")
        verbose_name_plural = _("thanh toán")
        constraints = [
            models.UniqueConstraint(fields=["provider", "provider_ref"], condition=~models.Q(provider_ref=""),
                                    name="payment_provider_ref_unique")
        ]


class CodeCounter(models.Model):
    """The last daily sequence number issued for one prefix (agency + date); locked while a code is issued."""

    prefix = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
