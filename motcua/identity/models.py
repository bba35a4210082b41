"""A citizen's national identity, what the population registry was asked about whom, and the citizen's store."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.lib.crypto_fields import BlindIndexField, EncryptedField


class AssuranceLevel(models.IntegerChoices):
    """Levels of the national electronic identity account (NĐ 69/2024/NĐ-CP on electronic identification)."""

    BASIC = 1, _("Mức độ 1")
    HIGH = 2, _("Mức độ 2")


class CitizenIdentity(models.Model):
    """A portal account proven by the national identity provider: one personal number, one account."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity")
    pid = EncryptedField(_("số định danh cá nhân"), max_length=12)  # encrypted at rest (lib.crypto_fields)
    pid_hash = BlindIndexField(of="pid", kind="id", unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    assurance_level = models.PositiveSmallIntegerField(_("mức độ định danh"), choices=AssuranceLevel.choices)
    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=200)
    is_sandbox = models.BooleanField(_("định danh mô phỏng"), default=False)
    linked_at = models.DateTimeField(_("liên kết lúc"))
    last_sign_in_at = models.DateTimeField(_("đăng nhập gần nhất"))

    class Meta:
        verbose_name = _("định danh công dân")
        verbose_name_plural = _("định danh công dân")

    def __str__(self):
        return f"{self.full_name} ({self.masked_pid})"

    @property
    def masked_pid(self):
        return mask_pid(self.pid)


def mask_pid(pid):
    return f"{pid[:3]}******{pid[-3:]}" if len(pid) >= 6 else "***"


class ProcedureAssurance(models.Model):
    """A procedure that only a level-2 identity may file online."""

    procedure = models.OneToOneField("catalogue.Procedure", on_delete=models.CASCADE, related_name="assurance")
    level = models.PositiveSmallIntegerField(_("mức độ định danh tối thiểu"), choices=AssuranceLevel.choices,
                                             default=AssuranceLevel.HIGH)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("yêu cầu mức định danh")
        verbose_name_plural = _("yêu cầu mức định danh")

    def __str__(self):
        return f"{self.procedure_id}: {self.get_level_display()}"


class StoredPaper(models.Model):
    """A paper in the citizen's own data store: a result motcua issued, or a paper digitised at the counter.

    Kept under the citizen's personal number, so it is theirs whether they filed online or at a counter. A later
    dossier may reuse it instead of an upload only with the citizen's consent.
    """

    class Origin(models.TextChoices):
        RESULT = "result", _("Kết quả giải quyết thủ tục hành chính")
        DIGITISED = "digitised", _("Giấy tờ số hóa tại Bộ phận Một cửa")

    owner_pid = EncryptedField(_("số định danh của chủ giấy tờ"), max_length=12)
    owner_pid_hash = BlindIndexField(of="owner_pid", kind="id")
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    origin = models.CharField(_("nguồn"), max_length=10, choices=Origin.choices)
    file = models.FileField(_("tệp"), upload_to="kho-du-lieu/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    source_dossier = models.CharField(_("từ hồ sơ"), max_length=60, blank=True)
    source_agency = models.ForeignKey("units.Agency", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("cơ quan cấp hoặc số hóa"))
    catalogue_name = models.TextField(_("tên thành phần hồ sơ theo danh mục"), blank=True)
    issued_at = models.DateTimeField(_("thời điểm cấp hoặc số hóa"))
    reuse_consent = models.BooleanField(_("đồng ý cho cơ quan dùng lại"), default=False)
    consent_changed_at = models.DateTimeField(null=True, blank=True)
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("giấy tờ trong kho dữ liệu công dân")
        verbose_name_plural = _("kho dữ liệu công dân")

    def __str__(self):
        return self.title


class RegistryLookup(models.Model):
    """One question asked of the population database: who asked, when, about whom, for which dossier and why."""

    class Operation(models.TextChoices):
        LOOKUP = "lookup", _("Tra cứu thông tin công dân")
        VERIFY = "verify", _("Xác thực thông tin công dân")
        HOUSEHOLD = "household", _("Tra cứu hộ gia đình")

    class Outcome(models.TextChoices):
        FOUND = "found", _("Có thông tin")
        NOT_FOUND = "not_found", _("Không có thông tin")
        MATCH = "match", _("Khớp")
        MISMATCH = "mismatch", _("Không khớp")
        UNAVAILABLE = "unavailable", _("Không kết nối được")

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("người tra cứu"))
    subject = models.CharField(_("số định danh được tra cứu (che)"), max_length=20)
    subject_hash = models.CharField(max_length=64, db_index=True)
    dossier = models.CharField(_("hồ sơ"), max_length=60, blank=True)
    purpose = models.CharField(_("mục đích"), max_length=300)
    operation = models.CharField(_("nghiệp vụ"), max_length=10, choices=Operation.choices)
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt tra cứu CSDL dân cư")
        verbose_name_plural = _("nhật ký tra cứu CSDL dân cư")
