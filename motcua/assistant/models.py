"""The assistant's own data: one embedding per procedure version and per citizen-vocabulary phrase, and the questions
it declined."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Embedding(models.Model):
    """A vector of the embedding model named, and the hash of the text it was computed from (stale when it changes)."""

    model = models.CharField(_("mô hình"), max_length=100)
    text_hash = models.CharField(_("mã băm văn bản"), max_length=64)
    vector = models.BinaryField(_("véc-tơ (float32)"))
    # Indexed: the retriever's stamp reads the last one on every question (catalogue_index._stamp), a lookup in
    # the index instead of a scan of every row and its vector.
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True


class VersionEmbedding(Embedding):
    """The embedding of a procedure version's name and field, computed when the version is saved."""

    version = models.OneToOneField(
        "catalogue.ProcedureVersion", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )

    class Meta:
        verbose_name = _("véc-tơ ngữ nghĩa của thủ tục")
        verbose_name_plural = _("véc-tơ ngữ nghĩa của thủ tục")


class PhraseEmbedding(Embedding):
    """The embedding of a citizen-vocabulary phrase that names procedures ("nhập khẩu về nhà chồng"), keyed by the
    phrase as matched (folded). The semantic stage reads a question close to such a phrase as close to its
    procedures: what staff and engineers map teaches the ranking too, not only the exact wording."""

    phrase = models.CharField(_("cụm từ (không dấu)"), max_length=300, primary_key=True)

    class Meta:
        verbose_name = _("véc-tơ ngữ nghĩa của cụm từ người dân")
        verbose_name_plural = _("véc-tơ ngữ nghĩa của cụm từ người dân")


class DeclinedQuestion(models.Model):
    """A question waiting for staff review: declined by the assistant, or answered and disliked by the citizen.
    An officer maps it to a procedure or marks it off-topic (`review.resolve`), which becomes vocabulary at once."""

    class Reason(models.TextChoices):
        DECLINED = "declined", _("Trợ lý từ chối")
        DISLIKED = "disliked", _("Người dân không hài lòng")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Chờ xem xét")
        MAPPED = "mapped", _("Đã gắn thủ tục")
        OFFTOPIC = "offtopic", _("Ngoài phạm vi")
        ABSENT = "absent", _("Thủ tục chưa có trong danh mục")

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
    reason = models.CharField(_("lý do vào hàng chờ"), max_length=10, choices=Reason.choices, default=Reason.DECLINED)
    answered_code = models.CharField(_("thủ tục đã trả lời"), max_length=20, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True)
    mapped_code = models.CharField(_("gắn với thủ tục (mã)"), max_length=20, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("cán bộ xem xét"),
    )
    reviewed_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at"]
        verbose_name = _("câu hỏi chờ xem xét")
        verbose_name_plural = _("hàng chờ câu hỏi của trợ lý")

    def __str__(self):
        return self.question[:80]


class AnswerVote(models.Model):
    """👍/👎 of a citizen on one answer of the assistant, about the agency the answer concerned (766 indicator 5.3
    per unit: `review.votes_by_agency`); no agency when the procedure is received by several and the citizen gave
    no commune or agency."""

    question = models.TextField(_("câu hỏi"))
    code = models.CharField(_("thủ tục đã trả lời"), max_length=20, blank=True)
    agency = models.ForeignKey(
        "units.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("cơ quan được đánh giá"),
    )
    useful = models.BooleanField(_("hữu ích"))
    channel = models.CharField(_("kênh"), max_length=10, default="page")
    voted_at = models.DateTimeField(_("thời điểm đánh giá"), db_index=True)

    class Meta:
        ordering = ["-voted_at"]
        verbose_name = _("đánh giá câu trả lời")
        verbose_name_plural = _("đánh giá câu trả lời")

    def __str__(self):
        return f"{'👍' if self.useful else '👎'} {self.question[:60]}"
