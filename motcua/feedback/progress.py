"""What the sender and the officer see of an item's deadlines: each stage, its due moment and on time / late."""

from motcua.workdays.services import deadline_status

from .workflow import State

STATUS_LABELS = {
    "early": "Trước hạn",
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "on_track": "Còn hạn",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
}
STATUS_BADGES = {"early": "ok", "on_time": "ok", "on_track": "ok", "due_soon": "warn", "late": "bad", "overdue": "bad"}


def _stage(label, due, done_at, now, agency):
    if due is None:
        return None
    office_hours = agency.office_hours if agency is not None and agency.office_hours_id else None
    status = deadline_status(due, finished_at=done_at, now=now, office_hours=office_hours)
    return {"label": label, "due": due, "done_at": done_at, "status": status,
            "status_label": STATUS_LABELS[status], "badge": STATUS_BADGES[status]}


def _answered_in_this_clock(feedback):
    if feedback.answered_at and feedback.answered_at >= feedback.clock_started_at:
        return feedback.answered_at
    return None


def stages(feedback, *, now):
    """Return the stages of the current clock with their status as of `now` (finished stages keep theirs)."""
    rows = []
    if feedback.state == State.REFUSED:
        rows.append(_stage("Từ chối tiếp nhận (2 ngày làm việc)", feedback.refuse_due_at, feedback.refused_at, now,
                           feedback.agency))
    elif feedback.state != State.WAITING_INFO:
        rows.append(_stage("Trả lời (15 ngày làm việc)", feedback.answer_due_at, _answered_in_this_clock(feedback),
                           now, feedback.agency))
        rows.append(_stage("Công khai trả lời (2 ngày làm việc)", feedback.publish_due_at, feedback.published_at,
                           now, feedback.agency))
    return [row for row in rows if row is not None]
