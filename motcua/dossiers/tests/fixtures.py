"""The dossiers tests' people and procedure as pytest fixtures (a plugin of the root conftest), for every room
that works on dossiers-test data: a room overrides `version` where it needs other fees or channels."""

import pytest

from .base import make_people, make_version


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def version(people):
    return make_version(people.a)
