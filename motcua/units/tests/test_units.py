import pytest
from django.conf import settings
from django.contrib.auth.models import User

from motcua.units.importer import import_units, seed_city_agencies
from motcua.units.models import Agency, Commune, Province

pytestmark = pytest.mark.django_db


def test_it_loads_34_provinces_and_3321_communes_with_hanoi_complete():
    provinces, communes, with_population = import_units(settings.SHARED_DATA_DIR / "admin_units")
    assert (provinces, communes) == (34, 3321)
    hanoi = Province.objects.get(code="1")
    assert hanoi.communes.count() == 126
    assert not hanoi.communes.filter(population__isnull=True).exists()
    assert Commune.objects.filter(province=hanoi, kind=Commune.Kind.WARD).count() == 51
    assert with_population >= 3250


def test_seeding_the_city_is_idempotent():
    import_units(settings.SHARED_DATA_DIR / "admin_units")
    seed_city_agencies("1")
    seed_city_agencies("1")
    assert Agency.objects.filter(kind=Agency.Kind.COMMUNE_PC).count() == 126
    assert Agency.objects.get(code="T01-TTPVHCC").name.startswith("Trung tâm Phục vụ hành chính công")


def test_an_administrator_adds_an_agency_in_the_admin(client):
    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    client.force_login(User.objects.create_superuser("admin", "a@example.org", "pw"))
    response = client.post("/quan-tri/units/agency/add/", {
        "code": "T01-SO-YT2", "name": "Sở Y tế Hà Nội", "kind": "so", "province": hanoi.pk, "is_active": "on",
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302
    assert Agency.objects.get(code="T01-SO-YT2").province == hanoi
