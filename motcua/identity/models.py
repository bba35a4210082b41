"""A citizen's national identity, what the population registry was asked about whom, and the citizen's store."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssuranceLevel(models.IntegerChoices):
    """Levels of the national electronic identity account (NĐ 69/2024/NĐ-CP on electronic identification)."""

    BASIC = 1, _("Mức độ 1")
    HIGH = 2, _("Mức độ 2")


class CitizenIdentity(models.Model):
    """A portal account proven by the national identity provider: one personal number, one account."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity")
    pid = models.CharField(_("số định danh cá nhân"), max_length=12, unique=True)
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
