import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Dashboard data is cached per period; tests reuse periods, so start each one empty."""
    cache.clear()
    yield
    cache.clear()
