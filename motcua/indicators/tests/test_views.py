import io

import pytest
import time_machine
from openpyxl import load_workbook

from tests.world import city_leader

from .factories import Story, at, make_procedure

pytestmark = pytest.mark.django_db
KY = "ky=month:2026-03-01"


@pytest.fixture
def city(world):
    """Sở Tư pháp (big: 52 dossiers in March) and Sở Nội vụ (small: one) of the shared city."""
    big, small = world.justice, world.home_affairs
    procedure = make_procedure()
    for day in range(2, 28):
        for hour in (8, 10):
            s = Story(big, procedure, channel="online" if hour == 8 else "direct")
            s.move("submitted", at(3, day, hour)).accept(at(3, day, hour), due=at(3, day, 17))
            s.finish(at(3, day, 16 if day % 9 else 18))  # every 9th day late
    Story(small, procedure).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 6, 17)).finish(at(3, 3))
    return big, small


@time_machine.travel("2026-04-10 10:00 +07:00", tick=False)
def test_board_shows_every_unit_ranks_fairly_and_sorts_without_js(client, city):
    big, small = city
    r = client.get(f"/bang-chi-so/?{KY}")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Sở Tư pháp" in html and "Sở Nội vụ" in html and "UBND phường Ba Đình" in html  # the ward: no data
    assert "Chưa xếp hạng" in html and "Chưa đủ 30 hồ sơ" in html
    assert "<svg" in html
    by_name = client.get(f"/bang-chi-so/?{KY}&sap-xep=ten").content.decode()
    row = '<td data-label="Đơn vị">{}'.format
    assert by_name.index(row("Sở Nội vụ")) < by_name.index(row("Sở Tư pháp")) < by_name.index(row("UBND phường Ba Đình"))


@time_machine.travel("2026-04-10 10:00 +07:00", tick=False)
def test_drilldown_lists_the_dossiers_behind_the_late_figure(client, city):
    big, _ = city
    r = client.get(f"/bang-chi-so/ho-so/?{KY}&chi-tieu=late&co_quan={big.id}")
    assert r.status_code == 200
    assert 'data-testid="total">6<' in r.content.decode()  # days 9, 18, 27 × 2 dossiers
    from motcua.dossiers.models import Dossier

    codes = [d.public_id for d in Dossier.objects.all()]
    assert codes and not any(c in r.content.decode() for c in codes)  # the public list hides the sequence


@time_machine.travel("2026-04-10 10:00 +07:00", tick=False)
def test_board_exports_csv_and_excel(client, city):
    r = client.get(f"/bang-chi-so/tai-ve.csv?{KY}")
    assert r["Content-Type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã cơ quan,Cơ quan")
    assert "T01-SO-TP" in text
    r = client.get(f"/bang-chi-so/tai-ve.xlsx?{KY}")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A1"].value == "Mã cơ quan" and ws.max_row == 4  # the city's three units
    assert client.get("/bang-chi-so/tai-ve.pdf").status_code == 404


@time_machine.travel("2026-04-10 10:00 +07:00", tick=False)
def test_unit_dashboard_is_for_its_head_and_leaders_only(client, world, city):
    big, small = city
    minh, hoa = world.minh, world.hoa  # heads of Sở Tư pháp and Sở Nội vụ
    client.force_login(minh)
    r = client.get(f"/can-bo/chi-so/don-vi/{big.id}/?{KY}")
    assert r.status_code == 200 and "Bộ chỉ số 766" in r.content.decode()
    assert client.get(f"/can-bo/chi-so/don-vi/{small.id}/").status_code == 403
    assert client.get("/can-bo/chi-so/").status_code == 302  # a head is sent to their unit
    client.force_login(hoa)
    assert client.get(f"/can-bo/chi-so/the-diem/{minh.id}/").status_code == 403
    leader = city_leader(big)
    client.force_login(leader)
    r = client.get(f"/can-bo/chi-so/?{KY}")
    assert r.status_code == 200 and "Hồ sơ đến hạn" in r.content.decode()
