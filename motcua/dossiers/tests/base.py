"""Deterministic factories for dossier tests, on the shared test city (tests/world.py: its people and agencies).

The dossiers are the citizen Chi's, received at the centre by Lan; the two-agency route goes from the centre
(its head Quang assigns) to Sở Tư pháp (its head Minh assigns Bình).
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalogue.models import Channel, Component, FeeItem, Procedure, ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import RouteStep, RouteTemplate

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 01/12/2026, 09:00 in Hanoi: an ordinary working day.
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=HCM)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="don.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_version(agency, *, code="2.000635", days=5, fees=(), restarts=True, channels=("online", "direct", "postal")):
    """A procedure in force with one required and one conditional component, offered on `channels`.

    `fees`: (amount, set_by, appraisal) triples added to every channel.
    """
    procedure = Procedure.objects.create(code=code)
    procedure.agencies.add(agency)
    version = ProcedureVersion.objects.create(procedure=procedure, name="Cấp bản sao trích lục hộ tịch",
                                              supplement_restarts_clock=restarts)
    procedure.current = version
    procedure.save()
    for kind in channels:
        channel = Channel.objects.create(version=version, kind=kind, duration_value=Decimal(days),
                                         duration_unit="working_days", duration_text=f"{days} ngày làm việc")
        for amount, set_by, appraisal in fees:
            FeeItem.objects.create(channel=channel, amount=amount, set_by=set_by, appraisal=appraisal,
                                   kind="phi" if appraisal else "le_phi", description="Lệ phí")
    Component.objects.create(version=version, order=1, name="Tờ khai theo mẫu", originals=1)
    Component.objects.create(version=version, order=2, name="Giấy ủy quyền", copies=1,
                             condition="Trường hợp ủy quyền")
    return version


def two_agency_route(version, world, *, hours_a=8, hours_c=16):
    """Route: appraisal at the centre, then decision at Sở Tư pháp (sequential liên thông)."""
    template = RouteTemplate.objects.create(procedure=version.procedure, name="Liên thông Trung tâm → Sở Tư pháp")
    RouteStep.objects.create(template=template, group=1, title="Thẩm định", agency=world.centre,
                             allotted_value=hours_a, allotted_unit="hours")
    RouteStep.objects.create(template=template, group=2, title="Phê duyệt", agency=world.justice,
                             allotted_value=hours_c, allotted_unit="hours")
    return template


def applicant(**overrides):
    values = dict(name="Vũ Thị Chi", id_number="001190012345", phone="0912345678", email="chi@example.vn",
                  address="Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội")
    return services.Applicant(**(values | overrides))


def required_components(version, *files):
    files = list(files) or [pdf()]
    first = version.components.get(order=1)
    return [services.ComponentInput(component=first, files=files)]


def submit_online(version, world, *, at=T0, key=None, **kwargs):
    return services.submit_dossier(version, channel="online", applicant=applicant(), at=at, citizen=world.chi,
                                   components=required_components(version), idempotency_key=key, **kwargs)


def accepted_dossier(version, world, *, at=T0):
    dossier = submit_online(version, world, at=at)
    return services.accept_dossier(dossier, actor=world.lan, at=at)


def whole_life(version, world):
    """Online intake, acceptance, supplement during appraisal, a two-agency route, result, return."""
    if not hasattr(version.procedure, "route"):
        two_agency_route(version, world)
    d = accepted_dossier(version, world)
    d = services.assign_handler(d, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=5))
    d = services.request_supplement(d, actor=world.lan, at=T0 + timedelta(hours=1), reason="Thiếu bản sao")
    d = services.supplement_dossier(d, actor=world.chi, at=T0 + timedelta(days=1), components=[
        services.ComponentInput(name="Bản sao bổ sung", files=[pdf("bo-sung.pdf")])])
    d = services.complete_step(d, actor=world.lan, at=T0 + timedelta(days=1, hours=2))
    d = services.assign_handler(d, actor=world.minh, handler=world.binh, at=T0 + timedelta(days=1, hours=3))
    d = services.complete_step(d, actor=world.binh, at=T0 + timedelta(days=2))
    d = services.issue_result(d, actor=world.lan, at=T0 + timedelta(days=2, hours=1))
    return services.return_result(d, actor=world.lan, at=T0 + timedelta(days=2, hours=2))
