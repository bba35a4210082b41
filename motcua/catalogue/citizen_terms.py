"""The citizen vocabulary as data: how people name procedures, edited in the admin, shared by catalogue search and
the assistant. Each entry says who added it and why. The rules that read it live in `vocabulary.py`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenTerm(models.Model):
    class Kind(models.TextChoices):
        SYNONYM = "synonym", _("Cách nói thường ngày → cách gọi trong danh mục")
        ABBREVIATION = "abbreviation", _("Chữ viết tắt")
        PROCEDURE = "procedure", _("Cụm từ → thủ tục")
        LIFE_EVENT = "life_event", _("Sự kiện trong đời → các thủ tục thường cần")
        OFFTOPIC = "offtopic", _("Ngoài phạm vi thủ tục hành chính")
        ABSENT = "absent", _("Thủ tục chưa có trong danh mục")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    phrase = models.CharField(_("cụm từ người dân dùng"), max_length=300)
    phrase_folded = models.CharField(_("cụm từ (không dấu)"), max_length=300, db_index=True, editable=False)
    meaning = models.CharField(
        _("cách gọi trong danh mục"), max_length=300, blank=True,
        help_text=_("Với từ đồng nghĩa và chữ viết tắt: cụm từ thay thế, viết như trong tên thủ tục."),
    )
    codes = models.CharField(
        _("mã thủ tục"), max_length=300, blank=True,
        help_text=_("Các mã thủ tục cách nhau bởi dấu cách, theo thứ tự nên làm (với cụm từ → thủ tục và sự kiện)."),
    )
    label = models.CharField(_("tên sự kiện"), max_length=200, blank=True)
    reason = models.TextField(_("lý do thêm"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người thêm"),
    )
    source = models.CharField(_("nguồn"), max_length=100, default="admin", help_text=_("seed = tệp khởi tạo; review = hàng chờ duyệt câu hỏi; admin = trang quản trị"))
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("thời điểm thêm"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm sửa"), auto_now=True, db_index=True)  # the vocabulary's stamp, per question

    class Meta:
        ordering = ["kind", "phrase_folded"]
        constraints = [models.UniqueConstraint(fields=["kind", "phrase_folded"], name="citizen_term_unique_phrase")]
        verbose_name = _("từ ngữ của người dân")
        verbose_name_plural = _("từ ngữ của người dân")

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        from .vocabulary import fold_phrase

        self.phrase_folded = fold_phrase(self.phrase)
        super().save(*args, **kwargs)
