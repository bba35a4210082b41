"""Admin form fields that edit lists as rows instead of coded text: the fees of a channel (one row per fee, with
the kind and the body that sets it as drop-downs) and the alternatives of a paper (one per line).

A fee row field is a plain form field of the channel's inline form, so it works with the admin's "every edit
is a new version" (save as new): the rows are read from the POST and written to the new channel.
"""

from django import forms
from django.core.exceptions import ValidationError

from .models import Channel, FeeItem

FEE_FIELDS = ("amount", "kind", "set_by", "description")


class FeeRowsWidget(forms.Widget):
    template_name = "catalogue/fee_rows.html"
    blank_rows = 2  # room for new fees without JavaScript; save to get more

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = [dict(row) for row in (value or [])] + [{} for _ in range(self.blank_rows)]
        context["widget"].update(rows=rows, kinds=FeeItem.Kind.choices, set_by=FeeItem.SetBy.choices)
        return context

    def value_from_datadict(self, data, files, name):
        rows, i = [], 0
        while f"{name}-{i}-kind" in data:
            row = {f: data.get(f"{name}-{i}-{f}", "") for f in FEE_FIELDS}
            row.update(appraisal=f"{name}-{i}-appraisal" in data, delete=f"{name}-{i}-delete" in data)
            rows.append(row)
            i += 1
        return rows

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-0-kind" not in data


class FeeRowsField(forms.Field):
    """A channel's fees as rows; cleans to FeeItem field dicts. A row with neither amount nor description is unused."""

    widget = FeeRowsWidget

    def clean(self, value):
        fees, errors = [], []
        for n, row in enumerate(value or [], 1):
            amount_text = str(row.get("amount", "") or "").strip()
            description = (row.get("description") or "").strip()
            if row.get("delete") or (not amount_text and not description):
                continue
            digits = amount_text.replace(".", "").replace(",", "").replace("đ", "").replace(" ", "")
            if digits and not digits.isdigit():
                errors.append(f"Dòng {n}: số tiền «{amount_text}» không hợp lệ (chỉ ghi số đồng, ví dụ 50.000).")
            kind, set_by = row.get("kind"), row.get("set_by")
            if kind not in FeeItem.Kind.values or set_by not in FeeItem.SetBy.values:
                errors.append(f"Dòng {n}: hãy chọn loại phí và thẩm quyền quy định trong danh sách.")
            fees.append({"amount": int(digits) if digits.isdigit() else None, "kind": kind, "set_by": set_by,
                         "appraisal": bool(row.get("appraisal")), "description": description})
        if errors:
            raise ValidationError(errors)
        return fees


def fee_rows(channel):
    return [{f: getattr(fee, f) for f in (*FEE_FIELDS, "appraisal")} for fee in channel.fees.all()]


class LinesField(forms.CharField):
    """A list of short texts edited one per line."""

    widget = forms.Textarea(attrs={"rows": 2, "cols": 40})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (super().to_python(value) or "").splitlines() if line.strip()]


class ChannelKindsField(forms.TypedMultipleChoiceField):
    """The channels a paper is limited to; none ticked means every channel."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Channel.Kind.choices, required=False, **kwargs)
