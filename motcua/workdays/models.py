import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Hours


def _as_time(value) -> datetime.time:
    """Field values are strings on an instance built from defaults and not yet saved."""
    return datetime.time.fromisoformat(value) if isinstance(value, str) else value


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

    def as_hours(self) -> Hours:
        """The pure-Python office hours used by the deadline arithmetic."""
        t = [_as_time(v) for v in (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end)]
        return Hours(sessions=((t[0], t[1]), (t[2], t[3])), cutoff=_as_time(self.same_day_cutoff))

    def clean(self):
        if None in (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end,
                    self.same_day_cutoff):
            return  # the field errors are reported already
        if not self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end:
            raise ValidationError(_("Giờ làm việc phải theo thứ tự: sáng bắt đầu < sáng kết thúc ≤ chiều bắt đầu < "
                                    "chiều kết thúc."))
        if not self.morning_start <= self.same_day_cutoff <= self.afternoon_end:
            raise ValidationError(_("Giờ chốt trả trong ngày phải nằm trong giờ làm việc."))


class CalendarOverride(models.Model):
    """A change to the default calendar decided by a legal document: an extra day off or a make-up working day."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")
        # A holiday listed by the `holidays` package that is not (yet) in force: the day keeps its normal
        # status (a weekday is worked, a weekend stays a rest day) and gives no compensatory day.
        NOT_OBSERVED = "not_observed", _("Không áp dụng ngày nghỉ lễ")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_document = models.CharField(_("văn bản"), max_length=255)
    legal_url = models.URLField(_("đường dẫn văn bản"), max_length=500, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("điều chỉnh lịch")
        verbose_name_plural = _("điều chỉnh lịch")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


class CalendarYear(models.Model):
    """A year whose days off have been published (Tết, swaps); deadlines may run through it and the next year.

    The year after the last published one is still computed, from the `holidays` package's projection and the
    overrides, so that a deadline set in December can end in January.
    """

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    legal_document = models.CharField(_("văn bản"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("năm lịch")
        verbose_name_plural = _("năm lịch")

    def __str__(self):
        return str(self.year)
