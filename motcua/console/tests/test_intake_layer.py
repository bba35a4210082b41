"""The counter intake lists the papers that apply to the applicant's situation, none ticked in advance."""

import re

import pytest
from django.urls import reverse

from motcua.guides.tests.world import birth_world
from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


def intake_page(client, query=""):
    w = birth_world()
    client.login(username=w.lan.username, password=PASSWORD)
    return client.get(reverse("console:intake") + "?thu_tuc=1.001193" + query).content.decode()


def test_the_standard_case_lists_the_applicable_papers_and_nothing_is_ticked(client):
    page = intake_page(client)
    rows = re.findall(r'type="checkbox" name="([a-z0-9-]+)_got"', page)
    assert rows == ["to-khai", "giay-chung-sinh", "tuy-than", "cu-tru"]  # 4 of the 33 catalogue rows
    assert "checked" not in re.sub(r"<select.*?</select>", "", page, flags=re.S)
    assert "Cơ quan tự tra cứu: Cơ sở dữ liệu quốc gia về dân cư" in page


def test_the_officer_picks_the_situation_and_the_list_follows(client):
    page = intake_page(client, "&th_nguoi-di=uy-quyen&th_truong-hop=bo-roi")
    rows = re.findall(r'type="checkbox" name="([a-z0-9-]+)_got"', page)
    assert "uy-quyen" in rows and "bo-roi" in rows and "mang-thai-ho" not in rows
