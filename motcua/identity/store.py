"""The citizen's data store (kho dữ liệu điện tử của tổ chức, cá nhân): keep, list, consent, reuse.

Results motcua issues and papers digitised at a counter go in under the citizen's personal number (NĐ 107/2021;
TT 01/2023/TT-VPCP). The citizen sees them, and decides whether agencies may reuse each one; a later dossier takes
a consented paper instead of an upload (DuocLayTuKhoDMQG).
"""

import hashlib
import re

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.lib.errors import Forbidden, NotFound

from .models import StoredPaper

PID = re.compile(r"^\d{12}$")


def keep(*, owner_pid, title, origin, at, content: bytes = b"", stored_name="", sha256="", source_dossier="",
         agency=None, catalogue_name="", file_name="giay-to.pdf", synthetic=False):
    """Put a paper in the store of `owner_pid`: new `content`, or a file already stored (`stored_name`, `sha256`).

    None when the number is not a 12-digit personal number: an organisation or a number we cannot key a store on.
    """
    if not PID.match(owner_pid or ""):
        return None
    paper = StoredPaper(owner_pid=owner_pid, title=title[:500], origin=origin, issued_at=at,
                        sha256=sha256 or hashlib.sha256(content).hexdigest(), source_dossier=source_dossier or "",
                        source_agency=agency, catalogue_name=catalogue_name, is_synthetic=synthetic)
    if stored_name:
        paper.file.name = stored_name
    else:
        paper.file.save(file_name, ContentFile(content), save=False)
    paper.save()
    return paper


def papers_of(pid):
    return StoredPaper.objects.filter(owner_pid_hash__matches=pid).select_related("source_agency")


@transaction.atomic
def set_consent(paper_id, *, pid, consent, at):
    paper = StoredPaper.objects.select_for_update().filter(pk=paper_id).first()
    if paper is None:
        raise NotFound("Không tìm thấy giấy tờ trong kho dữ liệu.")
    if paper.owner_pid != pid:
        raise Forbidden("Giấy tờ này không thuộc kho dữ liệu của bạn.")
    paper.reuse_consent, paper.consent_changed_at = bool(consent), at
    paper.save(update_fields=["reuse_consent", "consent_changed_at"])
    return paper


def reusable_for(pid, title_words=()):
    """Consented papers of `pid` a dossier may take instead of an upload, best match to the component first."""
    papers = list(papers_of(pid).filter(reuse_consent=True))
    if not title_words:
        return papers
    words = {w.lower() for w in title_words}

    def score(p):
        return -len(words & set(f"{p.title} {p.catalogue_name}".lower().split()))

    return sorted(papers, key=score)


def take(paper_id, *, pid):
    """The stored paper a dossier reuses: it must be the citizen's and consented."""
    paper = StoredPaper.objects.filter(pk=paper_id, owner_pid_hash__matches=pid, reuse_consent=True).first()
    if paper is None:
        raise Forbidden("Giấy tờ này không có trong kho dữ liệu của bạn hoặc chưa được bạn đồng ý cho dùng lại.")
    return paper
