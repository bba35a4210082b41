"""Sandbox fixtures shared by every room's tests (registered in the root conftest.py)."""

import pytest

from motcua.connections.tests.sandbox import running


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """The identity-provider sandbox on a free port, with its own database and key."""
    var = tmp_path_factory.mktemp("idp")
    with running("identity_provider", env={"SANDBOX_VAR_DIR": str(var)}) as url:
        yield {"url": url, "issuer": f"{url}/o", "key_file": var / "identity_provider_rsa.pem"}


@pytest.fixture
def idp_settings(settings, identity_provider):
    settings.IDENTITY_PROVIDER = {**settings.IDENTITY_PROVIDER, "issuer": identity_provider["issuer"]}
    return identity_provider


@pytest.fixture(scope="session")
def population_registry_url():
    with running("population_registry") as url:
        yield url


@pytest.fixture
def registry_at(settings, population_registry_url):
    settings.MOTCUA_CONNECTIONS = {"population_registry": {"url": population_registry_url}}
    return population_registry_url
