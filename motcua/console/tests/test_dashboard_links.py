"""Ids in links and form fields must not be localised: with USE_THOUSAND_SEPARATOR, 1234 renders as "1.234"."""

from types import SimpleNamespace

from django.template.loader import render_to_string

from motcua.indicators.services import Period


def test_drill_links_carry_plain_ids_above_999():
    html = render_to_string("console/dashboards/_worst.html", {
        "worst_procedures": [{"procedure_id": 1234, "procedure__code": "1.001193", "procedure__current__name": "Khai sinh",
                              "finished": 10, "late": 2, "late_rate": 0.2}],
        "agency": SimpleNamespace(id=1500), "period": Period.parse("month:2026-03-01", None),
    })
    assert "thu_tuc=1234&co_quan=1500" in html


def test_the_counter_tablet_sends_the_officer_id_unlocalised():
    device = SimpleNamespace(token="abc", counter="Quầy số 3", agency=SimpleNamespace(name="UBND phường Ba Đình"))
    html = render_to_string("portal/ratings/counter.html", {
        "device": device, "officer": SimpleNamespace(pk=1234, title="", user_id=None), "officer_name": "Nguyễn Thị Lan",
        "client_id": "c", "scores": [], "dossier_code": "", "thanked": False,
    })
    assert 'name="officer" value="1234"' in html


def test_catalogue_filters_offer_plain_ids_above_999():
    html = render_to_string("portal/catalogue.html", {
        "fields": [SimpleNamespace(id=1234, name="Hộ tịch")], "agencies": [SimpleNamespace(id=2345, name="Sở Tư pháp")],
        "selected": {}, "page": [], "levels": [],
    })
    assert 'value="1234"' in html and 'value="2345"' in html
