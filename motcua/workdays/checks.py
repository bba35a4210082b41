"""System check: the working calendar covers the current year (deadlines of every dossier depend on it)."""

from django.core.checks import Warning, register
from django.db import DatabaseError
from django.utils import timezone


# Not tagged `database` on purpose: it should show on every runserver/check, and it only reads one small table.
@register("workdays")
def check_calendar_covers_current_year(app_configs=None, **kwargs):
    from .models import CalendarYear

    year = timezone.localdate().year
    try:
        years = set(CalendarYear.objects.values_list("year", flat=True))
    except DatabaseError:  # tables not migrated yet
        return []
    if year in years:
        return []
    hint = "Chạy `manage.py seed_calendar` hoặc thêm năm và các điều chỉnh lịch trong trang quản trị."
    if not years:
        hint = "Chưa nạp lịch làm việc (đang dùng dữ liệu mặc định trong mã nguồn). " + hint
    return [Warning(f"Lịch làm việc chưa có dữ liệu đã công bố cho năm {year}.", hint=hint, id="workdays.W001")]
