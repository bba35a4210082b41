"""Online submission, one question per page (GOV.UK pattern): start, questions, papers, check answers, confirmation.

Answers live in the session (`drafts.Draft`) until the citizen sends them; sending calls
`dossiers.services.intake.submit_dossier` once, with the draft's key as idempotency key, so a double click or a
retried request returns the first dossier.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from motcua.catalogue.models import Procedure
from motcua.dossiers.errors import InvalidUpload
from motcua.dossiers.models import ApplicantKind, Channel, Delivery
from motcua.dossiers.services.intake import Applicant, ComponentInput, submit_dossier
from motcua.dossiers.uploads import validate_upload
from motcua.lib.errors import DomainError
from motcua.limits import services as limits

from . import apply_forms as f
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


def _version(code):
    procedure = get_object_or_404(Procedure.objects.select_related("current"), code=code)
    if procedure.current is None:
        raise Http404("Thủ tục chưa có phiên bản đang có hiệu lực.")
    return procedure.current


def _components(version):
    return list(version.components.all())


def _agencies(version):
    return list(version.procedure.agencies.filter(is_active=True).order_by("name"))


def _steps(version):
    papers = [f"{PAPER_PREFIX}{i}" for i in range(1, len(_components(version)) + 1)]
    where = [AGENCY_STEP] if len(_agencies(version)) > 1 else []  # ask only when there is a choice
    return [*where, *QUESTIONS, *papers, DELIVERY_STEP, CHECK_STEP]


def _url(code, step):
    return reverse("portal:apply_step", args=[code, step])


def _neighbours(version, step):
    steps = _steps(version)
    i = steps.index(step)
    return (steps[i - 1] if i else None), steps[i + 1]


def _after_save(request, code, version, step):
    if request.GET.get("sua"):
        return redirect(_url(code, CHECK_STEP))
    return redirect(_url(code, _neighbours(version, step)[1]))


def apply_start(request, code):
    version = _version(code)
    return render(request, "portal/apply/start.html", {"version": version, "code": code,
                                                       "components": _components(version),
                                                       "first": _url(code, _steps(version)[0])})


@require_http_methods(["GET", "POST"])
def apply_step(request, code, step):
    version = _version(code)
    if step == CHECK_STEP:
        return _check(request, code, version)
    if step not in _steps(version):
        raise Http404
    draft = Draft(request.session, code)
    if step.startswith(PAPER_PREFIX):
        return _paper(request, code, version, draft, step)
    if step == AGENCY_STEP:
        form = f.AgencyForm(request.POST or None, initial=draft.answers, agencies=_agencies(version))
    else:
        form_class = f.DeliveryForm if step == DELIVERY_STEP else QUESTIONS[step]
        form = form_class(request.POST or None, initial=draft.answers)
    if request.method == "POST" and form.is_valid():
        draft.answers.update(form.cleaned_data)
        draft.save()
        return _after_save(request, code, version, step)
    return _question(request, code, version, step, form)


def _question(request, code, version, step, form, **extra):
    back = _neighbours(version, step)[0]
    context = {"version": version, "code": code, "form": form, "back": _url(code, back) if back else None,
               "question": getattr(form, "question", ""), "hint": getattr(form, "hint", ""), **extra}
    return render(request, "portal/apply/question.html", context, status=400 if form.errors else 200)


def _paper(request, code, version, draft, step):
    components = _components(version)
    try:
        component = components[int(step.removeprefix(PAPER_PREFIX)) - 1]
    except (ValueError, IndexError):
        raise Http404 from None
    form = f.FileForm(request.POST or None, request.FILES or None)
    form.question = f"Tải lên: {component.name}"
    form.hint = component.condition and f"Áp dụng: {component.condition}"
    have = draft.files.get(str(component.pk))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload:
            try:
                _, ext = validate_upload(upload)
                _upload_quota(request, draft, upload)
            except (InvalidUpload, limits.TooManyRequests) as e:
                form.add_error("file", e.message)
            else:
                draft.put_file(component.pk, upload, ext)
        elif form.cleaned_data["skip"] and component.condition.strip():
            draft.drop_file(component.pk)
        elif not have:
            form.add_error("file", "Hãy chọn tệp để tải lên.")
        if not form.errors:
            draft.save()
            return _after_save(request, code, version, step)
    return _question(request, code, version, step, form, component=component, have=have,
                     optional=bool(component.condition.strip()), multipart=True)


def _upload_quota(request, draft, upload):
    """Draft files are stored before the dossier exists: their bytes are budgeted per draft and per address."""
    message = gettext("Bạn đã tải lên quá nhiều dữ liệu trong một giờ. Vui lòng thử lại sau.")
    limits.take("draft_session", draft.key, message, amount=upload.size)
    try:
        limits.take("draft_address", request.META.get("REMOTE_ADDR", ""), message, amount=upload.size)
    except limits.TooManyRequests:
        limits.refund("draft_session", draft.key, upload.size)
        raise


def _summary(code, version, draft):
    a = draft.answers
    kinds, deliveries = dict(ApplicantKind.choices), dict(Delivery.choices)
    agencies = {str(a.pk): a.name for a in _agencies(version)}
    rows = [("Nơi nộp", agencies[a["agency"]], AGENCY_STEP)] if a.get("agency") in agencies else []
    rows += [
        ("Chủ hồ sơ", kinds.get(a.get("applicant_kind"), ""), "chu-ho-so"),
        ("Họ và tên", a.get("applicant_name", ""), "ho-ten"),
        ("Số giấy tờ", a.get("applicant_id_number", ""), "so-dinh-danh"),
        ("Điện thoại", a.get("applicant_phone", ""), "lien-he"),
        ("Thư điện tử", a.get("applicant_email", ""), "lien-he"),
        ("Địa chỉ", a.get("applicant_address", ""), "dia-chi"),
    ]
    for i, c in enumerate(_components(version), start=1):
        info = draft.files.get(str(c.pk))
        rows.append((c.name, info["name"] if info else "Không nộp", f"{PAPER_PREFIX}{i}"))
    where = deliveries.get(a.get("delivery"), "")
    if a.get("delivery") == Delivery.POST:
        where += f": {a.get('delivery_address') or a.get('applicant_address', '')}"
    rows.append(("Nhận kết quả", where, DELIVERY_STEP))
    return [{"label": lbl, "value": val, "change": _url(code, s) + "?sua=1"} for lbl, val, s in rows]


def _submit(request, version, draft):
    a = draft.answers
    components = [ComponentInput(component=c, files=draft.open_files(c.pk)) for c in _components(version)
                  if str(c.pk) in draft.files]
    applicant = Applicant(name=a.get("applicant_name", ""), kind=a.get("applicant_kind", ApplicantKind.PERSON),
                          id_number=a.get("applicant_id_number", ""), phone=a.get("applicant_phone", ""),
                          email=a.get("applicant_email", ""), address=a.get("applicant_address", ""))
    agency = next((x for x in _agencies(version) if str(x.pk) == a.get("agency")), None)
    try:
        return submit_dossier(version, channel=Channel.ONLINE, agency=agency, applicant=applicant, components=components,
                              at=timezone.now(), delivery=a.get("delivery") or Delivery.COUNTER,
                              delivery_address=a.get("delivery_address", ""), idempotency_key=draft.key,
                              citizen=request.user if request.user.is_authenticated else None)
    finally:
        for c in components:
            for file in c.files:
                file.close()


def _check(request, code, version):
    draft = Draft(request.session, code)
    error, status = None, 200
    if request.method == "POST":
        try:
            dossier = _submit(request, version, draft)
        except DomainError as e:
            error, status = e.message, e.status
        else:
            draft.discard()
            request.session.setdefault("applied", [])
            request.session["applied"] = [*request.session["applied"], dossier.reference][-20:]
            return redirect("portal:apply_done", reference=dossier.reference)
    context = {"version": version, "code": code, "rows": _summary(code, version, draft), "error": error,
               "back": _url(code, DELIVERY_STEP)}
    return render(request, "portal/apply/check.html", context, status=status)


def apply_done(request, reference):
    # Only the session that sent the dossier sees this page; others track it with the code and 4 digits.
    if reference not in request.session.get("applied", []):
        messages.info(request, "Hãy tra cứu hồ sơ bằng mã và 4 số cuối điện thoại hoặc giấy tờ.")
        return redirect("portal:track")
    return render(request, "portal/apply/done.html", {"reference": reference})
