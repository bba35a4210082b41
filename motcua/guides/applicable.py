"""Which papers apply to a citizen's situation: one rule shared by the online form and the counter.

    plan = plan_for(procedure_version, answers)   # answers: {question key: answer key}; missing -> standard
    plan.uploads     papers to hand in (uploaded online), each with its catalogue Component when it matches
    plan.present     papers to show at the counter when the result is collected (never uploaded)
    plan.lookups     papers the agency looks up itself in a database (never asked: "cơ quan sẽ tự tra cứu")
    plan.eform       the declaration, filled in as fields when the layer has them

With a published layer the answers decide. Without one the catalogue's own component rows decide: a row of
kind `note` (or of 0 copies) is never asked, a row with a condition is optional and shows its condition.
"""

from dataclasses import dataclass, field

from motcua.catalogue.parsing.papers import CONSENT_DATABASES

from .models import GuidePaper
from .services import guide_for, normalise

SUBMIT, PRESENT, EFORM, LOOKUP = "submit", "present", "eform", "lookup"


@dataclass
class Paper:
    key: str
    label: str
    kind: str
    component: object = None  # the catalogue Component of the version in force, when one matches
    optional: bool = False
    condition: str = ""
    obtainable_from: str = ""
    help: str = ""
    # A database the paper can be taken from only with the citizen's consent (catalogue CONSENT_DATABASES, e.g.
    # the health-record pilot): the paper stays to upload; the form offers the consent instead.
    consent_source: str = ""


@dataclass
class Plan:
    layer: object = None  # the published GuideVersion, or None
    questions: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # the answers in force (given or standard)
    papers: list = field(default_factory=list)

    def of_kind(self, kind):
        return [p for p in self.papers if p.kind == kind]

    @property
    def uploads(self):
        return self.of_kind(SUBMIT)

    @property
    def present(self):
        return self.of_kind(PRESENT)

    @property
    def lookups(self):
        return self.of_kind(LOOKUP)

    @property
    def eform(self):
        return next(iter(self.of_kind(EFORM)), None)

    @property
    def fields(self):
        return list(self.layer.fields.all()) if self.layer and self.eform else []

    def required_components(self):
        """Catalogue components that must come with the dossier (uploads not optional, and the declaration)."""
        return [p.component for p in self.papers
                if p.kind in (SUBMIT, EFORM) and not p.optional and p.component is not None]


def plan_for(procedure_version, answers=None, *, channel="online"):
    layer = guide_for(procedure_version.procedure)
    if layer is None:
        return _from_catalogue(procedure_version, channel)
    return _from_layer(layer, procedure_version, answers or {})


def standard_answers(layer):
    return {q.key: next((a.key for a in q.answers.all() if a.standard), q.answers.all()[0].key)
            for q in layer.questions.prefetch_related("answers")}


def _from_layer(layer, procedure_version, given):
    questions = list(layer.questions.prefetch_related("answers__papers"))
    answers = standard_answers(layer)
    valid = {(q.key, a.key) for q in questions for a in q.answers.all()}
    answers.update({k: v for k, v in given.items() if (k, v) in valid})
    brought = {p.pk for q in questions for a in q.answers.all() if answers[q.key] == a.key for p in a.papers.all()}
    rows = {normalise(c.name): c for c in procedure_version.components.all()}
    papers = [_paper(p, rows.get(normalise(p.source_name))) for p in layer.papers.all() if p.always or p.pk in brought]
    for paper in papers:
        paper.consent_source = _consent_source(paper.component)
    return Plan(layer=layer, questions=questions, answers=answers, papers=papers)


def _paper(p, component):
    kind = LOOKUP if p.obtainable_from else p.kind
    if p.kind == GuidePaper.Kind.EFORM and not p.version.fields.exists():
        kind = SUBMIT  # a declaration without fields is filled on paper and uploaded
    return Paper(key=p.key, label=p.label, kind=kind, component=component, obtainable_from=p.obtainable_from,
                 help=p.help)


def _from_catalogue(procedure_version, channel):
    """The catalogue's own meaning of each row (catalogue.parsing.papers): notes and rows of other channels are
    left out, rows with a condition are optional, rows a database gives are looked up."""
    papers = []
    for c in procedure_version.components.all():
        if c.kind == c.Kind.NOTE or (c.channels and channel not in c.channels):
            continue
        condition = c.condition.strip()
        consent = _consent_source(c)
        source = c.get_obtainable_from_display() if c.obtainable_from and not consent else ""
        kind = LOOKUP if source else (PRESENT if c.kind == c.Kind.PRESENT else SUBMIT)
        papers.append(Paper(key=f"c{c.pk}", label=c.name, kind=kind, component=c, optional=bool(condition),
                            condition=condition, obtainable_from=source, consent_source=consent))
    return Plan(papers=papers)


def _consent_source(component):
    return component.obtainable_from if component is not None and component.obtainable_from in CONSENT_DATABASES else ""
