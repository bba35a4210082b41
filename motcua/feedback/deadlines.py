"""Deadlines of the national PAKN system (QĐ 766/QĐ-TTg, indicator 5.2; domain.md §7.2 and §8).

From the moment an agency's clock starts, it must refuse an item within 2 working days, ask for more
information within 5 and answer within 15; once answered, it must publish the answer within 2. Working days
and hours come from the official calendar (motcua.workdays) and the agency's office hours.

The national rules say when the clock starts only for receipt. motcua also restarts it [I]:
- on transfer, for the receiving agency (NĐ 20/2008 lets the first agency forward out-of-competence items);
- when the sender supplies requested information, as a dossier's clock restarts after a supplement (NĐ 61
  Art.19.4);
- when the sender reopens an answer that did not resolve the matter.
"""

from motcua.workdays.services import compute_due

REFUSE_DAYS = 2
INFO_DAYS = 5
ANSWER_DAYS = 15
PUBLISH_DAYS = 2


def _office_hours(agency):
    return agency.office_hours if agency is not None and agency.office_hours_id else None


def due_after(start, days, agency):
    """Return the moment `days` working days after `start` at `agency`."""
    return compute_due(start, days, "working_days", office_hours=_office_hours(agency))


def stage_deadlines(start, agency):
    """Return the refuse, request-information and answer deadlines of a clock started at `start`."""
    return {
        "refuse_due_at": due_after(start, REFUSE_DAYS, agency),
        "info_due_at": due_after(start, INFO_DAYS, agency),
        "answer_due_at": due_after(start, ANSWER_DAYS, agency),
    }


def met(due, at):
    """Return whether an act at `at` met `due` (None when there was no deadline)."""
    return None if due is None else at <= due
