"""Online submission, one question per page (GOV.UK pattern): start, situation, applicant, declaration, papers,
check answers, confirmation.

Which pages come is decided by `guides.applicable.plan_for` from the citizen's answers so far: the situation
questions of the reviewed layer first, then the applicant, the declaration's sections (filled as fields and
rendered into the tờ khai), then one upload page per paper that applies. Papers the agency looks up itself and
papers to show at the counter are listed, never uploaded.

Answers live in the session (`drafts.Draft`) until the citizen sends them; sending calls
`dossiers.services.intake.submit_dossier` once, with the draft's key as idempotency key, so a double click or a
retried request returns the first dossier.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from motcua.catalogue.models import Procedure
from motcua.dossiers.errors import InvalidUpload
from motcua.dossiers.uploads import validate_upload
from motcua.guides import declaration
from motcua.guides.applicable import plan_for
from motcua.identity import prefill, store
from motcua.identity.errors import AssuranceTooLow
from motcua.identity.services import check_assurance, identity_of
from motcua.lib.errors import DomainError
from motcua.limits import services as limits

from . import apply_forms as f
from .apply_submit import HEALTH_CONSENT, LOCKED, NOTICE, SITUATION, SOURCE, STORED, send, summary_rows
from .drafts import Draft

QUESTIONS = {
    "chu-ho-so": f.KindForm,
    "ho-ten": f.NameForm,
    "so-dinh-danh": f.IdForm,
    "lien-he": f.ContactForm,
    "dia-chi": f.AddressForm,
}
AGENCY_STEP = "noi-nop"
DELIVERY_STEP = "nhan-ket-qua"
CHECK_STEP = "kiem-tra"
PAPER_PREFIX = "giay-to-"
# The applicant questions a verified identity answers: skipped when every field they ask is locked.
QUESTION_FIELDS = {"ho-ten": {"name"}, "so-dinh-danh": {"id_number"}, "dia-chi": {"address"}}
SITUATION_PREFIX = "tinh-huong-"
DECLARATION_PREFIX = "to-khai-"


class Flow:
    """The pages of one citizen's application, worked out from the procedure and the answers so far."""

    def __init__(self, code, draft=None):
        procedure = get_object_or_404(Procedure.objects.select_related("current"), code=code)
        if procedure.current is None:
            raise Http404("Thủ tục chưa có phiên bản đang có hiệu lực.")
        self.code, self.version, self.draft = code, procedure.current, draft
        self.plan = plan_for(self.version, (draft.answers.get(SITUATION) if draft else None) or {})
        self.agencies = list(procedure.agencies.filter(is_active=True).order_by("name"))
        self.sections = declaration.sections(self.plan.layer) if self.plan.fields else []

    def steps(self):
        where = [AGENCY_STEP] if len(self.agencies) > 1 else []  # ask only when there is a choice
        situation = [SITUATION_PREFIX + q.key for q in self.plan.questions]
        locked = set(self.draft.answers.get(LOCKED, [])) if self.draft else set()
        questions = [q for q in QUESTIONS if not QUESTION_FIELDS.get(q, set()) or not QUESTION_FIELDS[q] <= locked]
        sections = [f"{DECLARATION_PREFIX}{i}" for i in range(1, len(self.sections) + 1)]
        papers = [f"{PAPER_PREFIX}{i}" for i in range(1, len(self.plan.uploads) + 1)]
        return [*where, *situation, *questions, *sections, *papers, DELIVERY_STEP, CHECK_STEP]

    def url(self, step):
        return reverse("portal:apply_step", args=[self.code, step])

    def neighbours(self, step):
        steps = self.steps()
        i = steps.index(step)
        return (steps[i - 1] if i else None), steps[i + 1]

    def indexed(self, step, prefix, items):
        try:
            index = int(step.removeprefix(prefix))
        except ValueError:
            raise Http404 from None
        if not 1 <= index <= len(items):
            raise Http404
        return items[index - 1]


def apply_start(request, code):
    flow = Flow(code, Draft(request.session, code))
    try:
        check_assurance(request.user, flow.version.procedure)
    except AssuranceTooLow as e:
        return render(request, "portal/apply/assurance.html", {"version": flow.version, "message": e.message,
                                                               "code": code}, status=e.status)
    _prefill(request, flow)
    return render(request, "portal/apply/start.html", {"version": flow.version, "code": code, "plan": flow.plan,
                                                       "first": flow.url(flow.steps()[0]),
                                                       "identity": identity_of(request.user),
                                                       "notice": flow.draft.answers.get(NOTICE, "")})


def _prefill(request, flow):
    """Once per draft: what the national identity and the population database already say (asked once)."""
    draft = flow.draft
    if SOURCE in draft.answers or not request.user.is_authenticated:
        return
    found = prefill.for_citizen(request.user, procedure_code=flow.code, dossier=draft.key)
    if not found.source:
        return
    draft.answers.update({f"applicant_{k}": v for k, v in found.values.items()})
    draft.answers.update({"applicant_kind": "person", SOURCE: found.source, LOCKED: sorted(found.locked),
                          NOTICE: found.notice})
    draft.save()


@require_http_methods(["GET", "POST"])
def apply_step(request, code, step):
    draft = Draft(request.session, code)
    flow = Flow(code, draft)
    if step == CHECK_STEP:
        return _check(request, flow)
    if step not in flow.steps():
        raise Http404
    if step in QUESTION_FIELDS and QUESTION_FIELDS[step] <= set(draft.answers.get(LOCKED, [])):
        raise Http404  # verified by the national identity or the registry: not the citizen's to change
    if step.startswith(PAPER_PREFIX):
        return _paper(request, flow, step)
    if step.startswith(SITUATION_PREFIX):
        return _situation(request, flow, step)
    if step.startswith(DECLARATION_PREFIX):
        return _declaration(request, flow, step)
    if step == AGENCY_STEP:
        form = f.AgencyForm(request.POST or None, initial=draft.answers, agencies=flow.agencies)
    else:
        form_class = f.DeliveryForm if step == DELIVERY_STEP else QUESTIONS[step]
        form = form_class(request.POST or None, initial=draft.answers)
    if request.method == "POST" and form.is_valid():
        draft.answers.update(form.cleaned_data)
        return _saved(request, flow, step)
    return _question(request, flow, step, form)


def _saved(request, flow, step):
    flow.draft.save()
    if request.GET.get("sua") and not step.startswith(SITUATION_PREFIX):
        return redirect(flow.url(CHECK_STEP))
    flow = Flow(flow.code, flow.draft)  # an answer may change the pages that follow
    return redirect(flow.url(flow.neighbours(step)[1]))


def _question(request, flow, step, form, **extra):
    back = flow.neighbours(step)[0]
    context = {"version": flow.version, "code": flow.code, "form": form, "back": flow.url(back) if back else None,
               "question": getattr(form, "question", ""), "hint": getattr(form, "hint", ""), **extra}
    return render(request, "portal/apply/question.html", context, status=400 if form.errors else 200)


def _situation(request, flow, step):
    question = next(q for q in flow.plan.questions if q.key == step.removeprefix(SITUATION_PREFIX))
    given = flow.draft.answers.get(SITUATION) or {}
    form = f.SituationForm(request.POST or None, question=question, initial={"answer": given.get(question.key)})
    if request.method == "POST" and form.is_valid():
        flow.draft.answers[SITUATION] = {**given, question.key: form.cleaned_data["answer"]}
        return _saved(request, flow, step)
    return _question(request, flow, step, form)


def _declaration(request, flow, step):
    section = flow.indexed(step, DECLARATION_PREFIX, flow.sections)
    form = declaration.section_form(flow.plan.layer, section, request.POST or None, initial=flow.draft.answers)
    form.question = f"{flow.plan.layer.declaration_title or 'Tờ khai'}: {section}"
    form.hint = "Thông tin này được điền vào tờ khai theo mẫu; bạn không phải in hay tải lên tờ khai."
    if request.method == "POST" and form.is_valid():
        flow.draft.answers.update(form.cleaned_data)
        return _saved(request, flow, step)
    return _question(request, flow, step, form, grouped=True)


def _paper(request, flow, step):
    paper = flow.indexed(step, PAPER_PREFIX, flow.plan.uploads)
    draft = flow.draft
    form = f.FileForm(request.POST or None, request.FILES or None)
    form.question = f"Tải lên: {paper.label}"
    form.hint = paper.help or (paper.condition and f"Áp dụng: {paper.condition}")
    have = draft.files.get(paper.key)
    me = identity_of(request.user)
    stored = store.reusable_for(me.pid, paper.label.split()) if me else []
    consents = draft.answers.setdefault(HEALTH_CONSENT, {})
    if request.method == "POST" and request.POST.get("consent") and paper.consent_source:
        draft.drop_file(paper.key)
        draft.answers.get(STORED, {}).pop(paper.key, None)
        consents[paper.key] = paper.consent_source
        return _saved(request, flow, step)
    if request.method == "POST" and request.POST.get("stored"):
        try:
            chosen = store.take(int(request.POST["stored"]), pid=me.pid if me else "")
        except (ValueError, DomainError) as e:
            form.add_error(None, getattr(e, "message", "Giấy tờ không hợp lệ."))
        else:
            draft.drop_file(paper.key)
            consents.pop(paper.key, None)
            draft.answers.setdefault(STORED, {})[paper.key] = chosen.pk
            return _saved(request, flow, step)
    elif request.method == "POST" and form.is_valid():
        draft.answers.get(STORED, {}).pop(paper.key, None)
        upload = form.cleaned_data["file"]
        if upload:
            try:
                _, ext = validate_upload(upload)
                _upload_quota(request, draft, upload)
            except (InvalidUpload, limits.TooManyRequests) as e:
                form.add_error("file", e.message)
            else:
                draft.put_file(paper.key, upload, ext)
                consents.pop(paper.key, None)
        elif form.cleaned_data["skip"] and paper.optional:
            draft.drop_file(paper.key)
        elif not have and paper.key not in consents:
            form.add_error("file", "Hãy chọn tệp để tải lên.")
        if not form.errors:
            return _saved(request, flow, step)
    return _question(request, flow, step, form, component=paper, have=have, optional=paper.optional,
                     multipart=True, stored=stored, chosen=draft.answers.get(STORED, {}).get(paper.key),
                     consented=paper.key in consents)


def _upload_quota(request, draft, upload):
    """Draft files are stored before the dossier exists: their bytes are budgeted per draft and per address."""
    message = gettext("Bạn đã tải lên quá nhiều dữ liệu trong một giờ. Vui lòng thử lại sau.")
    limits.take("draft_session", draft.key, message, amount=upload.size)
    try:
        limits.take("draft_address", request.META.get("REMOTE_ADDR", ""), message, amount=upload.size)
    except limits.TooManyRequests:
        limits.refund("draft_session", draft.key, upload.size)
        raise


def _check(request, flow):
    error, status = None, 200
    if request.method == "POST":
        dossier, error, status = send(request, flow)
        if dossier is not None:
            flow.draft.discard()
            request.session.setdefault("applied", [])
            request.session["applied"] = [*request.session["applied"], dossier.reference][-20:]
            return redirect("portal:apply_done", reference=dossier.reference)
    rows = [{"label": label, "value": value, "change": flow.url(s) + "?sua=1"}
            for label, value, s in summary_rows(flow)]
    context = {"version": flow.version, "code": flow.code, "rows": rows, "error": error, "plan": flow.plan,
               "back": flow.url(DELIVERY_STEP)}
    return render(request, "portal/apply/check.html", context, status=status)


def apply_done(request, reference):
    # Only the session that sent the dossier sees this page; others track it with the code and 4 digits.
    if reference not in request.session.get("applied", []):
        messages.info(request, "Hãy tra cứu hồ sơ bằng mã và 4 số cuối điện thoại hoặc giấy tờ.")
        return redirect("portal:track")
    return render(request, "portal/apply/done.html", {"reference": reference})

