import pytest

from .base import make_version


@pytest.fixture
def version(world):
    return make_version(world)
