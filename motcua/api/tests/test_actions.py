"""The API takes the console's actions from the same table (dossiers.actions), with the same inputs."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services
from motcua.dossiers.actions import ACTIONS
from motcua.dossiers.models import Dossier, Payment
from motcua.dossiers.tests.base import T0, make_version, submit_online


@pytest.fixture
def version(world):
    return make_version(world.centre, fees=[(50_000, "hdnd", True)])


def act(client, dossier, action, data=None, **files):
    url = f"/api/dossiers/{dossier.reference}/actions/{action}"
    if files:
        return client.post(url, {"data": json.dumps(data or {}), **files})
    return client.post(url, data or {}, content_type="application/json")


def processed(version, world):
    dossier = services.accept_dossier(submit_online(version, world), actor=world.lan, at=T0)
    dossier = services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0)
    return services.complete_step(dossier, actor=world.lan, at=T0)


def test_every_console_action_is_an_api_action(client, world, version):
    from motcua.console.actions import FORMS

    assert FORMS.keys() == ACTIONS.keys()
    client.force_login(world.lan)
    unknown = act(client, submit_online(version, world), "no-such-action")
    assert unknown.status_code == 400
    assert all(name.replace("_", "-") in unknown.json()["detail"] for name in ACTIONS)


def test_the_api_attaches_the_result_file_and_records_the_payment_reference(client, world, version, settings,
                                                                           tmp_path):
    from weasyprint import HTML

    settings.MOTCUA_SIGNING_DIR = tmp_path / "signing"
    result = HTML(string="<p>Giấy chứng nhận</p>").write_pdf()
    dossier = processed(version, world)
    client.force_login(world.lan)
    paid = act(client, dossier, "record-payment", {"amount": 50_000, "method": "transfer", "reference": "BL-0042"})
    assert paid.status_code == 200, paid.content
    assert Payment.objects.get(dossier=dossier).provider_ref == "BL-0042"
    issued = act(client, dossier, "issue-result", {"note": "Đã ký"},
                 result_file=SimpleUploadedFile("kq.pdf", result, content_type="application/pdf"))
    assert issued.status_code == 200, issued.content
    assert Dossier.objects.get(pk=dossier.pk).result_file.name.endswith(".pdf")


def test_withdraw_on_the_citizen_s_behalf_then_only_the_head_stops(client, world, version):
    dossier = services.accept_dossier(submit_online(version, world), actor=world.lan, at=T0)
    client.force_login(world.lan)
    assert act(client, dossier, "withdraw", {"reason": "Công dân đề nghị rút tại quầy"}).status_code == 200
    refused = act(client, dossier, "stop", {"reason": "Công dân rút hồ sơ"})
    assert refused.status_code == 403 and "ủy quyền" in refused.json()["detail"]
    assert Dossier.objects.get(pk=dossier.pk).status == "withdrawal_requested"  # nothing changed
    client.force_login(world.quang)
    assert act(client, dossier, "stop", {"reason": "Công dân rút hồ sơ"}).json()["status"] == "stopped"


def test_a_reception_officer_may_not_refuse_after_appraisal_the_head_may(client, world, version):
    dossier = processed(version, world)
    client.force_login(world.lan)
    assert act(client, dossier, "refuse", {"reason": "Không đủ điều kiện"}).status_code == 403
    client.force_login(world.quang)
    assert act(client, dossier, "refuse", {"reason": "Không đủ điều kiện"}).json()["status"] == "done"
