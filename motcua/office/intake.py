"""What the office adds to a dossier taken at the counter: the link to the queue ticket, and the programme."""

from . import programmes, queue


def after_counter_intake(dossier, *, ticket=None, actor, at):
    """Link `ticket` (if any) to the dossier just taken, and enrol the dossier in the programme covering it."""
    if ticket is not None:
        queue.link_dossier(ticket, dossier, actor=actor, at=at)
    return programmes.enrol(dossier)
