"""766 indicators 1.1 and 1.2 from the catalogue's dates, and plainly what the sources lack (domain.md §7.2).

- 1.1 (công bố TTHC đúng hạn): the publication decision no later than 5 working days before the legal text takes
  effect (ministries: 20). Needs the decision date and the effective date.
- 1.2 (công khai TTHC đúng hạn): made public on the portal within 5 working days after the decision (ministries:
  10). Needs the decision date and the date it was made public.
What our sources hold: the national portal's list (dvcqg_tthc_2642) gives the decision's number only
(so_quyet_dinh), no date; the commune-level structured set (capxa_structured) gives the decision date
(ngay_quyet_dinh) for 119 of its 125 procedures and the status "Đã công khai" without a date; the BQP set gives
no date either. No source gives the date a legal text takes effect, so 1.1 cannot be computed for any
procedure. The one publication date we hold is that of a version edited in motcua (made public when saved).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import F
from django.utils import timezone

from motcua.catalogue.models import ProcedureVersion
from motcua.workdays.services import add_working_days

DAYS_1_1, DAYS_1_2 = 5, 5  # province level (ministries 20 and 10)


def decision_date(version) -> date | None:
    text = (version.raw or {}).get("ngay_quyet_dinh") or ""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def effective_date(version) -> date | None:
    """The date the legal text behind the procedure takes effect: in none of our sources."""
    return None


def published_on(version) -> date | None:
    """The date the version was made public on the portal: known only for versions edited in motcua."""
    if version.source == ProcedureVersion.Source.EDITOR:
        return timezone.localdate(version.created_at)
    return None


def _shift(day: date, days: int) -> date:
    start = timezone.make_aware(datetime.combine(day, time(8, 0)))
    return timezone.localdate(add_working_days(start, days))


@dataclass
class PublicationCounts:
    versions: int = 0
    with_decision_date: int = 0
    with_effective_date: int = 0
    with_publication_date: int = 0
    counts: dict = field(default_factory=dict)  # {"1.1": (on time, n), "1.2": (on time, n)}


def publication_counts(versions=None) -> PublicationCounts:
    """Over the versions in force: how many carry each date, and 1.1 / 1.2 over those that carry both."""
    versions = versions if versions is not None else ProcedureVersion.objects.filter(
        procedure__current=F("pk")).only("raw", "source", "created_at")
    out = PublicationCounts()
    on_1_1 = n_1_1 = on_1_2 = n_1_2 = 0
    for v in versions:
        decided, effective, published = decision_date(v), effective_date(v), published_on(v)
        out.versions += 1
        out.with_decision_date += decided is not None
        out.with_effective_date += effective is not None
        out.with_publication_date += published is not None
        if decided and effective:
            n_1_1 += 1
            on_1_1 += _shift(decided, DAYS_1_1) <= effective
        if decided and published:
            n_1_2 += 1
            on_1_2 += published <= _shift(decided, DAYS_1_2)
    out.counts = {"1.1": (on_1_1, n_1_1), "1.2": (on_1_2, n_1_2)}
    return out
