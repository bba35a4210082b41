"""`manage.py deadline START AMOUNT UNIT [--policy hourly|end_of_day] [--agency CODE]`: print the due instant."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from motcua.lib.errors import DomainError
from motcua.workdays.core import POLICIES, UNITS
from motcua.workdays.services import compute_due


class Command(BaseCommand):
    help = "Tính thời điểm hết hạn theo lịch làm việc, ví dụ: deadline 2026-02-12T14:30 5 working_days"

    def add_arguments(self, parser):
        parser.add_argument("start", help="thời điểm bắt đầu, giờ địa phương, dạng 2026-02-12T14:30")
        parser.add_argument("amount", help="số lượng (giờ, ngày hoặc tháng)")
        parser.add_argument("unit", help=" | ".join(UNITS))
        parser.add_argument("--policy", default="hourly", help=" | ".join(POLICIES) + " (chỉ với working_days)")
        parser.add_argument("--agency", help="mã cơ quan, để dùng giờ làm việc của cơ quan đó")

    def handle(self, start, amount, unit, policy, agency, **options):
        due = compute_due_or_fail(_parse_start(start), _parse_amount(amount), unit, policy=policy,
                                  office_hours=_office_hours_of(agency))
        self.stdout.write(due.isoformat())


def compute_due_or_fail(start, amount, unit, **kwargs):
    try:
        return compute_due(start, amount, unit, **kwargs)
    except DomainError as exc:
        raise CommandError(exc.message) from None


def _parse_start(text):
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Không đọc được thời điểm bắt đầu '{text}'; dùng dạng 2026-02-12T14:30.") from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _parse_amount(text):
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CommandError(f"Số lượng không hợp lệ: '{text}'.") from None
    if not amount.is_finite():
        raise CommandError(f"Số lượng không hợp lệ: '{text}'.")
    if amount < 0:
        raise CommandError("Số lượng không được âm.")
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _office_hours_of(code):
    if not code:
        return None
    Agency = apps.get_model("units", "Agency")
    agency = Agency.objects.select_related("office_hours").filter(code=code).first()
    if agency is None:
        raise CommandError(f"Không tìm thấy cơ quan có mã '{code}'.")
    return agency.office_hours
