"""The modern one-stop office (Bộ phận Một cửa hiện đại): queue tickets, counters, appointments, programmes,
home-visit teams and the help given at the counter.

Glossary: số thứ tự → Ticket; quầy → Counter; khu vực/lĩnh vực phục vụ → ServiceArea; đối tượng ưu tiên →
PriorityGroup; lịch hẹn → Appointment; chương trình ("Ngày thứ sáu xanh", "không chờ") → Programme;
tổ cơ động hỗ trợ tại nhà → HomeTeam / HomeVisit; dịch vụ tiện ích → ExtraService / ExtraServiceGiven.
Change state only through the service modules of this room (queue, appointments, programmes, home_visits,
extras); every change of a ticket is a TicketEvent.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.lib.crypto_fields import EncryptedField


def new_token():
    return uuid.uuid4().hex


def new_code():
    return uuid.uuid4().hex[:8].upper()


class PriorityGroup(models.Model):
    """A group served before others, with the legal basis that names it (or a plain note where none was found)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=200)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    basis_verified = models.BooleanField(
        _("đã đối chiếu văn bản"), default=False,
        help_text=_("Đánh dấu khi nội dung điều khoản đã được đối chiếu với văn bản gốc."))
    note = models.TextField(_("ghi chú"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự hiển thị"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("đối tượng ưu tiên")
        verbose_name_plural = _("đối tượng ưu tiên")

    def __str__(self):
        return self.name


class ServiceArea(models.Model):
    """A group of counters' work shown on the kiosk (e.g. "Hộ tịch", "Kinh doanh"), with its procedures."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="service_areas",
                               verbose_name=_("cơ quan"))
    name = models.CharField(_("tên khu vực"), max_length=120)
    procedures = models.ManyToManyField("catalogue.Procedure", blank=True, related_name="service_areas",
                                        verbose_name=_("thủ tục"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["agency", "order", "name"]
        verbose_name = _("khu vực phục vụ")
        verbose_name_plural = _("khu vực phục vụ")

    def __str__(self):
        return self.name


class Counter(models.Model):
    """A counter of the one-stop office. With no areas it serves every area of its agency."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="counters",
                               verbose_name=_("cơ quan"))
    number = models.PositiveSmallIntegerField(_("số quầy"))
    areas = models.ManyToManyField(ServiceArea, blank=True, related_name="counters", verbose_name=_("khu vực"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("cán bộ đang ngồi quầy"))
    is_active = models.BooleanField(_("đang mở"), default=True)

    class Meta:
        ordering = ["agency", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="office_counter_unique_number")]
        verbose_name = _("quầy")
        verbose_name_plural = _("quầy")

    def __str__(self):
        return _("Quầy %(n)s") % {"n": self.number}


class QueueDay(models.Model):
    """The last ticket number given by an agency on a day; incremented atomically (one row per agency and day)."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="office_queueday_unique")]


class Ticket(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Đang chờ")
        CALLED = "called", _("Đã mời vào quầy")
        DONE = "done", _("Đã phục vụ xong")
        SKIPPED = "skipped", _("Vắng mặt khi được mời")

    class Rank(models.IntegerChoices):
        TRANSFERRED = 0, _("Chuyển từ quầy khác")
        PRIORITY = 1, _("Ưu tiên")
        NORMAL = 2, _("Thông thường")

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="tickets",
                               verbose_name=_("cơ quan"))
    day = models.DateField(_("ngày"))
    number = models.PositiveIntegerField(_("số thứ tự"))
    area = models.ForeignKey(ServiceArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets",
                             verbose_name=_("khu vực"))
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("thủ tục"))
    priority = models.ForeignKey(PriorityGroup, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="tickets", verbose_name=_("đối tượng ưu tiên"))
    rank = models.PositiveSmallIntegerField(_("thứ tự ưu tiên gọi"), choices=Rank.choices, default=Rank.NORMAL)
    for_counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("chỉ quầy này được gọi"))
    phone = EncryptedField(_("số điện thoại nhận tin nhắn"), max_length=20, blank=True)  # lib.crypto_fields
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.WAITING)
    issued_at = models.DateTimeField(_("thời điểm lấy số"))
    first_called_at = models.DateTimeField(_("thời điểm được mời lần đầu"), null=True, blank=True)
    called_at = models.DateTimeField(_("thời điểm được mời gần nhất"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(_("số lần mời"), default=0)
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets",
                                verbose_name=_("quầy"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("cán bộ phục vụ"))
    done_at = models.DateTimeField(_("thời điểm phục vụ xong"), null=True, blank=True)
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="tickets", verbose_name=_("hồ sơ tiếp nhận"))
    rating = models.ForeignKey("ratings.CounterRating", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("đánh giá tại quầy"))
    near_sms_sent = models.BooleanField(_("đã nhắn tin sắp đến lượt"), default=False)
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)

    class Meta:
        ordering = ["-day", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "day", "number"], name="office_ticket_unique_number")]
        indexes = [models.Index(fields=["agency", "day", "status", "rank", "number"], name="office_ticket_queue")]
        verbose_name = _("số thứ tự")
        verbose_name_plural = _("số thứ tự")

    def __str__(self):
        return str(self.number)


class TicketEvent(models.Model):
    """One change of a ticket (issued, called, recalled, skipped, transferred, done, linked); append-only.

    The hall display reads the latest calls of its agency from here (by id, so a recall shows again)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=20)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("người thực hiện"))
    counter = models.ForeignKey(Counter, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["agency", "kind", "id"], name="office_ticketevent_calls")]
        verbose_name = _("lịch sử số thứ tự")
        verbose_name_plural = _("lịch sử số thứ tự")


class AgencyOfficeSettings(models.Model):
    """Per-agency queue and booking settings; agencies without a row use the defaults of the fields."""

    agency = models.OneToOneField("units.Agency", on_delete=models.CASCADE, related_name="office_settings")
    slot_minutes = models.PositiveSmallIntegerField(_("độ dài khung giờ hẹn (phút)"), default=30)
    bookings_per_counter = models.PositiveSmallIntegerField(_("số lịch hẹn mỗi quầy mỗi khung giờ"), default=2)
    booking_days_ahead = models.PositiveSmallIntegerField(_("đặt trước tối đa (ngày)"), default=30)
    service_minutes = models.PositiveSmallIntegerField(
        _("thời gian phục vụ ước tính (phút)"), default=10,
        help_text=_("Dùng để ước tính thời gian chờ khi chưa có số liệu đo được trong ngày."))

    class Meta:
        verbose_name = _("cấu hình xếp hàng, đặt lịch")
        verbose_name_plural = _("cấu hình xếp hàng, đặt lịch")


class Slot(models.Model):
    """An appointment slot of an agency; `booked` is incremented atomically against its capacity."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    booked = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "starts_at"], name="office_slot_unique")]


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Đã đặt")
        CANCELLED = "cancelled", _("Đã hủy")
        ARRIVED = "arrived", _("Đã đến, đã lấy số")

    code = models.CharField(_("mã lịch hẹn"), max_length=8, unique=True, default=new_code, editable=False)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="appointments",
                               verbose_name=_("cơ quan"))
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("thủ tục"))
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField(_("giờ hẹn"))
    name = models.CharField(_("họ và tên"), max_length=255)
    phone = EncryptedField(_("số điện thoại"), max_length=20)  # encrypted at rest (lib.crypto_fields)
    email = EncryptedField(_("thư điện tử"), max_length=254, email=True, blank=True)
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="appointments")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField(_("thời điểm đặt"))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(_("đã nhắc lịch lúc"), null=True, blank=True)
    ticket = models.OneToOneField(Ticket, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="appointment")
    rebooked_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    history = models.JSONField(_("lịch sử"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("lịch hẹn")
        verbose_name_plural = _("lịch hẹn")

    def __str__(self):
        return self.code


class Programme(models.Model):
    """A city programme promising a shorter time than the law's: "Ngày thứ sáu xanh", "TTHC không chờ"."""

    slug = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    agencies = models.ManyToManyField("units.Agency", related_name="programmes", verbose_name=_("cơ quan"))
    procedures = models.ManyToManyField("catalogue.Procedure", blank=True, related_name="programmes",
                                        verbose_name=_("thủ tục"))
    weekdays = models.CharField(_("các ngày trong tuần (0 = thứ Hai … 6 = Chủ nhật)"), max_length=20,
                                default="0,1,2,3,4")
    opens_at = models.TimeField(_("từ giờ"), null=True, blank=True, help_text=_("Để trống: cả giờ làm việc."))
    closes_at = models.TimeField(_("đến giờ"), null=True, blank=True)
    target_minutes = models.PositiveIntegerField(
        _("thời gian trả kết quả cam kết (phút làm việc)"), null=True, blank=True,
        help_text=_("Để trống khi văn bản của chương trình không nêu một con số."))
    while_you_wait = models.BooleanField(_("trả kết quả trong khi chờ"), default=False)
    starts_on = models.DateField(_("bắt đầu"), null=True, blank=True)
    ends_on = models.DateField(_("kết thúc"), null=True, blank=True)
    deciding_document = models.CharField(_("văn bản quyết định"), max_length=255, blank=True)
    source_note = models.TextField(_("nguồn thông tin, điều chưa xác minh được"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")

    def __str__(self):
        return self.name

    @property
    def weekday_list(self):
        return [int(d) for d in self.weekdays.split(",") if d.strip().isdigit()]


class ProgrammeDossier(models.Model):
    """A dossier taken under a programme: its programme due time on top of the legal deadline."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="programme_entry")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="dossiers")
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    due_at = models.DateTimeField(_("hẹn trả theo chương trình"))

    class Meta:
        verbose_name = _("hồ sơ thuộc chương trình")
        verbose_name_plural = _("hồ sơ thuộc chương trình")


class HomeTeam(models.Model):
    """A commune's mobile team helping people at home to file online (tổ cơ động)."""

    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="home_teams",
                               verbose_name=_("cơ quan"))
    name = models.CharField(_("tên tổ"), max_length=120)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="home_teams",
                                     verbose_name=_("thành viên"))
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("tổ hỗ trợ tại nhà")
        verbose_name_plural = _("tổ hỗ trợ tại nhà")

    def __str__(self):
        return self.name


class HomeVisit(models.Model):
    class Requester(models.TextChoices):
        CITIZEN = "citizen", _("Người dân tự đề nghị")
        RELATIVE = "relative", _("Người thân đề nghị")
        HOTLINE = "hotline", _("Cán bộ ghi nhận qua đường dây nóng")

    class Reason(models.TextChoices):
        AGE = "age", _("Cao tuổi")
        DISABILITY = "disability", _("Khuyết tật")
        ILLNESS = "illness", _("Ốm đau, bệnh tật")
        OTHER = "other", _("Lý do khác")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Mới đề nghị")
        SCHEDULED = "scheduled", _("Đã phân công")
        VISITED = "visited", _("Đã hỗ trợ tại nhà")
        CANCELLED = "cancelled", _("Đã hủy")

    code = models.CharField(_("mã đề nghị"), max_length=8, unique=True, default=new_code, editable=False)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="home_visits",
                               verbose_name=_("UBND xã, phường"))
    requester = models.CharField(_("người đề nghị"), max_length=10, choices=Requester.choices)
    requester_name = models.CharField(_("họ tên người đề nghị"), max_length=255)
    requester_phone = EncryptedField(_("điện thoại người đề nghị"), max_length=20)  # lib.crypto_fields
    person_name = models.CharField(_("họ tên người cần hỗ trợ"), max_length=255)
    person_phone = EncryptedField(_("điện thoại người cần hỗ trợ"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255)
    procedure = models.ForeignKey("catalogue.Procedure", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("thủ tục"))
    procedure_text = models.CharField(_("việc cần làm (nếu chưa rõ thủ tục)"), max_length=255, blank=True)
    reason = models.CharField(_("lý do"), max_length=12, choices=Reason.choices)
    reason_note = models.CharField(_("mô tả thêm"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    team = models.ForeignKey(HomeTeam, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits",
                             verbose_name=_("tổ hỗ trợ"))
    slot_at = models.DateTimeField(_("giờ hẹn đến nhà"), null=True, blank=True)
    requested_at = models.DateTimeField(_("thời điểm đề nghị"))
    scheduled_at = models.DateTimeField(null=True, blank=True)
    visited_at = models.DateTimeField(_("thời điểm hỗ trợ"), null=True, blank=True)
    dossiers = models.ManyToManyField("dossiers.Dossier", blank=True, related_name="home_visits",
                                      verbose_name=_("hồ sơ trực tuyến đã nộp"))
    rating = models.PositiveSmallIntegerField(_("đánh giá của người dân (1–5)"), null=True, blank=True)
    rating_note = models.CharField(_("ý kiến"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    is_synthetic = models.BooleanField(_("dữ liệu mô phỏng"), default=False)
    history = models.JSONField(_("lịch sử"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("đề nghị hỗ trợ tại nhà")
        verbose_name_plural = _("đề nghị hỗ trợ tại nhà")

    def __str__(self):
        return self.code


class ExtraService(models.Model):
    """A utility service the office offers (printing, photocopying, scanning, guidance) and its price."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên dịch vụ"), max_length=200)
    unit = models.CharField(_("đơn vị tính"), max_length=40)
    price = models.PositiveIntegerField(_("đơn giá (đồng)"), default=0)
    price_note = models.CharField(_("căn cứ đơn giá"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang cung cấp"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("dịch vụ tiện ích")
        verbose_name_plural = _("dịch vụ tiện ích")

    def __str__(self):
        return self.name


class ExtraServiceGiven(models.Model):
    """One utility service given at a counter, with the price charged (0 where free)."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(ExtraService, on_delete=models.PROTECT, related_name="given")
    ticket = models.ForeignKey(Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="extras")
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    unit_price = models.PositiveIntegerField(_("đơn giá"))
    total = models.PositiveIntegerField(_("thành tiền"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("thời điểm"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("dịch vụ tiện ích đã cung cấp")
        verbose_name_plural = _("dịch vụ tiện ích đã cung cấp")
