"""What intake accepts about the applicant and the papers: one place for the API, the online form and the
counter. Nothing is cut short: a value that does not fit is refused with a Vietnamese message.

Identity numbers: a person gives the 12-digit personal identification number (số định danh cá nhân, on the
citizen identity card, Law on Identification 2023) or, where a procedure still accepts it, the 9-digit number
of the old identity card (CMND), or a passport number (one or two letters and 7 digits); an organisation
gives its 10-digit tax code, with a 3-digit branch suffix where it has one (0101234567-001).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .errors import InvalidDossier
from .models import ApplicantKind, Dossier

PERSON_ID = re.compile(r"^(?:\d{12}|\d{9}|[A-Z]{1,2}\d{7})$")
ORGANISATION_ID = re.compile(r"^\d{10}(?:-\d{3})?$")
PHONE = re.compile(r"^(?:\+84|84|0)\d{9,10}$")
MAX_PAPERS = 99  # originals or copies of one paper
NOTES_MAX = 2000
PAPER_NAME_MAX = 1000


def _max(model, name):
    return model._meta.get_field(name).max_length


def clean_applicant(applicant):
    """Check `applicant` (services.Applicant) in place: stripped values, or InvalidDossier."""
    applicant.name = (applicant.name or "").strip()
    applicant.id_number = re.sub(r"[\s.]", "", applicant.id_number or "").upper()
    applicant.phone = (applicant.phone or "").strip()
    applicant.email = (applicant.email or "").strip()
    applicant.address = (applicant.address or "").strip()
    if applicant.kind not in ApplicantKind.values:
        raise InvalidDossier(_("Loại chủ hồ sơ chỉ nhận: %(v)s.") % {
            "v": ", ".join(f"{k} ({label})" for k, label in ApplicantKind.choices)})
    if not applicant.name:
        raise InvalidDossier(_("Cần họ tên chủ hồ sơ."))
    _fits(applicant.name, _max(Dossier, "applicant_name"), _("Họ tên chủ hồ sơ"))
    _fits(applicant.address, _max(Dossier, "applicant_address"), _("Địa chỉ"))
    if applicant.id_number:
        pattern = PERSON_ID if applicant.kind == ApplicantKind.PERSON else ORGANISATION_ID
        if not pattern.match(applicant.id_number):
            raise InvalidDossier(
                _("Số định danh cá nhân phải gồm 12 chữ số (hoặc 9 chữ số của chứng minh nhân dân cũ, hoặc số hộ "
                  "chiếu).") if applicant.kind == ApplicantKind.PERSON else
                _("Mã số thuế của tổ chức phải gồm 10 chữ số (có thể kèm -xxx của chi nhánh)."))
    if applicant.phone and not PHONE.match(re.sub(r"[\s.\-()]", "", applicant.phone)):
        raise InvalidDossier(_("Số điện thoại không hợp lệ (ví dụ 0912 345 678)."))
    _fits(applicant.phone, _max(Dossier, "applicant_phone"), _("Số điện thoại"))
    if applicant.email:
        try:
            _fits(applicant.email, _max(Dossier, "applicant_email"), _("Thư điện tử"))
            validate_email(applicant.email)
        except ValidationError:
            raise InvalidDossier(_("Địa chỉ thư điện tử không hợp lệ.")) from None
    return applicant


def clean_paper(given):
    """Check one services.ComponentInput: counts within 0–99, name within the column."""
    given.name = (given.name or "").strip()
    _fits(given.name, PAPER_NAME_MAX, _("Tên giấy tờ"))
    for value, label in ((given.originals, _("Số bản chính")), (given.copies, _("Số bản sao"))):
        if value is not None and not (isinstance(value, int) and 0 <= value <= MAX_PAPERS):
            raise InvalidDossier(_("%(label)s phải từ 0 đến %(max)s.") % {"label": label, "max": MAX_PAPERS})
    return given


def clean_text(value, limit, label):
    value = (value or "").strip()
    _fits(value, limit, label)
    return value


def _fits(value, limit, label):
    if limit and len(value or "") > limit:
        raise InvalidDossier(_("%(label)s dài quá %(max)s ký tự (đã nhập %(n)s).") % {
            "label": label, "max": limit, "n": len(value)})
