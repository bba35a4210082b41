"""Home-visit teams (tổ cơ động): requests for help at home, the team and slot the commune assigns, the online
dossiers filed with the team's help (channel online, Dossier.assisted_by) and the citizen's rating.
"""

from statistics import median

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.access import check_member
from motcua.dossiers.models import Channel
from motcua.dossiers.services import submit_dossier
from motcua.limits import services as limits
from motcua.units.models import Agency

from . import history
from .errors import OfficeConflict, OfficeError
from .models import HomeTeam, HomeVisit


def _digits(value):
    return "".join(ch for ch in value or "" if ch.isdigit())


def request_visit(agency, *, requester, requester_name, requester_phone, person_name, address, reason, at,
                  person_phone="", procedure=None, procedure_text="", reason_note="", created_by=None, client=None):
    """Record a request for help at home; an officer taking a hotline call must be staff of the commune.
    `client`: the requesting address, whose requests per hour are limited (limits "home_visit_address")."""
    if agency is None or agency.kind != Agency.Kind.COMMUNE_PC:
        raise OfficeError(_("Chọn UBND xã, phường nơi người cần hỗ trợ sinh sống."))
    if requester not in HomeVisit.Requester.values:
        raise OfficeError(_("Người đề nghị không hợp lệ."))
    if reason not in HomeVisit.Reason.values:
        raise OfficeError(_("Lý do đề nghị hỗ trợ không hợp lệ."))
    if requester == HomeVisit.Requester.HOTLINE:
        check_member(created_by, agency)
    for value, message in ((requester_name, _("Cần họ tên người đề nghị.")),
                           (person_name, _("Cần họ tên người cần hỗ trợ.")),
                           (address, _("Cần địa chỉ nơi đến hỗ trợ."))):
        if not (value or "").strip():
            raise OfficeError(message)
    if not 9 <= len(_digits(requester_phone)) <= 12:
        raise OfficeError(_("Cần số điện thoại hợp lệ của người đề nghị (9 đến 12 chữ số)."))
    if procedure is None and not (procedure_text or "").strip():
        raise OfficeError(_("Cho biết thủ tục hoặc việc cần làm."))
    limits.take("home_visit_address", client)
    visit = HomeVisit(agency=agency, requester=requester, requester_name=requester_name.strip(),
                      requester_phone=_digits(requester_phone), person_name=person_name.strip(),
                      person_phone=_digits(person_phone), address=address.strip(), procedure=procedure,
                      procedure_text=(procedure_text or "").strip(), reason=reason,
                      reason_note=(reason_note or "").strip(), requested_at=at,
                      created_by=created_by if getattr(created_by, "pk", None) else None)
    history.note(visit, "requested", at=at, actor=created_by)
    visit.save()
    return visit


def assign(visit, team, slot_at, *, actor, at):
    """The commune assigns a team and a time to come."""
    check_member(actor, visit.agency)
    if team.agency_id != visit.agency_id or not team.is_active:
        raise OfficeError(_("Tổ hỗ trợ phải là tổ đang hoạt động của %(a)s.") % {"a": visit.agency.name})
    if visit.status not in (HomeVisit.Status.REQUESTED, HomeVisit.Status.SCHEDULED):
        raise OfficeConflict(_("Đề nghị này đã được hỗ trợ hoặc đã hủy."))
    if slot_at is None or slot_at < at:
        raise OfficeError(_("Giờ hẹn đến nhà phải sau thời điểm hiện tại."))
    visit.team, visit.slot_at, visit.status, visit.scheduled_at = team, slot_at, HomeVisit.Status.SCHEDULED, at
    history.note(visit, "scheduled", at=at, actor=actor, detail=f"{team.name} {timezone.localtime(slot_at):%d/%m/%Y %H:%M}")
    visit.save(update_fields=["team", "slot_at", "status", "scheduled_at", "history"])
    return visit


def check_helper(visit, actor):
    """Members of the assigned team, or staff of the commune, may file for the citizen."""
    if visit.team_id and visit.team.members.filter(pk=getattr(actor, "pk", None)).exists():
        return
    check_member(actor, visit.agency)


def file_online(visit, version, *, applicant, components, actor, at, agency=None):
    """File an online dossier with the citizen during the visit; return it (channel online, assisted_by=actor)."""
    check_helper(visit, actor)
    if visit.status not in (HomeVisit.Status.SCHEDULED, HomeVisit.Status.VISITED):
        raise OfficeConflict(_("Cần phân công tổ hỗ trợ trước khi nộp hồ sơ giúp người dân."))
    with transaction.atomic():
        dossier = submit_dossier(version, channel=Channel.ONLINE, applicant=applicant, components=components, at=at,
                                 actor=actor, agency=agency, delivery="online", assisted_by=actor,
                                 notes=_("Nộp trực tuyến với sự hỗ trợ của tổ hỗ trợ tại nhà (đề nghị %(c)s).") % {
                                     "c": visit.code})
        visit.dossiers.add(dossier)
        _mark_visited(visit, actor=actor, at=at, detail=dossier.public_id)
    return dossier


def _mark_visited(visit, *, actor, at, detail=""):
    if visit.status != HomeVisit.Status.VISITED:
        visit.status, visit.visited_at = HomeVisit.Status.VISITED, at
    history.note(visit, "filed" if detail else "visited", at=at, actor=actor, detail=detail)
    visit.save(update_fields=["status", "visited_at", "history"])


def close_visit(visit, *, rating=None, note="", actor, at):
    """Record that the team came (even with no dossier filed) and the citizen's rating (1–5) if given."""
    check_helper(visit, actor)
    if visit.status not in (HomeVisit.Status.SCHEDULED, HomeVisit.Status.VISITED):
        raise OfficeConflict(_("Cần phân công tổ hỗ trợ trước khi ghi nhận buổi hỗ trợ."))
    if rating is not None and rating not in (1, 2, 3, 4, 5):
        raise OfficeError(_("Mức đánh giá phải là một số từ 1 đến 5."))
    visit.rating, visit.rating_note = rating, (note or "").strip()[:255]
    visit.save(update_fields=["rating", "rating_note"])
    _mark_visited(visit, actor=actor, at=at)
    return visit


def teams_of(agency):
    return HomeTeam.objects.filter(agency=agency, is_active=True)


def report(visits):
    """Requests, visits, dossiers filed, hours from request to visit (median) and mean rating of `visits`."""
    rows = list(visits.prefetch_related("dossiers"))
    done = [v for v in rows if v.visited_at]
    hours = [(v.visited_at - v.requested_at).total_seconds() / 3600 for v in done]
    ratings = [v.rating for v in rows if v.rating]
    return {"requests": len(rows), "visits": len(done), "dossiers": sum(len(v.dossiers.all()) for v in rows),
            "hours_median": median(hours) if hours else None,
            "rating_mean": sum(ratings) / len(ratings) if ratings else None}
