"""The reviewed citizen layer (hướng dẫn đã duyệt) over a procedure of the catalogue.

A Guide belongs to one procedure. Its content lives in GuideVersion rows, numbered like procedure versions:
an editor writes a draft, another person (an approver) publishes it, and the published version stays as it was
(a later edit is a new draft). Each version records the catalogue rows it was reviewed against
(`source_snapshot`); when a new catalogue version changes those rows a ReviewTask opens with the difference and
the published text stays in place until someone reviews it.

Glossary: hướng dẫn → Guide; câu hỏi tình huống → Question; phương án trả lời → Answer; giấy tờ → GuidePaper;
trường của tờ khai → DeclarationField; việc cần rà soát → ReviewTask.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Guide(models.Model):
    procedure = models.OneToOneField("catalogue.Procedure", on_delete=models.CASCADE, related_name="guide",
                                     verbose_name=_("thủ tục"))
    published = models.OneToOneField("GuideVersion", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False, verbose_name=_("bản đang công bố"))

    class Meta:
        ordering = ["procedure__code"]
        verbose_name = _("hướng dẫn cho người dân")
        verbose_name_plural = _("hướng dẫn cho người dân")

    def __str__(self):
        return f"Hướng dẫn {self.procedure.code}"


class GuideVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đang công bố")
        RETIRED = "retired", _("Đã thay thế")

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions", verbose_name=_("hướng dẫn"))
    number = models.PositiveIntegerField(_("phiên bản"), editable=False)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT,
                             editable=False)
    summary = models.TextField(_("tóm tắt bằng lời dễ hiểu"))
    declaration_title = models.CharField(_("tên tờ khai"), max_length=255, blank=True)
    legal_basis_checked = models.TextField(_("căn cứ pháp lý đã đối chiếu"), blank=True,
                                           help_text=_("Các văn bản trong danh mục mà bản này đã được đối chiếu."))
    credit = models.CharField(_("người soạn, người duyệt (ghi công khai)"), max_length=255, blank=True)
    change_note = models.CharField(_("nội dung thay đổi"), max_length=255, blank=True)
    # The catalogue version and its component rows this text was reviewed against.
    reviewed_against = models.ForeignKey("catalogue.ProcedureVersion", on_delete=models.SET_NULL, null=True,
                                         blank=True, related_name="+", editable=False,
                                         verbose_name=_("đối chiếu với phiên bản thủ tục"))
    source_snapshot = models.JSONField(_("thành phần hồ sơ lúc đối chiếu"), default=list, editable=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False, verbose_name=_("người soạn"))
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", editable=False, verbose_name=_("người duyệt"))
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["guide", "-number"]
        unique_together = [("guide", "number")]
        verbose_name = _("phiên bản hướng dẫn")
        verbose_name_plural = _("phiên bản hướng dẫn")
        permissions = [("publish_guideversion", _("Duyệt và công bố hướng dẫn"))]

    def __str__(self):
        return f"{self.guide.procedure.code} hướng dẫn v{self.number} ({self.get_state_display()})"


class GuidePaper(models.Model):
    """A paper of the procedure as the citizen meets it, tied to one catalogue row by its text."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("Nộp (tải lên khi nộp trực tuyến)")
        PRESENT = "present", _("Xuất trình khi đến cơ quan")
        EFORM = "eform", _("Tờ khai điền trực tuyến")

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="papers")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    key = models.SlugField(_("mã"), max_length=50)
    label = models.CharField(_("tên dễ hiểu"), max_length=255)
    source_name = models.TextField(_("dòng thành phần hồ sơ trong danh mục"),
                                   help_text=_("Nguyên văn dòng của danh mục mà giấy tờ này ứng với."))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.SUBMIT)
    always = models.BooleanField(_("luôn cần"), default=False,
                                 help_text=_("Cần trong mọi trường hợp; nếu không, chỉ khi một câu trả lời kéo theo."))
    # The seam for data asked once (NĐ 104/2022): a paper the agency looks up itself in this source is not asked.
    obtainable_from = models.CharField(_("cơ quan tự tra cứu tại"), max_length=100, blank=True)
    help = models.TextField(_("giải thích"), blank=True)

    class Meta:
        ordering = ["version", "order"]
        unique_together = [("version", "key")]
        verbose_name = _("giấy tờ")
        verbose_name_plural = _("giấy tờ")

    def __str__(self):
        return self.label


class Question(models.Model):
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    key = models.SlugField(_("mã"), max_length=50)
    text = models.CharField(_("câu hỏi"), max_length=255)
    help = models.TextField(_("gợi ý"), blank=True)

    class Meta:
        ordering = ["version", "order"]
        unique_together = [("version", "key")]
        verbose_name = _("câu hỏi tình huống")
        verbose_name_plural = _("câu hỏi tình huống")

    def __str__(self):
        return self.text


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    key = models.SlugField(_("mã"), max_length=50)
    text = models.CharField(_("phương án"), max_length=255)
    standard = models.BooleanField(_("trường hợp thông thường"), default=False)
    papers = models.ManyToManyField(GuidePaper, blank=True, related_name="brought_by",
                                    verbose_name=_("giấy tờ cần thêm"))

    class Meta:
        ordering = ["question", "order"]
        unique_together = [("question", "key")]
        verbose_name = _("phương án trả lời")
        verbose_name_plural = _("phương án trả lời")

    def __str__(self):
        return self.text


class DeclarationField(models.Model):
    class Type(models.TextChoices):
        TEXT = "text", _("Chữ")
        LONG_TEXT = "long_text", _("Đoạn văn")
        DATE = "date", _("Ngày (dd/mm/yyyy)")
        NUMBER = "number", _("Số")
        CHOICE = "choice", _("Chọn một")

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="fields")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    section = models.CharField(_("phần của tờ khai"), max_length=100,
                               help_text=_("Mỗi phần là một trang khi nộp trực tuyến."))
    name = models.SlugField(_("mã trường"), max_length=50)
    label = models.CharField(_("nhãn"), max_length=255)
    type = models.CharField(_("kiểu"), max_length=10, choices=Type.choices, default=Type.TEXT)
    required = models.BooleanField(_("bắt buộc"), default=True)
    help = models.CharField(_("gợi ý"), max_length=255, blank=True)
    choices = models.CharField(_("các lựa chọn (ngăn bởi dấu ;)"), max_length=500, blank=True)

    class Meta:
        ordering = ["version", "order"]
        unique_together = [("version", "name")]
        verbose_name = _("trường của tờ khai")
        verbose_name_plural = _("trường của tờ khai")

    def __str__(self):
        return self.label


class ReviewTask(models.Model):
    """The catalogue rows under a published layer changed: someone must review the layer against them."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="review_tasks",
                              verbose_name=_("hướng dẫn"))
    procedure_version = models.ForeignKey("catalogue.ProcedureVersion", on_delete=models.CASCADE, related_name="+",
                                          verbose_name=_("phiên bản thủ tục mới"))
    opened_at = models.DateTimeField(_("mở lúc"))
    difference = models.TextField(_("khác biệt so với bản đã duyệt"))
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("người đóng"))
    outcome = models.CharField(_("kết quả rà soát"), max_length=255, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("việc cần rà soát")
        verbose_name_plural = _("việc cần rà soát")
        constraints = [models.UniqueConstraint(fields=["guide", "procedure_version"], name="one_task_per_source")]

    def __str__(self):
        return f"Rà soát {self.guide.procedure.code} (phiên bản thủ tục {self.procedure_version.number})"
