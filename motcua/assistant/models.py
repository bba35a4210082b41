"""The assistant's own data: one embedding per procedure version, and the questions it declined."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionEmbedding(models.Model):
    """The embedding of a procedure version's name and field, computed when the version is saved."""

    version = models.OneToOneField(
        "catalogue.ProcedureVersion", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(_("mô hình"), max_length=100)
    text_hash = models.CharField(_("mã băm văn bản"), max_length=64)
    vector = models.BinaryField(_("véc-tơ (float32)"))
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("véc-tơ ngữ nghĩa của thủ tục")
        verbose_name_plural = _("véc-tơ ngữ nghĩa của thủ tục")


class DeclinedQuestion(models.Model):
    """A question the assistant did not answer, kept for the catalogue team."""

    class Channel(models.TextChoices):
        PAGE = "page", _("Trang trợ lý")
        WIDGET = "widget", _("Ô hỏi trên trang thủ tục")
        API = "api", _("API")
        COMMAND = "command", _("Dòng lệnh")

    question = models.TextField(_("câu hỏi"))
    asked_at = models.DateTimeField(_("thời điểm hỏi"), db_index=True)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    best_code = models.CharField(_("thủ tục gần nhất"), max_length=20, blank=True)
    best_score = models.FloatField(_("điểm của thủ tục gần nhất"), null=True, blank=True)
    context_code = models.CharField(_("thủ tục đang hỏi trước đó"), max_length=20, blank=True)

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("câu hỏi chưa trả lời được")
        verbose_name_plural = _("câu hỏi chưa trả lời được")

    def __str__(self):
        return self.question[:80]
