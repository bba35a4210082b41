"""What was written for a dossier created in the current transaction, kept on the instance.

- Its rows, as the services write them (`add()`): what every event builds from its dossier (the sync record's
  fee lines, supplement requests and history) then needs no query during an intake: nobody else can have
  written rows for a dossier no other transaction can see yet.
- Its own values as last saved: saving it again (a counter intake is accepted in the transaction that created
  it) writes only the fields that changed (`changed()`).

For any other dossier (one `services._core.lock` re-read) both answer None and the caller reads the database or
saves every field.
"""

from datetime import date
from decimal import Decimal

from motcua.lib.crypto_fields import BlindIndexField

RELATIONS = ("fees", "supplements", "events")
SCALARS = (str, int, float, Decimal, date, type(None))  # compared by value; any other value is written again


def start(dossier):
    """`dossier` was created (saved) in this transaction: it has no rows yet."""
    dossier._written = {relation: [] for relation in RELATIONS}
    saved(dossier)


def saved(dossier):
    """`dossier` was saved: for one created in this transaction, keep its values as the stored ones."""
    if getattr(dossier, "_written", None) is not None:
        dossier._saved = {f.attname: getattr(dossier, f.attname) for f in dossier._meta.concrete_fields
                          if not f.primary_key}


def changed(dossier):
    """The names of the fields changed since the dossier was saved (with the keyed hashes of changed personal
    data), or None when its stored values are not known here."""
    stored = getattr(dossier, "_saved", None)
    if stored is None:
        return None
    names = {name for name, value in stored.items()
             if not isinstance(value, SCALARS) or getattr(dossier, name) != value}
    return [f.attname for f in dossier._meta.concrete_fields
            if f.attname in names or (isinstance(f, BlindIndexField) and f.of in names)]


def add(dossier, relation, rows):
    written = getattr(dossier, "_written", None)
    if written is not None:
        written[relation].extend(rows)


def rows(dossier, relation):
    """The rows of `relation` written so far, or None when the dossier was not created in this transaction."""
    written = getattr(dossier, "_written", None)
    return None if written is None else written[relation]
