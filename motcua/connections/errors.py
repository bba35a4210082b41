from motcua.lib.errors import DomainError


class Unavailable(DomainError):
    """The outside system did not answer (timeout, refused, 5xx after retries) or its breaker is open."""

    status = 503


class Rejected(DomainError):
    """The outside system answered with a refusal (4xx): retrying the same request will not help."""

    status = 502

    def __init__(self, message, *, status_code=None, body=None):
        super().__init__(message)
        self.status_code = status_code
        self.body = body
