"""Who may see and act on feedback items: staff (units.access) of the agency responsible for the item."""

from motcua.lib.errors import Forbidden, NotFound
from motcua.units.access import memberships_of

from .models import Feedback


def feedback_visible_to(user):
    return Feedback.objects.filter(agency_id__in=memberships_of(user).values("agency_id"))


def check_staff_access(user, feedback):
    """Raise Forbidden unless `user` works at the agency now responsible for `feedback`."""
    if user is None or not user.is_authenticated:
        raise Forbidden("Cần đăng nhập bằng tài khoản cán bộ.")
    if feedback.agency_id is None or not memberships_of(user).filter(agency_id=feedback.agency_id).exists():
        raise Forbidden("Phản ánh này thuộc cơ quan khác; bạn không có quyền xử lý.")


def get_feedback_for_staff(user, code):
    feedback = Feedback.objects.select_related("agency", "procedure").filter(code=code).first()
    if feedback is None:
        raise NotFound("Không tìm thấy phản ánh, kiến nghị.")
    check_staff_access(user, feedback)
    return feedback
