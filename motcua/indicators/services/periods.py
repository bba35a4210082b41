"""Reporting periods: a month, quarter or year, parsed from and written to the board's `ky=` parameter."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

KINDS = {"month": "Tháng", "quarter": "Quý", "year": "Năm"}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first day
    end: date  # first day after

    @classmethod
    def of(cls, kind: str, day: date) -> "Period":
        if kind == "year":
            return cls(kind, date(day.year, 1, 1), date(day.year + 1, 1, 1))
        if kind == "quarter":
            m = 3 * ((day.month - 1) // 3) + 1
            start = date(day.year, m, 1)
        else:
            kind, start = "month", date(day.year, day.month, 1)
        months = 3 if kind == "quarter" else 1
        y, m = divmod(start.month - 1 + months, 12)
        return cls(kind, start, date(start.year + y, m + 1, 1))

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"Năm {self.start.year}"
        if self.kind == "quarter":
            return f"Quý {(self.start.month - 1) // 3 + 1}/{self.start.year}"
        return f"Tháng {self.start.month:02d}/{self.start.year}"

    @property
    def slug(self) -> str:
        return f"{self.kind}:{self.start.isoformat()}"

    @classmethod
    def parse(cls, text: str | None, today: date) -> "Period":
        """Parse 'month:2026-03-01' (or 'quarter:…', 'year:…'); fall back to the current month."""
        try:
            kind, day = (text or "").split(":")
            return cls.of(kind if kind in KINDS else "month", date.fromisoformat(day))
        except ValueError:
            return cls.of("month", today)

    def previous(self, n=1) -> list["Period"]:
        out, p = [], self
        for _ in range(n):
            p = Period.of(p.kind, p.start - timedelta(days=1))
            out.append(p)
        return out

    def aware_end(self):
        return timezone.make_aware(datetime.combine(self.end, time.min))

    def aware_start(self):
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days
