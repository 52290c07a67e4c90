"""Argon2id password hashing (argon2-cffi), off the event loop.

A hash takes tens of milliseconds of CPU and megabytes of memory by design; running it in a
worker thread keeps one sign-in from stalling every other request of the process, and a cap
on concurrent hashes keeps a flood of sign-ins from exhausting memory (64 MiB each).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True, kw_only=True)
class Argon2Parameters:
    """Defaults are RFC 9106's second recommended option (64 MiB, 3 passes)."""

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4


class Argon2PasswordHasher:
    def __init__(
        self,
        parameters: Argon2Parameters | None = None,
        max_concurrent: int = os.cpu_count() or 1,
    ) -> None:
        parameters = parameters or Argon2Parameters()
        self._slots = asyncio.Semaphore(max_concurrent)
        self._hasher = PasswordHasher(
            time_cost=parameters.time_cost,
            memory_cost=parameters.memory_cost_kib,
            parallelism=parameters.parallelism,
            type=Type.ID,
        )
        # Made with the current parameters, so verifying against it costs what a real one does.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(32))

    async def hash(self, password: str) -> str:
        return await self._in_thread(lambda: self._hasher.hash(password))

    async def verify(self, password_hash: str, password: str) -> bool:
        return await self._in_thread(lambda: self._verify(password_hash, password))

    async def verify_dummy(self, password: str) -> None:
        await self.verify(self._dummy_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True

    async def _in_thread(self, work: Callable[[], _T]) -> _T:
        async with self._slots:
            return await asyncio.to_thread(work)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
