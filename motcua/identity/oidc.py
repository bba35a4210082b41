"""The portal as a relying party of the national identity provider (OpenID Connect, Authlib).

Authorisation code with PKCE (S256), `state` and `nonce` kept in the session; Authlib checks the ID token's
RS256 signature against the provider's JWKS, its issuer, audience, expiry and nonce. The provider is named by
`settings.IDENTITY_PROVIDER` (issuer, client id and secret, whether it is a sandbox).

Authlib and its JOSE and HTTP libraries (some 40 MB) are imported on the first sign-in, not by every web worker.
"""

from django.conf import settings

from .errors import SignInFailed

_registered = {}


def client():
    """The client for the configured provider (its discovery document is cached per process: configuration)."""
    conf = settings.IDENTITY_PROVIDER
    key = (conf["issuer"], conf["client_id"])
    if key not in _registered:
        _registered[key] = _register(conf)
    return _registered[key]


def _register(conf):
    from authlib.integrations.django_client import OAuth

    return OAuth().register(
        "national",
        client_id=conf["client_id"],
        client_secret=conf["client_secret"],
        server_metadata_url=conf["issuer"].rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid profile", "code_challenge_method": "S256", "timeout": 10},
    )


def start(request, redirect_uri):
    """The redirect to the provider's sign-in page."""
    return client().authorize_redirect(request, redirect_uri)


def finish(request):
    """The verified claims of the ID token returned to the callback, or SignInFailed."""
    if request.GET.get("error"):
        raise SignInFailed(request.GET.get("error_description") or request.GET["error"])
    import requests
    from authlib.common.errors import AuthlibBaseError
    from joserfc.errors import JoseError

    try:
        token = client().authorize_access_token(request)
    except (AuthlibBaseError, JoseError, ValueError, KeyError, requests.RequestException) as e:
        raise SignInFailed(str(e)) from e
    claims = dict(token.get("userinfo") or {})
    if not claims:
        raise SignInFailed("no ID token")
    claims["_id_token"] = token.get("id_token", "")
    return claims


def end_session_url(id_token, post_logout_redirect_uri):
    """Where to send the browser so the provider's session ends too (RP-initiated logout), or None."""
    from urllib.parse import urlencode

    metadata = client().load_server_metadata()
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    return endpoint + "?" + urlencode({
        "id_token_hint": id_token,
        "post_logout_redirect_uri": post_logout_redirect_uri,
        "client_id": settings.IDENTITY_PROVIDER["client_id"],
    })
