"""Who may see which dashboard: city leaders see every unit; a unit head sees their unit; scorecards see scorecards.can_view."""

from motcua.lib.errors import Forbidden
from motcua.units.models import Agency, Membership


def is_leader(user) -> bool:
    return user.is_superuser or Membership.objects.filter(user=user, role=Membership.Role.LEADER).exists()


def check_leader(user):
    if not is_leader(user):
        raise Forbidden("Chỉ lãnh đạo thành phố được xem bảng điều hành chung.")


def headed_agencies(user):
    if is_leader(user):
        return Agency.objects.filter(memberships__user=user).distinct()
    return Agency.objects.filter(memberships__user=user, memberships__role=Membership.Role.HEAD).distinct()


def get_agency_for_head(user, agency_id) -> Agency:
    """The agency if the user leads the city or heads that agency; otherwise Forbidden."""
    agency = Agency.objects.filter(pk=agency_id).select_related("commune").first()
    if agency is None or not (is_leader(user) or headed_agencies(user).filter(pk=agency_id).exists()):
        raise Forbidden("Anh/chị không phụ trách đơn vị này.")
    return agency
