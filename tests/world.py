"""The one test city of every room (the `world` fixture of tests/fixtures.py, or build_world()).

Procedure 1.001193 "Thủ tục đăng ký khai sinh" (real, DVCQG, 1 working day, free) received at Hanoi's service
centre and routed through two agencies: Sở Tư pháp, then Sở Nội vụ (a test route; routes are configuration).

The cast, each with one role everywhere:
- Quang: head of the centre, who has delegated signing results to Lan;
- Lan: reception (one-stop officer) at the centre;
- Minh: head of Sở Tư pháp; Bình: handler at Sở Tư pháp;
- Hoa: head of Sở Nội vụ;
- Hùng: reception at the ward of Ba Đình, never an officer of the centre (always refused on its dossiers);
- Ánh and Chi: citizens with a local account;
- Tuấn: a city leader, only where a test asks for one (city_leader: he oversees the agency he is given);
- Thu (reception, signing results by delegation) and Sơn (chairman) at the commune of Hoài Đức, only in the
  office's city (motcua/office/tests/world.py, through hoai_duc_staff).
Rooms add procedures, dossiers and counters of their own; they add no people with these names.
"""

import functools
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from motcua.catalogue.models import Channel, Component, FeeItem, Procedure, ProcedureVersion
from motcua.dossiers.models import RouteStep, RouteTemplate
from motcua.units.models import Agency, Delegation, Membership, Province

PASSWORD = "mat-khau-thu-nghiem-2026"

BIRTH_CERTIFICATE = (
    "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc "
    "sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh."
)
AUTHORISATION = "Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật"


@dataclass
class World:
    procedure: Procedure
    version: ProcedureVersion
    centre: Agency
    justice: Agency
    home_affairs: Agency
    ward: Agency
    lan: object
    minh: object
    binh: object
    hoa: object
    hung: object
    anh: object
    quang: object
    chi: object


@functools.cache
def _password_hash():
    # Hashing is slow on purpose; hash the shared test password once per process, not once per user.
    return make_password(PASSWORD)


def _user(username, full_name, *, agency=None, role=None, title=""):
    # The whole Vietnamese name (family name first) goes in first_name so get_full_name() reads right.
    user = get_user_model().objects.create(username=username, email=f"{username}@example.vn",
                                           password=_password_hash(), first_name=full_name)
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role, title=title)
    return user


def city_leader(agency):
    """Tuấn, a city leader, overseeing `agency` (a LEADER membership): not in every test's city, few tests need him."""
    return _user("tuan", "Đặng Anh Tuấn", agency=agency, role=Membership.Role.LEADER, title="Lãnh đạo thành phố")


def hoai_duc_staff(hoai_duc):
    """Thu (reception) and Sơn (chairman, who has delegated signing results to her) at the commune `hoai_duc`."""
    thu = _user("thu", "Vũ Thị Thu", agency=hoai_duc, role=Membership.Role.RECEPTION, title="Công chức một cửa")
    son = _user("son", "Lê Văn Sơn", agency=hoai_duc, role=Membership.Role.HEAD, title="Chủ tịch UBND xã")
    Delegation.objects.create(agency=hoai_duc, delegate=thu, power="issue_result", granted_by=son,
                              granted_at=timezone.now())
    return thu, son


def free_channels(version, *, days):
    """Online and at the counter, `days` working days, free of charge."""
    for kind in (Channel.Kind.ONLINE, Channel.Kind.DIRECT):
        channel = Channel.objects.create(version=version, kind=kind, duration_value=Decimal(days),
                                         duration_unit=Channel.Unit.WORKING_DAYS, duration_text=f"{days} ngày làm việc")
        FeeItem.objects.create(channel=channel, amount=0, kind=FeeItem.Kind.NONE, description="Miễn phí")


def build_world() -> World:
    hanoi = Province.objects.create(code="1", name="Thành phố Hà Nội", short_name="Hà Nội")
    centre = Agency.objects.create(code="T01-TTPVHCC", name="Trung tâm Phục vụ hành chính công thành phố Hà Nội",
                                   kind=Agency.Kind.CENTRE, province=hanoi, address="258 Võ Chí Công, Hà Nội")
    justice = Agency.objects.create(code="T01-SO-TP", name="Sở Tư pháp", kind=Agency.Kind.DEPARTMENT, province=hanoi)
    home_affairs = Agency.objects.create(code="T01-SO-NV", name="Sở Nội vụ", kind=Agency.Kind.DEPARTMENT,
                                         province=hanoi)
    ward = Agency.objects.create(code="T01-X00004", name="UBND phường Ba Đình", kind=Agency.Kind.COMMUNE_PC,
                                 province=hanoi)

    procedure = Procedure.objects.create(code="1.001193")
    procedure.agencies.add(centre)
    version = ProcedureVersion.objects.create(procedure=procedure, name="Thủ tục đăng ký khai sinh", level="Cấp xã",
                                              source_url="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
                                                         "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7")
    procedure.current = version
    procedure.save()
    free_channels(version, days=1)
    Component.objects.create(version=version, order=1, name=BIRTH_CERTIFICATE, originals=1)
    Component.objects.create(version=version, order=2, name=AUTHORISATION, originals=1,
                             condition="ủy quyền thực hiện việc đăng ký khai sinh")

    route = RouteTemplate.objects.create(procedure=procedure, name="Liên thông thử nghiệm")
    RouteStep.objects.create(template=route, group=1, order=1, title="Thẩm định hồ sơ", agency=justice,
                             allotted_value=Decimal(4))
    RouteStep.objects.create(template=route, group=2, order=1, title="Cập nhật dữ liệu", agency=home_affairs,
                             allotted_value=Decimal(2))

    R = Membership.Role
    lan = _user("lan", "Nguyễn Thị Lan", agency=centre, role=R.RECEPTION, title="Chuyên viên một cửa")
    quang = _user("quang", "Vũ Minh Quang", agency=centre, role=R.HEAD, title="Phó Giám đốc Trung tâm")
    Delegation.objects.create(agency=centre, delegate=lan, power="issue_result", granted_by=quang,
                              granted_at=timezone.now(), note="Ủy quyền ký kết quả (thử nghiệm)")
    return World(
        procedure=procedure, version=version, centre=centre, justice=justice, home_affairs=home_affairs, ward=ward,
        lan=lan, quang=quang,
        minh=_user("minh", "Trần Văn Minh", agency=justice, role=R.HEAD, title="Trưởng phòng Hộ tịch"),
        binh=_user("binh", "Lê Thị Bình", agency=justice, role=R.HANDLER, title="Chuyên viên"),
        hoa=_user("hoa", "Phạm Thị Hoa", agency=home_affairs, role=R.HEAD, title="Phó trưởng phòng"),
        hung=_user("hung", "Đỗ Văn Hùng", agency=ward, role=R.RECEPTION, title="Công chức một cửa"),
        anh=_user("anh", "Nguyễn Thị Ngọc Ánh"),
        chi=_user("chi", "Vũ Thị Chi"),
    )
