"""Everyday words citizens use -> the legal terms the catalogue uses.

Each entry maps a folded everyday phrase to the folded wording of the catalogue. The phrase is replaced in
the question (whole words only), so "lam giay khai sinh" becomes "dang ky khai sinh". Keep entries general:
they describe how people speak, not particular test questions. Abbreviations are listed here too.
"""

import re

from motcua.lib.text import fold_words

__all__ = ["SYNONYMS", "ABBREVIATIONS", "expand", "expand_abbreviations"]

SYNONYMS: list[tuple[str, str]] = [
    # civil status (hộ tịch)
    ("lam giay khai sinh", "dang ky khai sinh"),
    ("lam khai sinh", "dang ky khai sinh"),
    ("xin giay khai sinh", "dang ky khai sinh"),
    ("giay khai sinh moi", "dang ky khai sinh"),
    ("khai sinh cho con", "dang ky khai sinh"),
    ("khai sinh cho be", "dang ky khai sinh"),
    ("khai sinh cho chau", "dang ky khai sinh"),
    ("lam giay ket hon", "dang ky ket hon"),
    ("lam dang ky ket hon", "dang ky ket hon"),
    ("giay dang ky ket hon", "dang ky ket hon"),
    ("dang ki ket hon", "dang ky ket hon"),
    ("cuoi vo", "dang ky ket hon"),
    ("cuoi chong", "dang ky ket hon"),
    ("lay vo", "dang ky ket hon"),
    ("cuoi nhau", "dang ky ket hon"),
    ("lay chong", "dang ky ket hon"),
    ("lam dam cuoi", "dang ky ket hon"),
    ("nguoi han quoc", "nguoi nuoc ngoai"),
    ("nguoi trung quoc", "nguoi nuoc ngoai"),
    ("nguoi nhat", "nguoi nuoc ngoai"),
    ("nguoi dai loan", "nguoi nuoc ngoai"),
    ("nguoi my", "nguoi nuoc ngoai"),
    ("nguoi phap", "nguoi nuoc ngoai"),
    ("nguoi uc", "nguoi nuoc ngoai"),
    ("nguoi tay", "nguoi nuoc ngoai"),
    ("viet kieu", "nguoi nuoc ngoai"),
    ("giay xac nhan doc than", "giay xac nhan tinh trang hon nhan"),
    ("xac nhan doc than", "xac nhan tinh trang hon nhan"),
    ("giay doc than", "giay xac nhan tinh trang hon nhan"),
    ("chung nhan doc than", "xac nhan tinh trang hon nhan"),
    ("doc than", "tinh trang hon nhan"),
    ("sua ten trong giay khai sinh", "thay doi cai chinh bo sung thong tin ho tich"),
    ("sua giay khai sinh", "thay doi cai chinh bo sung thong tin ho tich"),
    ("doi ten", "thay doi cai chinh thong tin ho tich"),
    ("sai ten", "cai chinh thong tin ho tich"),
    ("sai ngay sinh", "cai chinh thong tin ho tich"),
    ("sua ngay sinh", "cai chinh thong tin ho tich"),
    ("doi ho cho con", "thay doi thong tin ho tich"),
    ("ban sao giay khai sinh", "ban sao giay khai sinh trich luc ho tich"),
    ("xin lai giay khai sinh", "ban sao giay khai sinh trich luc ho tich"),
    ("lam lai giay khai sinh", "dang ky lai khai sinh"),
    ("nhan con", "dang ky nhan cha me con"),
    ("nhan bo cho con", "dang ky nhan cha me con"),
    ("nhan cha cho con", "dang ky nhan cha me con"),
    ("xin con nuoi", "dang ky viec nuoi con nuoi trong nuoc"),
    ("nhan con nuoi", "dang ky viec nuoi con nuoi trong nuoc"),
    ("nhan nuoi", "dang ky viec nuoi con nuoi trong nuoc"),
    # residence (cư trú) and identity
    ("nhap ho khau", "dang ky thuong tru"),
    ("chuyen ho khau", "dang ky thuong tru"),
    ("lam ho khau", "dang ky thuong tru"),
    ("ho khau", "thuong tru"),
    ("cat khau", "xoa dang ky thuong tru"),
    ("xoa ho khau", "xoa dang ky thuong tru"),
    ("tach khau", "tach ho"),
    ("tach ho khau", "tach ho"),
    ("khai bao tam tru", "dang ky tam tru"),
    ("dang ki tam tru", "dang ky tam tru"),
    ("so tam tru", "dang ky tam tru"),
    ("o tro", "tam tru"),
    ("thue tro", "tam tru"),
    ("cccd", "the can cuoc"),
    ("cmnd", "the can cuoc"),
    ("cmt", "the can cuoc"),
    ("chung minh thu", "the can cuoc"),
    ("chung minh nhan dan", "the can cuoc"),
    ("can cuoc cong dan", "the can cuoc"),
    ("lam can cuoc", "cap the can cuoc"),
    ("lam the can cuoc", "cap the can cuoc"),
    ("lam cccd", "cap the can cuoc"),
    ("doi can cuoc", "cap doi the can cuoc"),
    ("doi cccd", "cap doi the can cuoc"),
    ("doi the can cuoc", "cap doi the can cuoc"),
    ("vneid", "tai khoan dinh danh dien tu"),
    ("dinh danh muc 2", "tai khoan dinh danh dien tu muc do 02"),
    ("dinh danh muc do 2", "tai khoan dinh danh dien tu muc do 02"),
    ("muc 2", "muc do 02"),
    ("lam passport", "cap ho chieu pho thong"),
    ("passport", "ho chieu"),
    ("lam ho chieu", "cap ho chieu pho thong"),
    ("mat ho chieu", "trinh bao mat ho chieu"),
    ("ly lich tu phap", "phieu ly lich tu phap"),
    ("giay khong tien an", "phieu ly lich tu phap"),
    ("khong tien an tien su", "phieu ly lich tu phap"),
    ("tien an tien su", "phieu ly lich tu phap"),
    ("llttp", "phieu ly lich tu phap"),
    # vehicles and driving
    ("lam bang lai xe", "cap giay phep lai xe"),
    ("lam bang lai", "cap giay phep lai xe"),
    ("thi bang lai xe", "cap giay phep lai xe"),
    ("thi bang lai", "cap giay phep lai xe"),
    ("bang lai xe", "giay phep lai xe"),
    ("bang lai", "giay phep lai xe"),
    ("gplx", "giay phep lai xe"),
    ("bang quoc te", "giay phep lai xe quoc te"),
    ("lam lai bang", "cap lai giay phep lai xe"),
    ("cavet xe", "chung nhan dang ky xe"),
    ("cavet", "chung nhan dang ky xe"),
    ("ca vet", "chung nhan dang ky xe"),
    ("giay dang ky xe", "chung nhan dang ky xe"),
    ("bien so xe", "bien so xe"),
    ("sang ten xe", "dang ky sang ten xe thay doi chu xe"),
    ("mua xe cu", "dang ky sang ten xe thay doi chu xe"),
    ("mua lai xe", "dang ky sang ten xe thay doi chu xe"),
    ("xe moi mua", "dang ky xe lan dau"),
    ("moi mua xe", "dang ky xe lan dau"),
    ("mua xe", "dang ky xe lan dau"),
    ("nop lai bien so", "thu hoi chung nhan dang ky xe bien so xe"),
    ("mua xe moi", "dang ky xe lan dau"),
    ("dang ky xe may moi", "dang ky xe lan dau"),
    ("xe may", "xe"),
    ("o to", "xe"),
    ("oto", "xe"),
    # land and housing
    ("so do", "giay chung nhan quyen su dung dat"),
    ("so hong", "giay chung nhan quyen su dung dat quyen so huu nha o"),
    ("lam so", "cap giay chung nhan quyen su dung dat lan dau"),
    ("gcn qsdd", "giay chung nhan quyen su dung dat"),
    ("qsdd", "quyen su dung dat"),
    ("sang ten so", "dang ky bien dong chuyen nhuong quyen su dung dat"),
    ("sang ten dat", "dang ky bien dong chuyen nhuong quyen su dung dat"),
    ("sang ten nha dat", "dang ky bien dong chuyen nhuong quyen su dung dat"),
    ("mua dat", "nhan chuyen nhuong quyen su dung dat"),
    ("mua ban dat", "chuyen nhuong quyen su dung dat"),
    ("ban dat", "chuyen nhuong quyen su dung dat"),
    ("tach so", "tach thua"),
    ("chia dat", "tach thua"),
    ("gop so", "hop thua"),
    ("len tho cu", "chuyen muc dich su dung dat"),
    ("chuyen dat vuon", "chuyen muc dich su dung dat"),
    ("xay nha", "giay phep xay dung"),
    ("sua nha", "giay phep xay dung sua chua cai tao"),
    ("giay phep xd", "giay phep xay dung"),
    # business and tax
    ("mo quan", "dang ky thanh lap ho kinh doanh"),
    ("mo cua hang", "dang ky thanh lap ho kinh doanh"),
    ("mo tiem", "dang ky thanh lap ho kinh doanh"),
    ("buon ban nho", "ho kinh doanh"),
    ("giay phep kinh doanh ho", "dang ky thanh lap ho kinh doanh"),
    ("dkkd", "dang ky kinh doanh"),
    ("hkd", "ho kinh doanh"),
    ("dong cua ho kinh doanh", "cham dut hoat dong ho kinh doanh"),
    ("nghi kinh doanh", "tam ngung kinh doanh"),
    ("nghi ban", "tam ngung kinh doanh"),
    ("dang ky ho kinh doanh", "dang ky thanh lap ho kinh doanh"),
    ("tam nghi ban", "tam ngung kinh doanh"),
    ("mo cong ty", "dang ky thanh lap cong ty"),
    ("lap cong ty", "dang ky thanh lap cong ty"),
    ("mo doanh nghiep", "dang ky thanh lap doanh nghiep"),
    ("dong cua han", "cham dut hoat dong"),
    ("giai the cong ty", "giai the doanh nghiep"),
    ("giay dang ky kinh doanh", "giay chung nhan dang ky doanh nghiep"),
    ("ma so thue ca nhan", "dang ky thue lan dau ca nhan"),
    ("mst", "ma so thue"),
    ("quyet toan thue", "quyet toan thue thu nhap ca nhan"),
    ("hoan thue", "hoan thue"),
    ("nguoi phu thuoc", "nguoi phu thuoc"),
    ("truoc ba", "le phi truoc ba"),
    # social insurance
    ("rut bao hiem xa hoi", "huong bao hiem xa hoi"),
    ("rut bao hiem", "huong bao hiem xa hoi"),
    ("lay bao hiem xa hoi", "huong bao hiem xa hoi"),
    ("nghi om", "che do om dau"),
    ("om dau", "om dau"),
    ("nghi de", "che do thai san"),
    ("mua bao hiem y te", "dang ky dong cap the bao hiem y te"),
    ("mua the bao hiem y te", "dang ky dong cap the bao hiem y te"),
    ("tham gia bao hiem xa hoi tu nguyen", "dang ky dong bao hiem xa hoi tu nguyen"),
    ("luong huu", "luong huu"),
    ("tien tuat", "che do tu tuat"),
    ("mai tang phi", "che do tu tuat"),
    # military service
    ("nghia vu quan su", "nghia vu quan su"),
    ("nghia vu", "nghia vu quan su"),
    ("di bo doi", "nghia vu quan su"),
    ("nvqs", "nghia vu quan su"),
    # housing
    ("mua nha o xa hoi", "dang ky mua thue mua nha o xa hoi"),
    ("thue nha o xa hoi", "dang ky mua thue mua nha o xa hoi"),
    # losing a paper: "mất X" -> "cấp lại X ... bị mất" (death is said differently: "qua đời", "chết")
    ("bo mat", "bo"),
    ("me mat", "me"),
    ("nguoi mat", "nguoi"),
    ("lam mat", "cap lai"),
    ("bi mat", "cap lai bi mat"),
    ("mat", "cap lai bi mat"),
    ("bi mat ho chieu", "trinh bao mat ho chieu"),
    ("lam mat ho chieu", "trinh bao mat ho chieu"),
    ("ban nha", "chuyen nhuong bat dong san"),
    # money
    ("tien rach", "tien khong du tieu chuan luu thong"),
    ("tien bi rach", "tien khong du tieu chuan luu thong"),
    ("tien nat", "tien khong du tieu chuan luu thong"),
    ("tien hong", "tien khong du tieu chuan luu thong"),
    ("tien bi hong", "tien khong du tieu chuan luu thong"),
    # nationality
    ("vao quoc tich", "nhap quoc tich"),
    ("xin quoc tich", "nhap quoc tich"),
    ("bo quoc tich", "thoi quoc tich"),
]

# Abbreviations written either way in questions and in the catalogue: expanded on both sides.
ABBREVIATIONS: list[tuple[str, str]] = [
    ("tnhh", "trach nhiem huu han"),
    ("bhxh", "bao hiem xa hoi"),
    ("bhyt", "bao hiem y te"),
    ("bhtn", "bao hiem that nghiep"),
    ("tncn", "thu nhap ca nhan"),
    ("tndn", "thu nhap doanh nghiep"),
    ("gtgt", "gia tri gia tang"),
    ("tnld", "tai nan lao dong"),
    ("bnn", "benh nghe nghiep"),
    ("pccc", "phong chay chua chay"),
    ("htx", "hop tac xa"),
    ("dn", "doanh nghiep"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("kcb", "kham benh chua benh"),
    ("gcn", "giay chung nhan"),
    ("1 thanh vien", "mot thanh vien"),
    ("2 thanh vien", "hai thanh vien"),
    ("1 lan", "mot lan"),
]
_ABBR = dict(ABBREVIATIONS)
_ABBR_PATTERN = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_ABBR, key=len, reverse=True)) + r")\b")


def expand_abbreviations(folded: str) -> str:
    return _ABBR_PATTERN.sub(lambda m: _ABBR[m.group(1)], folded)


_TABLE = dict(SYNONYMS)
# One pass, longest phrase first, so a replacement is never rewritten again by a shorter entry.
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True)) + r")\b")


def expand(text: str) -> str:
    """Return `text` folded, with everyday phrases replaced by catalogue wording."""
    folded = expand_abbreviations(" ".join(fold_words(text)))
    folded = _PATTERN.sub(lambda m: _TABLE[m.group(1)], folded)
    return _AGE.sub(_age_band, folded)


# Identity cards are issued in two age bands (Luật Căn cước 2023): under 14, and 14 or older. A child's age
# below 14 names the first band; 14 or older is the common case and needs no hint.
_AGE = re.compile(r"(?<!duoi )\b(\d{1,3}) tuoi\b")


def _age_band(m):
    return m.group(0) + (" duoi 14 tuoi" if int(m.group(1)) < 14 else "")
