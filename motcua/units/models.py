from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A provincial-level unit (tỉnh / thành phố trực thuộc trung ương), 34 since 01/07/2025."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    population = models.PositiveIntegerField(_("dân số"), null=True, blank=True)
    area_km2 = models.DecimalField(_("diện tích (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self):
        return self.name


class Commune(models.Model):
    """A commune-level unit (xã, phường, đặc khu)."""

    class Kind(models.TextChoices):
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")
        SPECIAL = "dac_khu", _("Đặc khu")

    code = models.CharField(_("mã"), max_length=10, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("tỉnh"))
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    population = models.PositiveIntegerField(_("dân số"), null=True, blank=True)
    area_km2 = models.DecimalField(_("diện tích (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")

    def __str__(self):
        return self.name


class Agency(models.Model):
    """An agency that receives or handles dossiers: a Sở, a UBND xã/phường, a service-centre branch, a ministry."""

    class Kind(models.TextChoices):
        DEPARTMENT = "so", _("Sở, ban, ngành")
        COMMUNE_PC = "ubnd_xa", _("UBND xã, phường")
        CENTRE = "trung_tam", _("Trung tâm Phục vụ hành chính công")
        BRANCH = "chi_nhanh", _("Chi nhánh Trung tâm Phục vụ hành chính công")
        MINISTRY = "bo", _("Bộ, ngành trung ương")
        OTHER = "khac", _("Khác")

    code = models.CharField(_("mã cơ quan"), max_length=40, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="agencies", verbose_name=_("tỉnh")
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="agencies", verbose_name=_("xã, phường")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("cơ quan cấp trên")
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.ForeignKey(
        "workdays.OfficeHours", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("giờ làm việc")
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A staff member's role in an agency. Staff see and act only on dossiers of their agencies."""

    class Role(models.TextChoices):
        RECEPTION = "reception", _("Cán bộ tiếp nhận (một cửa)")
        HANDLER = "handler", _("Chuyên viên xử lý")
        HEAD = "head", _("Lãnh đạo đơn vị")
        LEADER = "leader", _("Lãnh đạo thành phố")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    title = models.CharField(_("chức danh"), max_length=100, blank=True)

    class Meta:
        unique_together = [("user", "agency", "role")]
        verbose_name = _("cán bộ của cơ quan")
        verbose_name_plural = _("cán bộ của cơ quan")

    def __str__(self):
        return f"{self.user} — {self.agency} ({self.get_role_display()})"


class Delegation(models.Model):
    """A power of the unit's head delegated to one of its officers (units.policy), recorded and revocable."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="delegations",
                               verbose_name=_("cơ quan"))
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations",
                                 verbose_name=_("cán bộ được ủy quyền"))
    power = models.CharField(_("quyền được ủy quyền"), max_length=40)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người ủy quyền"))
    granted_at = models.DateTimeField(_("thời điểm ủy quyền"))
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người thu hồi"))
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        indexes = [models.Index(fields=["delegate", "power"], condition=models.Q(revoked_at__isnull=True),
                                name="delegation_standing")]

    def __str__(self):
        return f"{self.delegate} — {self.power} ({self.agency})"


class ViewRecord(models.Model):
    """One staff view of a dossier or a feedback item: who, when, what, on which page or API, and by which
    membership (agency and role) they reached it. Written by units.view_records, read by the unit's head."""

    class Kind(models.TextChoices):
        DOSSIER = "dossier", _("Hồ sơ")
        FEEDBACK = "feedback", _("Phản ánh, kiến nghị")

    class Page(models.TextChoices):
        CONSOLE_DOSSIER = "console.dossier", _("Trang hồ sơ")
        CONSOLE_FORM = "console.form", _("Mẫu in của hồ sơ")
        CONSOLE_FILE = "console.file", _("Tệp của hồ sơ")
        CONSOLE_ACTION = "console.action", _("Thao tác trên hồ sơ")
        CONSOLE_FEEDBACK = "console.feedback", _("Trang phản ánh")
        CONSOLE_FEEDBACK_ACTION = "console.feedback_action", _("Thao tác trên phản ánh")
        API_DOSSIER = "api.dossier", _("API: chi tiết hồ sơ")
        API_ACTION = "api.action", _("API: thao tác trên hồ sơ")
        ADMIN = "admin", _("Trang quản trị")

    at = models.DateTimeField(_("thời điểm"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("cán bộ"))
    via_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("xem với tư cách cán bộ của"))
    via_role = models.CharField(_("vai trò"), max_length=20, choices=Membership.Role.choices, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("mã"), max_length=40)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cơ quan của hồ sơ, phản ánh"))
    page = models.CharField(_("trang"), max_length=30, choices=Page.choices)
    detail = models.CharField(_("chi tiết"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("lượt xem của cán bộ")
        verbose_name_plural = _("lượt xem của cán bộ")
        indexes = [models.Index(fields=["agency", "-at"], name="viewrecord_item_agency"),
                   models.Index(fields=["via_agency", "-at"], name="viewrecord_via_agency"),
                   models.Index(fields=["code", "-at"], name="viewrecord_code")]

    def __str__(self):
        return f"{self.user} — {self.code} ({self.at:%d/%m/%Y %H:%M})"
