"""Who is acting: the use cases' view of an authenticated caller (or of nobody)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.shared.errors import ApplicationError, PermissionDeniedError
from domain.shared.roles import Role


class NotAuthenticatedError(ApplicationError):
    """Nobody proved who they are; every subclass answers 401 the same way."""

    code = "not_authenticated"


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
