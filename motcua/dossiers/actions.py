"""Every staff action on a dossier, in one table read by the console and the API.

Each action names the service it calls with `(dossier, actor, at, params)`; `params` is a dict with the keys
below (a console form's cleaned data, or the API's JSON body plus its files), so both doors take the same
action with the same inputs. Who may take it is `units.policy.POLICY[name]`, checked by the service.

Parameters: reason, note, items (list of papers), handler (a user), new_due_at, time_limit_days, amount,
method, reference, delivery, result_file, name and file (a supplied paper).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import services as s
from .models import Payment
from .services import ComponentInput


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    call: Callable  # (dossier, actor, at, params) -> Dossier
    form_number: str = ""  # the legal form this action produces, offered for printing afterwards
    danger: bool = False


def _supply(d, u, at, p):
    files = [p["file"]] if p.get("file") else []
    return s.supplement_dossier(d, actor=u, at=at, note=p.get("note", ""),
                                components=[ComponentInput(name=p.get("name", ""), files=files)])


_ACTIONS = [
    Action("accept", _("Tiếp nhận hồ sơ"), lambda d, u, at, p: s.accept_dossier(
        d, actor=u, at=at, time_limit_days=p.get("time_limit_days")), "01"),
    Action("request_supplement", _("Yêu cầu bổ sung hồ sơ (Mẫu 02)"), lambda d, u, at, p: s.request_supplement(
        d, actor=u, at=at, reason=p.get("reason", ""), items=p.get("items", [])), "02"),
    Action("refuse_intake", _("Từ chối tiếp nhận (Mẫu 03)"), lambda d, u, at, p: s.refuse_intake(
        d, actor=u, at=at, reason=p.get("reason", "")), "03", danger=True),
    Action("assign", _("Phân công xử lý"), lambda d, u, at, p: s.assign_handler(
        d, actor=u, at=at, handler=p.get("handler"), note=p.get("note", ""))),
    Action("complete_step", _("Hoàn thành bước, chuyển tiếp"), lambda d, u, at, p: s.complete_step(
        d, actor=u, at=at, note=p.get("note", "")), "05"),
    Action("apologise", _("Xin lỗi và hẹn lại ngày trả (Mẫu 04)"), lambda d, u, at, p: s.apologise(
        d, actor=u, at=at, reason=p.get("reason", ""), new_due_at=p.get("new_due_at")), "04"),
    Action("issue_result", _("Có kết quả giải quyết"), lambda d, u, at, p: s.issue_result(
        d, actor=u, at=at, result_file=p.get("result_file"), note=p.get("note", ""))),
    Action("refuse", _("Từ chối giải quyết"), lambda d, u, at, p: s.refuse_dossier(
        d, actor=u, at=at, reason=p.get("reason", "")), danger=True),
    Action("request_payment", _("Yêu cầu nộp phí, lệ phí"), lambda d, u, at, p: s.request_payment(
        d, actor=u, at=at, note=p.get("note", ""))),
    Action("record_payment", _("Ghi nhận đã nộp phí"), lambda d, u, at, p: s.record_payment(
        d, actor=u, at=at, amount=p.get("amount") or 0, method=p.get("method") or Payment.Method.CASH,
        reference=p.get("reference", ""))),
    Action("supplement", _("Nhận hồ sơ bổ sung"), _supply),
    Action("return_result", _("Trả kết quả"), lambda d, u, at, p: s.return_result(
        d, actor=u, at=at, delivery=p.get("delivery"), note=p.get("note", ""))),
    Action("withdraw", _("Ghi nhận công dân rút hồ sơ"), lambda d, u, at, p: s.withdraw_dossier(
        d, actor=u, at=at, reason=p.get("reason", ""))),
    Action("stop", _("Dừng xử lý"), lambda d, u, at, p: s.stop_dossier(
        d, actor=u, at=at, reason=p.get("reason", "")), danger=True),
]
ACTIONS = {a.name: a for a in _ACTIONS}


def take(name, dossier, *, actor, at, params):
    """Take the action `name` on `dossier` and return the dossier as it now is."""
    return ACTIONS[name].call(dossier, actor, at, params)
