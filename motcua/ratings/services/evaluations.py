"""Per-dossier evaluation by the citizen after the result is returned (NĐ 61/2018 Art.31).

The citizen reaches the form through a signed link (notification, tracking page, receipt QR); the link carries
the dossier id signed with the site's secret, so no account is needed and nobody can rate another dossier.
One evaluation per dossier; the citizen may change it until `editable_until` (MOTCUA_RATINGS_EDIT_DAYS).
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status

from .. import conf
from ..errors import RatingConflict, RatingError, RatingNotFound
from ..models import CRITERIA, DossierEvaluation

SALT = "motcua.ratings.dossier-evaluation"
COMMENT_MAX = 2000
UNOFFICIAL_COST_MAX = 10**12
OPTIONAL = {"online"}


def evaluation_token(dossier):
    return signing.dumps(dossier.pk, salt=SALT)


def evaluation_url(dossier, *, absolute=True):
    """Return the link to print on the receipt QR, the tracking page and the return notification."""
    path = reverse("portal:rate_dossier", args=[evaluation_token(dossier)])
    return settings.MOTCUA_PUBLIC_BASE_URL.rstrip("/") + path if absolute else path


def dossier_for_token(token):
    """Return the dossier a signed link points to, or raise RatingNotFound for a forged or expired link."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=conf.link_max_age())
    except signing.BadSignature:
        raise RatingNotFound(_("Đường dẫn đánh giá không đúng hoặc đã hết hạn.")) from None
    dossier = Dossier.objects.select_related("agency", "procedure").filter(pk=pk).first()
    if dossier is None:
        raise RatingNotFound(_("Không tìm thấy hồ sơ."))
    return dossier


def check_can_evaluate(dossier, *, at):
    """Raise unless the citizen may submit or change the evaluation of this dossier at `at`."""
    if dossier.status != Status.RETURNED:
        raise RatingConflict(_("Hồ sơ chưa được trả kết quả nên chưa thể đánh giá."))
    existing = DossierEvaluation.objects.filter(dossier=dossier).first()
    if existing is not None and at > existing.editable_until:
        raise RatingConflict(_("Đã hết thời hạn sửa đánh giá của hồ sơ này."))
    return existing


def submit_evaluation(dossier, *, answers, at, comment="", unofficial_cost=None):
    """Create the dossier's evaluation, or change it within the editing window. Returns the evaluation.

    `answers` maps each criterion field (see models.CRITERIA) to the raw 2/1/0 value from the form.
    """
    values = _parse(answers, comment, unofficial_cost)
    with transaction.atomic():
        # Lock the dossier so two tabs submitting at once make one evaluation and one update, not an error.
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        existing = check_can_evaluate(dossier, at=at)
        if existing is not None:
            return _update(existing, values, at)
        try:
            with transaction.atomic():
                return DossierEvaluation.objects.create(
                    dossier=dossier,
                    agency_id=dossier.agency_id,
                    officer_id=_reception_officer_id(dossier),
                    created_at=at,
                    updated_at=at,
                    editable_until=at + conf.edit_window(),
                    **values,
                )
        except IntegrityError:
            raise RatingConflict(_("Hồ sơ này đã được đánh giá.")) from None


def _update(evaluation, values, at):
    for name, value in values.items():
        setattr(evaluation, name, value)
    evaluation.updated_at = at
    evaluation.revisions += 1
    evaluation.save()
    return evaluation


def _reception_officer_id(dossier):
    """The officer who accepted the dossier (the one the citizen met), from the acceptance event."""
    return (
        dossier.events.filter(to_status=Status.ACCEPTED, actor__isnull=False)
        .order_by("seq")
        .values_list("actor_id", flat=True)
        .first()
    )


def _parse(answers, comment, unofficial_cost):
    values = {}
    for name, question, choices in CRITERIA:
        raw = answers.get(name)
        if raw in (None, ""):
            if name in OPTIONAL:
                values[name] = None
                continue
            raise RatingError(_("Xin Ông/Bà chọn một ý cho câu: “%(q)s”.") % {"q": question})
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value not in choices.values:
            raise RatingError(_("Câu “%(q)s”: lựa chọn không hợp lệ.") % {"q": question})
        values[name] = value
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise RatingError(_("Ý kiến dài quá %(n)s ký tự.") % {"n": COMMENT_MAX})
    values["comment"] = comment
    values["unofficial_cost"] = _parse_cost(unofficial_cost)
    return values


def _parse_cost(raw):
    if raw in (None, ""):
        return None
    try:
        amount = int(str(raw).replace(".", "").replace(",", "").replace(" ", "").removesuffix("đ"))
    except ValueError:
        raise RatingError(_("Số tiền phải là một số (đồng).")) from None
    if not 0 <= amount <= UNOFFICIAL_COST_MAX:
        raise RatingError(_("Số tiền không hợp lệ."))
    return amount
