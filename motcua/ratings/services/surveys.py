"""Surveys in the SIPAS form: made from a template, answered by link or QR, summarised as an index.

The index of an element is the share of 4 and 5 among the answers to its satisfaction questions; the overall
index is the mean over elements (QĐ 1001/QĐ-BNV); see `ratings.index` for the interval.
"""

import hashlib
import hmac
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.units.models import Agency

from .. import conf
from ..errors import RatingError, RatingNotFound
from ..index import Index, Share, index_of_share, overall_index, share_from_counts
from ..models import Answer, Content, Element, Question, Survey, SurveyResponse

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "data"
TEXT_MAX = 2000


@cache
def survey_templates():
    """Return {code: template dict} for the templates shipped as data (ratings/data/*.json)."""
    templates = {}
    for path in sorted(TEMPLATES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        templates[data["code"]] = data
    return templates


def _template(template_code):
    template = survey_templates().get(template_code)
    if template is None:
        raise RatingNotFound(_("Không có mẫu khảo sát “%(code)s”.") % {"code": template_code})
    return template


def create_survey_from_template(template_code, *, title, actor, agencies=(), intro=None):
    """Create a survey and copy the template's questions into it (the admin edits them afterwards)."""
    template = _template(template_code)
    with transaction.atomic():
        survey = Survey.objects.create(
            title=title,
            intro=template.get("intro", "") if intro is None else intro,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        survey.agencies.set(agencies)
        copy_template_questions(survey, template_code)
    return survey


def copy_template_questions(survey, template_code):
    """Append the template's questions to `survey` and remember which template it came from."""
    template = _template(template_code)
    start = survey.questions.count()
    Question.objects.bulk_create(
        Question(
            survey=survey,
            order=start + i,
            element=q.get("element", ""),
            content=q["content"],
            kind=q["kind"],
            text=q["text"],
            options=q.get("options", []),
            max_choices=q.get("max_choices"),
            required=q.get("required", False),
        )
        for i, q in enumerate(template["questions"], start=1)
    )
    if not survey.intro and template.get("intro"):
        survey.intro = template["intro"]
    survey.template_code = template_code
    survey.save(update_fields=["template_code", "intro"])
    return survey


def get_survey(slug):
    survey = Survey.objects.filter(slug=slug).first()
    if survey is None:
        raise RatingNotFound(_("Không tìm thấy cuộc khảo sát."))
    return survey


def get_open_survey(slug, *, at):
    survey = get_survey(slug)
    today = timezone.localdate(at)
    if not survey.is_open or (survey.opens_on and today < survey.opens_on) or (
        survey.closes_on and today > survey.closes_on
    ):
        raise RatingError(_("Cuộc khảo sát này hiện không nhận trả lời."), status=410)
    return survey


def survey_agency(survey, agency_code):
    """Return the agency a response is about: the one named in the link, or the survey's only agency."""
    allowed = survey.agencies.all()
    if agency_code:
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None or (allowed.exists() and not allowed.filter(pk=agency.pk).exists()):
            raise RatingError(_("Cơ quan trong đường dẫn không thuộc cuộc khảo sát này."))
        return agency
    return allowed.first() if allowed.count() == 1 else None


def client_hash(survey, address):
    """Return a keyed hash of the sender's address for this survey (the address itself is never stored)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"ratings-survey:{survey.pk}:{address}".encode(), hashlib.sha256).hexdigest()


def submit_survey_response(survey, *, answers, at, agency=None, source="", sender=""):
    """Record one respondent's answers. `answers` maps question id to the raw value(s) from the form.

    `sender` is the network address; at most MOTCUA_RATINGS_SURVEY_MAX_PER_HOUR answers per hour are taken from
    one address so a single person cannot flood a unit's index. Raises RatingError listing the first problem;
    nothing is stored unless every answer is valid.
    """
    sender_hash = client_hash(survey, sender) if sender else ""
    if sender_hash:
        _check_rate(survey, sender_hash, at)
    questions = list(survey.questions.all())
    rows = []
    for question in questions:
        row = _parse_answer(question, answers.get(question.pk))
        if row is not None:
            rows.append(row)
    if not any(r.value is not None for r in rows):
        raise RatingError(_("Xin Ông/Bà trả lời ít nhất một câu hỏi về mức hài lòng."))
    with transaction.atomic():
        response = SurveyResponse.objects.create(survey=survey, agency=agency, submitted_at=at, source=source[:20],
                                                 client_hash=sender_hash)
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
    return response


def _check_rate(survey, sender_hash, at):
    recent = SurveyResponse.objects.filter(
        survey=survey, client_hash=sender_hash, submitted_at__gt=at - timedelta(hours=1)
    ).count()
    if recent >= conf.survey_max_per_hour():
        raise RatingError(_("Đã nhận nhiều phiếu từ cùng một địa chỉ trong một giờ; xin thử lại sau."), status=429)


def _parse_answer(question, raw):
    empty = raw in (None, "", [], ())
    if empty:
        if question.required:
            raise RatingError(_("Xin Ông/Bà trả lời câu: “%(q)s”") % {"q": question.text})
        return None
    if question.kind in (Question.Kind.SCALE, Question.Kind.AGREEMENT):
        return Answer(question=question, value=_scale_value(question, raw))
    if question.kind == Question.Kind.CHOICE:
        return Answer(question=question, choices=_choice_values(question, raw))
    text = str(raw).strip()
    if len(text) > TEXT_MAX:
        raise RatingError(_("Ý kiến dài quá %(n)s ký tự.") % {"n": TEXT_MAX})
    return Answer(question=question, text=text) if text else None


def _scale_value(question, raw):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = None
    if value is None or not 1 <= value <= 5:
        raise RatingError(_("Câu “%(q)s”: xin chọn một mức từ 1 đến 5.") % {"q": question.text})
    return value


def _choice_values(question, raw):
    values = raw if isinstance(raw, list | tuple) else [raw]
    try:
        picked = sorted({int(v) for v in values})
    except (TypeError, ValueError):
        picked = None
    if not picked or picked[0] < 0 or picked[-1] >= len(question.options):
        raise RatingError(_("Câu “%(q)s”: phương án không hợp lệ.") % {"q": question.text})
    if question.max_choices and len(picked) > question.max_choices:
        raise RatingError(
            _("Câu “%(q)s”: chọn tối đa %(n)s phương án.") % {"q": question.text, "n": question.max_choices}
        )
    return picked


@dataclass
class ElementResult:
    element: str
    label: str
    share: Share
    index: Index
    histogram: dict = field(default_factory=dict)


@dataclass
class SurveyResults:
    respondents: int
    elements: list
    overall: Index
    expectations: list  # [(option text, count)] for each choice question, in order
    by_agency: dict = field(default_factory=dict)  # agency -> (respondents, overall Index)


def survey_results(survey, *, agency=None, split_by_agency=True):
    """Return the index per element and overall (with n and a 95% Wilson interval) for a survey or one unit."""
    responses = survey.responses.all()
    if agency is not None:
        responses = responses.filter(agency=agency)
    answers = Answer.objects.filter(response__in=responses).select_related("question")
    histograms = defaultdict(Counter)
    by_agency = defaultdict(lambda: defaultdict(Counter))
    chosen = defaultdict(Counter)
    for a in answers.values("question__element", "question__content", "question_id", "value", "choices",
                            "response__agency_id"):
        if a["question__content"] == Content.SATISFACTION and a["value"] is not None:
            histograms[a["question__element"]][a["value"]] += 1
            by_agency[a["response__agency_id"]][a["question__element"]][a["value"]] += 1
        for c in a["choices"] or []:
            chosen[a["question_id"]][c] += 1
    respondents = responses.count()
    elements = [_element_result(e, histograms[e.value]) for e in Element]
    result = SurveyResults(
        respondents=respondents,
        elements=elements,
        overall=overall_index([e.share for e in elements], respondents),
        expectations=_expectations(survey, chosen),
    )
    if split_by_agency and agency is None:
        result.by_agency = _by_agency(responses, by_agency)
    return result


def _element_result(element, histogram):
    share = share_from_counts(histogram)
    return ElementResult(element.value, element.label, share, index_of_share(share), dict(sorted(histogram.items())))


def _by_agency(responses, by_agency):
    counts = dict(
        responses.exclude(agency=None).order_by().values_list("agency_id").annotate(n=Count("id"))
    )
    agencies = Agency.objects.in_bulk(counts.keys())
    return {
        agencies[aid]: overall_index([share_from_counts(by_agency[aid][e.value]) for e in Element], n)
        for aid, n in counts.items()
    }


def _expectations(survey, chosen):
    out = []
    for q in survey.questions.filter(kind=Question.Kind.CHOICE):
        counts = chosen.get(q.pk, Counter())
        out.append((q, [(text, counts.get(i, 0)) for i, text in enumerate(q.options)]))
    return out
