"""Settings of the office, each with where its value comes from."""

from django.conf import settings


def wait_target_minutes():
    """The waiting time (ticket to call) the city promises; the share of tickets called within it is reported.

    No document in our sources sets it: the default of 15 minutes is the city's choice, to be replaced by the
    figure of its decision (MOTCUA_QUEUE_WAIT_TARGET_MINUTES)."""
    return int(getattr(settings, "MOTCUA_QUEUE_WAIT_TARGET_MINUTES", 15))


WAIT_TARGET_SOURCE = "Lựa chọn của thành phố (chưa có văn bản quy định trong nguồn dữ liệu)"
