"""The dossier actions. Keep it small: other apps import from here and from the models, nothing else.

Each action locks the dossier, checks the move against workflow.ALLOWED_TRANSITIONS, appends a DossierEvent,
sets the status and queues the citizen's notification on commit. The actor is keyword-only; `at` is passed in.
"""

from .acceptance import accept_dossier, channel_for, legal_channel, needs_time_limit, refuse_intake
from .apology import apologise
from .closing import issue_result, refuse_dossier, return_result, stop_dossier, withdraw_dossier
from .intake import Applicant, ComponentInput, submit_dossier
from .payments import confirm_online_payment, outstanding, record_payment, request_payment, start_online_payment
from .routing import active_steps, assign_handler, complete_step, control_sheet
from .supplement import request_supplement, supplement_by_tracking, supplement_dossier, supplement_items

__all__ = [
    "Applicant",
    "ComponentInput",
    "accept_dossier",
    "active_steps",
    "apologise",
    "assign_handler",
    "channel_for",
    "complete_step",
    "confirm_online_payment",
    "control_sheet",
    "issue_result",
    "legal_channel",
    "needs_time_limit",
    "outstanding",
    "record_payment",
    "refuse_dossier",
    "refuse_intake",
    "request_payment",
    "request_supplement",
    "return_result",
    "start_online_payment",
    "stop_dossier",
    "submit_dossier",
    "supplement_dossier",
    "supplement_by_tracking",
    "supplement_items",
    "withdraw_dossier",
]
