"""Answers composed from the structured catalogue, never generated: every fact printed here is a field of the
procedure version in force (components, channels with times and fees, agencies, steps) or of the city's fee
policy (`motcua.dossiers.fees`, which applies Resolution 77/2025/NQ-HĐND to online submissions).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.catalogue.models import Channel, FeeItem
from motcua.dossiers.fees import price_item
from motcua.lib.money import format_vnd

__all__ = ["compose", "procedure_url", "feedback_url", "decline_text", "choose_text", "life_event_text", "duration_text", "fee_lines"]

MAX_COMPONENTS = 10
MAX_COMPONENT_TEXT = 240
MAX_STEPS = 8


def procedure_url(code):
    return reverse("portal:procedure", args=[code])


def feedback_url():
    return reverse("portal:feedback_file")


def decline_text(queued=True):
    """The decline; `queued`: the question went to the staff review queue (not for one staff marked off-topic)."""
    return (
        "Xin lỗi, tôi chưa tìm được thủ tục phù hợp với câu hỏi này trong danh mục thủ tục hành chính. "
        f"Bạn có thể gọi đường dây nóng {settings.MOTCUA_HOTLINE} hoặc gửi câu hỏi qua trang phản ánh, kiến nghị "
        "để cán bộ trả lời." + (" Câu hỏi của bạn đã được ghi lại để cán bộ bổ sung cho trợ lý." if queued else "")
    )


def absent_text(label):
    return (
        f"Thủ tục “{label}” chưa có trong danh mục thủ tục hành chính của hệ thống, nên tôi chưa hướng dẫn được. "
        f"Bạn có thể gọi đường dây nóng {settings.MOTCUA_HOTLINE} hoặc gửi câu hỏi qua trang phản ánh, kiến nghị "
        "để cán bộ trả lời."
    )


def which_procedure_text():
    return ("Bạn muốn hỏi về thủ tục nào? Hãy ghi thêm tên thủ tục hoặc việc cần làm, "
            "ví dụ: “đăng ký khai sinh mất bao lâu?”.")


def choose_text(procedures):
    lines = ["Có vài thủ tục gần với câu hỏi của bạn. Bạn muốn hỏi thủ tục nào? Trả lời bằng số thứ tự (ví dụ “2”) hoặc tên thủ tục."]
    for i, p in enumerate(procedures, 1):
        lines.append(f"{i}. {p['name']} (mã {p['code']})")
    return "\n".join(lines)


def life_event_text(label, procedures):
    lines = [f"Khi có việc “{label}”, người dân thường cần các thủ tục sau, theo thứ tự:"]
    for i, p in enumerate(procedures, 1):
        lines.append(f"{i}. {p['name']} (mã {p['code']})")
    lines.append("Bạn muốn biết chi tiết thủ tục nào? Trả lời bằng số thứ tự hoặc tên thủ tục.")
    return "\n".join(lines)


def duration_text(channel):
    if channel.duration_unit == Channel.Unit.SAME_DAY:
        return "trong ngày"
    if channel.duration_value is not None and channel.duration_unit:
        value = channel.duration_value.normalize()
        value = f"{value:f}".replace(".", ",")
        return f"{value} {channel.get_duration_unit_display()}"
    return channel.duration_text or "danh mục chưa ghi thời hạn"


def fee_lines(channel, *, on):
    """Fee statements of one channel; online submissions show what the city's policy waives."""
    items = list(channel.fees.all())
    if not items:
        return ["danh mục không ghi phí, lệ phí"]
    lines = []
    for item in items:
        text = _short(item.description)
        if not item.amount:
            # No amount parsed: repeat the catalogue's own words rather than state a figure or "không thu".
            lines.append(text or ("không thu" if item.kind == FeeItem.Kind.NONE else "danh mục chưa ghi mức thu"))
            continue
        label = text or item.get_kind_display()
        priced = price_item(item, province_code=settings.MOTCUA_CITY_PROVINCE_CODE, channel=channel.kind, on=on)
        if priced.waived:
            lines.append(
                f"{label}: {format_vnd(priced.amount)}, phải nộp {format_vnd(priced.payable)} "
                f"({priced.waiver_reason} Căn cứ: {priced.legal_basis})"
            )
        else:
            lines.append(f"{label}: {format_vnd(priced.amount)}")
    return lines


def _section_papers(version):
    components = list(version.components.all())
    if not components:
        return ["Giấy tờ cần nộp: danh mục chưa ghi thành phần hồ sơ."]
    # Papers with a number of originals or copies first; lines without are notes of the portal's table.
    papers = [c for c in components if c.originals or c.copies] or components
    lines = ["Giấy tờ cần nộp:"]
    for c in papers[:MAX_COMPONENTS]:
        counts = []
        if c.originals:
            counts.append(f"{c.originals} bản chính")
        if c.copies:
            counts.append(f"{c.copies} bản sao")
        extra = f" ({', '.join(counts)})" if counts else ""
        cond = f" [trường hợp: {c.condition}]" if c.condition else ""
        lines.append(f"- {_short(c.name)}{extra}{cond}")
    rest = len(components) - min(len(papers), MAX_COMPONENTS)
    if rest > 0:
        lines.append(f"- Và {rest} mục giấy tờ, ghi chú khác: xem trang thủ tục.")
    return lines


def _short(text):
    text = " ".join(text.split()).lstrip("-+• ").strip()
    return text if len(text) <= MAX_COMPONENT_TEXT else text[:MAX_COMPONENT_TEXT].rsplit(" ", 1)[0] + "..."


def _section_place(version, procedure, channels):
    lines = ["Nơi nộp hồ sơ:"]
    if version.implementing_agency:
        lines.append(f"- Cơ quan thực hiện: {version.implementing_agency}")
    if version.receiving_address:
        lines.append(f"- Địa chỉ tiếp nhận: {version.receiving_address}")
    for agency in procedure.agencies.all()[:5]:
        lines.append(f"- {agency.name}" + (f", {agency.address}" if agency.address else ""))
    kinds = [ch.get_kind_display() for ch in channels]
    if kinds:
        lines.append(f"- Cách nộp: {', '.join(kinds)}.")
    if any(ch.kind == Channel.Kind.ONLINE for ch in channels):
        lines.append("- Nộp trực tuyến từ trang thủ tục (đường dẫn bên dưới).")
    if len(lines) == 1:
        lines.append("- danh mục chưa ghi nơi nộp.")
    return lines


def _section_contact(procedure, version):
    lines = ["Liên hệ:"]
    for agency in procedure.agencies.all()[:5]:
        parts = [p for p in (agency.phone, agency.email) if p]
        if parts:
            lines.append(f"- {agency.name}: {', '.join(parts)}")
    if version.implementing_agency and len(lines) == 1:
        lines.append(f"- {version.implementing_agency}")
    lines.append(f"- Đường dây nóng: {settings.MOTCUA_HOTLINE}")
    return lines


def _section_time(channels):
    if not channels:
        return ["Thời hạn giải quyết: danh mục chưa ghi."]
    return ["Thời hạn giải quyết:"] + [f"- {ch.get_kind_display()}: {duration_text(ch)}" for ch in channels]


def _section_fee(channels, on):
    if not channels:
        return ["Phí, lệ phí: danh mục chưa ghi."]
    lines = ["Phí, lệ phí:"]
    for ch in channels:
        fees = fee_lines(ch, on=on)
        lines.append(f"- {ch.get_kind_display()}: " + "; ".join(fees))
    return lines


def _section_steps(version):
    steps = list(version.steps.all())
    if not steps:
        return ["Trình tự thực hiện: danh mục chưa ghi."]
    lines = ["Trình tự thực hiện:"]
    for i, s in enumerate(steps[:MAX_STEPS], 1):
        text = " ".join(s.text.split())
        lines.append(f"{i}. {text[:300]}{'...' if len(text) > 300 else ''}")
    return lines


def compose(procedure, facets=(), *, on=None):
    """The answer about `procedure`'s version in force: the asked facets, or a summary when none is asked."""
    version = procedure.current
    on = on or timezone.localdate()
    channels = list(version.channels.all())
    asked = list(facets) or ["papers", "place", "time", "fee"]
    lines = [f"Thủ tục: {version.name} (mã {procedure.code})."]
    for facet in asked:
        if facet == "papers":
            lines += _section_papers(version)
        elif facet == "place":
            lines += _section_place(version, procedure, channels)
        elif facet == "contact":
            lines += _section_contact(procedure, version)
        elif facet == "time":
            lines += _section_time(channels)
        elif facet == "fee":
            lines += _section_fee(channels, on)
        elif facet == "steps":
            lines += _section_steps(version)
    return "\n".join(lines)
