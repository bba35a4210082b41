"""Asked once: a signed-in citizen's identity and residence fill the form; an outage falls back to typing."""

import pytest
from django.utils import timezone

from motcua.identity import prefill, services
from motcua.identity.models import RegistryLookup
from sandboxes.people import adults

pytestmark = pytest.mark.django_db


def signed_in(person):
    return services.sign_in({"pid": person.pid, "name": person.full_name, "birthdate": person.birth_date.isoformat(),
                             "loa": 2}, at=timezone.now())


def test_identity_and_residence_come_prefilled_and_locked(registry_at):
    someone = adults()[3]
    found = prefill.for_citizen(signed_in(someone), procedure_code="1.001193")
    assert found.values == {"name": someone.full_name, "id_number": someone.pid, "address": someone.address}
    assert found.locked == {"name", "id_number", "address"} and found.source == "registry"
    assert prefill.connected_sources(found) == {"population", "residence"}
    assert RegistryLookup.objects.get().purpose.startswith("Giải quyết thủ tục hành chính 1.001193")


def test_registry_down_lets_the_citizen_type_and_marks_it_unverified(settings, monkeypatch):
    settings.MOTCUA_CONNECTIONS = {"population_registry": {"url": "http://127.0.0.1:9"}}
    monkeypatch.setattr("motcua.connections.adapter.time.sleep", lambda s: None)
    found = prefill.for_citizen(signed_in(adults()[4]), procedure_code="1.001193")
    assert found.registry_down and found.source == "unverified" and "address" not in found.locked
    assert "chưa được xác thực" in found.notice
    assert prefill.connected_sources(found) == set()


def test_a_local_account_gets_nothing_prefilled(world):
    assert prefill.for_citizen(world.chi, procedure_code="x").values == {}
