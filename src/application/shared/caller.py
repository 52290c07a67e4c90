"""Who is acting: the use cases' view of an authenticated caller (or of nobody)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from uuid import UUID

from application.shared.errors import ApplicationError, PermissionDeniedError
from domain.shared.roles import Role


class NotAuthenticatedError(ApplicationError):
    """Nobody proved who they are; every subclass answers 401 the same way."""

    code = "not_authenticated"


class Access(Enum):
    """Who may call a use case at all, declared on its class (`access`).

    The use case enforces it; the HTTP edge reads the same declaration to refuse a caller
    before it looks at the request's body or query (SPEC §5: 401, then 403, then 422).
    """

    ANYONE = "anyone"
    SIGNED_IN = "signed_in"
    STAFF = "staff"
    ADMIN = "admin"

    @staticmethod
    def strictest(declared: Iterable[Access]) -> Access:
        """Who may call them all, of several declarations (anyone, when there are none)."""
        return max(declared, key=_STRICTNESS.index, default=Access.ANYONE)


_STRICTNESS = (Access.ANYONE, Access.SIGNED_IN, Access.STAFF, Access.ADMIN)


@dataclass(frozen=True, slots=True, kw_only=True)
class Caller:
    user_id: UUID | None
    role: Role | None

    @classmethod
    def anonymous(cls) -> Caller:
        """One shared instance: a caller is immutable, and most requests are anonymous."""
        return _ANONYMOUS

    @property
    def is_staff(self) -> bool:
        """Admins can do everything staff can."""
        return self.role in {Role.STAFF, Role.ADMIN}

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def sees(self, owner_id: UUID) -> bool:
        """Staff see everyone's orders and invoices; anyone else sees only their own."""
        return self.is_staff or owner_id == self.user_id

    def admit(self, access: Access) -> None:
        """Refuses a caller that `access` does not let in: 401 if anonymous, else 403."""
        if access is Access.SIGNED_IN:
            self.require_user()
        elif access is Access.STAFF:
            self.require_staff()
        elif access is Access.ADMIN:
            self.require_admin()

    def require_staff(self) -> None:
        """Anonymous callers learn they must sign in (401) before learning their role (403)."""
        self.require_user()
        if not self.is_staff:
            raise PermissionDeniedError("this action needs the staff or admin role")

    def require_admin(self) -> None:
        self.require_user()
        if not self.is_admin:
            raise PermissionDeniedError("this action needs the admin role")

    def require_user(self) -> UUID:
        """The caller's user id; anonymous callers are refused before any role check."""
        if self.user_id is None:
            raise NotAuthenticatedError("sign in to use this endpoint")
        return self.user_id


_ANONYMOUS = Caller(user_id=None, role=None)
