"""Online payment providers behind one interface, chosen by id from a registry (like Open Forms' plug-ins).

A provider starts a payment (returns where to send the payer) and confirms it from the provider's callback.
The local `sandbox` provider accepts every payment; real gateways (DVCQG payment platform, banks) register
the same way from their own module.
"""

import uuid
from dataclasses import dataclass


@dataclass
class StartedPayment:
    provider_ref: str
    redirect_url: str


class PaymentProvider:
    id = ""
    name = ""

    def start(self, payment, *, return_url) -> StartedPayment:
        """Open a payment at the provider for `payment` (a dossiers.Payment) and return its reference."""
        raise NotImplementedError

    def verify(self, payment, payload: dict) -> bool:
        """Return True if the provider's callback `payload` proves that `payment` was paid in full."""
        raise NotImplementedError


class Registry:
    def __init__(self):
        self._providers = {}

    def register(self, provider_id):
        def decorator(cls):
            if provider_id in self._providers:
                raise ValueError(f"payment provider {provider_id!r} is already registered")
            instance = cls()
            instance.id = provider_id
            self._providers[provider_id] = instance
            return cls

        return decorator

    def __getitem__(self, provider_id):
        return self._providers[provider_id]

    def __contains__(self, provider_id):
        return provider_id in self._providers

    def ids(self):
        return sorted(self._providers)


registry = Registry()


@registry.register("sandbox")
class SandboxProvider(PaymentProvider):
    """A local stand-in for a payment gateway: every payment succeeds when confirmed with `{"paid": true}`."""

    name = "Cổng thanh toán thử nghiệm"

    def start(self, payment, *, return_url):
        ref = f"SBX-{uuid.uuid4().hex[:16].upper()}"
        return StartedPayment(provider_ref=ref, redirect_url=f"{return_url}?provider_ref={ref}")

    def verify(self, payment, payload):
        return bool(payload.get("paid")) and payload.get("provider_ref") == payment.provider_ref
