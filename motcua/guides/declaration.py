"""The declaration (tờ khai) filled in as fields: one form per section, and its rendering as the official form.

Values are plain strings (dates as dd/mm/yyyy) so they sit in a session draft and print as typed. The PDF is
rendered like the one-stop's other forms (Django template -> HTML -> WeasyPrint, A4 for a tờ khai).
"""

import datetime

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from .models import DeclarationField

PREFIX = "tk_"


def sections(layer):
    """The sections of the declaration in order (each is one page of the online form)."""
    seen = []
    for f in layer.fields.all():
        if f.section not in seen:
            seen.append(f.section)
    return seen


def section_form(layer, section, data=None, initial=None):
    form = forms.Form(data, initial=initial)
    for f in layer.fields.filter(section=section):
        form.fields[PREFIX + f.name] = _field(f)
    return form


def _field(f):
    common = {"label": f.label, "required": f.required, "help_text": f.help,
              "error_messages": {"required": f"Hãy điền: {f.label}."}}
    if f.type == DeclarationField.Type.CHOICE:
        choices = [(c.strip(), c.strip()) for c in f.choices.split(";") if c.strip()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if f.type == DeclarationField.Type.LONG_TEXT:
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if f.type == DeclarationField.Type.NUMBER:
        return _number(common)
    if f.type == DeclarationField.Type.DATE:
        return DateText(**common)
    return forms.CharField(max_length=255, **common)


def _number(common):
    common["error_messages"]["invalid"] = "Chỉ nhập chữ số."
    return forms.RegexField(regex=r"^[0-9]{1,12}$", max_length=12, **common)


class DateText(forms.CharField):
    """A date typed as dd/mm/yyyy, kept as that text once checked."""

    def __init__(self, **kwargs):
        kwargs["error_messages"]["invalid"] = "Ngày chưa đúng, ví dụ 05/03/2026."
        super().__init__(max_length=10, **kwargs)
        self.widget.attrs.update({"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})

    def clean(self, value):
        value = super().clean(value)
        if value:
            try:
                datetime.datetime.strptime(value, "%d/%m/%Y")
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return value


def filled(layer, answers):
    """[(section, [(label, value)])] of the declaration as the citizen filled it."""
    out = []
    for section in sections(layer):
        rows = [(f.label, answers.get(PREFIX + f.name, "")) for f in layer.fields.filter(section=section)]
        out.append((section, rows))
    return out


def render_pdf(layer, answers, *, situation=(), place="", on=None):
    """Return the declaration as a PDF (bytes) laid out as the official tờ khai."""
    from weasyprint import HTML  # late import: loading Pango is slow and most requests need no PDF

    html = render_to_string("forms/declaration.html", {
        "title": layer.declaration_title or "Tờ khai", "procedure": layer.guide.procedure,
        "sections": filled(layer, answers), "situation": situation, "place": place,
        "on": on or timezone.localdate()})
    return HTML(string=html).write_pdf()
