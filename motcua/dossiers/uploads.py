"""Checks on files handed in with a dossier: type by content (not by name), size, and storage.

Only PDF, JPEG and PNG are accepted (NĐ 61 Art.17 scans). The size limit is settings.MOTCUA_UPLOAD_MAX_BYTES.
Files are written through Django's storage API before the intake transaction commits; `StoredFiles` removes
them again if the transaction fails, so a failed intake leaves neither rows nor files.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import InvalidUpload

SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


def sniff(head: bytes):
    """Return (content_type, extension) for a supported file's first bytes, or None."""
    for magic, content_type, ext in SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    return None


def validate_upload(upload):
    """Raise InvalidUpload unless the file is a PDF/JPEG/PNG within the size limit; return (type, ext)."""
    name = getattr(upload, "name", "") or "tệp"
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise InvalidUpload(_("Tệp “%(name)s” quá lớn (%(size)s MB); dung lượng tối đa là %(max)s MB.") % {
            "name": name, "size": _mb(upload.size), "max": _mb(limit)})
    if upload.size == 0:
        raise InvalidUpload(_("Tệp “%(name)s” rỗng.") % {"name": name})
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise InvalidUpload(_("Tệp “%(name)s” không phải PDF, JPEG hoặc PNG. Chỉ nhận các định dạng này.") % {
            "name": name})
    return kind


def _mb(size):
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


class StoredFiles:
    """Save uploads through the default storage and delete them all if the surrounding block fails."""

    def __init__(self):
        self.names = []

    def save(self, upload, ext, *, folder="dossiers/files"):
        name = f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"
        digest = hashlib.sha256()
        upload.seek(0)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        stored = default_storage.save(name, upload)
        self.names.append(stored)
        return stored, digest.hexdigest()

    def discard(self):
        for name in self.names:
            default_storage.delete(name)
        self.names = []

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.discard()
        return False
