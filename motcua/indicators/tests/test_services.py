from datetime import date, timedelta

import pytest

from motcua.indicators.services import Period, board, drilldown, unit_figures

from .factories import Story, at, make_agency, make_procedure

pytestmark = pytest.mark.django_db

MARCH = Period.of("month", date(2026, 3, 15))
NOW = at(5, 1)  # long after March: March is a closed period


def test_periods_cover_month_quarter_and_year():
    assert (MARCH.start, MARCH.end, MARCH.label) == (date(2026, 3, 1), date(2026, 4, 1), "Tháng 03/2026")
    q = Period.of("quarter", date(2026, 11, 27))
    assert (q.start, q.end, q.label) == (date(2026, 10, 1), date(2027, 1, 1), "Quý 4/2026")
    assert Period.of("year", date(2026, 2, 1)).end == date(2027, 1, 1)
    assert Period.parse("quarter:2026-05-02", date(2026, 1, 1)).start == date(2026, 4, 1)
    assert Period.parse("rubbish", date(2026, 1, 9)).start == date(2026, 1, 1)
    assert MARCH.previous(2)[-1].start == date(2026, 1, 1)


def build_march(agency, procedure):
    """Five dossiers accepted in March, known answers for 2.1:
    A finished early; B finished late; C finished late but its supplement time covers it;
    D still open at the end of March and overdue; E open at the end of March, due in April."""
    def accepted(day, due_day, channel="online"):
        return Story(agency, procedure, channel=channel).move("submitted", at(3, day, 8)).accept(at(3, day, 9), due=due_day)

    accepted(2, at(3, 6, 17)).finish(at(3, 5))  # A
    accepted(3, at(3, 9, 17), channel="direct").finish(at(3, 12))  # B
    accepted(4, at(3, 10, 17)).supplement(at(3, 5), at(3, 9)).finish(at(3, 13))  # C
    accepted(10, at(3, 20, 17), channel="direct")  # D
    accepted(30, at(4, 6, 17))  # E


def test_on_time_rate_counts_finished_and_open_dossiers_at_the_period_end():
    agency, procedure = make_agency(), make_procedure()
    build_march(agency, procedure)
    fig = unit_figures(MARCH, now=NOW)[agency.id]
    assert fig.counts["finished"] == 3 and fig.counts["on_time"] == 2
    assert (fig.open, fig.open_overdue) == (2, 1)
    assert (fig.timely, fig.timeliness_n) == (3, 5)
    assert fig.on_time_rate == pytest.approx(0.6)
    assert fig.online_rate == pytest.approx(0.6)
    # In April, D is still overdue and E is not yet; March's figures are frozen at 31/03 24:00.
    april = Period.of("month", date(2026, 4, 1))
    fig_apr = unit_figures(april, now=at(4, 3))[agency.id]
    assert (fig_apr.open, fig_apr.open_overdue) == (2, 1)


def test_every_figure_drills_down_to_the_same_number_of_dossiers():
    agency, procedure = make_agency(), make_procedure()
    build_march(agency, procedure)
    fig = unit_figures(MARCH, now=NOW)[agency.id]
    assert drilldown(MARCH, "received", agency_id=agency.id, now=NOW).count() == fig.counts["received"]
    assert drilldown(MARCH, "online", agency_id=agency.id, now=NOW).count() == fig.counts["online"]
    assert drilldown(MARCH, "on_time", agency_id=agency.id, now=NOW).count() == fig.counts["on_time"]
    assert drilldown(MARCH, "late", agency_id=agency.id, now=NOW).count() == fig.counts["late"]
    assert drilldown(MARCH, "open", agency_id=agency.id, now=NOW).count() == fig.open
    assert drilldown(MARCH, "open_overdue", agency_id=agency.id, now=NOW).count() == fig.open_overdue


def test_board_leaves_a_unit_below_the_minimum_unranked():
    big, small = make_agency(), make_agency("T01-X00008", "UBND phường Ngọc Hà", "00008")
    procedure = make_procedure()
    for day in range(1, 29):
        for hour in (8, 10):
            Story(big, procedure).move("submitted", at(3, day, hour)).accept(at(3, day, hour), due=at(3, day, 17)).finish(at(3, day, 16))
    Story(small, procedure).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=at(3, 6, 17)).finish(at(3, 3))
    rows = {r.agency.code: r for r in board(MARCH, now=NOW)}
    assert rows["T01-X00004"].rank == 1 and rows["T01-X00004"].n == 56
    assert rows["T01-X00008"].rank is None and "30" in rows["T01-X00008"].rank_reason
    assert rows["T01-X00008"].on_time == 1.0  # shown, but not ranked


def test_catalogue_counts_per_agency_from_the_current_versions():
    from motcua.catalogue.models import Channel, Component, FeeItem, Step
    from motcua.indicators.services import catalogue_counts

    agency = make_agency()
    full, bare, fee_only = (make_procedure("1.001193"), make_procedure("2.000635", "Cấp bản sao trích lục hộ tịch"),
                            make_procedure("1.004227", "Đăng ký kết hôn"))
    v = full.current
    v.subjects, v.implementing_agency = "Công dân Việt Nam", "UBND cấp xã"
    v.save()
    Step.objects.create(version=v, text="Nộp hồ sơ")
    Component.objects.create(version=v, name="Tờ khai")
    Channel.objects.create(version=v, kind="online", duration_value=3, duration_unit="working_days")
    counter = Channel.objects.create(version=fee_only.current, kind="direct", duration_text="Trong ngày")
    FeeItem.objects.create(channel=counter, amount=8000)
    for p in (full, bare, fee_only):
        p.agencies.add(agency)
    # full: complete and online, no fee; bare: nothing; fee_only: a fee, counter only, not complete.
    assert catalogue_counts([agency.id])[agency.id] == {"procedures": 3, "complete": 1, "online": 1, "fee": 1,
                                                        "fee_online": 0}


def test_trend_and_unit_totals_come_from_the_agency_day_rows():
    from motcua.indicators.services import trend, waived_total

    agency, procedure = make_agency(), make_procedure()
    build_march(agency, procedure)
    Story(agency, procedure, fee_total=30000, fee_waived=30000).move("submitted", at(2, 27, 8)).accept(
        at(2, 27, 9), due=at(3, 3, 17)).finish(at(3, 2))  # accepted in February, finished in March
    months = {m["period"].start.month: m for m in trend(MARCH, months=3)}
    assert sorted(months) == [1, 2, 3]
    assert months[1]["on_time"] is None and months[1]["received"] == 0
    assert months[2]["received"] == 1 and months[2]["on_time"] is None  # nothing finished in February
    assert months[3]["received"] == 5 and months[3]["online"] == pytest.approx(3 / 5)
    assert months[3]["on_time"] == pytest.approx(3 / 4)  # A, C and the February dossier of 4 finished
    assert waived_total(Period.of("month", date(2026, 2, 1))) == 30000 and waived_total(MARCH) == 0
    by_commune = unit_figures(MARCH, by="commune", now=NOW)[agency.commune_id]
    assert by_commune.counts == unit_figures(MARCH, by="field", now=NOW)[procedure.current.field_id].counts


def test_a_closed_period_counts_dossiers_open_at_its_end_that_finished_since():
    agency, procedure = make_agency(), make_procedure()
    build_march(agency, procedure)
    # F: accepted in March, due 27/03, finished in April: open and overdue at the end of March.
    Story(agency, procedure).move("submitted", at(3, 20, 8)).accept(at(3, 20, 9), due=at(3, 27, 17)).finish(at(4, 2))
    # G: accepted in March, due 06/04, finished in May: open at the end of March (not overdue) and of April (overdue).
    Story(agency, procedure).move("submitted", at(3, 25, 8)).accept(at(3, 25, 9), due=at(4, 6, 17)).finish(at(5, 4))
    march = unit_figures(MARCH, now=at(6, 1))[agency.id]
    assert (march.open, march.open_overdue) == (4, 2)  # D, E, F, G; D and F overdue
    april = unit_figures(Period.of("month", date(2026, 4, 1)), now=at(6, 1))[agency.id]
    assert (april.open, april.open_overdue) == (3, 3)  # D and E (never finished) and G, all overdue at 30/04
    city = unit_figures(MARCH, by="city", now=at(6, 1))[None]
    assert (city.open, city.open_overdue) == (4, 2)
    for period, fig in ((MARCH, march), (Period.of("month", date(2026, 4, 1)), april)):
        assert drilldown(period, "open", agency_id=agency.id, now=at(6, 1)).count() == fig.open
        assert drilldown(period, "open_overdue", agency_id=agency.id, now=at(6, 1)).count() == fig.open_overdue


def test_the_board_city_figures_are_the_city_figures():
    from motcua.indicators.services import board_and_city

    agency, procedure = make_agency(), make_procedure()
    build_march(agency, procedure)
    rows, city = board_and_city(MARCH, now=NOW)
    expected = unit_figures(MARCH, by="city", now=NOW)[None]
    assert (city.counts, city.open, city.open_overdue) == (expected.counts, expected.open, expected.open_overdue)
    assert [r.figures for r in rows if r.agency == agency] == [unit_figures(MARCH, now=NOW)[agency.id]]


def test_the_board_and_the_unit_dashboard_give_a_unit_the_same_766_score():
    from motcua.indicators.config import config_on
    from motcua.indicators.index766 import compute_index
    from motcua.indicators.models import IndexConfig
    from motcua.indicators.services import unit_report

    agency, procedure = make_agency(), make_procedure()
    build_march(agency, procedure)
    # A reweighting in force from mid-March: the score of March must use it on both pages.
    data = config_on(date(2026, 1, 1))
    data["groups"]["TDGQ"]["points"] = 40
    IndexConfig.objects.create(effective_from=date(2026, 3, 15), data=data, note="test")
    row = next(r for r in board(MARCH, now=NOW) if r.agency == agency)
    report = unit_report(agency, MARCH, now=NOW)
    assert row.score is not None
    assert report["unit_index"].total == row.score
    # The reweighting matters (the same counts under the config of 01/03 score differently), so a page that
    # chose the configuration of the period's first day would show another score.
    counts = {i.id: (i.numerator, i.denominator) for i in report["unit_index"].indicators}
    assert compute_index(counts, config_on(date(2026, 3, 1))).total != row.score


def test_dossiers_due_now_are_those_due_soon_by_the_working_calendar():
    """The dashboards' "due now" list uses the one "due soon" rule (workdays: one working day of office time),
    not 24 wall-clock hours: on a Friday morning, a dossier due Monday morning is due soon."""
    from motcua.dossiers.deadlines import due_soon_until
    from motcua.indicators.services import due_now

    agency, procedure = make_agency(), make_procedure()
    friday = at(3, 6, 10)
    until = due_soon_until(friday, agency=None)
    assert until > friday + timedelta(hours=48)  # over the weekend
    soon = Story(agency, procedure).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9), due=until)
    later = Story(agency, procedure).move("submitted", at(3, 2, 8)).accept(at(3, 2, 9),
                                                                         due=until + timedelta(minutes=1))
    listed = {f.dossier_id for f in due_now(now=friday)}
    assert soon.dossier.pk in listed and later.dossier.pk not in listed
