import pytest


@pytest.fixture
def office(db, settings):
    from motcua.dossiers import sms

    from .world import build_office_world

    settings.MOTCUA_SMS_BACKEND = "motcua.dossiers.sms.LocmemBackend"
    sms.outbox.clear()
    return build_office_world()
