"""Payment requested (status 6), cash at the counter, online through the sandbox provider."""

from datetime import timedelta

import pytest

from motcua.dossiers import services
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import Payment
from motcua.dossiers.payment_providers import PaymentProvider, Registry
from motcua.dossiers.workflow import Status

from .base import T0, accepted_dossier, make_version, submit_online


@pytest.fixture
def fee_version(world):
    return make_version(world.centre, fees=[(100_000, "mof", True)])


def in_process(version, world):
    dossier = accepted_dossier(version, world)
    return services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0)


def test_cash_payment_resumes_processing(world, fee_version):
    dossier = services.request_payment(in_process(fee_version, world), actor=world.lan, at=T0)
    assert dossier.status == Status.PAYMENT_REQUESTED and dossier.national_status == 6
    dossier = services.record_payment(dossier, actor=world.lan, at=T0 + timedelta(hours=1), amount=100_000)
    assert dossier.status == Status.PROCESSING and dossier.fee_paid == 100_000 and not dossier.paid_online


def test_online_payment_through_the_sandbox(world, fee_version):
    dossier = services.request_payment(in_process(fee_version, world), actor=world.lan, at=T0)
    payment, url = services.start_online_payment(dossier, actor=world.chi, at=T0, return_url="/thanh-toan/xong/")
    assert url.startswith("/thanh-toan/xong/?provider_ref=SBX-")
    services.confirm_online_payment(provider="sandbox", provider_ref=payment.provider_ref, payload={"paid": True},
                                    at=T0 + timedelta(minutes=3))
    # A repeated callback changes nothing.
    services.confirm_online_payment(provider="sandbox", provider_ref=payment.provider_ref, payload={"paid": True},
                                    at=T0 + timedelta(minutes=4))
    dossier.refresh_from_db()
    assert dossier.paid_online and dossier.fee_paid == 100_000 and dossier.status == Status.PROCESSING
    assert Payment.objects.get().state == Payment.State.PAID
    assert dossier.events.order_by("-seq").first().data["snapshot"]["paid_online"] is True


def test_nothing_to_pay_means_no_payment_request(world, version):
    dossier = in_process(version, world)
    with pytest.raises(RuleViolation):
        services.request_payment(dossier, actor=world.lan, at=T0)


def test_overpayment_is_refused(world, fee_version):
    dossier = in_process(fee_version, world)
    with pytest.raises(Exception, match="Số tiền không hợp lệ"):
        services.record_payment(dossier, actor=world.lan, at=T0, amount=200_000)


def test_the_registry_refuses_duplicate_ids():
    registry = Registry()

    @registry.register("bank")
    class Bank(PaymentProvider):
        pass

    with pytest.raises(ValueError):
        registry.register("bank")(Bank)
    assert registry.ids() == ["bank"]


def test_withdraw_then_stop(world, version):
    dossier = submit_online(version, world)
    dossier = services.accept_dossier(dossier, actor=world.lan, at=T0)
    dossier = services.withdraw_dossier(dossier, actor=world.chi, at=T0, reason="Không còn nhu cầu")
    assert dossier.status == Status.WITHDRAWAL_REQUESTED
    dossier = services.stop_dossier(dossier, actor=world.quang, at=T0, reason="Công dân rút hồ sơ")
    assert dossier.status == Status.STOPPED and dossier.finished_at == T0
