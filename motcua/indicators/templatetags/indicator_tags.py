from django import template

from motcua.lib.money import format_vnd

register = template.Library()


@register.filter
def pct(value, digits=1):
    """0.9734 → '97,3%'; None → '—' (no data)."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}%".replace(".", ",")


@register.filter
def points(value):
    """Decimal('87.50') → '87,50'; None → 'Chưa đủ dữ liệu'."""
    if value is None:
        return "—"
    return f"{float(value):.2f}".replace(".", ",")


@register.filter
def vnd(value):
    return format_vnd(value or 0)


@register.filter
def number(value):
    return f"{int(value or 0):,}".replace(",", ".")


@register.filter
def interval(value):
    if not value:
        return ""
    lo, hi = value
    return f"{lo * 100:.1f}–{hi * 100:.1f}%".replace(".", ",")


@register.filter
def dec(value, digits=2):
    """1.1834 → '1,18'; None → '—'."""
    if value is None:
        return "—"
    return f"{float(value):.{int(digits)}f}".replace(".", ",")


@register.filter
def masked_code(value):
    """A dossier code with its sequence hidden (public lists must not hand out codes to track)."""
    from motcua.dossiers.codes import masked

    return masked(value)
