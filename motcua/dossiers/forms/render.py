"""Render a legal form: Django template -> HTML -> weasyprint PDF (A5, Noto Serif / DejaVu Serif)."""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from motcua.lib.errors import NotFound

from .data import FormData


@dataclass(frozen=True)
class FormSpec:
    number: str
    title: str
    template: str
    slug: str


FORMS = {
    spec.number: spec
    for spec in [
        FormSpec("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "forms/mau01_receipt.html", "giay-tiep-nhan"),
        FormSpec("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "forms/mau02_supplement.html", "yeu-cau-bo-sung"),
        FormSpec("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "forms/mau03_refusal.html", "tu-choi"),
        FormSpec("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "forms/mau04_apology.html", "xin-loi-hen-lai"),
        FormSpec("05", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "forms/mau05_control.html", "phieu-kiem-soat"),
    ]
}


def hhmm_date(value: datetime | None) -> str:
    """Return '14:05 ngày 27/11/2026' in local time, the way the slip prints receipt and return times."""
    if value is None:
        return "…"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def qr_data_uri(url: str) -> str:
    import segno  # 10 MB: imported by the worker that draws a code, not by every web worker

    return segno.make(url, error="m").svg_data_uri(scale=3, border=1) if url else ""


def _spec(number: str) -> FormSpec:
    try:
        return FORMS[number]
    except KeyError:
        raise NotFound(f"Không có mẫu phiếu số {number}.") from None


def render_html(number: str, data: FormData) -> str:
    spec = _spec(number)
    issued = data.issued_on or timezone.localdate()
    context = {
        "spec": spec,
        "d": data,
        "qr": qr_data_uri(data.tracking_url),
        "received": hhmm_date(data.received_at),
        "due": hhmm_date(data.due_at),
        "new_due": hhmm_date(data.new_due_at),
        "issued": issued,
        "handovers": [
            {"h": h, "at": hhmm_date(h.at) if h.at else "", "done": hhmm_date(h.done_at) if h.done_at else ""}
            for h in data.handovers
        ],
    }
    return render_to_string(spec.template, context)


def render_form(number: str, data: FormData) -> bytes:
    """Return the PDF of form `number` ("01"–"05") filled with `data`."""
    from weasyprint import HTML  # imported late: loading Pango costs ~0.3 s and most requests need no PDF

    return HTML(string=render_html(number, data)).write_pdf()


def render_signed(number: str, data: FormData, agency) -> bytes:
    """The form's PDF signed by `agency`'s certificate, as the citizen and other agencies receive it."""
    from motcua.esign.pdf import sign

    return sign(render_form(number, data), agency, reason=_spec(number).title)
