"""Named people and deterministic factories for dossier tests.

Lan: reception officer at agency A, signing results by Minh's recorded delegation. Minh: head of agency A. Hùng: reception officer at agency B, always refused.
Chi: a citizen with a local account. Agency C (head Tú, handler Bình) is the second agency of a two-step route.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalogue.models import Channel, Component, FeeItem, Procedure, ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import RouteStep, RouteTemplate
from motcua.units.models import Agency, Delegation, Membership, Province

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 01/12/2026, 09:00 in Hanoi: an ordinary working day.
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=HCM)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="don.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class People:
    a: Agency
    b: Agency
    c: Agency
    lan: object
    minh: object
    hung: object
    chi: object
    tu: object
    binh: object


def make_user(username, first_name, last_name=""):
    return get_user_model().objects.create_user(username, password="mat-khau-thu-nghiem", first_name=first_name,
                                                last_name=last_name)


def make_people():
    hanoi, _ = Province.objects.get_or_create(code="1", defaults={"name": "Thành phố Hà Nội", "short_name": "Hà Nội"})
    a = Agency.objects.create(code="T01-TEST-A", name="Chi nhánh số 1 Trung tâm PVHCC", kind="chi_nhanh", province=hanoi)
    b = Agency.objects.create(code="T01-TEST-B", name="UBND phường thử nghiệm", kind="ubnd_xa", province=hanoi)
    c = Agency.objects.create(code="T01-TEST-C", name="Sở thử nghiệm", kind="so", province=hanoi)
    lan, minh, hung = make_user("lan", "Lan", "Nguyễn Thị"), make_user("minh", "Minh", "Trần Văn"), make_user("hung", "Hùng", "Lê Văn")
    tu, binh, chi = make_user("tu", "Tú", "Phạm Anh"), make_user("binh", "Bình", "Đỗ Thanh"), make_user("chi", "Chi", "Vũ Thị")
    Membership.objects.create(user=lan, agency=a, role="reception", title="Cán bộ một cửa")
    Membership.objects.create(user=minh, agency=a, role="head", title="Giám đốc chi nhánh")
    Delegation.objects.create(agency=a, delegate=lan, power="issue_result", granted_by=minh, granted_at=T0)
    Membership.objects.create(user=hung, agency=b, role="reception", title="Công chức một cửa")
    Membership.objects.create(user=tu, agency=c, role="head", title="Trưởng phòng")
    Membership.objects.create(user=binh, agency=c, role="handler", title="Chuyên viên")
    return People(a=a, b=b, c=c, lan=lan, minh=minh, hung=hung, chi=chi, tu=tu, binh=binh)


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


def two_agency_route(version, people, *, hours_a=8, hours_c=16):
    """Route: appraisal at A, then decision at C (sequential liên thông)."""
    template = RouteTemplate.objects.create(procedure=version.procedure, name="Liên thông A → C")
    RouteStep.objects.create(template=template, group=1, title="Thẩm định", agency=people.a,
                             allotted_value=hours_a, allotted_unit="hours")
    RouteStep.objects.create(template=template, group=2, title="Phê duyệt", agency=people.c,
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


def submit_online(version, people, *, at=T0, key=None, **kwargs):
    return services.submit_dossier(version, channel="online", applicant=applicant(), at=at, citizen=people.chi,
                                   components=required_components(version), idempotency_key=key, **kwargs)


def accepted_dossier(version, people, *, at=T0):
    dossier = submit_online(version, people, at=at)
    return services.accept_dossier(dossier, actor=people.lan, at=at)


def whole_life(version, people):
    """Online intake, acceptance, supplement during appraisal, a two-agency route, result, return."""
    if not hasattr(version.procedure, "route"):
        two_agency_route(version, people)
    d = accepted_dossier(version, people)
    d = services.assign_handler(d, actor=people.minh, handler=people.lan, at=T0 + timedelta(minutes=5))
    d = services.request_supplement(d, actor=people.lan, at=T0 + timedelta(hours=1), reason="Thiếu bản sao")
    d = services.supplement_dossier(d, actor=people.chi, at=T0 + timedelta(days=1), components=[
        services.ComponentInput(name="Bản sao bổ sung", files=[pdf("bo-sung.pdf")])])
    d = services.complete_step(d, actor=people.lan, at=T0 + timedelta(days=1, hours=2))
    d = services.assign_handler(d, actor=people.tu, handler=people.binh, at=T0 + timedelta(days=1, hours=3))
    d = services.complete_step(d, actor=people.binh, at=T0 + timedelta(days=2))
    d = services.issue_result(d, actor=people.lan, at=T0 + timedelta(days=2, hours=1))
    return services.return_result(d, actor=people.lan, at=T0 + timedelta(days=2, hours=2))
