import pytest

from .base import make_people, make_version


@pytest.fixture
def people(db):
    return make_people()


@pytest.fixture
def version(people):
    return make_version(people)
