"""The office's test city: the shared world (tests/world.py) plus counters, a service area, the seeded
priority groups and programmes, the ward of Hoài Đức with procedure 1.001266 (a Green Friday procedure) and a
home-visit team. Time limits and channels of the test procedures are test configuration, not catalogue facts."""

from dataclasses import dataclass

from motcua.catalogue.models import Component, Procedure, ProcedureVersion
from motcua.catalogue.services import refresh_current
from motcua.office.models import Counter, HomeTeam, ServiceArea
from motcua.office.seed import seed_office
from motcua.units.models import Agency
from tests.world import build_world, free_channels, hoai_duc_staff


@dataclass
class OfficeWorld:
    base: object
    counters: list
    area: ServiceArea
    hoai_duc: Agency
    business_end: Procedure
    thu: object  # reception officer at Xã Hoài Đức, signing results by delegation
    team: HomeTeam


def build_office_world():
    base = build_world()
    counters = [Counter.objects.create(agency=base.centre, number=n) for n in (1, 2, 3)]
    area = ServiceArea.objects.create(agency=base.centre, name="Hộ tịch")
    area.procedures.add(base.procedure)
    hoai_duc = Agency.objects.create(code="T01-X09832", name="UBND xã Hoài Đức", kind=Agency.Kind.COMMUNE_PC,
                                     province=base.centre.province)
    Counter.objects.create(agency=hoai_duc, number=1)
    business_end = Procedure.objects.create(code="1.001266")
    business_end.agencies.add(hoai_duc)
    version = ProcedureVersion.objects.create(procedure=business_end, name="Chấm dứt hoạt động hộ kinh doanh",
                                              level="Cấp xã")
    business_end.current = version
    business_end.save()
    free_channels(version, days=3)
    Component.objects.create(version=version, order=1, name="Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
                             originals=1)
    base.procedure.agencies.add(hoai_duc)
    for procedure in (base.procedure, business_end):
        refresh_current(procedure)  # the search entry, so officers can type a name
    seed_office()
    thu, _chairman = hoai_duc_staff(hoai_duc)  # Thu signs results of the ward by its chairman's delegation
    team = HomeTeam.objects.create(agency=hoai_duc, name="Tổ cơ động số 1")
    team.members.add(thu)
    return OfficeWorld(base=base, counters=counters, area=area, hoai_duc=hoai_duc, business_end=business_end,
                       thu=thu, team=team)
