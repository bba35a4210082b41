"""Dossiers over JSON: submit, accept, act, read, and public tracking. Each endpoint parses, calls one service,
renders. Errors are {"detail": "<Vietnamese>"} with 400/403/404/409 (motcua/api/errors.py)."""

import json
from dataclasses import fields
from datetime import datetime
from typing import Annotated, Literal, get_type_hints

import pydantic
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Answer
from ninja.security import django_auth
from ninja.utils import check_csrf

from motcua.dossiers import in_force, services
from motcua.dossiers.access import dossiers_visible_to, get_dossier_for_staff, tracking_json_for
from motcua.dossiers.actions import ACTIONS, take
from motcua.dossiers.errors import InvalidDossier, NotAllowed
from motcua.dossiers.models import Channel
from motcua.dossiers.tracking import Tracking
from motcua.dossiers.workflow import NATIONAL_CODE, Status
from motcua.ops.bad_input import CONTROL, JSON_ESCAPED
from motcua.units.models import ViewRecord

from .validation import describe

router = Router(tags=["Hồ sơ"])


# The limits below document in the OpenAPI what intake checks (dossiers.applicant_rules, the one rule).
class ApplicantIn(Schema):
    name: str = Field(min_length=1, max_length=255, description="Họ tên chủ hồ sơ")
    kind: Literal["person", "organisation"] = "person"
    id_number: str = Field("", max_length=30, description="12 chữ số (hoặc 9 số CMND cũ, số hộ chiếu); tổ chức: "
                                                          "mã số thuế 10 chữ số")
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=255)


class ComponentIn(Schema):
    component_id: int | None = Field(None, ge=1, le=2**31 - 1)
    name: str = Field("", max_length=1000)
    originals: int | None = Field(None, ge=0, le=99)
    copies: int | None = Field(None, ge=0, le=99)
    from_data_store: bool = False


class SubmitIn(Schema):
    procedure: str = Field(max_length=50)
    channel: Literal["online", "direct", "postal"] = "online"
    agency: str | None = Field(None, max_length=50)
    applicant: ApplicantIn
    components: list[ComponentIn] = Field([], max_length=100)
    delivery: Literal["counter", "post", "online"] = "online"
    delivery_address: str = Field("", max_length=255)
    notes: str = Field("", max_length=2000)
    idempotency_key: str | None = Field(None, max_length=100)
    # Counter intake only, when the catalogue states no time limit.
    time_limit_days: int | None = Field(None, description="1–365 ngày (kiểm tra khi tiếp nhận)")


class AcceptIn(Schema):
    time_limit_days: int | None = Field(None, description="1–365 ngày, chỉ khi danh mục không nêu thời hạn")


class DossierOut(Schema):
    code: str | None
    reference: str
    status: str
    status_label: str
    national_status: int
    procedure: str
    agency: str
    channel: str
    applicant_name: str
    submitted_at: datetime
    accepted_at: datetime | None
    due_at: datetime | None
    fee_total: int
    fee_payable: int
    fee_waived: int
    holder_agency: str | None


class EventOut(Schema):
    seq: int
    kind: str
    at: datetime
    from_status: str
    to_status: str
    agency: str | None
    note: str


class DossierDetail(DossierOut):
    events: list[EventOut]


class ActionIn(Schema):
    """The parameters of every action (dossiers.actions); each action reads the ones it needs."""

    note: str = Field("", max_length=2000)
    reason: str = Field("", max_length=2000)
    items: list[Annotated[str, Field(max_length=500)]] = Field([], max_length=50)
    handler: str | None = Field(None, max_length=150)  # username, for "assign"
    new_due_at: datetime | None = None
    time_limit_days: int | None = Field(None, ge=1, le=3650)
    amount: int | None = Field(None, ge=0, le=10**12)
    method: str = Field("cash", max_length=30)
    reference: str = Field("", max_length=100)  # receipt or transaction number, for "record-payment"
    delivery: Literal["counter", "post", "online"] | None = None
    name: str = Field("", max_length=500)  # the paper supplied, for "supplement"


def schema_of(service_type, name):
    """A response schema with the fields of a service's dataclass: the service defines the shape once."""
    hints = get_type_hints(service_type)
    return pydantic.create_model(name, __base__=Schema, **{f.name: (hints[f.name], ...) for f in fields(service_type)})


TrackingOut = schema_of(Tracking, "TrackingOut")  # the history lines: dossiers.tracking.HistoryLine


class Error(Schema):
    detail: str


def out(dossier):
    return DossierOut(
        code=dossier.code, reference=dossier.reference, status=dossier.status,
        status_label=str(Status(dossier.status).label), national_status=NATIONAL_CODE[Status(dossier.status)],
        procedure=dossier.procedure.code, agency=dossier.agency.code, channel=dossier.channel,
        applicant_name=dossier.applicant_name, submitted_at=dossier.submitted_at, accepted_at=dossier.accepted_at,
        due_at=dossier.due_at, fee_total=dossier.fee_total, fee_payable=dossier.fee_payable,
        fee_waived=dossier.fee_waived, holder_agency=dossier.holder_agency.code if dossier.holder_agency_id else None)


ERRORS = {400: Error, 403: Error, 404: Error, 409: Error}


class TrackingIn(Schema):
    code: str = Field(max_length=60)
    last4: str = Field(max_length=8, description="4 số cuối điện thoại hoặc số giấy tờ")


@router.post("/tracking", response={200: TrackingOut, 404: Error, 429: Error},
             summary="Tra cứu hồ sơ (mã + 4 số cuối, trong thân yêu cầu)")
def track_post(request, payload: TrackingIn):
    """The four digits in the body, so they never reach addresses or access logs (prefer this to GET)."""
    view = tracking_json_for(payload.code, payload.last4, client=request.META.get("REMOTE_ADDR", ""))
    return HttpResponse(view, content_type="application/json")


@router.get("/tracking", response={400: Error}, deprecated=True,
            summary="Tra cứu hồ sơ bằng GET: đã ngừng, luôn trả lỗi 400 (dùng POST)")
def track(request):
    """Refused: four digits in the address reach browser histories, proxies and access logs."""
    return Answer(400, {"detail": _("Tra cứu hồ sơ bằng địa chỉ (GET) đã ngừng để số điện thoại, số giấy tờ không lộ "
                             "trong nhật ký. Gửi mã hồ sơ và 4 số cuối bằng POST /api/dossiers/tracking, "
                             "trong thân yêu cầu dạng JSON: {\"code\": \"…\", \"last4\": \"…\"}.")})


def inline_schema(model):
    """`model`'s JSON schema with its $defs written in place (OpenAPI has no $defs inside an operation)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)


SUBMIT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": inline_schema(SubmitIn)},
    "multipart/form-data": {"schema": {
        "type": "object", "required": ["data"],
        "properties": {"data": {"type": "string", "description": "SubmitIn dạng JSON"}},
        "additionalProperties": {"type": "string", "format": "binary",
                                 "description": "tệp của giấy tờ thứ i: trường component-<i>"}}},
}}}


@router.post("/", response={201: DossierOut, **ERRORS, 422: Error, 429: Error}, summary="Nộp hồ sơ",
             openapi_extra=SUBMIT_BODY)
def submit(request):
    """JSON body (SubmitIn), or multipart with the JSON in field `data` and files in `component-<index>`."""
    if request.user.is_authenticated and check_csrf(request):
        raise NotAllowed("Thiếu mã bảo vệ CSRF.")
    payload, files = _parse_submission(request)
    version, agency = _version_and_agency(payload)
    components = [_component(version, c, files.getlist(f"component-{i}") if files else [])
                  for i, c in enumerate(payload.components)]
    user = request.user if request.user.is_authenticated else None
    key = request.headers.get("Idempotency-Key") or payload.idempotency_key
    dossier = services.submit_dossier(
        version, channel=payload.channel, applicant=services.Applicant(**payload.applicant.dict()),
        components=components, at=timezone.now(), actor=user, agency=agency, delivery=payload.delivery,
        delivery_address=payload.delivery_address, notes=payload.notes, idempotency_key=key,
        time_limit_days=payload.time_limit_days,
        citizen=user if user and payload.channel == Channel.ONLINE else None)
    return 201, out(dossier)


def _parse_submission(request):
    if request.content_type and request.content_type.startswith("multipart/"):
        return _parse(SubmitIn, request.POST.get("data", "").encode()), request.FILES
    return _parse(SubmitIn, request.body), None


def _parse(schema, body):
    if CONTROL.search(body.decode("utf-8", "replace")) or JSON_ESCAPED.search(body):
        raise InvalidDossier(_("Dữ liệu gửi lên chứa ký tự điều khiển không hợp lệ (ví dụ ký tự NUL)."))
    try:
        return schema.model_validate(json.loads(body or b"{}"))
    except (ValueError, pydantic.ValidationError) as exc:
        raise InvalidDossier(_("Dữ liệu hồ sơ không hợp lệ: ") + _fields(exc)) from None


def _fields(exc):
    if isinstance(exc, pydantic.ValidationError):
        return describe(exc.errors())
    return "không đọc được JSON"


def _version_and_agency(payload):
    """The version in force (with its route, channels, fees and components) and the receiving agency, from the
    shared cache (dossiers.in_force)."""
    version, agency = in_force.for_intake(payload.procedure, payload.agency)
    if version is None:
        raise InvalidDossier(_("Không có thủ tục mã %(code)s đang có hiệu lực.") % {"code": payload.procedure})
    if payload.agency and agency is None:
        raise InvalidDossier(_("Không có cơ quan mã %(code)s.") % {"code": payload.agency})
    return version, agency


def _component(version, given, files):
    component = None
    if given.component_id is not None:
        component = next((c for c in version.components.all() if c.pk == given.component_id), None)
        if component is None:
            raise InvalidDossier(_("Thành phần hồ sơ %(id)s không thuộc thủ tục này.") % {"id": given.component_id})
    return services.ComponentInput(name=given.name, component=component, files=list(files),
                                   originals=given.originals, copies=given.copies,
                                   from_data_store=given.from_data_store)


@router.get("/", response=list[DossierOut], auth=django_auth, summary="Hồ sơ cán bộ được xem")
def list_dossiers(request, status: str | None = None, limit: int = 50):
    queryset = dossiers_visible_to(request.user).select_related("procedure", "agency", "holder_agency")
    if status:
        queryset = queryset.filter(status=status)
    return [out(d) for d in queryset.order_by("due_at")[: max(1, min(limit, 200))]]


@router.get("/{code}", response={200: DossierDetail, **ERRORS}, auth=django_auth, summary="Chi tiết hồ sơ")
def detail(request, code: str):
    dossier = get_dossier_for_staff(request.user, code, page=ViewRecord.Page.API_DOSSIER)
    events = [EventOut(seq=e.seq, kind=e.kind, at=e.at, from_status=e.from_status, to_status=e.to_status,
                       agency=e.agency.code if e.agency_id else None, note=e.note)
              for e in dossier.events.select_related("agency").order_by("seq")]
    return DossierDetail(**out(dossier).dict(), events=events)


@router.post("/{code}/accept", response={200: DossierOut, **ERRORS}, auth=django_auth, summary="Tiếp nhận hồ sơ",
             openapi_extra={"requestBody": {"required": False, "content": {"application/json": {
                 "schema": AcceptIn.model_json_schema()}}}})
def accept(request, code: str):
    """Optional JSON body: {"time_limit_days": n} when the catalogue states no time limit for the channel."""
    payload = _parse(AcceptIn, request.body if request.content_type == "application/json" else b"")
    dossier = get_dossier_for_staff(request.user, code, page=ViewRecord.Page.API_ACTION, detail="accept")
    return out(services.accept_dossier(dossier, actor=request.user, at=timezone.now(),
                                       time_limit_days=payload.time_limit_days))


# The API names actions in the URL with hyphens ("issue-result"); the table (dossiers.actions) with underscores.
API_ACTIONS = {name.replace("_", "-"): name for name in ACTIONS}
ACTION_BODY = {"required": False, "content": {
    "application/json": {"schema": ActionIn.model_json_schema()},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "data": {"type": "string", "description": "ActionIn as JSON"},
        "result_file": {"type": "string", "format": "binary", "description": "issue-result: the digitised result"},
        "file": {"type": "string", "format": "binary", "description": "supplement: the paper supplied"}}}}}}


def _action_params(request):
    """The action's parameters: a JSON body, or multipart with the JSON in `data` and the files beside it."""
    files = {}
    if request.content_type and request.content_type.startswith("multipart/"):
        payload = _parse(ActionIn, request.POST.get("data", "").encode())
        files = {k: request.FILES[k] for k in ("result_file", "file") if k in request.FILES}
    else:
        payload = _parse(ActionIn, request.body)
    params = {**payload.dict(), **files}
    if payload.handler:
        params["handler"] = get_object_or_404(get_user_model(), username=payload.handler)
    return params


@router.post("/{code}/actions/{action}", response={200: DossierOut, **ERRORS}, auth=django_auth,
             summary="Chuyển bước, bổ sung, xin lỗi, từ chối, rút, dừng, trả kết quả",
             openapi_extra={"requestBody": ACTION_BODY})
def act(request, code: str, action: str):
    """The actions of the console, by the same table: JSON body (ActionIn), or multipart for the files."""
    if action not in API_ACTIONS:
        raise InvalidDossier(f"Thao tác không hợp lệ: {action}. Chọn một trong: {', '.join(API_ACTIONS)}.")
    params = _action_params(request)
    dossier = get_dossier_for_staff(request.user, code, page=ViewRecord.Page.API_ACTION, detail=action)
    return out(take(API_ACTIONS[action], dossier, actor=request.user, at=timezone.now(), params=params))
