"""Plain data printed on the legal forms (TT 01/2018/TT-VPCP Art. 9, Mẫu 01–05).

The forms know nothing about models: `adapter.form_data(dossier)` fills a FormData from a dossier, tests
and the counter preview fill it by hand. Times are aware datetimes, printed in Asia/Ho_Chi_Minh.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Paper:
    """A component handed in (thành phần hồ sơ) with its number of originals and copies."""

    name: str
    originals: int = 0
    copies: int = 0


@dataclass
class Handover:
    """One handover on the control sheet (Mẫu 05): who gave the dossier to whom, when, and how it ended."""

    giver: str
    receiver: str
    at: datetime | None = None
    due_at: datetime | None = None
    done_at: datetime | None = None
    note: str = ""

    @property
    def outcome(self) -> str:
        """Return 'Trước hạn', 'Đúng hạn', 'Quá hạn' or '' while the step is open (Mẫu 05 column 4)."""
        if not self.done_at or not self.due_at:
            return ""
        if self.done_at.date() < self.due_at.date():
            return "Trước hạn"
        return "Đúng hạn" if self.done_at <= self.due_at else "Quá hạn"


@dataclass
class FormData:
    code: str
    agency_name: str
    procedure_name: str
    applicant_name: str
    parent_agency_name: str = ""
    agency_address: str = ""
    agency_phone: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    papers: list[Paper] = field(default_factory=list)
    sets: int = 1
    time_limit_text: str = ""
    received_at: datetime | None = None
    due_at: datetime | None = None
    return_place: str = ""
    tracking_url: str = ""
    hotline: str = ""
    officer_name: str = ""
    officer_title: str = ""
    issued_on: date | None = None
    place_name: str = "Hà Nội"
    # Mẫu 02: what to add or fix; Mẫu 03/04: the reasons.
    items: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # Mẫu 04: the new return date.
    new_due_at: datetime | None = None
    # Mẫu 05: lead and coordinating agencies, handovers.
    lead_agency: str = ""
    coordinating_agencies: list[str] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
