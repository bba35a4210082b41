"""The fee policy engine (domain.md §10): Hanoi's online waivers, by channel, authority, appraisal and date."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from motcua.dossiers import fees, services
from motcua.dossiers.models import DossierFee

from .base import HCM, T0, make_version, submit_online


def item(amount, set_by, appraisal=False):
    return SimpleNamespace(amount=amount, set_by=set_by, appraisal=appraisal, kind="le_phi", description="")


# (channel, set_by, appraisal, province, on, payable, waived, rule)
CASES = [
    # NQ 77/2025: HĐND-set fee is 0 đồng online.
    ("online", "hdnd", False, "1", date(2026, 1, 1), 0, 50_000, "hanoi-nq77-hdnd"),
    # NQ 77/2025: the city supports 100% of a Ministry of Finance fee online.
    ("online", "mof", False, "1", date(2026, 6, 1), 0, 50_000, "hanoi-nq77-mof"),
    # Appraisal fees are excluded from both.
    ("online", "hdnd", True, "1", date(2026, 6, 1), 50_000, 0, ""),
    ("online", "mof", True, "1", date(2026, 6, 1), 50_000, 0, ""),
    # At the counter or by post: no waiver.
    ("direct", "hdnd", False, "1", date(2026, 6, 1), 50_000, 0, ""),
    ("postal", "mof", False, "1", date(2026, 6, 1), 50_000, 0, ""),
    # 2025: NQ 07/2023 waived only HĐND-set fees online.
    ("online", "hdnd", False, "1", date(2025, 12, 31), 0, 50_000, "hanoi-nq07-hdnd"),
    ("online", "mof", False, "1", date(2025, 12, 31), 50_000, 0, ""),
    # Before NQ 07/2023 took effect.
    ("online", "hdnd", False, "1", date(2023, 1, 1), 50_000, 0, ""),
    # Another province: Hanoi's resolutions do not apply.
    ("online", "hdnd", False, "79", date(2026, 6, 1), 50_000, 0, ""),
    # Authority unknown: charged in full until the catalogue says who sets it.
    ("online", "unknown", False, "1", date(2026, 6, 1), 50_000, 0, ""),
]


@pytest.mark.parametrize(("channel", "set_by", "appraisal", "province", "on", "payable", "waived", "rule"), CASES)
def test_fee_rules(channel, set_by, appraisal, province, on, payable, waived, rule):
    line = fees.price_item(item(50_000, set_by, appraisal), province_code=province, channel=channel, on=on)
    assert (line.payable, line.waived, line.rule) == (payable, waived, rule)
    assert bool(line.legal_basis) == bool(rule)


def test_online_dossier_stores_payable_waived_and_why(world):
    version = make_version(world.centre, fees=[(30_000, "hdnd", False), (100_000, "mof", True)])
    dossier = services.accept_dossier(submit_online(version, world), actor=world.lan, at=T0)
    assert (dossier.fee_total, dossier.fee_payable, dossier.fee_waived) == (130_000, 100_000, 30_000)
    waived = DossierFee.objects.get(dossier=dossier, waived__gt=0)
    assert "77/2025/NQ-HĐND" in waived.legal_basis and waived.payable == 0


def test_counter_dossier_pays_in_full(world):
    version = make_version(world.centre, fees=[(30_000, "hdnd", False)])
    dossier = services.submit_dossier(version, channel="direct", applicant=services.Applicant(name="A", phone="0900000001"),
                                      at=datetime(2026, 12, 1, 9, tzinfo=HCM), actor=world.lan, agency=world.centre,
                                      components=[])
    assert (dossier.fee_payable, dossier.fee_waived) == (30_000, 0)


def test_the_online_waiver_wording_comes_from_the_rules_in_force():
    """The home page's fee line (portal home) is generated here, so it names every rule: since NQ 77/2025 the
    Ministry of Finance fees too, appraisal fees excepted; under NQ 07/2023 only the city's own fees."""
    sentences, bases = fees.online_waivers(province_code="1", on=date(2026, 12, 6))
    assert any("Bộ Tài chính" in s for s in sentences) and any("HĐND Thành phố" in s for s in sentences)
    assert "Không áp dụng với phí thẩm định." in sentences
    assert bases == [fees.NQ77]
    sentences, bases = fees.online_waivers(province_code="1", on=date(2025, 6, 1))
    assert not any("Bộ Tài chính" in s for s in sentences) and bases == [fees.NQ07]
    assert fees.online_waivers(province_code="79", on=date(2026, 12, 6)) == ([], [])


def test_the_home_page_shows_the_waivers_in_force(client, db):
    from django.conf import settings
    from django.utils import timezone

    page = client.get("/").content.decode()
    sentences, _ = fees.online_waivers(province_code=settings.MOTCUA_CITY_PROVINCE_CODE, on=timezone.localdate())
    assert sentences and all(s in page for s in sentences)
