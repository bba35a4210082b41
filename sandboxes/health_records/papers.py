"""The synthetic papers, drawn once from the synthetic people with a fixed seed, as FHIR R4 Compositions.

Who gets which paper (assumptions of the sandbox, not statistics): a woman aged 18–45 has a birth certificate
with probability 0.3, a person over 70 a death notice with probability 0.1, a person aged 18–60 a driver's health
certificate with probability 0.3. Hospitals are named "Bệnh viện mô phỏng số N": no real hospital is named.
"""

import datetime
import random
from functools import cache

from sandboxes.people import people

CODE_SYSTEM = "urn:motcua:giay-to-y-te"
IDENTIFIER_SYSTEM = "urn:motcua:so-dinh-danh-ca-nhan"
SYNTHETIC = {"system": "urn:motcua:du-lieu", "code": "synthetic", "display": "Dữ liệu mô phỏng, không có thật"}
TITLES = {
    "giay_chung_sinh": "Giấy chứng sinh",
    "giay_bao_tu": "Giấy báo tử",
    "giay_kham_suc_khoe_lai_xe": "Giấy khám sức khỏe của người lái xe",
}
TODAY = datetime.date(2026, 1, 1)


def _age(person):
    return (TODAY - person.birth_date).days // 365


def _composition(n, paper, person, issued, lines):
    div = "".join(f"<p>{line}</p>" for line in [f"{TITLES[paper]} (dữ liệu mô phỏng)", *lines])
    return {
        "resourceType": "Composition",
        "id": f"{paper.replace('_', '-')}-{n:05d}",
        "meta": {"tag": [SYNTHETIC]},
        "identifier": {"system": f"{CODE_SYSTEM}:so", "value": f"MP-{paper.upper()[:6]}-{n:05d}"},
        "status": "final",
        "type": {"coding": [{"system": CODE_SYSTEM, "code": paper, "display": TITLES[paper]}], "text": TITLES[paper]},
        "subject": {"identifier": {"system": IDENTIFIER_SYSTEM, "value": person.pid}, "display": person.full_name},
        "date": f"{issued.isoformat()}T09:00:00+07:00",
        "author": [{"display": f"Bệnh viện mô phỏng số {n % 17 + 1}"}],
        "title": TITLES[paper],
        "text": {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{div}</div>'},
        "section": [{"title": "Nội dung", "text": {"status": "generated",
                     "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{"".join(f"<p>{x}</p>" for x in lines)}</div>'}}],
    }


@cache
def compositions():
    """Every Composition, by id; the same on every start."""
    rng = random.Random(16)
    found, n = {}, 0
    for person in people().values():
        age = _age(person)
        if person.sex == "nu" and 18 <= age <= 45 and rng.random() < 0.3:
            n += 1
            born = TODAY - datetime.timedelta(days=rng.randint(1, 60))
            lines = [f"Họ tên mẹ: {person.full_name}", f"Ngày sinh của con: {born.strftime('%d/%m/%Y')}",
                     f"Giới tính của con: {rng.choice(['Nam', 'Nữ'])}", f"Cân nặng: {rng.randint(2500, 4000)} gam"]
            c = _composition(n, "giay_chung_sinh", person, born, lines)
            found[c["id"]] = c
        if age > 70 and rng.random() < 0.1:
            n += 1
            died = TODAY - datetime.timedelta(days=rng.randint(1, 30))
            c = _composition(n, "giay_bao_tu", person, died,
                             [f"Họ tên người chết: {person.full_name}", f"Ngày chết: {died.strftime('%d/%m/%Y')}"])
            found[c["id"]] = c
        if 18 <= age <= 60 and rng.random() < 0.3:
            n += 1
            examined = TODAY - datetime.timedelta(days=rng.randint(1, 300))
            c = _composition(n, "giay_kham_suc_khoe_lai_xe", person, examined,
                             [f"Họ tên: {person.full_name}", "Kết luận: Đủ điều kiện sức khỏe lái xe hạng B",
                              f"Ngày khám: {examined.strftime('%d/%m/%Y')}"])
            found[c["id"]] = c
    return found
