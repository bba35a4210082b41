"""The unit head's page of staff views: who saw which dossier or feedback item of the unit, when, on which page.

Heads and the officers they delegated "view_records" to (units.policy). Thin: parse the filter, one query.
"""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.lib.errors import Forbidden
from motcua.units import view_records
from motcua.units.access import staff_only
from motcua.units.models import Agency

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]  # the date picker's value, or typed by hand


class RecordFilter(forms.Form):
    can_bo = forms.ModelChoiceField(label=gettext_lazy("Cán bộ"), queryset=None, required=False,
                                    empty_label=gettext_lazy("Tất cả cán bộ"))
    ma = forms.CharField(label=gettext_lazy("Mã hồ sơ, mã phản ánh"), max_length=40, required=False)
    tu = forms.DateField(label=gettext_lazy("Từ ngày"), required=False, input_formats=DATE_FORMATS,
                         widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    den = forms.DateField(label=gettext_lazy("Đến ngày"), required=False, input_formats=DATE_FORMATS,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["can_bo"].queryset = view_records.officers_of(agencies)
        self.fields["can_bo"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        data = super().clean()
        if data.get("tu") and data.get("den") and data["tu"] > data["den"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."))
        return data


@staff_only
def view_records_page(request):
    agencies = view_records.readable_agencies(request.user)
    if not agencies:
        raise Forbidden(_("Trang này chỉ dành cho lãnh đạo đơn vị hoặc cán bộ được lãnh đạo ủy quyền xem lượt xem "
                          "hồ sơ."))
    form = RecordFilter(request.GET or None, agencies=agencies)
    criteria = {}
    if form.is_bound and form.is_valid():
        c = form.cleaned_data
        criteria = {"officer": c["can_bo"], "code": c["ma"], "since": c["tu"], "until": c["den"]}
    rows = view_records.records_for(agencies, **criteria) if not form.errors else view_records.records_for(set())
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "console/view_records.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "units": Agency.objects.filter(pk__in=agencies).order_by("name")}, status=400 if form.errors else 200)
