"""The stored tracking view (a read model written by every event) equals the view built from the events."""

from datetime import timedelta

from motcua.dossiers import services, tracking
from motcua.dossiers.models import Dossier

from .base import T0, accepted_dossier, pdf, two_agency_route


def fresh(dossier):
    """The view built from the database rows alone, ignoring the stored one."""
    return tracking.build(Dossier.objects.get(pk=dossier.pk))


def stored(dossier):
    return tracking.from_json(Dossier.objects.get(pk=dossier.pk).tracking)


def test_the_stored_view_follows_every_step_of_a_two_agency_road(world, version):
    two_agency_route(version, world)
    dossier = accepted_dossier(version, world)
    assert stored(dossier) == fresh(dossier)
    steps = [
        lambda d: services.assign_handler(d, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=5)),
        lambda d: services.request_supplement(d, actor=world.lan, at=T0 + timedelta(hours=1),
                                              reason="Thiếu bản sao", items=["Bản sao giấy khai sinh"]),
        lambda d: services.supplement_dossier(d, actor=world.lan, at=T0 + timedelta(hours=3),
                                              components=[services.ComponentInput(name="Bản sao", files=[pdf()])]),
        lambda d: services.complete_step(d, actor=world.lan, at=T0 + timedelta(hours=4)),
        lambda d: services.assign_handler(d, actor=world.minh, handler=world.binh, at=T0 + timedelta(hours=5)),
        lambda d: services.complete_step(d, actor=world.binh, at=T0 + timedelta(days=1)),
        lambda d: services.issue_result(d, actor=world.lan, at=T0 + timedelta(days=2)),
        lambda d: services.return_result(d, actor=world.lan, at=T0 + timedelta(days=2, hours=1)),
    ]
    for step in steps:
        dossier = step(dossier)
        assert stored(dossier) == fresh(dossier), dossier.status
    view = stored(dossier)
    assert [h.kind for h in view.history] == ["submitted", "accepted", "assigned", "supplement_requested",
                                              "supplemented", "step_completed", "assigned", "step_completed",
                                              "result_issued", "returned"]
    assert view.status == "returned" and view.national_status == 10


def test_the_view_names_the_handler_and_what_the_citizen_must_do(world, version):
    dossier = accepted_dossier(version, world)
    dossier = services.assign_handler(dossier, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=5))
    assert stored(dossier).holder_name == world.lan.get_full_name()
    dossier = services.request_supplement(dossier, actor=world.lan, at=T0 + timedelta(hours=1),
                                          reason="Thiếu giấy tờ", items=["Tờ khai có chữ ký"])
    assert "Tờ khai có chữ ký" in stored(dossier).to_do


def test_a_row_without_a_stored_view_is_built_from_its_events(world, version):
    dossier = accepted_dossier(version, world)
    Dossier.objects.filter(pk=dossier.pk).update(tracking={})  # as a bulk load leaves it
    loaded = Dossier.objects.get(pk=dossier.pk)
    assert [h.kind for h in tracking.tracking_of(loaded).history] == ["submitted", "accepted"]
    dossier = services.assign_handler(loaded, actor=world.quang, handler=world.lan, at=T0 + timedelta(minutes=5))
    assert [h.kind for h in stored(dossier).history] == ["submitted", "accepted", "assigned"]
