"""The life of a feedback item (phản ánh, kiến nghị), read top to bottom.

States follow the national PAKN system (domain.md §8): chờ tiếp nhận → đang xử lý → chờ công khai → đã công
khai, with the side states từ chối, chuyển đơn vị and chờ bổ sung. "Answered" is the national "chờ công khai":
the answer exists and waits to be published.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    WAITING = "waiting", _("Chờ tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    WAITING_INFO = "waiting_info", _("Chờ bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời, chờ công khai")
    PUBLISHED = "published", _("Đã công khai")
    REFUSED = "refused", _("Từ chối")
    TRANSFERRED = "transferred", _("Chuyển đơn vị")


class Action(models.TextChoices):
    FILE = "file", _("Gửi phản ánh, kiến nghị")
    ACCEPT = "accept", _("Tiếp nhận xử lý")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    TRANSFER = "transfer", _("Chuyển đơn vị có thẩm quyền")
    REQUEST_INFO = "request_info", _("Đề nghị bổ sung thông tin")
    SUPPLY_INFO = "supply_info", _("Người gửi bổ sung thông tin")
    ANSWER = "answer", _("Trả lời")
    PUBLISH = "publish", _("Công khai trả lời")
    CONFIRM = "confirm", _("Người gửi xác nhận đã được giải quyết")
    REOPEN = "reopen", _("Người gửi đề nghị xử lý lại")


# The state an action leads to, and the states it may start from. CONFIRM keeps the state.
TRANSITIONS = {
    Action.ACCEPT: ({State.WAITING, State.TRANSFERRED}, State.IN_PROGRESS),
    Action.REFUSE: ({State.WAITING, State.TRANSFERRED, State.IN_PROGRESS, State.WAITING_INFO}, State.REFUSED),
    Action.TRANSFER: ({State.WAITING, State.TRANSFERRED, State.IN_PROGRESS}, State.TRANSFERRED),
    Action.REQUEST_INFO: ({State.IN_PROGRESS}, State.WAITING_INFO),
    Action.SUPPLY_INFO: ({State.WAITING_INFO}, State.IN_PROGRESS),
    Action.ANSWER: ({State.IN_PROGRESS}, State.ANSWERED),
    Action.PUBLISH: ({State.ANSWERED}, State.PUBLISHED),
    Action.CONFIRM: ({State.ANSWERED, State.PUBLISHED}, None),
    Action.REOPEN: ({State.ANSWERED, State.PUBLISHED}, State.IN_PROGRESS),
}

OPEN_STATES = {State.WAITING, State.TRANSFERRED, State.IN_PROGRESS, State.WAITING_INFO, State.ANSWERED}
# Open311 has two statuses; an item is closed for the citizen once it has an answer or a refusal.
CLOSED_FOR_CITIZEN = {State.ANSWERED, State.PUBLISHED, State.REFUSED}


def allowed(action, state):
    sources, _target = TRANSITIONS[action]
    return state in sources


def target(action, state):
    _sources, to = TRANSITIONS[action]
    return state if to is None else to
