"""Forms of the staff console: one per action on a dossier, and the counter intake."""

import uuid

from django import forms
from django.contrib.auth import get_user_model

from motcua.dossiers.models import ApplicantKind, Delivery, Payment
from motcua.units.models import Agency, Membership


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Lý do công dân rút hồ sơ", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class EmptyForm(forms.Form):
    pass


def time_limit_field():
    return forms.IntegerField(
        label="Hẹn trả sau (số ngày làm việc)", min_value=1, max_value=365,
        help_text="Danh mục thủ tục không ghi rõ thời hạn giải quyết: nơi tiếp nhận hẹn và ghi vào giấy tiếp nhận.")


class AcceptForm(forms.Form):
    """Acceptance; asks for the time limit only when the catalogue gives none the calendar can count."""

    def __init__(self, *args, needs_time_limit=False, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_time_limit:
            self.fields["time_limit_days"] = time_limit_field()


class SupplementRequestForm(forms.Form):
    items = forms.CharField(label="Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)", widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="Lý do, hướng dẫn", widget=forms.Textarea(attrs={"rows": 2}))

    def clean_items(self):
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label="Giao cho", queryset=get_user_model().objects.none())
    note = forms.CharField(label="Ý kiến chỉ đạo", required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(memberships__agency__in=agencies).distinct().order_by("first_name")
        self.fields["handler"].queryset = users
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class ApologyForm(forms.Form):
    reason = forms.CharField(label="Lý do chậm", widget=forms.Textarea(attrs={"rows": 2}))
    new_due_at = forms.DateTimeField(label="Hẹn trả mới", input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class ResultForm(forms.Form):
    result_file = forms.FileField(label="Kết quả số hóa (PDF, JPG, PNG)", required=False)
    note = forms.CharField(label="Ghi chú", required=False)


class ReturnForm(forms.Form):
    delivery = forms.ChoiceField(label="Trả kết quả", choices=Delivery.choices)
    note = forms.CharField(label="Ghi chú", required=False)


class PaymentForm(forms.Form):
    amount = forms.IntegerField(label="Số tiền (đồng)", min_value=1)
    method = forms.ChoiceField(label="Hình thức", choices=[(Payment.Method.CASH, "Tiền mặt"),
                                                           (Payment.Method.TRANSFER, "Chuyển khoản")])
    reference = forms.CharField(label="Số biên lai / mã giao dịch", required=False)


class SupplyForm(forms.Form):
    name = forms.CharField(label="Giấy tờ nộp bổ sung")
    file = forms.FileField(label="Bản quét", required=False)
    note = forms.CharField(label="Ghi chú", required=False)


class CounterIntakeForm(forms.Form):
    """A walk-in dossier on one screen: applicant, papers received (ticked), result delivery."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex)
    agency = forms.ModelChoiceField(label="Nơi tiếp nhận", queryset=None, empty_label=None)
    applicant_kind = forms.ChoiceField(label="Chủ hồ sơ", choices=ApplicantKind.choices)
    applicant_name = forms.CharField(label="Họ và tên / Tên tổ chức", max_length=255)
    applicant_id_number = forms.CharField(label="Số CCCD / mã số", max_length=30, required=False)
    applicant_phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    applicant_email = forms.EmailField(label="Thư điện tử", required=False)
    applicant_address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    delivery = forms.ChoiceField(label="Nhận kết quả", choices=Delivery.choices)
    delivery_address = forms.CharField(label="Địa chỉ nhận qua bưu chính", max_length=255, required=False)
    notes = forms.CharField(label="Ghi chú", required=False)

    def __init__(self, *args, user, papers, needs_time_limit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _reception_agencies(user)
        if needs_time_limit:
            self.fields["time_limit_days"] = time_limit_field()
        # The papers that apply to the applicant's situation (guides.applicable), none ticked in advance: the
        # officer ticks what the citizen actually hands in.
        self.papers = list(papers)
        for p in self.papers:
            c = p.component
            self.fields[f"{p.key}_got"] = forms.BooleanField(required=False, initial=False)
            self.fields[f"{p.key}_originals"] = forms.IntegerField(min_value=0, max_value=99,
                                                                     initial=getattr(c, "originals", 1))
            self.fields[f"{p.key}_copies"] = forms.IntegerField(min_value=0, max_value=99,
                                                                  initial=getattr(c, "copies", 0))
            self.fields[f"{p.key}_file"] = forms.FileField(required=False)

    def applicant_fields(self):
        names = ["agency", "applicant_kind", "applicant_name", "applicant_id_number", "applicant_phone",
                 "applicant_email", "applicant_address", "delivery", "delivery_address", "time_limit_days"]
        return [self[n] for n in names if n in self.fields]

    def paper_rows(self):
        return [{"paper": p, "got": self[f"{p.key}_got"], "originals": self[f"{p.key}_originals"],
                 "copies": self[f"{p.key}_copies"], "file": self[f"{p.key}_file"]} for p in self.papers]


def _reception_agencies(user):
    ids = Membership.objects.filter(user=user).values_list("agency_id", flat=True)
    return Agency.objects.filter(pk__in=ids).order_by("name")
