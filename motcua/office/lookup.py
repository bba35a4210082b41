"""Find the rows a request names (agency code, procedure code, priority group), with Vietnamese refusals."""

from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.units.models import Agency

from .errors import OfficeNotFound
from .models import PriorityGroup, ServiceArea


def agency(code):
    found = Agency.objects.select_related("office_hours", "province").filter(code=(code or "").strip(),
                                                                             is_active=True).first()
    if found is None:
        raise OfficeNotFound(_("Không tìm thấy cơ quan có mã %(c)s.") % {"c": code})
    return found


def procedure(code, *, required=True):
    code = (code or "").strip().split(" ")[0]
    if not code and not required:
        return None
    found = Procedure.objects.select_related("current").filter(code=code, current__isnull=False).first()
    if found is None:
        raise OfficeNotFound(_("Không tìm thấy thủ tục có mã %(c)s.") % {"c": code})
    return found


def priority(code):
    if not code:
        return None
    found = PriorityGroup.objects.filter(code=code, is_active=True).first()
    if found is None:
        raise OfficeNotFound(_("Không có nhóm ưu tiên “%(c)s”.") % {"c": code})
    return found


def area(agency_, area_id):
    if not area_id:
        return None
    found = ServiceArea.objects.filter(pk=area_id, agency=agency_).first()
    if found is None:
        raise OfficeNotFound(_("Không tìm thấy khu vực phục vụ."))
    return found
