"""Errors raised by use cases about the request rather than the business rules."""

from domain.shared.errors import DomainError


class ApplicationError(DomainError):
    code = "application_error"


class PermissionDeniedError(ApplicationError):
    """The caller is known but their role may not perform this action."""

    code = "forbidden"


class PreconditionFailedError(ApplicationError):
    """The caller's `If-Match` version is no longer the current one."""

    code = "precondition_failed"
