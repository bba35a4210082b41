from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeHours(models.Model):
    """Opening hours of an agency: a morning and an afternoon session, Monday to Friday and make-up Saturdays."""

    name = models.CharField(_("tên"), max_length=100, unique=True)
    morning_start = models.TimeField(_("bắt đầu buổi sáng"), default="08:00")
    morning_end = models.TimeField(_("kết thúc buổi sáng"), default="12:00")
    afternoon_start = models.TimeField(_("bắt đầu buổi chiều"), default="13:00")
    afternoon_end = models.TimeField(_("kết thúc buổi chiều"), default="17:00")
    same_day_cutoff = models.TimeField(_("giờ chốt trả trong ngày"), default="15:00")

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = _("giờ làm việc")

    def __str__(self):
        return self.name


class CalendarOverride(models.Model):
    """A change to the default calendar decided by a legal document: an extra day off or a make-up working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_document = models.CharField(_("văn bản"), max_length=255)
    legal_url = models.URLField(_("đường dẫn văn bản"), blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh lịch")
        verbose_name_plural = _("điều chỉnh lịch")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
