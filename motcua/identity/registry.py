"""Asking the population database, with every question logged (who, when, whom, which dossier, which purpose).

`resident(pid, …)` gives what a form prefills: the verified name, birth date and permanent residence. When the
database cannot be reached (timeouts and retries exhausted, or the shared circuit breaker open) it raises
`Unavailable`; the form then lets the citizen type the data and the dossier records it as not verified.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from motcua.connections import registry
from motcua.connections.errors import Unavailable
from motcua.lib.crypto_fields import index_of, indexes_of

from .models import RegistryLookup, mask_pid

# The legal ground of each lookup, written to the log: Luật Cư trú 2020 and NĐ 104/2022/NĐ-CP let the agency use
# the population and residence data instead of asking for papers; the personal-data law (Luật 91/2025/QH15) asks for a purpose.
PURPOSE = "Giải quyết thủ tục hành chính %(procedure)s: khai thác CSDL quốc gia về dân cư thay cho giấy tờ (NĐ 104/2022/NĐ-CP)"


@dataclass(frozen=True)
class Resident:
    pid: str
    full_name: str
    birth_date: datetime.date | None
    address: str
    commune_code: str
    commune_name: str
    household_id: str
    synthetic: bool


def _log(operation, pid, outcome, *, actor, dossier, purpose):
    RegistryLookup.objects.create(at=timezone.now(), actor=actor if getattr(actor, "pk", None) else None,
                                  subject=mask_pid(pid), subject_hash=index_of("id", pid), dossier=dossier or "",
                                  purpose=purpose[:300], operation=operation, outcome=outcome)


def purpose_for(procedure_code):
    return PURPOSE % {"procedure": procedure_code}


def resident(pid, *, actor, purpose, dossier=""):
    """The registry's record of `pid` as a Resident, or None when it has none; Unavailable when it is down."""
    try:
        record = registry.adapter("population_registry").lookup(pid)
    except Unavailable:
        _log("lookup", pid, "unavailable", actor=actor, dossier=dossier, purpose=purpose)
        raise
    _log("lookup", pid, "found" if record else "not_found", actor=actor, dossier=dossier, purpose=purpose)
    if not record:
        return None
    home = record.get("noi_thuong_tru") or {}
    try:
        born = datetime.date.fromisoformat(record.get("ngay_sinh", ""))
    except ValueError:
        born = None
    return Resident(pid=pid, full_name=record.get("ho_ten", ""), birth_date=born, address=home.get("dia_chi", ""),
                    commune_code=str(home.get("ma_xa", "")), commune_name=home.get("ten_xa", ""),
                    household_id=(record.get("ho_gia_dinh") or {}).get("ma_ho", ""),
                    synthetic=bool(record.get("du_lieu_mo_phong")))


def verify(pid, name, birth_date, *, actor, purpose, dossier=""):
    """True when the name and birth date match the record; Unavailable when the registry is down."""
    try:
        answer = registry.adapter("population_registry").verify(pid, name, birth_date.isoformat())
    except Unavailable:
        _log("verify", pid, "unavailable", actor=actor, dossier=dossier, purpose=purpose)
        raise
    ok = bool(answer.get("khop"))
    _log("verify", pid, "match" if ok else "mismatch", actor=actor, dossier=dossier, purpose=purpose)
    return ok


def lookups_about(pid):
    """The log of questions asked about one citizen (for the citizen's own view and for audits). The personal number
    is hashed with the data keys, not SECRET_KEY: the log outlives a new session secret and is found under every data
    key still configured."""
    return RegistryLookup.objects.filter(subject_hash__in=indexes_of("id", pid))
