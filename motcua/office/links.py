"""Public links printed on tickets (the QR code) and sent by SMS."""

from django.conf import settings


def ticket_path(ticket):
    return f"/mot-cua/so/{ticket.token}/"


def ticket_url(ticket):
    return settings.MOTCUA_PUBLIC_BASE_URL.rstrip("/") + ticket_path(ticket)
