import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check behaviour, not speed: no per-example deadline (on a loaded machine an example can take over
# Hypothesis's default 200 ms and the run then reports a spurious DeadlineExceeded / Flaky failure).
hypothesis_settings.register_profile("motcua", deadline=None)
hypothesis_settings.load_profile("motcua")

pytest_plugins = [
    "tests.fixtures",  # `world`: the one test city of every room (tests/world.py)
    "motcua.identity.tests.fixtures",  # the identity and registry sandboxes
    "motcua.dossiers.tests.fixtures",  # the procedure `version` of dossiers/tests/base.py
]


def pytest_sessionstart(session):
    # The Vietnamese messages Django lacks (motcua/locale) are compiled by `make setup`; a bare pytest run too.
    from motcua.lib.po import compile_dir

    if compile_dir(session.config.rootpath / "motcua" / "locale"):
        # Django was set up before this hook and may have loaded the `vi` catalogue without the new .mo (the first
        # bare pytest of a fresh checkout then spoke English in three tests): Django's own receiver of a changed
        # LOCALE_PATHS drops the loaded catalogues.
        from django.conf import settings
        from django.test.signals import setting_changed

        setting_changed.send(sender=type(settings._wrapped), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS,
                             enter=False)
    from tests.migrated_template import install

    install()  # a session migrates SQLite only when the code has changed since the last one (tests/migrated_template.py)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Keep uploads and generated files of each test out of the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # A real hash costs half a second per user; tests check roles, not hashing strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test's rate-limit counters live in the test database (motcua.limits) and roll back with it; the
    # cache of computed pages stays in this process so cache.clear() needs no database.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()  # page-cache keys hold row ids, which a rolled-back test database hands out again
    from motcua.workdays.services import clear_cache

    # The built working calendar is kept per process and dropped on save/delete of the calendar rows; a rolled-back
    # or flushed test database sends no such signal, so a test's make-up day or holiday would outlive the test.
    clear_cache()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
