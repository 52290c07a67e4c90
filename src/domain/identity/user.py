"""The User aggregate: who may sign in, under which role, and whether they still may.

The domain never sees a plain password, only the hash the application layer made of it, so
a password can neither be logged nor persisted by accident from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from domain.shared.errors import DomainError, DomainValidationError, NotFoundError
from domain.shared.ids import UserId
from domain.shared.roles import Role

_T = TypeVar("_T")

EMAIL_MAX = 254  # the longest address SMTP can deliver to (RFC 5321 path limit)
FULL_NAME_MAX = 200
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


class UserNotFoundError(NotFoundError):
    code = "user_not_found"


class EmailTakenError(DomainError):
    """One account per mailbox: the email is how a person signs in and is reached."""

    code = "email_taken"


class InvalidEmailError(DomainValidationError):
    code = "invalid_email"


class WeakPasswordError(DomainValidationError):
    code = "weak_password"


class InvalidUserError(DomainValidationError):
    code = "invalid_user"


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased, so `Ann@Example.com ` and `ann@example.com` are one account."""
    normalised = email.strip().lower()
    if len(normalised) > EMAIL_MAX or not EMAIL_PATTERN.fullmatch(normalised):
        raise InvalidEmailError(f"{email!r} is not an email address", field="email")
    return normalised


@dataclass(frozen=True, slots=True, kw_only=True)
class UserChanges:
    """What an admin may change; `None` leaves the field as it is."""

    role: Role | None = None
    is_active: bool | None = None
    full_name: str | None = None


class User:
    """Invariants: a normalised email, a 1-200 character name, exactly one role.

    `version` rises by one on every change; writers compare it to detect lost updates.
    """

    def __init__(
        self,
        *,
        id: UserId,
        email: str,
        full_name: str,
        password_hash: str,
        role: Role,
        is_active: bool,
        created_at: datetime,
        updated_at: datetime,
        version: int,
    ) -> None:
        self.id = id
        self.email = email
        self.full_name = full_name
        self.password_hash = password_hash
        self.role = role
        self.is_active = is_active
        self.created_at = created_at
        self.updated_at = updated_at
        self.version = version

    @classmethod
    def register(
        cls,
        *,
        id: UserId,
        email: str,
        full_name: str,
        password_hash: str,
        now: datetime,
        role: Role = Role.CUSTOMER,
    ) -> User:
        """Self-service sign-up yields a customer; only bootstrapping passes another role."""
        return cls(
            id=id,
            email=normalise_email(email),
            full_name=_clean_full_name(full_name),
            password_hash=password_hash,
            role=role,
            is_active=True,
            created_at=now,
            updated_at=now,
            version=1,
        )

    def change(self, changes: UserChanges, *, now: datetime) -> None:
        """Applies every field or none: the name is checked before anything is assigned."""
        full_name = None if changes.full_name is None else _clean_full_name(changes.full_name)
        self.full_name = _pick(full_name, self.full_name)
        self.role = _pick(changes.role, self.role)
        self.is_active = _pick(changes.is_active, self.is_active)
        self._touch(now)

    def rehash(self, new_hash: str, *, now: datetime) -> None:
        """Same password, stronger hashing parameters: upgraded when the user proves it."""
        self.password_hash = new_hash
        self._touch(now)

    def reset_password(self, new_hash: str, *, now: datetime) -> None:
        self.password_hash = new_hash
        self._touch(now)

    def promote_to_admin(self, *, now: datetime) -> None:
        """Bootstrapping must end with an admin who can sign in, so this also reactivates."""
        if self.role is not Role.ADMIN or not self.is_active:
            self.role = Role.ADMIN
            self.is_active = True
            self._touch(now)

    def _touch(self, now: datetime) -> None:
        self.updated_at = now
        self.version += 1


def _pick(new: _T | None, old: _T) -> _T:
    return old if new is None else new


def _clean_full_name(full_name: str) -> str:
    cleaned = full_name.strip()
    if not cleaned or len(cleaned) > FULL_NAME_MAX:
        raise InvalidUserError(f"full_name must be 1-{FULL_NAME_MAX} characters", field="full_name")
    return cleaned
