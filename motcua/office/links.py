"""Public links printed on tickets (the QR code) and sent by SMS."""

from django.conf import settings
from django.urls import reverse


def ticket_path(ticket):
    return reverse("portal:office_ticket", args=[ticket.token])


def ticket_url(ticket):
    return settings.MOTCUA_PUBLIC_BASE_URL.rstrip("/") + ticket_path(ticket)
