"""The relying parties the sandbox knows: the portal, on loopback."""

import os

from oauth2_provider.models import Application

from sandboxes.identity_provider import CLIENT_ID, CLIENT_SECRET

PORTAL = os.environ.get("IDP_PORTAL_ORIGIN", "http://127.0.0.1:8000")


def register_portal():
    origins = (PORTAL, "http://127.0.0.1", "http://localhost")  # loopback: any port (RFC 8252)
    uris = " ".join(f"{origin}/tai-khoan/dinh-danh/ve/" for origin in origins)
    logout = " ".join(f"{origin}/" for origin in origins)
    app = Application.objects.filter(client_id=CLIENT_ID).first() or Application(client_id=CLIENT_ID)
    app.name = "motcua (cổng dịch vụ công, môi trường thử)"
    app.client_type = Application.CLIENT_CONFIDENTIAL
    app.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
    app.client_secret = CLIENT_SECRET
    app.redirect_uris = uris
    app.post_logout_redirect_uris = logout
    app.algorithm = Application.RS256_ALGORITHM
    app.skip_authorization = True
    app.save()
