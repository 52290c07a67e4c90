"""Who is acting: the use cases' view of an authenticated caller (or of nobody)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.shared.errors import PermissionDeniedError
from domain.shared.roles import Role


@dataclass(frozen=True, slots=True, kw_only=True)
class Principal:
    user_id: UUID | None
    role: Role | None

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(user_id=None, role=None)

    @property
    def is_staff(self) -> bool:
        """Admins can do everything staff can."""
        return self.role in {Role.STAFF, Role.ADMIN}

    def require_staff(self) -> None:
        if not self.is_staff:
            raise PermissionDeniedError("this action needs the staff or admin role")
