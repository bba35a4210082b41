"""The actions a staff member can take on a dossier page: a form to parse and ONE service to call each."""

from collections.abc import Callable
from dataclasses import dataclass

from motcua.dossiers import services as s
from motcua.dossiers.services import ComponentInput

from . import forms as f


@dataclass(frozen=True)
class Action:
    label: str
    form: type
    call: Callable  # (dossier, user, at, cleaned_data) -> Dossier
    form_number: str = ""  # the legal form this action produces, offered for printing afterwards
    danger: bool = False


def _supply(d, u, at, c):
    files = [c["file"]] if c.get("file") else []
    return s.supplement_dossier(d, actor=u, at=at, note=c.get("note", ""),
                                components=[ComponentInput(name=c["name"], files=files)])


ACTIONS = {
    "accept": Action("Tiếp nhận hồ sơ", f.AcceptForm, lambda d, u, at, c: s.accept_dossier(
        d, actor=u, at=at, time_limit_days=c.get("time_limit_days")), "01"),
    "request_supplement": Action(
        "Yêu cầu bổ sung hồ sơ (Mẫu 02)", f.SupplementRequestForm,
        lambda d, u, at, c: s.request_supplement(d, actor=u, at=at, reason=c["reason"], items=c["items"]), "02"),
    "refuse_intake": Action(
        "Từ chối tiếp nhận (Mẫu 03)", f.ReasonForm,
        lambda d, u, at, c: s.refuse_intake(d, actor=u, at=at, reason=c["reason"]), "03", danger=True),
    "assign": Action(
        "Phân công xử lý", f.AssignForm,
        lambda d, u, at, c: s.assign_handler(d, actor=u, at=at, handler=c["handler"], note=c["note"])),
    "complete_step": Action(
        "Hoàn thành bước, chuyển tiếp", f.NoteForm,
        lambda d, u, at, c: s.complete_step(d, actor=u, at=at, note=c["note"]), "05"),
    "apologise": Action(
        "Xin lỗi và hẹn lại ngày trả (Mẫu 04)", f.ApologyForm,
        lambda d, u, at, c: s.apologise(d, actor=u, at=at, reason=c["reason"], new_due_at=c["new_due_at"]), "04"),
    "issue_result": Action(
        "Có kết quả giải quyết", f.ResultForm,
        lambda d, u, at, c: s.issue_result(d, actor=u, at=at, result_file=c["result_file"], note=c["note"])),
    "refuse": Action(
        "Từ chối giải quyết", f.ReasonForm,
        lambda d, u, at, c: s.refuse_dossier(d, actor=u, at=at, reason=c["reason"]), danger=True),
    "request_payment": Action(
        "Yêu cầu nộp phí, lệ phí", f.NoteForm,
        lambda d, u, at, c: s.request_payment(d, actor=u, at=at, note=c["note"])),
    "record_payment": Action(
        "Ghi nhận đã nộp phí", f.PaymentForm,
        lambda d, u, at, c: s.record_payment(d, actor=u, at=at, amount=c["amount"], method=c["method"],
                                             reference=c["reference"])),
    "supplement": Action("Nhận hồ sơ bổ sung", f.SupplyForm, _supply),
    "return_result": Action(
        "Trả kết quả", f.ReturnForm,
        lambda d, u, at, c: s.return_result(d, actor=u, at=at, delivery=c["delivery"], note=c["note"])),
    "stop": Action("Dừng xử lý", f.ReasonForm,
                   lambda d, u, at, c: s.stop_dossier(d, actor=u, at=at, reason=c["reason"]), danger=True),
}


def build_form(name, dossier, user, data=None, files=None):
    action = ACTIONS[name]
    kwargs = {}
    if action.form is f.AssignForm:
        mine = set(user.memberships.values_list("agency_id", flat=True))
        kwargs["agencies"] = [st.agency_id for st in s.active_steps(dossier) if st.agency_id in mine]
    if action.form is f.AcceptForm:
        kwargs["needs_time_limit"] = s.needs_time_limit(s.legal_channel(dossier))
    initial = {"delivery": dossier.delivery, "amount": dossier.fee_payable or None}
    return action.form(data, files, initial=initial, prefix=name, **kwargs)
