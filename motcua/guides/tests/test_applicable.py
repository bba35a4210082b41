import pytest

from motcua.guides.applicable import EFORM, LOOKUP, SUBMIT, plan_for

from .world import birth_world

pytestmark = pytest.mark.django_db


def test_birth_registration_standard_case_is_the_declaration_and_one_upload():
    w = birth_world()
    plan = plan_for(w.version)
    assert [p.label for p in plan.uploads] == ["Giấy chứng sinh"]
    assert plan.eform.kind == EFORM and plan.eform.component.name.startswith("- Mẫu hộ tịch điện tử")
    assert {p.label for p in plan.lookups} == {"Giấy tờ tùy thân của người đi đăng ký",
                                               "Giấy tờ chứng minh nơi cư trú"}
    assert [c.name for c in plan.required_components()][0].startswith("- Mẫu hộ tịch")
    assert len(plan.required_components()) == 2  # of the 33 catalogue rows


@pytest.mark.parametrize("answers, extra", [
    ({"nguoi-di": "uy-quyen"}, "Văn bản ủy quyền"),  # someone authorised by the parents
    ({"truong-hop": "bo-roi"}, "Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập"),
    ({"truong-hop": "mang-thai-ho"},
     "Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ"),
])
def test_an_answer_brings_in_its_paper(answers, extra):
    w = birth_world()
    assert [p.label for p in plan_for(w.version, answers).uploads] == ["Giấy chứng sinh", extra]


def test_an_alternative_replaces_the_birth_certificate_on_the_same_catalogue_row():
    w = birth_world()
    plan = plan_for(w.version, {"chung-sinh": "lam-chung"})
    assert [p.label for p in plan.uploads] == ["Văn bản của người làm chứng xác nhận về việc sinh"]
    assert plan.uploads[0].component.name.startswith("- Giấy chứng sinh")


def test_unknown_answers_fall_back_to_the_standard_case():
    w = birth_world()
    assert plan_for(w.version, {"nguoi-di": "khong-co", "khac": "x"}).answers["nguoi-di"] == "cha-me"


def test_without_a_layer_notes_are_never_asked_and_conditional_rows_are_optional():
    w = birth_world(layer=False)
    plan = plan_for(w.version)
    assert plan.layer is None
    asked = {p.component.order for p in plan.papers}
    notes = {c.order for c in w.version.components.all() if not (c.originals or c.copies)}
    assert asked and not asked & notes
    assert all(p.kind in (SUBMIT, LOOKUP, "present") for p in plan.papers)
