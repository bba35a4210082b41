from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.lib.crypto_fields import EncryptedField


class HealthRecordUse(models.Model):
    """One paper a dossier took from the health-record source, with the consent that allowed it."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="health_records")
    component = models.ForeignKey("dossiers.DossierComponent", on_delete=models.CASCADE, related_name="+")
    paper = models.CharField(_("loại giấy tờ"), max_length=40)
    document_id = models.CharField(_("mã giấy tờ ở nguồn"), max_length=80)
    subject_id_number = EncryptedField(_("số định danh của người được cấp"), max_length=20)  # lib.crypto_fields
    consent_at = models.DateTimeField(_("thời điểm công dân đồng ý"))
    fetched_at = models.DateTimeField(_("thời điểm lấy dữ liệu"))
    synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)

    class Meta:
        verbose_name = _("giấy tờ lấy từ nguồn dữ liệu y tế")
        verbose_name_plural = _("giấy tờ lấy từ nguồn dữ liệu y tế")
