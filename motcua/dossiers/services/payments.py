"""Fees and charges owed on a dossier (Decree 61 Art.22): request, record cash/transfer, pay online."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..access import check_member, check_owner
from ..errors import InvalidDossier, NotAllowed, RuleViolation
from ..events import EventKind
from ..models import Payment
from ..payment_providers import registry
from ..workflow import Status
from ._core import check_move, lock, record


def outstanding(dossier):
    return max(0, dossier.fee_payable - dossier.fee_paid)


@transaction.atomic
def request_payment(dossier, *, actor, at, note=""):
    """Ask the applicant to pay what is owed (status 6)."""
    dossier = lock(dossier)
    check_member(actor, dossier.holder_agency or dossier.agency, "request_payment")
    if outstanding(dossier) == 0:
        raise RuleViolation(_("Hồ sơ không còn khoản phí, lệ phí nào phải nộp."))
    check_move(dossier, Status.PAYMENT_REQUESTED)
    record(dossier, kind=EventKind.PAYMENT_REQUESTED, to_status=Status.PAYMENT_REQUESTED, actor=actor, at=at, note=note,
           data={"amount": outstanding(dossier)})
    return dossier


@transaction.atomic
def record_payment(dossier, *, actor, at, amount, method=Payment.Method.CASH, reference=""):
    """Record a payment in cash or by transfer received by an officer."""
    dossier = lock(dossier)
    check_member(actor, dossier.agency, "record_payment")
    if method not in (Payment.Method.CASH, Payment.Method.TRANSFER):
        raise InvalidDossier(_("Hình thức nộp tiền không hợp lệ."))
    payment = Payment.objects.create(dossier=dossier, amount=_amount(dossier, amount), method=method,
                                     provider_ref=reference, state=Payment.State.PAID, created_at=at, paid_at=at,
                                     recorded_by=actor)
    _settle(dossier, payment, actor=actor, at=at)
    return dossier


def _amount(dossier, amount):
    amount = int(amount)
    if amount <= 0 or amount > outstanding(dossier):
        raise InvalidDossier(_("Số tiền không hợp lệ (còn phải nộp %(n)s đồng).") % {"n": outstanding(dossier)})
    return amount


@transaction.atomic
def start_online_payment(dossier, *, actor, at, provider="sandbox", return_url=""):
    """Open an online payment of the outstanding amount with `provider`; return (payment, redirect_url)."""
    dossier = lock(dossier)
    if dossier.citizen_id:
        check_owner(actor, dossier)
    if provider not in registry:
        raise InvalidDossier(_("Cổng thanh toán không hợp lệ."))
    payment = Payment.objects.create(dossier=dossier, amount=_amount(dossier, outstanding(dossier)),
                                     method=Payment.Method.ONLINE, provider=provider, created_at=at)
    started = registry[provider].start(payment, return_url=return_url)
    payment.provider_ref = started.provider_ref
    payment.save(update_fields=["provider_ref"])
    return payment, started.redirect_url


@transaction.atomic
def confirm_online_payment(*, provider, provider_ref, payload, at):
    """Apply the provider's callback: mark the payment paid and the dossier paid online. Idempotent."""
    payment = Payment.objects.select_for_update().filter(provider=provider, provider_ref=provider_ref).first()
    if payment is None or provider not in registry:
        raise NotAllowed(_("Giao dịch thanh toán không hợp lệ."))
    if payment.state == Payment.State.PAID:
        return payment
    if not registry[provider].verify(payment, {**payload, "provider_ref": provider_ref}):
        payment.state = Payment.State.FAILED
        payment.save(update_fields=["state"])
        return payment
    dossier = lock(payment.dossier)
    payment.state, payment.paid_at = Payment.State.PAID, at
    payment.save(update_fields=["state", "paid_at"])
    dossier.paid_online = True
    _settle(dossier, payment, actor=None, at=at)
    return payment


def _settle(dossier, payment, *, actor, at):
    dossier.fee_paid += payment.amount
    data = {"payment": payment.pk, "amount": payment.amount, "method": payment.method}
    if dossier.status == Status.PAYMENT_REQUESTED and outstanding(dossier) == 0:
        check_move(dossier, Status.PROCESSING)
        record(dossier, kind=EventKind.PAID, to_status=Status.PROCESSING, actor=actor, at=at, data=data)
    else:
        record(dossier, kind=EventKind.PAYMENT_RECORDED, to_status=dossier.status, actor=actor, at=at, data=data,
               check=False)
