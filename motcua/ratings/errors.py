"""Refusals raised by the ratings services (messages are Vietnamese and shown as is)."""

from motcua.lib.errors import Conflict, DomainError, Forbidden, NotFound


class RatingError(DomainError):
    """Bad input for a rating, a survey answer or an evaluation (400)."""


class RatingNotFound(NotFound, RatingError):
    pass


class RatingForbidden(Forbidden, RatingError):
    pass


class RatingConflict(Conflict, RatingError):
    pass
