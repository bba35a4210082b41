"""Refusals raised by the office services. Messages are Vietnamese and shown as is."""

from motcua.lib.errors import Conflict, DomainError, Forbidden, NotFound


class OfficeError(DomainError):
    status = 400


class OfficeNotFound(NotFound, OfficeError):
    pass


class OfficeConflict(Conflict, OfficeError):
    pass


class OfficeForbidden(Forbidden, OfficeError):
    pass
