from django import template

register = template.Library()


@register.filter
def pct(value):
    """0.8266 -> '82,66%'; None -> '—' (no answers yet)."""
    if value is None:
        return "—"
    return f"{value * 100:.2f}".replace(".", ",") + "%"


@register.filter
def getvalue(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def field_name(question):
    return f"q{question.pk}"
