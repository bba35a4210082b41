"""Public pages of the feedback hotline: file without an account, follow by code, read published answers."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.feedback import services
from motcua.feedback.models import CONTENT_MAX, TITLE_MAX, Category, Channel, Feedback
from motcua.feedback.progress import stages
from motcua.feedback.workflow import State
from motcua.lib.errors import DomainError
from motcua.units.models import Agency

SESSION_KEY = "feedback_codes"


def _city_agencies():
    return Agency.objects.filter(province__code=settings.MOTCUA_CITY_PROVINCE_CODE, is_active=True).order_by("name")


class FileForm(forms.Form):
    category = forms.ChoiceField(label="Loại phản ánh, kiến nghị", choices=Category.choices)
    title = forms.CharField(label="Tiêu đề", max_length=TITLE_MAX)
    content = forms.CharField(label="Nội dung", max_length=CONTENT_MAX, widget=forms.Textarea(attrs={"rows": 8}))
    agency = forms.ModelChoiceField(label="Cơ quan liên quan (nếu biết)", queryset=Agency.objects.none(),
                                    required=False, empty_label="— Để Trung tâm chuyển đúng nơi —")
    procedure_code = forms.CharField(label="Mã thủ tục liên quan (nếu có)", max_length=20, required=False)
    address = forms.CharField(label="Địa điểm xảy ra (nếu có)", max_length=255, required=False)
    citizen_name = forms.CharField(label="Họ và tên", max_length=100, required=False)
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    # A honeypot: hidden from people by CSS, filled by naive form-spamming robots.
    website = forms.CharField(label="Để trống ô này", required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _city_agencies()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Không gửi được phản ánh này.")
        return ""


class TrackForm(forms.Form):
    code = forms.CharField(label="Mã phản ánh", max_length=20)
    tail = forms.CharField(label="4 số cuối điện thoại (hoặc 4 ký tự cuối trước @ của thư điện tử)",
                           min_length=4, max_length=4)


class NoteForm(forms.Form):
    note = forms.CharField(label="Nội dung", max_length=CONTENT_MAX, widget=forms.Textarea(attrs={"rows": 4}))


def _ip(request):
    return request.META.get("REMOTE_ADDR")


def _remember(request, code):
    codes = request.session.get(SESSION_KEY, [])
    if code not in codes:
        request.session[SESSION_KEY] = (codes + [code])[-20:]


def _own(request, code):
    """Return the item if this browser proved the code and the contact's last 4 digits before."""
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404
    return get_object_or_404(Feedback.objects.select_related("agency", "procedure"), code=code)


def file(request):
    form = FileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            item = services.file_feedback(channel=Channel.WEB, at=timezone.now(), ip=_ip(request), **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return render(request, "portal/feedback/file.html", {"form": form}, status=exc.status)
        _remember(request, item.code)
        request.session["feedback_filed"] = item.code
        return redirect("portal:feedback_filed")
    return render(request, "portal/feedback/file.html", {"form": form}, status=400 if form.errors else 200)


def filed(request):
    code = request.session.get("feedback_filed")
    if not code:
        return redirect("portal:feedback_file")
    return render(request, "portal/feedback/filed.html", {"item": _own(request, code)})


def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.find_for_sender(form.cleaned_data["code"], form.cleaned_data["tail"], ip=_ip(request),
                                            at=timezone.now())
        except DomainError as exc:
            form.add_error(None, exc.message)
            return render(request, "portal/feedback/track.html", {"form": form}, status=exc.status)
        _remember(request, item.code)
        return redirect("portal:feedback_status", code=item.code)
    return render(request, "portal/feedback/track.html", {"form": form}, status=400 if form.errors else 200)


def status(request, code):
    item = _own(request, code)
    context = {
        "item": item,
        "events": item.events.select_related("agency", "to_agency"),
        "stages": stages(item, now=timezone.now()),
        "note_form": NoteForm(),
        "can_respond": item.state in (State.ANSWERED, State.PUBLISHED) and not item.resolved_confirmed_at,
    }
    return render(request, "portal/feedback/status.html", context)


def _sender_act(request, code, act, message, *, text_arg=None):
    item = _own(request, code)
    kwargs = {}
    try:
        if text_arg:
            form = NoteForm(request.POST)
            if not form.is_valid():
                raise DomainError(f"Vui lòng nhập nội dung (tối đa {CONTENT_MAX} ký tự).")
            kwargs[text_arg] = form.cleaned_data["note"]
        act(item, at=timezone.now(), **kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return redirect("portal:feedback_status", code=code)


@require_POST
def confirm(request, code):
    return _sender_act(request, code, services.confirm_resolved, "Cảm ơn bạn đã xác nhận.")


@require_POST
def reopen(request, code):
    return _sender_act(request, code, services.reopen_feedback, "Đã gửi đề nghị xử lý lại tới cơ quan.",
                       text_arg="reason")


@require_POST
def supply(request, code):
    return _sender_act(request, code, services.supply_information, "Đã gửi thông tin bổ sung.", text_arg="note")


def published(request):
    query = request.GET.get("q", "")[:200]
    category = request.GET.get("loai", "")
    category = category if category in Category.values else ""
    items = services.published_feedback(query=query, category=category, agency_code=request.GET.get("co_quan", ""))
    page = Paginator(items, 20).get_page(request.GET.get("trang"))
    others = request.GET.copy()  # every filter (also co_quan) is kept from page to page
    others.pop("trang", None)
    return render(request, "portal/feedback/published.html", {"page": page, "q": query, "category": category,
                                                              "categories": Category.choices,
                                                              "query": others.urlencode()})


def published_detail(request, pk):
    item = get_object_or_404(Feedback.objects.select_related("agency"), pk=pk, state=State.PUBLISHED)
    return render(request, "portal/feedback/published_detail.html", {"item": item})
