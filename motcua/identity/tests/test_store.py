"""The citizen's data store: results and counter scans go in under the personal number; consent gates reuse."""

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.identity import services, store
from motcua.identity.models import StoredPaper
from motcua.lib.errors import Forbidden

pytestmark = pytest.mark.django_db
PID = "000190000011"


@pytest.fixture
def citizen():
    return services.sign_in({"pid": PID, "name": "Phạm Thị Mai", "loa": 2}, at=timezone.now())


def test_only_personal_numbers_have_a_store():
    assert store.keep(owner_pid="0101234567", title="Giấy phép", content=b"%PDF-", origin="result",
                      at=timezone.now()) is None


def test_reuse_needs_the_owners_consent(citizen):
    paper = store.keep(owner_pid=PID, title="Trích lục khai sinh", content=b"%PDF-1.7", origin="result",
                       at=timezone.now())
    with pytest.raises(Forbidden):
        store.take(paper.pk, pid=PID)
    with pytest.raises(Forbidden):
        store.set_consent(paper.pk, pid="000190000012", consent=True, at=timezone.now())
    store.set_consent(paper.pk, pid=PID, consent=True, at=timezone.now())
    assert store.take(paper.pk, pid=PID) == paper
    with pytest.raises(Forbidden):
        store.take(paper.pk, pid="000190000012")


def test_the_citizen_sees_and_consents_on_the_store_page(client, citizen):
    paper = store.keep(owner_pid=PID, title="Trích lục khai sinh", content=b"%PDF-1.7", origin="result",
                       at=timezone.now())
    client.force_login(citizen)
    page = client.get(reverse("portal:data_store")).content.decode()
    assert "Trích lục khai sinh" in page and "Đồng ý cho dùng lại" in page
    client.post(reverse("portal:data_store"), {"paper": paper.pk, "consent": "1"})
    assert StoredPaper.objects.get(pk=paper.pk).reuse_consent
    response = client.get(reverse("portal:stored_paper_file", args=[paper.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_another_account_cannot_open_the_file(client, citizen):
    paper = store.keep(owner_pid=PID, title="Bản sao", content=b"%PDF-1.7", origin="digitised", at=timezone.now())
    other = services.sign_in({"pid": "000190000013", "name": "Vũ Văn Long", "loa": 2}, at=timezone.now())
    client.force_login(other)
    assert client.get(reverse("portal:stored_paper_file", args=[paper.pk])).status_code == 404


def test_a_local_account_is_asked_to_sign_in_with_the_identity(client, world):
    client.force_login(world.chi)
    response = client.get(reverse("portal:data_store"))
    assert response.status_code == 403 and "tài khoản định danh điện tử" in response.content.decode()
