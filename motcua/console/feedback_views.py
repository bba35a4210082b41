"""Officer pages of the feedback hotline: inbox of the officer's agencies, filing on a citizen's behalf, acts.

Views parse, call one service, render. Access goes through feedback.access; the rules live in feedback.services.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.feedback import services
from motcua.feedback.access import feedback_visible_to, get_feedback_for_staff
from motcua.feedback.models import ANSWER_MAX, CONTENT_MAX, NOTE_MAX, TITLE_MAX, Category, Channel
from motcua.feedback.progress import stages
from motcua.feedback.workflow import Action, State, allowed
from motcua.lib.errors import DomainError, Forbidden
from motcua.units.access import staff_agencies, staff_only
from motcua.units.models import ViewRecord

staff_page = staff_only(template="console/feedback/error.html")


class OnBehalfForm(forms.Form):
    channel = forms.ChoiceField(label="Kênh tiếp nhận", choices=[(Channel.PHONE, Channel.PHONE.label),
                                                                 (Channel.LETTER, Channel.LETTER.label)])
    agency = forms.ModelChoiceField(label="Cơ quan xử lý", queryset=None)
    category = forms.ChoiceField(label="Loại", choices=Category.choices)
    title = forms.CharField(label="Tiêu đề", max_length=TITLE_MAX)
    content = forms.CharField(label="Nội dung", max_length=CONTENT_MAX, widget=forms.Textarea(attrs={"rows": 6}))
    procedure_code = forms.CharField(label="Mã thủ tục (nếu có)", max_length=20, required=False)
    citizen_name = forms.CharField(label="Họ tên người phản ánh", max_length=100, required=False)
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = staff_agencies(user).order_by("name")


class TextForm(forms.Form):
    text = forms.CharField(max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 5}), required=False)
    agency = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        from motcua.units.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True)


# Name in the URL -> (action, call of its service with the posted text or agency).
ACTS = {
    "tiep-nhan": (Action.ACCEPT, lambda item, user, at, data: services.accept_feedback(item, actor=user, at=at)),
    "tu-choi": (Action.REFUSE, lambda item, user, at, data: services.refuse_feedback(
        item, actor=user, at=at, reason=data["text"][:NOTE_MAX])),
    "chuyen": (Action.TRANSFER, lambda item, user, at, data: services.transfer_feedback(
        item, actor=user, at=at, to_agency=data["agency"], note=data["text"][:NOTE_MAX])),
    "yeu-cau-bo-sung": (Action.REQUEST_INFO, lambda item, user, at, data: services.request_information(
        item, actor=user, at=at, note=data["text"][:NOTE_MAX])),
    "tra-loi": (Action.ANSWER, lambda item, user, at, data: services.answer_feedback(
        item, actor=user, at=at, answer=data["text"])),
    "cong-khai": (Action.PUBLISH, lambda item, user, at, data: services.publish_answer(item, actor=user, at=at)),
}


@staff_page
def inbox(request):
    state = request.GET.get("trang_thai", "")
    items = feedback_visible_to(request.user).select_related("agency").order_by("due_at", "-received_at")
    items = items.filter(state=state) if state in State.values else items.exclude(
        state__in=[State.PUBLISHED, State.REFUSED])
    now = timezone.now()
    rows = [{"item": item, "stages": stages(item, now=now)} for item in items[:200]]
    return render(request, "console/feedback/inbox.html", {"rows": rows, "state": state, "states": State.choices})


@staff_page
def file_on_behalf(request):
    form = OnBehalfForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.file_feedback(actor=request.user, at=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã nhập phản ánh {item.code}. Hãy báo mã này cho người phản ánh.")
            return redirect("console:feedback_detail", code=item.code)
    return render(request, "console/feedback/file.html", {"form": form}, status=400 if form.errors else 200)


@staff_page
def detail(request, code):
    item = get_feedback_for_staff(request.user, code, page=ViewRecord.Page.CONSOLE_FEEDBACK)
    acts = [(name, action.label) for name, (action, _call) in ACTS.items() if allowed(action, item.state)]
    context = {
        "item": item,
        "events": item.events.select_related("agency", "to_agency", "actor"),
        "stages": stages(item, now=timezone.now()),
        "acts": acts,
        "agencies": TextForm().fields["agency"].queryset.order_by("name"),
    }
    return render(request, "console/feedback/detail.html", context)


@require_POST
@staff_page
def act(request, code, name):
    item = get_feedback_for_staff(request.user, code, page=ViewRecord.Page.CONSOLE_FEEDBACK_ACTION, detail=name)
    if name not in ACTS:
        raise Forbidden("Thao tác không hợp lệ.")
    form = TextForm(request.POST)
    if not form.is_valid():
        raise DomainError("Nội dung quá dài hoặc cơ quan không hợp lệ.")
    action, call = ACTS[name]
    item = call(item, request.user, timezone.now(), form.cleaned_data)
    messages.success(request, f"Đã thực hiện: {action.label}.")
    if not feedback_visible_to(request.user).filter(pk=item.pk).exists():  # transferred away
        return redirect("console:feedback_inbox")
    return redirect("console:feedback_detail", code=code)
