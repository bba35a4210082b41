"""Sandbox of the national identity provider (shaped like VNeID's OpenID Connect service).

A small Django project of its own (django-oauth-toolkit with OIDC): authorisation code with PKCE, RS256
ID tokens carrying the 12-digit personal identification number (`pid`), the name, the birth date and the
account's level of assurance (`loa`, 1 or 2), discovery, JWKS, userinfo and RP-initiated logout. Its people are
the synthetic people of `sandboxes.people`; every page says it is a sandbox.
"""

DEFAULT_PORT = 8001
CLIENT_ID = "motcua-portal"
CLIENT_SECRET = "motcua-portal-sandbox-secret"  # a sandbox secret: production reads the real one from the environment
PASSWORD = "123456"  # every synthetic person's sandbox password, shown on the sign-in page
