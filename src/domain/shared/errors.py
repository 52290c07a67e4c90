"""The root of every error the core raises.

Each error carries a stable snake_case `code`; the HTTP edge maps error classes to status
codes in one table, so the core never speaks HTTP.
"""


class DomainError(Exception):
    """A business rule refused the operation.

    A refusal normally leaves no trace: the unit of work rolls back. `preserves_changes`
    marks the rare refusal whose side effect is the point and must commit even though the
    request fails (revoking a stolen refresh-token family).
    """

    code = "domain_error"
    preserves_changes = False


class DomainValidationError(DomainError):
    """Input that breaks an invariant of a value object or aggregate."""

    code = "validation_error"


class NotFoundError(DomainError):
    """The thing does not exist, or the caller may not see it (same answer on purpose)."""

    code = "not_found"


class ConcurrentModificationError(DomainError):
    """Another writer changed the aggregate between our read and our write."""

    code = "concurrent_modification"
