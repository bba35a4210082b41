"""Dossier codes (mã số hồ sơ), Decree 61 Art.26 and TT 01/2018 Art.19: agency identifier, receipt date
(YYMMDD) and a four-digit daily sequence, e.g. `T01-TTPVHCC-261127-0042`.

TT 03/2025 may change the format (not verified), so the generator is pluggable: set
`MOTCUA_DOSSIER_CODE_GENERATOR` to the dotted path of a callable `(agency, received_at) -> str`.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import CodeCounter


def next_code(agency, received_at):
    """Return a new unique code for a dossier received by `agency` at `received_at`."""
    path = getattr(settings, "MOTCUA_DOSSIER_CODE_GENERATOR", "motcua.dossiers.codes.daily_sequence_code")
    return import_string(path)(agency, received_at)


def daily_sequence_code(agency, received_at):
    """Issue `AGENCYCODE-YYMMDD-NNNN` using a counter row per agency and local day.

    Two intakes racing for the same prefix both try to create the counter (the loser's insert is ignored),
    then take the row lock with SELECT ... FOR UPDATE: the second waits until the first commits and reads
    the incremented value, so sequences never repeat. The lock is held until the caller's transaction ends.
    """
    day = timezone.localtime(received_at).strftime("%y%m%d")
    prefix = f"{agency.code}-{day}"
    with transaction.atomic():
        CodeCounter.objects.bulk_create([CodeCounter(prefix=prefix, last=0)], ignore_conflicts=True)
        counter = CodeCounter.objects.select_for_update().get(prefix=prefix)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{counter.last:04d}"
