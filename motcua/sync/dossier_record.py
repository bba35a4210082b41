"""The dossier sync record (HoSoDongBoDVC, shared domain.md §3) as it stands after one event.

Built from the dossier in memory (the action has set its dates, fees and route before recording the event) and
its rows: those the action wrote when it created the dossier (dossiers.written: an intake reads none back), else
from the database; `schemas/hoso_dongbo.schema.json` is the contract, checked by the sender before sending and by
the receiver. Where our sources give a field's name but not its codes, the mapping is ours (README.md).
"""

from datetime import datetime

from django.utils import timezone

from motcua.dossiers import written
from motcua.dossiers.events import wording
from motcua.dossiers.models import ApplicantSource, Channel
from motcua.dossiers.workflow import national_code
from motcua.units.access import title_of, titles_read
from motcua.units.models import Membership

CHANNEL_CODE = {Channel.DIRECT: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}  # KenhThucHien [V F766]
APPLICANT_CODE = {"person": 1, "organisation": 2}  # LoaiDoiTuong: ours
FEE_KIND_CODE = {"phi": 1, "le_phi": 2}  # LoaiPhiLePhi: ours


def build(event) -> dict:
    """The record of `event`'s dossier as it stands after the event."""
    dossier = event.dossier
    components = list(dossier.components.all()) if getattr(dossier, "_component_rows", None) is None \
        else dossier._component_rows
    return {
        "MaHoSo": dossier.code or dossier.reference,
        "MaTTHC": dossier.procedure.code,
        "MaLinhVuc": dossier.version.field.name if dossier.version.field_id else "",
        "KenhThucHien": CHANNEL_CODE[dossier.channel],
        "ChuHoSo": dossier.applicant_name,
        "SoGiayToChuHoSo": dossier.applicant_id_number,
        "LoaiDoiTuong": APPLICANT_CODE.get(dossier.applicant_kind, 1),
        "NgayNopHoSo": iso(dossier.submitted_at),
        "NgayTiepNhan": iso(dossier.accepted_at),
        "NgayHenTra": iso(dossier.due_at),
        "NgayKetThucXuLy": iso(dossier.finished_at),
        "NgayTra": iso(dossier.returned_at),
        "NgayTuChoi": iso(dossier.refused_at),
        "TrangThaiHoSo": national_code(event.to_status),
        "DonViXuLy": (dossier.holder_agency or dossier.agency).code,
        "HoSoCoThanhPhanSoHoa": int(any(c.digitised for c in components)),
        # Signed in with the national identity (VNeID is the single account since 01/07/2024).
        "TaiKhoanDuocXacThucVoiVNeID": int(dossier.applicant_source == ApplicantSource.IDENTITY),
        "DuocThanhToanTrucTuyen": 2 if dossier.paid_online else 0,  # 2 = the province's own gateway
        "TaiLieuNop": [{
            "TenTaiLieu": c.name[:500], "DuocSoHoa": int(c.digitised), "DuocTaiSuDung": int(c.reused),
            "DuocLayTuKhoDMQG": int(c.from_data_store),
            "MaKetQuaThayThe": (c.reused_from.code or "") if c.reused_from_id and c.reused_from else "",
        } for c in components],
        "DanhSachLePhi": [{"Gia": f.amount, "HinhThucThu": 2 if dossier.channel == Channel.ONLINE else 1,
                           "LoaiPhiLePhi": FEE_KIND_CODE.get(f.kind, 2)} for f in _rows(dossier, "fees")],
        "DanhSachHoSoBoSung": [{"NgayHenTraTruoc": iso(s.due_before), "NgayHenTraMoi": iso(s.due_after)}
                               for s in _rows(dossier, "supplements")],
        "DanhSachGiayToKetQua": [{"TenGiayTo": dossier.result_file.name.rsplit("/", 1)[-1]}]
        if dossier.result_file else [],
        "DinhDanhCHS": [dossier.applicant_id_number] if dossier.applicant_id_number else [],
        "DSKetNoiCSDL": sorted({c.obtained_from for c in components if getattr(c, "obtained_from", "")}),
        "QuaTrinhXuLy": steps(dossier, event),
    }


def _rows(dossier, relation):
    known = written.rows(dossier, relation)
    return getattr(dossier, relation).all() if known is None else known


def steps(dossier, event):
    """QuaTrinhXuLy: one line per event up to this one: who, with which title, at which unit, what, when."""
    known = written.rows(dossier, "events")
    if known is None and "events" in getattr(dossier, "_prefetched_objects_cache", {}):  # a backfill batch
        known = dossier.events.all()
    if known is None:
        events = list(dossier.events.filter(seq__lte=event.seq).select_related("actor", "agency").order_by("seq"))
    else:
        events = sorted((e for e in known if e.seq <= event.seq), key=lambda e: e.seq)
    titles = _titles(dossier, [e for e in events if e.actor_id])
    lines, started = [], None
    for e in events:
        lines.append({
            "NguoiXuLy": (e.actor.get_full_name() or e.actor.get_username()) if e.actor_id else dossier.applicant_name,
            "ChucDanh": str(titles.get((e.actor_id, e.agency_id), "")) if e.actor_id else "",
            "ThoiDiemXuLy": iso(e.at),
            "PhongBanXuLy": e.agency.name if e.agency_id else "",
            "NoiDungXuLy": (f"{wording(e.kind)}: {e.note}" if e.note else wording(e.kind))[:2000],
            "TrangThai": national_code(e.to_status),
            "NgayBatDau": iso(started or e.at),
            "NgayKetThucTheoQuyDinh": iso_text((e.data.get("snapshot") or {}).get("due_at")),
        })
        started = e.at
    return lines


def _titles(dossier, events):
    """{(user, agency): title or role label} of the events' actors, read once per dossier instance (an action
    that records two events, like a counter intake, asks once), or taken from the role check of the action's
    actor when it read the memberships at the events' agencies (units.access.titles_read): none read then."""
    user_ids = {e.actor_id for e in events}
    known = getattr(dossier, "_actor_titles", None)
    if known is None or not user_ids <= known[0]:
        known = (user_ids, _titles_read(events))
        if known[1] is None:
            known = (user_ids, {(m["user_id"], m["agency_id"]): title_of(m["role"], m["title"])
                                for m in Membership.objects.filter(user_id__in=user_ids)
                                .values("user_id", "agency_id", "title", "role")})
        dossier._actor_titles = known
    return known[1]


def _titles_read(events):
    titles = {}
    for e in events:
        read = titles_read(e.actor, [e.agency_id])
        if read is None:
            return None
        titles.update({(e.actor_id, agency): title for agency, title in read.items()})
    return titles


def iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def iso_text(text):
    return iso(datetime.fromisoformat(text)) if text else None
