"""Who may see which dashboard: city leaders see every unit; a unit head sees their unit (units.access)."""

from motcua.lib.errors import Forbidden
from motcua.units.access import headed_agencies, is_leader
from motcua.units.models import Agency

__all__ = ["is_leader", "headed_agencies", "check_leader", "get_agency_for_head"]


def check_leader(user):
    if not is_leader(user):
        raise Forbidden("Chỉ lãnh đạo thành phố được xem bảng điều hành chung.")


def get_agency_for_head(user, agency_id) -> Agency:
    """The agency if the user leads the city or heads that agency; otherwise Forbidden."""
    agency = Agency.objects.filter(pk=agency_id).select_related("commune").first()
    if agency is None or not (is_leader(user) or headed_agencies(user).filter(pk=agency_id).exists()):
        raise Forbidden("Anh/chị không phụ trách đơn vị này.")
    return agency
