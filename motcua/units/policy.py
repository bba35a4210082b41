"""Who may take which action on a dossier or a feedback item: one table, with the legal basis of each row.

A role of `Membership` in the agency concerned grants the action when it is listed for it. The powers that
sign for the agency (refusing after appraisal, stopping a dossier, issuing its result, assigning a handler,
publishing an answer to feedback) belong to the unit's head, or to an officer the head has delegated that
power to: the delegation is recorded (`Delegation`: who, which power, by whom, when, until when it was revoked).

Where the law (docs/domain.md) names who acts, the row cites it. Where it is silent on who signs, the row says
"head or delegate" as this project's policy (issue 17), not as law.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.lib.errors import Forbidden, NotFound

from .models import Delegation, Membership

R = Membership.Role
WORKING = frozenset({R.RECEPTION, R.HANDLER, R.HEAD})
HEAD = frozenset({R.HEAD})


@dataclass(frozen=True)
class Rule:
    roles: frozenset
    basis: str
    delegable: bool = False  # the head may delegate it (recorded as a Delegation)


POLICY: dict[str, Rule] = {
    # Dossiers (the actions of dossiers.actions).
    "accept": Rule(WORKING, "NĐ 61/2018 Điều 17.1–17.2: Bộ phận Một cửa tiếp nhận, kiểm tra hồ sơ (Mẫu 01)"),
    "request_supplement": Rule(WORKING, "NĐ 61/2018 Điều 17.1 (Mẫu 02 khi tiếp nhận), Điều 19.4 (khi thẩm định)"),
    "refuse_intake": Rule(WORKING, "NĐ 61/2018 Điều 17.1–17.2: từ chối tiếp nhận có lý do (Mẫu 03)"),
    "supplement": Rule(WORKING, "NĐ 61/2018 Điều 17.1, 19.4: nhận hồ sơ bổ sung"),
    "assign": Rule(HEAD, "NĐ 61/2018 Điều 19.1–19.3: người đứng đầu cơ quan phân công người xử lý", delegable=True),
    "complete_step": Rule(WORKING, "NĐ 61/2018 Điều 19.1–19.3, TT 01/2018 Mẫu 05: chuyển bước, ghi phiếu kiểm soát"),
    "apologise": Rule(WORKING, "NĐ 61/2018 Điều 19.9: cơ quan gửi phiếu xin lỗi, hẹn lại (Mẫu 04)"),
    "request_payment": Rule(WORKING, "NĐ 61/2018 Điều 22: nộp phí, lệ phí"),
    "record_payment": Rule(WORKING, "NĐ 61/2018 Điều 22: nộp phí, lệ phí"),
    "refuse": Rule(HEAD, "NĐ 61/2018 Điều 19.8: từ chối giải quyết là kết quả giải quyết; người ký: người đứng "
                         "đầu hoặc người được ủy quyền (chính sách của dự án)", delegable=True),
    "issue_result": Rule(HEAD, "NĐ 61/2018 Điều 20; kết quả được ký số (domain.md §9); người ký: người đứng đầu "
                               "hoặc người được ủy quyền (chính sách của dự án)", delegable=True),
    "return_result": Rule(WORKING, "NĐ 61/2018 Điều 20: Bộ phận Một cửa trả kết quả"),
    "withdraw": Rule(WORKING, "Trạng thái 7 (domain.md §2.15, §3): ghi nhận yêu cầu rút hồ sơ của công dân"),
    "stop": Rule(HEAD, "Trạng thái 8 (domain.md §2.15), TT 03/2025 thông báo dừng giải quyết; người ký: người "
                       "đứng đầu hoặc người được ủy quyền (chính sách của dự án)", delegable=True),
    # Feedback (feedback.services).
    "feedback_handle": Rule(WORKING, "NĐ 20/2008 (sửa đổi bởi NĐ 92/2017): tiếp nhận, phân loại, chuyển, xử lý"),
    "feedback_publish": Rule(HEAD, "NĐ 20/2008: quyết định và công khai kết quả xử lý; người công khai: người "
                                   "đứng đầu hoặc người được ủy quyền (chính sách của dự án)", delegable=True),
    # The record of staff views of dossiers and feedback (units.view_records).
    "view_records": Rule(HEAD, "Chính sách của dự án (issue 17): lãnh đạo đơn vị hoặc người được ủy quyền xem ai đã "
                               "xem hồ sơ, phản ánh của đơn vị; văn bản pháp luật trong nguồn của dự án không quy "
                               "định người xem", delegable=True),
}


def agencies_where(user, action) -> set[int]:
    """The agencies where `user` may take `action`: by role there, or by a standing delegation."""
    rule = POLICY[action]
    if not getattr(user, "pk", None):
        return set()
    ids = set(Membership.objects.filter(user=user, role__in=rule.roles).values_list("agency_id", flat=True))
    if rule.delegable:
        ids |= set(Delegation.objects.filter(delegate=user, power=action, revoked_at__isnull=True)
                   .values_list("agency_id", flat=True))
    return ids


def may(user, action, agency_ids, *, roles=None) -> bool:
    """True when `user` may take `action` for one of `agency_ids`: by role there, or by a standing delegation.
    `roles`: the roles `user` holds in `agency_ids`, when the caller has read them (then they are not read again)."""
    rule = POLICY[action]
    if not getattr(user, "pk", None):
        return False
    if roles is None:
        if Membership.objects.filter(user=user, agency_id__in=agency_ids, role__in=rule.roles).exists():
            return True
    elif rule.roles & set(roles):
        return True
    return rule.delegable and Delegation.objects.filter(
        delegate=user, power=action, agency_id__in=agency_ids, revoked_at__isnull=True).exists()


def refusal(action) -> str:
    """The Vietnamese reason a user without the right is refused `action`."""
    rule = POLICY[action]
    roles = ", ".join(str(r.label) for r in Membership.Role if r in rule.roles)
    if rule.delegable:
        return _("Thao tác này chỉ dành cho %(roles)s hoặc cán bộ được lãnh đạo đơn vị ủy quyền.") % {"roles": roles}
    return _("Thao tác này chỉ dành cho vai trò: %(roles)s.") % {"roles": roles}


@transaction.atomic
def delegate(agency, *, head, to, power, at, note=""):
    """Record that the head of `agency` delegates `power` to `to`, a member of the agency; return the Delegation."""
    if power not in POLICY or not POLICY[power].delegable:
        raise NotFound(_("Không có quyền “%(p)s” để ủy quyền.") % {"p": power})
    if not Membership.objects.filter(user=head, agency=agency, role=R.HEAD).exists():
        raise Forbidden(_("Chỉ lãnh đạo đơn vị được ủy quyền."))
    if not Membership.objects.filter(user=to, agency=agency).exists():
        raise Forbidden(_("Chỉ ủy quyền cho cán bộ của đơn vị."))
    return Delegation.objects.create(agency=agency, delegate=to, power=power, granted_by=head, granted_at=at,
                                     note=note)


@transaction.atomic
def revoke(delegation, *, head, at):
    if not Membership.objects.filter(user=head, agency=delegation.agency, role=R.HEAD).exists():
        raise Forbidden(_("Chỉ lãnh đạo đơn vị được thu hồi ủy quyền."))
    delegation.revoked_at, delegation.revoked_by = at, head
    delegation.save(update_fields=["revoked_at", "revoked_by"])
    return delegation
