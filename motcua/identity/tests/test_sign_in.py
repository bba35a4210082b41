"""Sign-in through the identity-provider sandbox, a real OpenID Connect provider in its own process."""

import time
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from joserfc import jwt
from joserfc.jwk import RSAKey

from motcua.identity import oidc, services
from motcua.identity.errors import AssuranceTooLow, SignInFailed
from motcua.identity.models import CitizenIdentity, ProcedureAssurance
from sandboxes.identity_provider import CLIENT_ID, PASSWORD
from sandboxes.people import adults

HOST = "127.0.0.1:8000"  # the portal as the provider knows it (any port on 127.0.0.1 is accepted)
pytestmark = pytest.mark.django_db


def person(level=2):
    return next(p for p in adults() if p.assurance_level == level)


def through_provider(client, idp, pid, browser=None):
    """Run the browser's part of the code flow; return (portal response to the callback, provider session)."""
    browser = browser or requests.Session()
    start = client.get(reverse("portal:identity_start"), HTTP_HOST=HOST)
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    r = browser.get(start["Location"], allow_redirects=False)
    if "/dang-nhap/" in r.headers["Location"]:
        login_url = urljoin(idp["url"], r.headers["Location"])
        browser.get(login_url)
        r = browser.post(login_url, allow_redirects=False, data={
            "username": pid, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["idp_sandbox_csrftoken"],
            "next": parse_qs(urlsplit(login_url).query)["next"][0]})
        r = browser.get(urljoin(idp["url"], r.headers["Location"]), allow_redirects=False)
    back = urlsplit(r.headers["Location"])
    assert back.path == reverse("portal:identity_return")
    return client.get(f"{back.path}?{back.query}", HTTP_HOST=HOST), browser


def test_sign_in_proves_number_name_birth_date_and_level(client, idp_settings):
    someone = person(level=2)
    response, _ = through_provider(client, idp_settings, someone.pid)
    assert response.status_code == 302
    identity = CitizenIdentity.objects.get(pid_hash__matches=someone.pid)
    assert identity.full_name == someone.full_name
    assert identity.birth_date == someone.birth_date
    assert identity.assurance_level == 2 and identity.is_sandbox
    assert client.session["_auth_user_id"] == str(identity.user_id)


def test_the_same_number_finds_the_same_account(client, idp_settings):
    someone = person(level=1)
    through_provider(client, idp_settings, someone.pid)
    client.logout()
    through_provider(client, idp_settings, someone.pid)
    assert CitizenIdentity.objects.filter(pid_hash__matches=someone.pid).count() == 1
    assert CitizenIdentity.objects.get(pid_hash__matches=someone.pid).assurance_level == 1


def test_sign_out_ends_the_provider_session_too(client, idp_settings):
    _, browser = through_provider(client, idp_settings, person().pid)
    response = client.post(reverse("portal:logout"), HTTP_HOST=HOST)
    assert response.status_code == 302 and "/o/logout/" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert parse_qs(urlsplit(response["Location"]).query)["id_token_hint"]
    browser.get(response["Location"], allow_redirects=False)  # the browser follows it to the provider
    again = client.get(reverse("portal:identity_start"), HTTP_HOST=HOST)
    assert "/dang-nhap/" in browser.get(again["Location"], allow_redirects=False).headers["Location"]


def test_a_tampered_state_is_refused(client, idp_settings):
    start = client.get(reverse("portal:identity_start"), HTTP_HOST=HOST)
    assert start.status_code == 302
    response = client.get(reverse("portal:identity_return") + "?code=x&state=forged", HTTP_HOST=HOST)
    assert response.status_code == 400
    assert "không thành công" in response.content.decode()


def _token(key, **changes):
    now = int(time.time())
    claims = {"iss": oidc.client().load_server_metadata()["issuer"], "aud": CLIENT_ID, "sub": "000000000001",
              "pid": "000000000001", "loa": 2, "iat": now, "exp": now + 300, "nonce": "n-1", **changes}
    return jwt.encode({"alg": "RS256", "kid": key.thumbprint()}, claims, key)


def _provider_key(idp):
    return RSAKey.import_key(idp["key_file"].read_text())


def test_id_token_checks(idp_settings):
    provider_key = _provider_key(idp_settings)
    parse = oidc.client().parse_id_token
    assert parse({"id_token": _token(provider_key)}, nonce="n-1")["pid"] == "000000000001"
    other_key = RSAKey.generate_key(2048)
    with pytest.raises(Exception, match="signature|kid|key"):
        parse({"id_token": _token(other_key)}, nonce="n-1")
    with pytest.raises(Exception, match="nonce"):
        parse({"id_token": _token(provider_key)}, nonce="another")
    hour_ago = int(time.time()) - 3600
    with pytest.raises(Exception, match="expired"):
        parse({"id_token": _token(provider_key, iat=hour_ago - 300, exp=hour_ago)}, nonce="n-1")


def test_first_sign_in_links_the_earlier_local_account(world):
    earlier = world.chi  # a citizen with a local account (tests/world.py)
    claims = {"pid": "000190000001", "name": "Vũ Thị Chi", "birthdate": "1990-05-01", "loa": 2}
    assert services.sign_in(claims, at=timezone.now(), earlier_account=earlier) == earlier
    # a later sign-in finds it by the number, whatever the caller proposes
    assert services.sign_in(claims, at=timezone.now(), earlier_account=None) == earlier


def test_staff_accounts_are_never_linked_and_bad_claims_refused():
    staff = get_user_model().objects.create_user("canbo", password="x", is_staff=True)
    claims = {"pid": "000190000002", "name": "Trần Văn Nam", "loa": 1}
    assert services.sign_in(claims, at=timezone.now(), earlier_account=staff) != staff
    with pytest.raises(SignInFailed):
        services.sign_in({"pid": "12345", "loa": 2}, at=timezone.now())
    with pytest.raises(SignInFailed):
        services.sign_in({"pid": "000190000003", "loa": 3}, at=timezone.now())


def test_a_procedure_can_require_level_2():
    from motcua.catalogue.models import Procedure

    procedure = Procedure.objects.create(code="1.000000")
    ProcedureAssurance.objects.create(procedure=procedure, level=2)
    level_one = services.sign_in({"pid": "000190000004", "name": "Lê Văn An", "loa": 1}, at=timezone.now())
    with pytest.raises(AssuranceTooLow):
        services.check_assurance(level_one, procedure)
    level_two = services.sign_in({"pid": "000190000005", "name": "Lê Thị Hoa", "loa": 2}, at=timezone.now())
    services.check_assurance(level_two, procedure)
    assert CitizenIdentity.objects.get(pid_hash__matches="000190000005").birth_date is None
