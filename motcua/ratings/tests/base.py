"""Named people and a returned dossier built through the dossiers services.

Lan: reception officer at the one-stop A, signing results by Minh's recorded delegation. Minh: head of A. Tú (head) and Bình (handler) at department C, the second
step of a two-agency route. Hùng: officer at agency B, never A's officer. Chi: a citizen with an account.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalogue.models import Channel, Component, Procedure, ProcedureVersion
from motcua.dossiers import services as dossiers
from motcua.dossiers.models import RouteStep, RouteTemplate
from motcua.dossiers.tests.base import People as DossierPeople
from motcua.dossiers.tests.base import make_people as make_dossier_people
from motcua.units.models import Membership

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# Tuesday 01/12/2026, 09:00 in Hanoi: an ordinary working day.
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=HCM)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class People(DossierPeople):
    lan_at_a: Membership
    hung_at_b: Membership


def make_people():
    """The dossiers tests' people (dossiers/tests/base.py), with Lan's and Hùng's memberships at hand."""
    p = make_dossier_people()
    return People(**vars(p), lan_at_a=Membership.objects.get(user=p.lan, agency=p.a),
                  hung_at_b=Membership.objects.get(user=p.hung, agency=p.b))


def make_version(people, *, days=5, route=True):
    """A procedure in force (5 working days) with the route: appraisal at A (8 h), decision at C (16 h)."""
    procedure = Procedure.objects.create(code="2.000635")
    procedure.agencies.add(people.a)
    version = ProcedureVersion.objects.create(procedure=procedure, name="Cấp bản sao trích lục hộ tịch")
    procedure.current = version
    procedure.save()
    for kind in ("online", "direct", "postal"):
        Channel.objects.create(version=version, kind=kind, duration_value=Decimal(days),
                               duration_unit="working_days", duration_text=f"{days} ngày làm việc")
    Component.objects.create(version=version, order=1, name="Tờ khai theo mẫu", originals=1)
    if route:
        template = RouteTemplate.objects.create(procedure=procedure, name="Liên thông A → C")
        RouteStep.objects.create(template=template, group=1, title="Thẩm định", agency=people.a,
                                 allotted_value=8, allotted_unit="hours")
        RouteStep.objects.create(template=template, group=2, title="Phê duyệt", agency=people.c,
                                 allotted_value=16, allotted_unit="hours")
    return version


def _components(version):
    pdf = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    return [dossiers.ComponentInput(component=version.components.get(order=1), files=[pdf])]


def submit(version, people, *, channel="online", delivery="counter", at=T0):
    applicant = dossiers.Applicant(name="Vũ Thị Chi", id_number="001190012345", phone="0912345678")
    if channel == "direct":
        return dossiers.submit_dossier(version, channel="direct", applicant=applicant, at=at, actor=people.lan,
                                       agency=people.a, components=_components(version), delivery=delivery)
    # Postal dossiers are keyed in by the one-stop officer who opens the envelope.
    dossier = dossiers.submit_dossier(version, channel=channel, applicant=applicant, at=at, citizen=people.chi,
                                      actor=people.lan if channel == "postal" else None,
                                      components=_components(version), delivery=delivery,
                                      delivery_address="Số 1 Tràng Tiền" if delivery == "post" else "")
    return dossiers.accept_dossier(dossier, actor=people.lan, at=at)


def run_route(dossier, people, *, a_done, c_done):
    """Walk the two steps: Minh assigns Lan at A, Lan finishes; Tú assigns Bình at C, Bình finishes."""
    dossier = dossiers.assign_handler(dossier, actor=people.minh, handler=people.lan, at=T0 + timedelta(minutes=5))
    dossier = dossiers.complete_step(dossier, actor=people.lan, at=a_done)
    dossier = dossiers.assign_handler(dossier, actor=people.tu, handler=people.binh, at=a_done + timedelta(minutes=5))
    return dossiers.complete_step(dossier, actor=people.binh, at=c_done)


def returned_dossier(version, people, *, channel="online", delivery="counter", a_done=None, c_done=None,
                     finished=None, returned=None, supplement=False):
    """A dossier taken through intake, the route, the result and its return (status 10)."""
    dossier = submit(version, people, channel=channel, delivery=delivery)
    if supplement:
        dossier = dossiers.assign_handler(dossier, actor=people.minh, handler=people.lan, at=T0 + timedelta(minutes=1))
        dossier = dossiers.request_supplement(dossier, actor=people.lan, at=T0 + timedelta(hours=1),
                                              reason="Thiếu chữ ký trên tờ khai")
        dossier = dossiers.supplement_dossier(dossier, actor=people.lan, at=T0 + timedelta(hours=2),
                                              components=_components(version))
        dossier = dossiers.complete_step(dossier, actor=people.lan, at=a_done or T0 + timedelta(hours=3))
        dossier = dossiers.assign_handler(dossier, actor=people.tu, handler=people.binh, at=T0 + timedelta(hours=4))
        dossier = dossiers.complete_step(dossier, actor=people.binh, at=c_done or T0 + timedelta(hours=5))
    else:
        dossier = run_route(dossier, people, a_done=a_done or T0 + timedelta(hours=3),
                            c_done=c_done or T0 + timedelta(hours=6))
    finished = finished or T0 + timedelta(days=1)
    dossier = dossiers.issue_result(dossier, actor=people.lan, at=finished)
    return dossiers.return_result(dossier, actor=people.lan, at=returned or finished + timedelta(hours=1),
                                  delivery=delivery)
