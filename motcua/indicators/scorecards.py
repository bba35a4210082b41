"""Official scorecards (thi đua, khen thưởng) per officer, with configurable weights.

Four parts, each a rate in [0, 1], combined by `formulas.weighted_score` with the weights of IndexConfig
`scorecard` (default on-time 40, satisfaction 30, no complaint 20, own procedures online 10):
- on_time: route steps the officer finished on time / steps finished in the period (DossierStep.on_time);
- satisfaction: counter presses of 4–5 for the officer / presses (ratings);
- no_complaint: 1 − complaints in the citizens' evaluations of the officer / evaluations;
- online_self: the officer's own dossiers (as a citizen) submitted online / their own dossiers, since the
  city requires every official to use online public services for their own procedures.
A part without data is left out and the others rescaled (shown as "chưa có dữ liệu").

Visibility: the officer and the heads of the officer's agencies only (`can_view`).
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from motcua.dossiers.models import Channel, Dossier, DossierStep
from motcua.ratings.facts import satisfaction_facts
from motcua.units.access import headed_agencies
from motcua.units.models import Membership

from .config import config_for
from .formulas import rate, weighted_score


@dataclass
class Scorecard:
    officer: object
    steps: int
    steps_on_time: int
    ratings: int
    ratings_satisfied: int
    evaluations: int
    complaints: int
    own_dossiers: int
    own_online: int
    weights: dict

    @property
    def parts(self):
        return {
            "on_time": rate(self.steps_on_time, self.steps),
            "satisfaction": rate(self.ratings_satisfied, self.ratings),
            "no_complaint": None if not self.evaluations else 1 - self.complaints / self.evaluations,
            "online_self": rate(self.own_online, self.own_dossiers),
        }

    @property
    def score(self):
        return weighted_score(self.parts, self.weights)


PART_LABELS = {
    "on_time": "Xử lý đúng hạn",
    "satisfaction": "Người dân hài lòng",
    "no_complaint": "Không bị phản ánh",
    "online_self": "Tự nộp hồ sơ của mình trực tuyến",
}


def can_view(viewer, officer) -> bool:
    """The officer sees their own card; a head sees the cards of officers of the agencies they head."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == officer.pk:
        return True
    return Membership.objects.filter(user=officer, agency__in=headed_agencies(viewer)).exists()


def scorecard(officer, period, *, now=None) -> Scorecard:
    start, end = period.aware_start(), period.aware_end()
    steps = DossierStep.objects.filter(handler=officer, finished_at__gte=start, finished_at__lt=end).aggregate(
        n=Count("pk"), on_time=Count("pk", filter=Q(on_time=True))
    )
    own = Dossier.objects.filter(citizen=officer, submitted_at__gte=start, submitted_at__lt=end).aggregate(
        n=Count("pk"), online=Count("pk", filter=Q(channel=Channel.ONLINE))
    )
    ratings_n = satisfied = evaluations = complaints = 0
    for fact in satisfaction_facts(start=start, end=end, by="officer"):
        if fact.key == officer.pk:
            ratings_n += fact.counter_n
            satisfied += fact.counter_satisfied
            evaluations += fact.evaluations_n
            complaints += fact.evaluation_complaints
    weights = config_for(period, now=now or timezone.now())["scorecard"]
    return Scorecard(officer, steps["n"], steps["on_time"], ratings_n, satisfied, evaluations, complaints,
                     own["n"], own["online"], weights)


def officers_of(agency):
    """Officers of an agency who have a scorecard (reception and handlers)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        memberships__agency=agency, memberships__role__in=[Membership.Role.RECEPTION, Membership.Role.HANDLER]
    ).distinct().order_by("last_name", "first_name", "username")
