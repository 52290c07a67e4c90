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


def require_version(resource: str, current: int, expected: int | None) -> None:
    """`If-Match` semantics: no expectation always holds; any version but the current fails.

    The detail names the current version only: the caller's tag may not even be a version.
    """
    if expected is not None and expected != current:
        raise PreconditionFailedError(
            f"{resource} has changed since it was read; it is now at version {current}",
        )
