"""The shared test city as a pytest fixture (a plugin of the root conftest): every room's tests ask for `world`."""

import pytest


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()
