"""Refusals raised by dossier services. Messages are Vietnamese and shown as is."""

from motcua.lib.errors import Conflict, DomainError, Forbidden, NotFound


class DossierError(DomainError):
    pass


class InvalidDossier(DossierError):
    status = 400


class InvalidUpload(InvalidDossier):
    pass


class IllegalTransition(Conflict, DossierError):
    pass


class RuleViolation(Conflict, DossierError):
    """The move is allowed by the workflow but a legal rule forbids it now (a second apology, a late one...)."""


class NotAllowed(Forbidden, DossierError):
    pass


class DossierNotFound(NotFound, DossierError):
    pass


class IdempotencyMismatch(DossierError):
    """The idempotency key was used before for another payload: refused, nothing about the first disclosed."""

    status = 422


class TooManyAttempts(DossierError):
    status = 429
