"""The printed ticket: a small PDF (80 mm roll, WeasyPrint) and ESC/POS-ready bytes for thermal printers, both
with a QR code to follow one's place on the phone."""

import io

from django.template.loader import render_to_string
from django.utils import timezone

ESC, GS = b"\x1b", b"\x1d"


def qr_svg(url):
    out = io.BytesIO()
    import segno  # 10 MB: imported by the worker that draws a code, not by every web worker

    segno.make(url, error="m").save(out, kind="svg", scale=3, border=1, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def ticket_pdf(ticket, follow_url, *, position, wait_minutes):
    from weasyprint import HTML

    html = render_to_string("office/ticket_print.html", {
        "t": ticket, "qr": qr_svg(follow_url), "url": follow_url, "position": position, "wait": wait_minutes,
        "issued": timezone.localtime(ticket.issued_at)})
    return HTML(string=html).write_pdf()


def ticket_escpos(ticket, follow_url, *, position, wait_minutes):
    """ESC/POS commands: centred big number, the agency, priority, place in queue and a QR code (GS ( k)."""
    def line(text=""):
        return text.encode("utf-8") + b"\n"

    data = follow_url.encode()
    store = len(data) + 3
    qr = (GS + b"(k\x04\x001A2\x00" + GS + b"(k\x03\x001C\x06" + GS + b"(k\x03\x001E1"
          + GS + b"(k" + bytes([store % 256, store // 256]) + b"1P0" + data + GS + b"(k\x03\x001Q0")
    parts = [ESC + b"@", ESC + b"a\x01", line(ticket.agency.name), GS + b"!\x33", line(str(ticket.number)),
             GS + b"!\x00"]
    if ticket.priority_id:
        parts.append(line(f"Ưu tiên: {ticket.priority.name}"))
    parts += [line(f"Trước Ông/Bà: {position} người, chờ khoảng {wait_minutes} phút"),
              line(timezone.localtime(ticket.issued_at).strftime("%d/%m/%Y %H:%M")), qr, line(),
              line("Quét mã để theo dõi lượt"), GS + b"V\x42\x00"]
    return b"".join(parts)
