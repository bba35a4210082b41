import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from motcua.catalogue.models import Field as CatalogueField
from motcua.catalogue.models import Procedure
from motcua.catalogue.parsing.papers import DATABASES
from motcua.catalogue.queries import find_procedures, get_procedure
from motcua.lib.errors import NotFound
from motcua.lib.page_cache import public_response

router = Router(tags=["Thủ tục hành chính"])


class Duration(Schema):
    value: float | None
    unit: str
    inferred_from: str | None = Field(
        None, description="Bảng chỉ ghi số: đơn vị suy ra từ câu này của chính hồ sơ thủ tục (null khi bảng ghi đủ)"
    )


class Fee(Schema):
    amount: int | None
    kind: str
    set_by: str
    appraisal: bool
    description: str


class ChannelOut(Schema):
    channel: str
    duration: Duration | None
    duration_text: str
    description: str
    fees: list[Fee]


class ComponentOut(Schema):
    name: str = Field(description="Tên giấy tờ, nguyên văn danh mục")
    kind: Literal["submit", "present", "note"] = Field(
        description="submit: nộp hoặc tải lên; present: chỉ xuất trình tại nơi tiếp nhận; note: lưu ý, không phải giấy tờ"
    )
    condition: str | None = Field(description="Trường hợp áp dụng, nguyên văn; null khi áp dụng cho mọi trường hợp")
    alternatives: list[str] = Field(description="Giấy tờ được nộp thay khi không có giấy tờ này")
    originals: int
    copies: int
    template: str
    obtainable_from: str | None = Field(
        description="Cơ sở dữ liệu cơ quan phải tự tra cứu thay vì yêu cầu người dân nộp: "
        + ", ".join(f"{key} ({label})" for key, (label, _p) in DATABASES.items())
        + "; null khi không có"
    )
    eform: bool = Field(description="Tờ khai, đơn điền theo các trường của mẫu")
    channels: list[str] = Field(description="Chỉ áp dụng cho các hình thức nộp này (rỗng: mọi hình thức)")
    notes: str


class LegalBasisOut(Schema):
    number: str
    title: str
    issued: datetime.date | None
    issuer: str


class ProcedureSummary(Schema):
    code: str
    name: str
    field: str | None
    level: str
    url: str


class ProcedureDetail(ProcedureSummary):
    version: int
    effective_from: datetime.date
    kind: str
    subjects: str
    conditions: str
    results: str
    competent_agency: str
    implementing_agency: str
    delegated_agency: str
    coordinating_agency: str
    receiving_address: str
    source_url: str
    publishing_decision: str
    channels: list[ChannelOut]
    components: list[ComponentOut]
    steps: list[str]
    legal_basis: list[LegalBasisOut]


def _summary(procedure, version):
    return {
        "code": procedure.code,
        "name": version.name,
        "field": version.field.name if version.field else None,
        "level": version.level,
        "url": reverse("portal:procedure", args=[procedure.code]),
    }


def _channel(c):
    duration = None
    if c.duration_unit:
        value = float(c.duration_value) if c.duration_value is not None else None
        duration = {"value": value, "unit": c.duration_unit, "inferred_from": c.duration_evidence or None}
    fees = [
        {"amount": f.amount, "kind": f.kind, "set_by": f.set_by, "appraisal": f.appraisal, "description": f.description}
        for f in c.fees.all()
    ]
    return {"channel": c.kind, "duration": duration, "duration_text": c.duration_text, "description": c.description,
            "fees": fees}


def _component(c):
    return {
        "name": c.name, "kind": c.kind, "condition": c.condition.strip() or None, "alternatives": c.alternatives,
        "originals": c.originals, "copies": c.copies, "template": c.template,
        "obtainable_from": c.obtainable_from or None, "eform": c.eform, "channels": c.channels, "notes": c.notes,
    }


def _field_id(field):
    if not field:
        return None
    if field.isascii() and field.isdigit():  # "²" is a digit to Python, not a number
        return int(field) if len(field) <= 9 else -1
    found = CatalogueField.objects.filter(name__iexact=field.strip()).values_list("id", flat=True).first()
    return found or -1


@router.get("", response=list[ProcedureSummary], summary="Tìm thủ tục hành chính")
@paginate(PageNumberPagination, page_size=20)
def list_procedures(request, q: str = "", field: str = "", level: str = ""):
    procedures = find_procedures(q, field_id=_field_id(field), level=level or None)
    return procedures.map(lambda p: _summary(p, p.current))  # summaries are built for the requested page only


@router.get("/{code}", response=ProcedureDetail, summary="Chi tiết một thủ tục (phiên bản đang có hiệu lực)")
def procedure_detail(request, code: str):
    """Public and the same for everyone: kept in the shared page cache under the version in force (its id is in the
    key, so a new version is served at once), with an ETag and public Cache-Control."""
    current = Procedure.objects.filter(code=code).values_list("current_id", flat=True).first()
    if current is None:
        raise NotFound(f"Không tìm thấy thủ tục có mã {code}.")
    return public_response(request, "api_procedure", (code, current), lambda: _detail_response(request, code))


def _detail_response(request, code):
    data = ProcedureDetail.model_validate(_detail(code)).model_dump(mode="json")
    from .main import api  # main imports this module's router

    return api.create_response(request, data, status=200)


def _detail(code):
    procedure, v = get_procedure(code)
    return {
        **_summary(procedure, v),
        "version": v.number,
        "effective_from": v.effective_from,
        **{f: getattr(v, f) for f in (
            "kind", "subjects", "conditions", "results", "competent_agency", "implementing_agency",
            "delegated_agency", "coordinating_agency", "receiving_address", "source_url", "publishing_decision")},
        "channels": [_channel(c) for c in v.channels.all()],
        "components": [_component(c) for c in v.components.all()],
        "steps": [s.text for s in v.steps.all()],
        "legal_basis": [
            {"number": b.number, "title": b.title, "issued": b.issued, "issuer": b.issuer} for b in v.legal_bases.all()
        ],
    }
