"""The hall display's voice: "Mời số 1023 đến quầy 3" rendered to WAV by espeak-ng (Debian package espeak-ng,
Vietnamese voice "vi"). Files are kept on disk under VAR_DIR/speech, shared by every process."""

import hashlib
import shutil
import subprocess

from django.conf import settings

from .errors import OfficeError


def wav(text):
    """Return the WAV bytes of `text` spoken in Vietnamese (rendered once, then read from disk)."""
    folder = settings.VAR_DIR / "speech"
    path = folder / (hashlib.sha256(text.encode()).hexdigest()[:24] + ".wav")
    if path.exists():
        return path.read_bytes()
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise OfficeError("Máy chủ chưa cài espeak-ng nên không đọc được lời mời.", status=503)
    folder.mkdir(parents=True, exist_ok=True)
    data = subprocess.run([binary, "-v", "vi", "-s", "135", "--stdout", text], capture_output=True, check=True,
                          timeout=10).stdout
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return data
