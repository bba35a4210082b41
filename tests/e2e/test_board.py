"""The public board in a real browser: the table, a chart, and a drill-down to the dossiers behind a figure."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from motcua.indicators.tests.factories import Story, make_agency, make_procedure


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_public_board_drills_down_to_the_dossiers_behind_a_figure(page):
    cache.clear()  # board data is cached per period
    agency, procedure = make_agency(), make_procedure()
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=1, second=0, microsecond=0)
    start = max(now - timezone.timedelta(hours=5), month_start)  # stay inside the current month
    for i in range(3):
        s = Story(agency, procedure, submitted=start).move("submitted", start)
        s.accept(start, due=start + timezone.timedelta(hours=1))
        s.finish(start + timezone.timedelta(hours=2 + i))  # all three late
    page.goto("/bang-chi-so/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bảng chỉ số")
    row = page.locator("table.board tbody tr", has_text="UBND phường Ba Đình")
    assert "Chưa xếp hạng" in row.inner_text()  # 3 dossiers: below the minimum
    assert page.locator("svg.chart:visible").count() == 2  # each chart is drawn wide and narrow; one shows
    row.get_by_title("Xem hồ sơ quá hạn").click()
    page.wait_for_url("**/bang-chi-so/ho-so/**")
    assert page.get_by_test_id("total").inner_text() == "3"
    assert page.locator("tbody tr", has_text="Quá hạn").count() == 3
