import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    return client


@pytest.mark.parametrize("path", ["/can-bo/ket-noi/", "/can-bo/dong-bo/", "/can-bo/thi-diem-y-te/"])
def test_administrators_see_the_links_pages(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert "môi trường thử nghiệm" in response.content.decode().lower()


def test_other_staff_do_not(client, world):
    client.force_login(world.lan)
    assert client.get("/can-bo/ket-noi/").status_code == 403


def test_pilot_report_exports(admin_client):
    csv = admin_client.get("/can-bo/thi-diem-y-te/bao-cao.csv")
    assert csv.status_code == 200 and "Giấy tờ không phải nộp" in csv.content.decode("utf-8-sig")
    xlsx = admin_client.get("/can-bo/thi-diem-y-te/bao-cao.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
