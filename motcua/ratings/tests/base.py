"""A returned dossier built through the dossiers services, on the shared test city (tests/world.py).

Lan receives at the centre and signs results by its head Quang's recorded delegation; Minh (head) and Bình
(handler) at Sở Tư pháp work the second step of the route; Hùng, at the ward, is never the centre's officer; the
citizen Chi applies.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services as dossiers
from motcua.dossiers.tests.base import HCM, PDF, T0, two_agency_route  # noqa: F401 (re-exported for the room's tests)
from motcua.dossiers.tests.base import make_version as dossier_version


def make_version(world, *, days=5, route=True):
    """The dossiers tests' procedure in force (5 working days) with the route: appraisal at the centre (8 h), decision
    at Sở Tư pháp (16 h)."""
    version = dossier_version(world.centre, days=days)
    if route:
        two_agency_route(version, world)
    return version


def _components(version):
    pdf = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    return [dossiers.ComponentInput(component=version.components.get(order=1), files=[pdf])]


def submit(version, world, *, channel="online", delivery="counter", at=T0):
    applicant = dossiers.Applicant(name="Vũ Thị Chi", id_number="001190012345", phone="0912345678")
    if channel == "direct":
        return dossiers.submit_dossier(version, channel="direct", applicant=applicant, at=at, actor=world.lan,
                                       agency=world.centre, components=_components(version), delivery=delivery)
    # Postal dossiers are keyed in by the one-stop officer who opens the envelope.
    dossier = dossiers.submit_dossier(version, channel=channel, applicant=applicant, at=at, citizen=world.chi,
                                      actor=world.lan if channel == "postal" else None,
                                      components=_components(version), delivery=delivery,
                                      delivery_address="Số 1 Tràng Tiền" if delivery == "post" else "")
    return dossiers.accept_dossier(dossier, actor=world.lan, at=at)


def run_route(dossier, world, *, a_done, c_done):
    """Walk the two steps: Quang assigns Lan at the centre, Lan finishes; Minh assigns Bình at Sở Tư pháp, Bình finishes."""
    dossier = dossiers.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=5))
    dossier = dossiers.complete_step(dossier, actor=world.lan, at=a_done)
    dossier = dossiers.assign_handler(dossier, actor=world.minh, handler=world.binh, at=a_done + timedelta(minutes=5))
    return dossiers.complete_step(dossier, actor=world.binh, at=c_done)


def returned_dossier(version, world, *, channel="online", delivery="counter", a_done=None, c_done=None,
                     finished=None, returned=None, supplement=False):
    """A dossier taken through intake, the route, the result and its return (status 10)."""
    dossier = submit(version, world, channel=channel, delivery=delivery)
    if supplement:
        dossier = dossiers.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=1))
        dossier = dossiers.request_supplement(dossier, actor=world.lan, at=T0 + timedelta(hours=1),
                                              reason="Thiếu chữ ký trên tờ khai")
        dossier = dossiers.supplement_dossier(dossier, actor=world.lan, at=T0 + timedelta(hours=2),
                                              components=_components(version))
        dossier = dossiers.complete_step(dossier, actor=world.lan, at=a_done or T0 + timedelta(hours=3))
        dossier = dossiers.assign_handler(dossier, actor=world.minh, handler=world.binh, at=T0 + timedelta(hours=4))
        dossier = dossiers.complete_step(dossier, actor=world.binh, at=c_done or T0 + timedelta(hours=5))
    else:
        dossier = run_route(dossier, world, a_done=a_done or T0 + timedelta(hours=3),
                            c_done=c_done or T0 + timedelta(hours=6))
    finished = finished or T0 + timedelta(days=1)
    dossier = dossiers.issue_result(dossier, actor=world.lan, at=finished)
    return dossiers.return_result(dossier, actor=world.lan, at=returned or finished + timedelta(hours=1),
                                  delivery=delivery)
