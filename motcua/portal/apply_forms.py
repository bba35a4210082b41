"""One question per page: the forms of the online application (GOV.UK pattern)."""

from django import forms

from motcua.dossiers.models import ApplicantKind, Delivery


class KindForm(forms.Form):
    question = "Bạn nộp hồ sơ cho ai?"
    applicant_kind = forms.ChoiceField(label=question, choices=ApplicantKind.choices, widget=forms.RadioSelect,
                                       error_messages={"required": "Hãy chọn cá nhân hoặc tổ chức."})


class NameForm(forms.Form):
    question = "Họ và tên của người nộp (chủ hồ sơ)?"
    hint = "Ghi đầy đủ, có dấu, đúng như trên giấy tờ tùy thân. Với tổ chức: tên đầy đủ của tổ chức."
    applicant_name = forms.CharField(label=question, max_length=255,
                                     error_messages={"required": "Hãy nhập họ và tên."})


class IdForm(forms.Form):
    question = "Số định danh cá nhân (số CCCD) hoặc mã số của tổ chức?"
    hint = "Dùng để xác minh và để tra cứu hồ sơ bằng 4 số cuối."
    applicant_id_number = forms.RegexField(label=question, regex=r"^[0-9A-Za-z\-]{6,30}$", max_length=30,
                                           error_messages={"required": "Hãy nhập số giấy tờ.",
                                                           "invalid": "Số giấy tờ chỉ gồm chữ số và chữ cái, "
                                                                      "từ 6 đến 30 ký tự."})


class ContactForm(forms.Form):
    question = "Chúng tôi liên hệ với bạn thế nào?"
    hint = "Bạn sẽ nhận tin nhắn và thư điện tử mỗi khi hồ sơ có thay đổi."
    applicant_phone = forms.RegexField(label="Số điện thoại di động", regex=r"^\+?[0-9 .]{9,15}$",
                                       error_messages={"required": "Hãy nhập số điện thoại.",
                                                       "invalid": "Số điện thoại chưa đúng, ví dụ 0912345678."})
    applicant_email = forms.EmailField(label="Thư điện tử (không bắt buộc)", required=False,
                                       error_messages={"invalid": "Địa chỉ thư điện tử chưa đúng."})


class AddressForm(forms.Form):
    question = "Địa chỉ của bạn?"
    hint = "Số nhà, đường phố, xã/phường, tỉnh/thành phố."
    applicant_address = forms.CharField(label=question, max_length=255, widget=forms.Textarea(attrs={"rows": 3}),
                                        error_messages={"required": "Hãy nhập địa chỉ."})


class FileForm(forms.Form):
    file = forms.FileField(label="Chọn tệp (PDF, JPG hoặc PNG)", required=False)
    skip = forms.BooleanField(label="Tôi không thuộc trường hợp phải nộp giấy tờ này", required=False)


class DeliveryForm(forms.Form):
    question = "Bạn muốn nhận kết quả ở đâu?"
    delivery = forms.ChoiceField(label=question, choices=Delivery.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Hãy chọn nơi nhận kết quả."})
    delivery_address = forms.CharField(label="Địa chỉ nhận qua bưu chính (nếu khác địa chỉ của bạn)",
                                       max_length=255, required=False)


class AgencyForm(forms.Form):
    question = "Bạn nộp hồ sơ tới đâu?"
    hint = "Hồ sơ được tiếp nhận không phụ thuộc nơi cư trú trong thành phố."
    agency = forms.ChoiceField(label=question, widget=forms.RadioSelect,
                               error_messages={"required": "Hãy chọn nơi nộp hồ sơ."})

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(a.pk), a.name) for a in agencies]


class SituationForm(forms.Form):
    """One situation question of the reviewed layer; the answer decides which papers are asked."""

    answer = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": "Hãy chọn một trường hợp."})

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question, self.hint = question.text, question.help
        self.fields["answer"].label = question.text
        self.fields["answer"].choices = [(a.key, a.text) for a in question.answers.all()]
