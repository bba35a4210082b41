"""Public links printed on papers and sent in messages (the receipt QR code, SMS, email)."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def tracking_url(public_id: str) -> str:
    """Return the absolute URL of the public tracking page for a dossier code (NĐ 61 Art.17.4: the code tracks)."""
    base = settings.MOTCUA_PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{reverse('portal:track')}?{urlencode({'ma': public_id})}"
