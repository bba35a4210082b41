"""Side doors: `next=` never leaves the site; wrong passwords are throttled on the portal and the admin."""

import pytest
from django.contrib.auth import get_user_model

from tests.world import PASSWORD

pytestmark = pytest.mark.django_db

EVIL = ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example", "\\\\evil.example",
        "http://evil.example@testserver/", " https://evil.example/", "javascript:alert(1)"]


def _register(client, next_url, username):
    return client.post(f"/tai-khoan/dang-ky/?next={next_url}", {
        "username": username, "full_name": "Nguyễn Văn Thử", "password1": "mat-khau-dai-2026",
        "password2": "mat-khau-dai-2026"})


@pytest.mark.parametrize("target", EVIL)
def test_register_never_redirects_off_site(client, target):
    from urllib.parse import quote

    response = _register(client, quote(target, safe=""), "thu-" + str(abs(hash(target)) % 10**6))
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/ho-so/" or response["Location"].startswith("/tai-khoan/")
    assert "evil" not in response["Location"]


def test_register_follows_a_next_on_this_site(client):
    response = _register(client, "/thu-tuc/", "thu-local")
    assert response["Location"] == "/thu-tuc/"


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_never_redirects_off_site(client, target, world):
    response = client.post("/tai-khoan/dang-nhap/", {"username": world.chi.username, "password": PASSWORD,
                                                     "next": target})
    assert response.status_code == 302 and "evil" not in response["Location"]


@pytest.mark.parametrize("login_url", ["/tai-khoan/dang-nhap/", "/quan-tri/login/"])
def test_wrong_passwords_are_throttled_then_even_the_right_one_waits(client, login_url):
    user = get_user_model().objects.create_user("can-bo", password="mat-khau-dai-2026", is_staff=True)
    for _ in range(4):
        assert client.post(login_url, {"username": user.username, "password": "sai"}).status_code == 200
    assert client.post(login_url, {"username": user.username, "password": "sai"}).status_code == 429  # 5th
    locked = client.post(login_url, {"username": user.username, "password": "mat-khau-dai-2026"})
    assert locked.status_code == 429 and "Tạm khóa đăng nhập" in locked.content.decode()
    other = client.post(login_url, {"username": "can-bo", "password": "mat-khau-dai-2026"},
                        REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 302  # the lock is on the pair (user name, address), not on the account


def test_personal_pages_are_not_cached_public_ones_may_be(client, world):
    assert "no-store" in client.get("/tra-cuu/")["Cache-Control"]
    assert "private" in client.get("/tai-khoan/dang-nhap/")["Cache-Control"]
    assert "no-store" not in client.get("/thu-tuc/").get("Cache-Control", "")
    client.force_login(world.chi)
    assert "no-store" in client.get("/thu-tuc/")["Cache-Control"]  # signed in: every page is personal
