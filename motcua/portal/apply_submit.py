"""The end of the online application: the answers to check, and sending them to intake as one dossier."""

from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.dossiers.models import ApplicantKind, Channel, Delivery
from motcua.dossiers.services.intake import Applicant, ComponentInput, submit_dossier
from motcua.guides import declaration
from motcua.health_pilot import services as health_pilot
from motcua.identity import store
from motcua.identity.services import identity_of
from motcua.lib.errors import DomainError

SITUATION = "situation"  # key of the situation answers in the draft: {question key: answer key}
SOURCE = "applicant_source"  # where the applicant's data came from (dossiers.models.ApplicantSource)
LOCKED = "locked"  # applicant fields verified by the national identity or the registry
NOTICE = "registry_notice"  # what the citizen is told when the registry could not be asked
STORED = "stored"  # {paper key: id of the citizen's stored paper reused instead of an upload}
HEALTH_CONSENT = "health_consent"  # {paper key: consent source}: the citizen agreed to its being taken from there


def situation_lines(plan):
    """[(Question, text of the chosen answer)] in the layer's order."""
    return [(q, next((a.text for a in q.answers.all() if a.key == plan.answers.get(q.key)), ""))
            for q in plan.questions]


def summary_rows(flow):
    """(label, value, step to change it) for the check page."""
    from . import apply_views as v

    a, plan = flow.draft.answers, flow.plan
    kinds, deliveries = dict(ApplicantKind.choices), dict(Delivery.choices)
    agencies = {str(x.pk): x.name for x in flow.agencies}
    rows = [("Nơi nộp", agencies[a["agency"]], v.AGENCY_STEP)] if a.get("agency") in agencies else []
    rows += [(q.text, answer, v.SITUATION_PREFIX + q.key) for q, answer in situation_lines(plan)]
    rows += [
        ("Chủ hồ sơ", kinds.get(a.get("applicant_kind"), ""), "chu-ho-so"),
        ("Họ và tên", a.get("applicant_name", ""), "ho-ten"),
        ("Số giấy tờ", a.get("applicant_id_number", ""), "so-dinh-danh"),
        ("Điện thoại", a.get("applicant_phone", ""), "lien-he"),
        ("Thư điện tử", a.get("applicant_email", ""), "lien-he"),
        ("Địa chỉ", a.get("applicant_address", ""), "dia-chi"),
    ]
    if plan.fields:
        for i, (_section, fields) in enumerate(declaration.filled(plan.layer, a), 1):
            rows += [(label, value, f"{v.DECLARATION_PREFIX}{i}") for label, value in fields]
    locked = set(a.get(LOCKED, []))
    rows = [(label, f"{value} (đã xác thực)" if step in v.QUESTION_FIELDS and v.QUESTION_FIELDS[step] <= locked
             else value, step) for label, value, step in rows]
    stored = a.get(STORED, {})
    for i, paper in enumerate(plan.uploads, 1):
        info = flow.draft.files.get(paper.key)
        value = "Dùng lại từ kho dữ liệu của bạn" if paper.key in stored else (info["name"] if info else "Không nộp")
        if paper.key in a.get(HEALTH_CONSENT, {}) and not info:
            value = "Lấy từ nguồn dữ liệu y tế (bạn đã đồng ý)"
        rows.append((paper.label, value, f"{v.PAPER_PREFIX}{i}"))
    where = deliveries.get(a.get("delivery"), "")
    if a.get("delivery") == Delivery.POST:
        where += f": {a.get('delivery_address') or a.get('applicant_address', '')}"
    rows.append(("Nhận kết quả", where, v.DELIVERY_STEP))
    return rows


def _papers(flow, user):
    plan, draft = flow.plan, flow.draft
    stored = draft.answers.get(STORED, {})
    papers = [ComponentInput(component=p.component, name=p.label, files=draft.open_files(p.key))
              for p in plan.uploads if p.key in draft.files and p.key not in stored]
    me = identity_of(user)
    papers += [ComponentInput(component=p.component, name=p.label, stored_paper=store.take(stored[p.key], pid=me.pid))
               for p in plan.uploads if p.key in stored and me is not None]
    if plan.eform is not None and plan.fields:
        pdf = declaration.render_pdf(plan.layer, draft.answers, situation=situation_lines(plan))
        papers.append(ComponentInput(component=plan.eform.component, name=plan.eform.label,
                                     files=[ContentFile(pdf, name="to-khai.pdf")]))
    # Looked up by the agency itself (NĐ 104/2022): recorded as coming from the data store, nothing uploaded.
    papers += [ComponentInput(component=p.component, name=f"{p.label} (cơ quan tự tra cứu: {p.obtainable_from})",
                              from_data_store=True, originals=0, copies=0) for p in plan.lookups]
    return papers


def send(request, flow):
    """Submit the draft; return (dossier, None, 200) or (None, message, status)."""
    a = flow.draft.answers
    try:
        papers = _papers(flow, request.user)
    except DomainError as e:  # a stored paper no longer consented or not the citizen's
        return None, e.message, e.status
    applicant = Applicant(name=a.get("applicant_name", ""), kind=a.get("applicant_kind", ApplicantKind.PERSON),
                          id_number=a.get("applicant_id_number", ""), phone=a.get("applicant_phone", ""),
                          email=a.get("applicant_email", ""), address=a.get("applicant_address", ""),
                          source=a.get(SOURCE, ""))
    agency = next((x for x in flow.agencies if str(x.pk) == a.get("agency")), None)
    notes = "; ".join(f"{q.text} {answer}" for q, answer in situation_lines(flow.plan))
    fields = dict(channel=Channel.ONLINE, agency=agency, applicant=applicant, components=papers, at=timezone.now(),
                  delivery=a.get("delivery") or Delivery.COUNTER, delivery_address=a.get("delivery_address", ""),
                  idempotency_key=flow.draft.key, citizen=request.user if request.user.is_authenticated else None,
                  situation=flow.plan.answers, notes=notes)
    try:
        if a.get(HEALTH_CONSENT):  # the pilot's papers are taken from the health-record source
            dossier, _lookup = health_pilot.submit_with_health_records(flow.version, consent=True, **fields)
        else:
            dossier = submit_dossier(flow.version, **fields)
    except DomainError as e:
        return None, e.message, e.status
    finally:
        for c in papers:
            for file in c.files:
                file.close()
    return dossier, None, 200
