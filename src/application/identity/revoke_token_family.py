"""Use case: end every session of one sign-in, in a transaction of its own."""

from uuid import UUID

from application.identity.ports import IdentityUnitOfWork
from application.shared.ports import Clock
from application.shared.transactions import TransactionRunner


class RevokeTokenFamily:
    """Revokes every refresh token issued since one sign-in.

    - Runs in a transaction of its own, through the runner, and is committed when it
      returns: the request that detected a stolen token is refused (and rolled back), but
      the revocation it caused must last.
    """

    def __init__(self, transactions: TransactionRunner[IdentityUnitOfWork], clock: Clock) -> None:
        self._transactions = transactions
        self._clock = clock

    async def __call__(self, family_id: UUID) -> None:
        async def revoke(uow: IdentityUnitOfWork) -> None:
            await uow.refresh_tokens.revoke_family(family_id, now=self._clock.now())

        await self._transactions.run(revoke)
