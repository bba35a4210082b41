"""The console's form for each dossier action of `dossiers.actions` (the one table the console and API share)."""

from motcua.dossiers import services as s
from motcua.dossiers.actions import ACTIONS
from motcua.units.access import agency_ids_of

from . import forms as f

FORMS = {
    "accept": f.AcceptForm,
    "request_supplement": f.SupplementRequestForm,
    "refuse_intake": f.ReasonForm,
    "assign": f.AssignForm,
    "complete_step": f.NoteForm,
    "apologise": f.ApologyForm,
    "issue_result": f.ResultForm,
    "refuse": f.ReasonForm,
    "request_payment": f.NoteForm,
    "record_payment": f.PaymentForm,
    "supplement": f.SupplyForm,
    "return_result": f.ReturnForm,
    "withdraw": f.WithdrawForm,
    "stop": f.ReasonForm,
}
assert FORMS.keys() == ACTIONS.keys(), "every action of dossiers.actions has a console form"


def build_form(name, dossier, user, data=None, files=None):
    form = FORMS[name]
    kwargs = {}
    if form is f.AssignForm:
        mine = agency_ids_of(user)
        kwargs["agencies"] = [st.agency_id for st in s.active_steps(dossier) if st.agency_id in mine]
    if form is f.AcceptForm:
        kwargs["needs_time_limit"] = s.needs_time_limit(s.legal_channel(dossier))
    initial = {"delivery": dossier.delivery, "amount": dossier.fee_payable or None}
    return form(data, files, initial=initial, prefix=name, **kwargs)
