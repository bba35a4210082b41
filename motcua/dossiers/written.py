"""The rows written for a dossier created in the current transaction, kept on the instance as they are written.

What every event builds from its dossier (the sync record's fee lines, supplement requests and history) then
needs no query during an intake: nobody else can have written rows for a dossier no other transaction can see
yet. For any other dossier (one `services._core.lock` re-read) `rows()` answers None and the caller reads the
database. The services that write these rows call `add()`.
"""

RELATIONS = ("fees", "supplements", "events")


def start(dossier):
    """`dossier` was created in this transaction: it has no rows yet."""
    dossier._written = {relation: [] for relation in RELATIONS}


def add(dossier, relation, rows):
    written = getattr(dossier, "_written", None)
    if written is not None:
        written[relation].extend(rows)


def rows(dossier, relation):
    """The rows of `relation` written so far, or None when the dossier was not created in this transaction."""
    written = getattr(dossier, "_written", None)
    return None if written is None else written[relation]
