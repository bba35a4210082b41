"""Who may see and act on feedback items: staff of the responsible agency (and superusers)."""

from motcua.lib.errors import Forbidden, NotFound
from motcua.units.models import Agency

from .models import Feedback


def agencies_of(user):
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user).distinct()


def feedback_visible_to(user):
    if not user.is_authenticated:
        return Feedback.objects.none()
    if user.is_superuser:
        return Feedback.objects.all()
    return Feedback.objects.filter(agency__memberships__user=user).distinct()


def check_staff_access(user, feedback):
    """Raise Forbidden unless `user` works at the agency now responsible for `feedback`."""
    if user is None or not user.is_authenticated:
        raise Forbidden("Cần đăng nhập bằng tài khoản cán bộ.")
    if user.is_superuser:
        return
    if feedback.agency_id is None or not user.memberships.filter(agency_id=feedback.agency_id).exists():
        raise Forbidden("Phản ánh này thuộc cơ quan khác; bạn không có quyền xử lý.")


def get_feedback_for_staff(user, code):
    feedback = Feedback.objects.select_related("agency", "procedure").filter(code=code).first()
    if feedback is None:
        raise NotFound("Không tìm thấy phản ánh, kiến nghị.")
    check_staff_access(user, feedback)
    return feedback
