"""Who may see and act on feedback items: staff (units.access) of the agency responsible for the item."""

from motcua.lib.errors import Forbidden, NotFound
from motcua.units import view_records
from motcua.units.access import memberships_of

from .models import Feedback


def feedback_visible_to(user):
    return Feedback.objects.filter(agency_id__in=memberships_of(user).values("agency_id"))


def check_staff_access(user, feedback, held=None):
    """Raise Forbidden unless `user` works at the agency now responsible for `feedback`.

    `held`: the user's memberships if already read (units.view_records.held_by); returns them."""
    if user is None or not user.is_authenticated:
        raise Forbidden("Cần đăng nhập bằng tài khoản cán bộ.")
    held = view_records.held_by(user) if held is None else held
    if feedback.agency_id is None or feedback.agency_id not in {agency for agency, _role in held}:
        raise Forbidden("Phản ánh này thuộc cơ quan khác; bạn không có quyền xử lý.")
    return held


def get_feedback_for_staff(user, code, *, page, detail=""):
    """Return the feedback item if `user` works at its agency, and record the view (units.view_records: `page`
    is the console page asking, a ViewRecord.Page)."""
    feedback = Feedback.objects.select_related("agency", "procedure").filter(code=code).first()
    if feedback is None:
        raise NotFound("Không tìm thấy phản ánh, kiến nghị.")
    held = check_staff_access(user, feedback)
    view_records.record(user, held, kind=view_records.Kind.FEEDBACK, code=feedback.code,
                        agency_id=feedback.agency_id, page=page, detail=detail)
    return feedback
