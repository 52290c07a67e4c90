"""The root of every error the core raises.

Each error carries a stable snake_case `code`; the HTTP edge maps error classes to status
codes in one table, so the core never speaks HTTP.
"""


class DomainError(Exception):
    """A business rule refused the operation; the unit of work rolls back, leaving no trace."""

    code = "domain_error"


class DomainValidationError(DomainError):
    """Input that breaks an invariant of a value object or aggregate.

    `field`, when the rule concerns one input field alone (an email that is not one, a price
    below zero), names it as the caller sent it, so the edge can point at it.
    """

    code = "validation_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(DomainError):
    """The thing does not exist, or the caller may not see it (same answer on purpose)."""

    code = "not_found"


class ConcurrentModificationError(DomainError):
    """Another writer changed the aggregate between our read and our write."""

    code = "concurrent_modification"
