"""The citizen's online application in progress, kept in the session until they send it.

Answers are plain strings in the session. Files are written at once through the storage API under
`drafts/<draft key>/` (a session cannot hold them) and handed to intake when the citizen sends the dossier;
intake stores its own copies, then the draft files are removed.
"""

import uuid

from django.core.files import File
from django.core.files.storage import default_storage

SESSION_PREFIX = "apply:"


class Draft:
    def __init__(self, session, procedure_code):
        self.session = session
        self.slot = SESSION_PREFIX + procedure_code
        data = session.get(self.slot) or {}
        self.key = data.get("key") or uuid.uuid4().hex
        self.answers = data.get("answers", {})
        self.files = data.get("files", {})  # component pk (str) -> {"path", "name"}

    def save(self):
        self.session[self.slot] = {"key": self.key, "answers": self.answers, "files": self.files}

    def put_file(self, component_pk, upload, ext):
        self.drop_file(component_pk)
        path = default_storage.save(f"drafts/{self.key}/{uuid.uuid4().hex}.{ext}", upload)
        self.files[str(component_pk)] = {"path": path, "name": upload.name[:200]}

    def drop_file(self, component_pk):
        old = self.files.pop(str(component_pk), None)
        if old:
            default_storage.delete(old["path"])

    def open_files(self, component_pk) -> list[File]:
        info = self.files.get(str(component_pk))
        if not info or not default_storage.exists(info["path"]):
            return []
        handle = default_storage.open(info["path"], "rb")
        return [File(handle, name=info["name"])]

    def discard(self):
        for info in self.files.values():
            default_storage.delete(info["path"])
        self.session.pop(self.slot, None)


def purge_drafts(*, older_than, now):
    """Delete draft files last written before `now - older_than` (abandoned applications); return how many."""
    removed = 0
    if not default_storage.exists("drafts"):
        return 0
    folders, _files = default_storage.listdir("drafts")
    for folder in folders:
        for name in default_storage.listdir(f"drafts/{folder}")[1]:
            path = f"drafts/{folder}/{name}"
            if default_storage.get_modified_time(path) < now - older_than:
                default_storage.delete(path)
                removed += 1
    return removed
