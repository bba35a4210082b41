from django.contrib import admin

from .models import CalendarOverride, CalendarYear, OfficeHours


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["name", "morning_start", "morning_end", "afternoon_start", "afternoon_end", "same_day_cutoff"]
    search_fields = ["name"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "reason", "legal_document"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["reason", "legal_document"]
    fieldsets = [
        (None, {
            "fields": ["date", "kind", "reason", "legal_document", "legal_url"],
            "description": (
                "Ngày nghỉ lễ theo Bộ luật Lao động đã có sẵn (thư viện holidays), kể cả nghỉ bù khi ngày lễ trùng "
                "thứ Bảy, Chủ nhật (Điều 111). Ở đây chỉ ghi các quyết định hằng năm: ngày nghỉ hoán đổi, ngày "
                "làm việc bù, hoặc ngày lễ chưa áp dụng. Mỗi dòng phải ghi số văn bản. Ngày Văn hóa Việt Nam "
                "(24/11) đang để “Không áp dụng ngày nghỉ”; khi Điều 112 được sửa đổi, đổi loại thành “Ngày nghỉ” "
                "(không xoá dòng: lệnh seed_calendar sẽ tạo lại dòng bị xoá). Thay đổi có hiệu lực ngay với các "
                "thời hạn tính sau đó; thời hạn đã ghi trên phiếu hẹn không tự thay đổi."
            ),
        }),
    ]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "legal_document"]
    fieldsets = [
        (None, {
            "fields": ["year", "legal_document", "note"],
            "description": (
                "Thêm năm khi Chính phủ đã công bố lịch nghỉ Tết và các ngày hoán đổi của năm đó. Thời hạn được "
                "tính trong các năm đã công bố và năm liền sau (theo dự kiến của Bộ luật Lao động)."
            ),
        }),
    ]
