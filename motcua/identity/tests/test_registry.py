"""The population-registry adapter against its sandbox process: answers, the lookup log, outages, the breaker."""

import pytest
import requests

from motcua.connections.errors import Unavailable
from motcua.connections.models import ConnectionCall
from motcua.identity import registry
from motcua.identity.models import RegistryLookup
from sandboxes.people import adults

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(world):
    return world.lan  # reception at the centre (tests/world.py)


def test_a_resident_comes_back_with_residence_and_the_question_is_logged(registry_at, officer):
    someone = adults()[0]
    found = registry.resident(someone.pid, actor=officer, purpose=registry.purpose_for("1.001193"), dossier="R-1")
    assert (found.full_name, found.birth_date, found.commune_name) == (someone.full_name, someone.birth_date,
                                                                        someone.commune_name)
    assert found.synthetic
    log = RegistryLookup.objects.get()
    assert log.actor == officer and log.dossier == "R-1" and log.outcome == "found"
    assert "1.001193" in log.purpose and someone.pid not in log.subject  # masked in the log
    assert registry.lookups_about(someone.pid).count() == 1


def test_the_log_is_keyed_by_the_data_keys_and_outlives_a_new_session_secret(registry_at, officer, settings):
    someone = adults()[0]
    registry.resident(someone.pid, actor=officer, purpose=registry.purpose_for("1.001193"))
    settings.SECRET_KEY = "a-rotated-session-secret-" + "x" * 40
    assert registry.lookups_about(someone.pid).count() == 1
    assert registry.lookups_about(adults()[1].pid).count() == 0


def test_unknown_number_and_verification(registry_at, officer):
    someone = adults()[1]
    assert registry.resident("000000000000", actor=officer, purpose="thử") is None
    assert registry.verify(someone.pid, someone.full_name, someone.birth_date, actor=officer, purpose="thử")
    assert not registry.verify(someone.pid, "Tên Khác", someone.birth_date, actor=officer, purpose="thử")
    assert list(RegistryLookup.objects.order_by("at").values_list("outcome", flat=True)) == [
        "not_found", "match", "mismatch"]


def test_an_outage_is_unavailable_and_the_breaker_then_answers_without_calling(settings, officer, monkeypatch):
    settings.MOTCUA_CONNECTIONS = {"population_registry": {"url": "http://127.0.0.1:9"}}  # nothing listens there
    monkeypatch.setattr("motcua.connections.adapter.time.sleep", lambda s: None)  # backoff without waiting
    for _ in range(5):  # the breaker's threshold of consecutive failed calls
        with pytest.raises(Unavailable):
            registry.resident("000084854340", actor=officer, purpose="thử")
    calls = ConnectionCall.objects.filter(system="population_registry").count()
    with pytest.raises(Unavailable, match="tạm ngắt"):
        registry.resident("000084854340", actor=officer, purpose="thử")
    assert ConnectionCall.objects.filter(system="population_registry").count() == calls  # no network attempt
    assert RegistryLookup.objects.filter(outcome="unavailable").count() == 6


def test_a_failing_registry_is_unavailable_after_retries(registry_at, officer, monkeypatch):
    monkeypatch.setattr("motcua.connections.adapter.time.sleep", lambda s: None)
    requests.post(f"{registry_at}/_sandbox/faults", json={"mode": "fail"}, timeout=5)
    try:
        with pytest.raises(Unavailable):
            registry.resident(adults()[2].pid, actor=officer, purpose="thử")
    finally:
        requests.post(f"{registry_at}/_sandbox/faults", json={"mode": "normal"}, timeout=5)
