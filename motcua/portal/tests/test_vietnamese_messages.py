"""Django's own messages reach the user in Vietnamese (motcua/locale fills what Django's `vi` catalogue lacks),
whatever language the browser asks for."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_a_too_short_password_is_refused_in_vietnamese_on_sign_up(client):
    response = client.post("/tai-khoan/dang-ky/", {"username": "ngoc.anh", "password1": "ab1", "password2": "ab1"},
                           HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in body
    assert "too short" not in body


def test_the_admin_speaks_vietnamese_to_an_english_browser(client):
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "pw"))
    body = client.get("/quan-tri/auth/user/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for english in (">Run<", "Pagination ", 'alt="Search"', "- Select an option -", "Search users"):
        assert english not in body
    assert ">Thực hiện<" in body and "Tìm kiếm" in body and "Phân trang" in body


def test_the_sign_in_lockout_of_django_axes_is_in_vietnamese():
    from django.utils.translation import gettext, override

    with override("vi"):
        assert gettext("Account locked: too many login attempts. Please try again later.").startswith(
            "Tài khoản tạm khóa")


def test_every_app_heading_of_the_admin_index_is_in_vietnamese(client):
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "pw"))
    body = client.get("/quan-tri/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Đăng nhập sai và tạm khóa" in body
    assert ">Axes<" not in body
