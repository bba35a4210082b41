"""Dossier codes (mã số hồ sơ), Decree 61 Art.26 and TT 01/2018 Art.19: agency identifier, receipt date
(YYMMDD) and a four-digit daily sequence, e.g. `T01-TTPVHCC-261127-0042`.

TT 03/2025 may change the format (not verified), so the generator is pluggable: set
`MOTCUA_DOSSIER_CODE_GENERATOR` to the dotted path of a callable `(agency, received_at) -> str`.
"""

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import CodeCounter


def next_code(agency, received_at):
    """Return a new unique code for a dossier received by `agency` at `received_at`."""
    path = getattr(settings, "MOTCUA_DOSSIER_CODE_GENERATOR", "motcua.dossiers.codes.daily_sequence_code")
    return import_string(path)(agency, received_at)


def daily_sequence_code(agency, received_at):
    """Issue `AGENCYCODE-YYMMDD-NNNN` using a counter row per agency and local day.

    One statement creates the counter or increments it and returns the new value. On PostgreSQL a second
    intake racing for the same prefix waits on the row lock the first one took, until that transaction ends,
    then reads the incremented value; SQLite serialises writers. Sequences never repeat.
    """
    day = timezone.localtime(received_at).strftime("%y%m%d")
    prefix = f"{agency.code}-{day}"
    table = connection.ops.quote_name(CodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, last) VALUES (%s, 1) "
            f"ON CONFLICT (prefix) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [prefix],
        )
        (last,) = cursor.fetchone()
    return f"{prefix}-{last:04d}"


def masked(code):
    """The code as public lists show it: its last group hidden, so a list never hands out codes to track.

    `T01-TTPVHCC-261127-0042` → `T01-TTPVHCC-261127-••••`; a code without groups keeps its first third.
    """
    code = code or ""
    head, dash, tail = code.rpartition("-")
    if dash and head:
        return f"{head}-{'•' * len(tail)}"
    keep = len(code) // 3
    return code[:keep] + "•" * (len(code) - keep)
