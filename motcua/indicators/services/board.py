"""The 766 index of a unit and the public board: every commune and department scored and ranked fairly."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from motcua.feedback import facts as feedback_facts
from motcua.ratings.facts import satisfaction_facts
from motcua.units.models import Agency

from .. import evaluation, sources
from ..config import config_for
from ..formulas import rank_units, rate, tthc_satisfaction
from ..index766 import compute_index
from .catalogue_counts import catalogue_counts, procedures_with_online_dossiers
from .figures import Figures, unit_figures
from .periods import Period
from .trends import case_mix, due_now, trend, worst_procedures


def index_counts(fig: Figures, *, catalogue=None, used_online=0, feedback=None, satisfaction=None, sync=None,
                 votes=None) -> dict:
    """Build {indicator: (numerator, denominator)} for the 766 index from the figures of one unit.

    `sync` = (synced, total, online synced) dossiers of the period (sources "dossier_sync"): 1.4 is the synced
    share; 3.3 is the online share times the sync rate (F766), so without sync figures it is the plain share.
    `votes` = (rated, disliked) answers of the virtual assistant about the unit (sources "assistant_votes"): for
    5.3, (total − disliked − overdue − repeated) / total, each rated answer is one more item handled and each 👎
    one disliked, beside the feedback items (received, overdue, reopened as repeated).
    """
    c = fig.counts
    counts = {
        "2.1": (fig.timely, fig.timeliness_n),
        "3.3": (c["online"], c["received"]),
        "3.6": (c["paid_online"], c["fee_bearing"]),
        "4.1": (c["with_result"], c["finished"]),
        "4.2": (c["digitised_full"], c["finished"]),
        "4.3": (c["reused"], c["received"]),
        "4.4": (c["from_data_store"], c["received"]),
        "4.5": (c["population_data"], c["received"]),
    }
    if catalogue:
        n = catalogue["procedures"]
        counts |= {
            "1.3": (catalogue["complete"], n),
            "3.1": (catalogue["online"], n),
            "3.2": (min(used_online, n), n),
            "3.5": (catalogue["fee_online"], catalogue["fee"]),
        }
    if feedback and feedback.get("received"):
        fb = feedback
        counts |= {
            "5.1": (fb["answered"] + fb["refused"], fb["received"]),
            "5.2": (fb["received"] - fb["overdue"], fb["received"]),
        }
    fb = feedback or {}
    rated, disliked = votes or (0, 0)
    total = fb.get("received", 0) + rated
    if total:
        counts["5.3"] = (max(0, total - disliked - fb.get("overdue", 0) - fb.get("reopened", 0)), total)
    if sync and sync[1]:
        synced, total = sync[0], sync[1]
        counts["1.4"] = (synced, total)
        counts["3.3"] = (round(c["online"] * synced / total), c["received"])
    complaints = satisfaction.evaluation_complaints if satisfaction else 0
    if c["finished"]:
        share = tthc_satisfaction(c["finished"], c["late"], complaints)
        counts["5.4"] = (round(share * c["finished"]), c["finished"])
    return counts


def index_for(fig: Figures, config=None, **given):
    return compute_index(index_counts(fig, **given), config)


def city_sources(period) -> dict:
    """The city-wide figures of the registered suppliers, as index_for keywords."""
    return {"sync": sources.city("dossier_sync", period)}


def city_agencies():
    """The agencies shown on the board: the city's commune People's Committees and its departments, each with
    its commune's `population` (None for a department or when unknown)."""
    return (Agency.objects.filter(province__code=settings.MOTCUA_CITY_PROVINCE_CODE, is_active=True,
                                  kind__in=[Agency.Kind.COMMUNE_PC, Agency.Kind.DEPARTMENT])
            .annotate(population=F("commune__population")).order_by("kind", "name"))


def feedback_by_agency(period, agency=None):
    """Feedback counts per agency id (feedback.facts); for one agency only when `agency` is given."""
    start, end = period.aware_start(), period.aware_end()
    if agency is not None:
        return {agency.id: feedback_facts.facts_for(start=start, end=end, agency=agency)}
    return feedback_facts.facts_by_agency(start=start, end=end)


def satisfaction_by_agency(period, agency_ids=None):
    return {f.key: f for f in satisfaction_facts(start=period.aware_start(), end=period.aware_end(), by="agency",
                                                 agency_ids=agency_ids)}


def satisfaction_rate(fact):
    """Share of 4–5 answers over counter presses and survey satisfaction answers, with its n."""
    if fact is None:
        return None, 0
    n = fact.counter_n + fact.survey_answers
    return rate(fact.counter_satisfied + fact.survey_satisfied, n), n


@dataclass
class BoardRow:
    """One unit on the board. Kept small (cached and copied per request): the 766 total, not every indicator."""

    agency: Agency
    figures: Figures
    score: Decimal | None
    satisfaction: float | None
    satisfaction_n: int
    rank: int | None = None
    rank_reason: str = ""

    @property
    def on_time(self):
        return self.figures.on_time_rate

    @property
    def online(self):
        return self.figures.online_rate

    @property
    def n(self):
        return self.figures.timeliness_n


def board(period: Period, *, now=None, kinds=None) -> list[BoardRow]:
    """Rows for every commune and department of the city, ranked fairly on the 766 total."""
    return board_and_city(period, now=now, kinds=kinds)[0]


def board_and_city(period: Period, *, now=None, kinds=None) -> tuple[list[BoardRow], Figures]:
    """The board rows and the city's figures, from one pass over the facts: the city is every agency summed."""
    now = now or timezone.now()
    config = config_for(period, now=now)
    agencies = list(city_agencies())
    if kinds:
        agencies = [a for a in agencies if a.kind in kinds]
    figures = unit_figures(period, now=now)
    city = Figures()
    for fig in figures.values():
        city.add(fig)
    catalogue = catalogue_counts([a.id for a in agencies])
    used = procedures_with_online_dossiers(period)
    feedback = feedback_by_agency(period)
    satisfaction = satisfaction_by_agency(period)
    synced = sources.per_agency("dossier_sync", period)
    votes = sources.per_agency("assistant_votes", period)
    rows = []
    for a in agencies:
        fig = figures.get(a.id, Figures())
        idx = index_for(fig, config, catalogue=catalogue.get(a.id), used_online=used.get(a.id, 0),
                        feedback=feedback.get(a.id), satisfaction=satisfaction.get(a.id), sync=synced.get(a.id),
                        votes=votes.get(a.id))
        sat, sat_n = satisfaction_rate(satisfaction.get(a.id))
        rows.append(BoardRow(a, fig, idx.total, sat, sat_n))
    ranked = rank_units([(r, r.score, r.n) for r in rows], min_n=config["min_dossiers_for_rank"])
    for rr in ranked:
        rr.key.rank, rr.key.rank_reason = rr.rank, rr.reason
    return rows, city


SORTS = {
    "ten": lambda r: r.agency.name,
    "dung-han": lambda r: (r.on_time is None, -(r.on_time or 0)),
    "truc-tuyen": lambda r: (r.online is None, -(r.online or 0)),
    "hai-long": lambda r: (r.satisfaction is None, -(r.satisfaction or 0)),
    "diem": lambda r: (r.rank is None, r.rank or 0, -(r.score or 0)),
    "ho-so": lambda r: -r.n,
}


def sort_rows(rows, key: str):
    return sorted(rows, key=SORTS.get(key, SORTS["diem"]))


def unit_report(agency, period, *, now=None) -> dict:
    """A unit head's view of one period: the unit and the city indicator by indicator, the Decree 61
    evaluation, case mix, worst procedures, dossiers due now and the monthly trends.

    The unit's 766 score uses the same configuration (`config_for`) and sources as its board row.
    """
    now = now or timezone.now()
    mine = unit_figures(period, now=now, agency_ids=[agency.id]).get(agency.id, Figures())
    city = unit_figures(period, by="city", now=now).get(None, Figures())
    catalogue = catalogue_counts([agency.id]).get(agency.id)
    feedback = feedback_by_agency(period, agency).get(agency.id)
    config = config_for(period, now=now)
    unit_index = index_for(
        mine, config, catalogue=catalogue, used_online=procedures_with_online_dossiers(period).get(agency.id, 0),
        feedback=feedback, satisfaction=satisfaction_by_agency(period, [agency.id]).get(agency.id),
        sync=sources.per_agency("dossier_sync", period, [agency.id]).get(agency.id),
        votes=sources.per_agency("assistant_votes", period, [agency.id]).get(agency.id),
    )
    city_index = index_for(city, config, **city_sources(period))
    city_scores = {i.id: i for i in city_index.indicators}
    return {
        "mine": mine, "city": city, "unit_index": unit_index, "city_index": city_index,
        "indicator_rows": [(i, city_scores.get(i.id)) for i in unit_index.indicators],
        "evaluation": evaluation.evaluate_unit(mine, catalogue=catalogue, feedback=feedback,
                                               commune_level=agency.kind == Agency.Kind.COMMUNE_PC, config=config),
        "case_mix": case_mix(period, agency.id),
        "worst_procedures": worst_procedures(period, agency_ids=[agency.id], min_n=3),
        "due": list(due_now(now=now, agency_ids=[agency.id])),
        "months_unit": trend(period, agency_ids=[agency.id]), "months_city": trend(period),
    }
