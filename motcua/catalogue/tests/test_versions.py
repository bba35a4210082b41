import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from motcua.catalogue.models import FeeItem, ProcedureVersion
from motcua.catalogue.services import create_version, refresh_current, version_in_force
from motcua.catalogue.tests.samples import BIRTH, make_catalogue

pytestmark = pytest.mark.django_db


def test_future_version_is_not_in_force_until_its_date():
    v1 = create_version("1.001193", BIRTH)
    later = v1.effective_from + datetime.timedelta(days=10)
    v2 = create_version("1.001193", {**BIRTH, "name": "Đăng ký khai sinh (sửa)"}, effective_from=later)
    assert version_in_force(v1.procedure) == v1
    assert version_in_force(v1.procedure, later) == v2
    refresh_current(v1.procedure, later)
    v1.procedure.refresh_from_db()
    assert v1.procedure.current == v2


def test_admin_edit_creates_a_new_version_shown_on_the_public_page(client):
    procedure = make_catalogue()
    admin = User.objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    v1 = procedure.current
    url = f"/quan-tri/catalogue/procedureversion/{v1.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    # In force from today (Hanoi's date): a fixed date would fall behind v1's as the calendar moves on.
    today = timezone.localdate().strftime("%d/%m/%Y")
    data.update({"name": "Thủ tục đăng ký khai sinh (cập nhật 2026)", "effective_from": today,
                 "field": v1.field_id, "change_note": "Cập nhật tên"})
    data.update(_inline_data(v1))
    # Fees are rows: the direct channel's fee becomes 50.000 đ set by the city council, a second row is added.
    data.update({"channels-0-fees-0-amount": "50.000", "channels-0-fees-0-kind": "le_phi",
                 "channels-0-fees-0-set_by": "hdnd", "channels-0-fees-0-description": "Lệ phí đăng ký",
                 "channels-0-fees-1-amount": "8.000", "channels-0-fees-1-kind": "phi",
                 "channels-0-fees-1-set_by": "mof", "channels-0-fees-1-appraisal": "on",
                 "channels-0-fees-1-description": "Phí cấp bản sao trích lục", "channels-0-fees-2-kind": "le_phi",
                 "channels-0-fees-2-set_by": "unknown", "channels-0-fees-2-amount": ""})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response

    versions = list(ProcedureVersion.objects.filter(procedure=procedure).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].name == "Thủ tục đăng ký khai sinh"  # the old version is untouched
    assert versions[1].author == admin
    assert versions[1].components.count() == 2 and versions[1].steps.count() == 3
    fees = FeeItem.objects.filter(channel__version=versions[1], channel__kind="direct").order_by("-amount")
    assert [(f.amount, f.kind, f.set_by, f.appraisal) for f in fees] == [(50000, "le_phi", "hdnd", False),
                                                                        (8000, "phi", "mof", True)]
    assert FeeItem.objects.filter(channel__version=versions[0]).count() == 1  # the old version's fee is untouched

    page = client.get("/thu-tuc/1.001193/")
    assert "Thủ tục đăng ký khai sinh (cập nhật 2026)" in page.content.decode()
    assert "50.000 đ" in page.content.decode()


def _inline_data(version):
    data = {}
    for prefix, rows, fields in [
        ("channels", version.channels.all(), ["kind", "duration_value", "duration_unit", "duration_text", "description"]),
        ("components", version.components.all(), ["order", "name", "kind", "originals", "copies", "template",
                                                  "condition", "obtainable_from", "notes"]),
        ("steps", version.steps.all(), ["order", "text"]),
        ("legal_bases", version.legal_bases.all(), ["order", "number", "title", "issued", "issuer"]),
    ]:
        rows = list(rows)
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-version"] = version.pk
            for f in fields:
                value = getattr(row, f)
                data[f"{prefix}-{i}-{f}"] = "" if value is None else value
    return data


def test_admin_fee_rows_and_paper_fields_show_as_rows_and_refuse_a_bad_amount(client):
    procedure = make_catalogue()
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "pw"))
    v1 = procedure.current
    url = f"/quan-tri/catalogue/procedureversion/{v1.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="channels-0-fees-0-amount"' in page and "mof hoặc hdnd" not in page  # rows, not a coded string
    assert 'name="components-0-kind"' in page and 'name="components-0-alternatives"' in page
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update({"effective_from": timezone.localdate().strftime("%d/%m/%Y"), "field": v1.field_id})
    data.update(_inline_data(v1))
    data.update({"channels-0-fees-0-amount": "năm chục", "channels-0-fees-0-kind": "le_phi",
                 "channels-0-fees-0-set_by": "hdnd"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Dòng 1: số tiền «năm chục» không hợp lệ" in response.content.decode()
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1  # nothing saved
