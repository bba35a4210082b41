"""Asked once: what an online form knows about the signed-in citizen before asking anything.

With a national identity, the name, personal number and birth date come from the identity token (locked), and
the permanent residence from the population database (locked when found). When the database cannot be reached
the form says so, the citizen types the address, and the dossier records the data as not verified.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from motcua.connections.errors import Unavailable

from . import registry
from .services import identity_of

# The values match dossiers.models.ApplicantSource (identity sits below dossiers and cannot import it).
SOURCE_IDENTITY, SOURCE_REGISTRY, SOURCE_UNVERIFIED = "identity", "registry", "unverified"


@dataclass
class Prefill:
    values: dict = field(default_factory=dict)  # applicant fields known: name, id_number, address
    locked: set = field(default_factory=set)  # fields the citizen cannot change (verified)
    source: str = ""  # ApplicantSource value for the dossier
    registry_down: bool = False
    notice: str = ""

    @property
    def residence_verified(self):
        return "address" in self.locked


def for_citizen(user, *, procedure_code, dossier=""):
    """What the form prefills for `user` filing `procedure_code` (an empty Prefill without a national identity)."""
    me = identity_of(user)
    if me is None:
        return Prefill()
    found = Prefill(values={"name": me.full_name, "id_number": me.pid}, locked={"name", "id_number"},
                    source=SOURCE_IDENTITY)
    try:
        resident = registry.resident(me.pid, actor=user, purpose=registry.purpose_for(procedure_code),
                                     dossier=dossier)
    except Unavailable:
        found.registry_down = True
        found.notice = _("Chưa kết nối được Cơ sở dữ liệu quốc gia về dân cư. Bạn vui lòng tự khai địa chỉ; "
                         "hồ sơ sẽ ghi nhận thông tin này chưa được xác thực.")
        found.source = SOURCE_UNVERIFIED
        return found
    if resident is not None:
        found.values["address"] = resident.address
        found.locked.add("address")
        found.source = SOURCE_REGISTRY
    return found


def connected_sources(prefill):
    """The databases (catalogue Component.obtainable_from keys) the agency reads for this filing instead of asking.

    Population and residence data are read when the citizen's identity is verified and the registry answered.
    """
    if prefill.source == SOURCE_REGISTRY:
        return {"population", "residence"}
    if prefill.source == SOURCE_IDENTITY:
        return {"population"}
    return set()
