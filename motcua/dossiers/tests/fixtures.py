"""The dossiers tests' procedure as a pytest fixture (a plugin of the root conftest), for every room that works on
dossiers-test data: a room overrides `version` where it needs other fees or channels."""

import pytest

from .base import make_version


@pytest.fixture
def version(world):
    return make_version(world.centre)
