import pytest

from motcua.workdays import services


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """A test that rolls back overrides must not leave its calendar in the process cache."""
    services.clear_cache()
    yield
    services.clear_cache()
