"""The event-kind table (dossiers.events) is the one place that says who hears about an event."""

from types import SimpleNamespace

from motcua.dossiers import events, notifications
from motcua.dossiers.events import EventKind
from motcua.dossiers.models import DossierEvent


def test_the_event_model_accepts_only_the_table_s_kinds():
    assert dict(DossierEvent._meta.get_field("kind").choices) == dict(EventKind.choices)


def test_every_kind_told_to_the_citizen_is_public_and_has_a_message():
    for kind in EventKind:
        event = SimpleNamespace(kind=kind, note="", dossier=SimpleNamespace(
            public_id="X", version_id=None, version=None, agency_id=None, reason="", accepted_at=None, due_at=None,
            pk=None, get_delivery_display=lambda: "Bộ phận Một cửa"))
        assert (notifications.compose(event) is not None) == kind.tells_citizen, kind
        if kind.tells_citizen:
            assert kind.is_public, kind


def test_only_reasons_addressed_to_the_citizen_are_public_notes():
    assert {k for k in EventKind if k.note_is_public} == {
        EventKind.NOT_ACCEPTED, EventKind.SUPPLEMENT_REQUESTED, EventKind.APOLOGY, EventKind.REFUSED,
        EventKind.STOPPED}
    assert events.NOTE_IS_PUBLIC <= events.PUBLIC


def test_a_part_payment_stays_off_the_public_history():
    assert not EventKind.PAYMENT_RECORDED.is_public
    assert EventKind.PAID.is_public


def test_wording_of_a_step_names_the_step_and_an_unknown_kind_shows_as_stored():
    step = SimpleNamespace(kind=EventKind.STEP_COMPLETED, data={"title": "Thẩm định hồ sơ"})
    assert events.label_of(step) == "Hoàn thành bước: Thẩm định hồ sơ"
    assert events.wording("returned") == "Trả kết quả"
    assert events.wording("legacy_kind") == "legacy_kind"
