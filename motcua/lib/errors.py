class DomainError(Exception):
    """A rule of the domain refused an action. `message` is Vietnamese and shown to the user as is.

    `status` is the HTTP status that fits when the refusal reaches the API or a page:
    400 bad input, 403 not allowed, 404 not found, 409 conflict with the current state.
    """

    status = 400

    def __init__(self, message, *, status=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409
