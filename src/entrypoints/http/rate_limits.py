"""Rate limits applied at the edge, where the client's address is known."""

from __future__ import annotations

import hashlib

import structlog
from starlette.requests import Request
from starlette.types import Scope

from application.shared.rate_limit import (
    RateLimitDecision,
    RateLimiter,
    RateLimiterUnavailableError,
)
from entrypoints.http.dependencies import container_of
from entrypoints.runtime_metrics import RateLimitRefusals
from entrypoints.settings import Settings


def rate_limit_headers(decision: RateLimitDecision) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_after_seconds),
    }


class ClientLimit:
    """The limit on every API request of one client, whatever the endpoint: a generous
    budget that stops a runaway script before it starves everyone else. The client is its
    address, the proxy's forwarded one when that proxy is trusted (`FORWARDED_ALLOW_IPS`):
    a token would let one person spread over many budgets, and most reads carry none.

    It fails open: when the limiter's store (Redis) cannot answer, the request goes through
    uncounted, with no `RateLimit-*` headers, rather than the whole API failing with it. The
    sign-in and registration limits, which guard against attacks, do not (they answer 503).
    The outage is logged when it starts and when it ends.
    """

    def __init__(
        self,
        limiter: RateLimiter,
        refusals: RateLimitRefusals,
        *,
        per_client: int,
        window_seconds: int,
    ) -> None:
        self._limiter = limiter
        self._refusals = refusals
        self._per_client = per_client
        self._window_seconds = window_seconds
        self._failing = False
        self._log = structlog.get_logger("orderly.rate_limit")

    async def hit(self, scope: Scope) -> RateLimitDecision | None:
        client = scope.get("client")
        try:
            decision = await self._limiter.hit(
                f"api:ip:{client[0] if client else 'unknown'}",
                self._per_client,
                self._window_seconds,
            )
        except RateLimiterUnavailableError as error:
            if not self._failing:
                self._failing = True
                self._log.warning("client_limit_unavailable", error=str(error))
            return None
        if self._failing:
            self._failing = False
            self._log.info("client_limit_available")
        return self._refusals.observe("api_client", decision)


async def limit_sign_in(
    request: Request,
    email: str,
    limiter: RateLimiter,
    settings: Settings,
) -> RateLimitDecision:
    """Per client address (spraying many accounts): every attempt counts. Per account
    (guessing one password): only failed attempts count (`count_failed_sign_in`), so a user
    who signs in often is never locked out by their own successes; here it is only checked.

    The account key is a digest, so no email address is written to the limiter's store.
    Returns the tighter of the two decisions, for the `RateLimit-*` headers.
    """
    window = settings.login_limit_window_seconds
    refusals = container_of(request).rate_limit_refusals()
    by_client = refusals.enforce(
        "sign_in_client",
        await limiter.hit(_client_key("sign-in", request), settings.login_limit_per_ip, window),
    )
    by_account = refusals.enforce(
        "sign_in_account",
        await limiter.check(_account_key(email), settings.login_limit_per_email, window),
    )
    return min(by_client, by_account, key=lambda decision: decision.remaining)


async def count_failed_sign_in(email: str, limiter: RateLimiter, settings: Settings) -> None:
    await limiter.hit(
        _account_key(email), settings.login_limit_per_email, settings.login_limit_window_seconds
    )


async def limit_registration(
    request: Request, limiter: RateLimiter, settings: Settings
) -> RateLimitDecision:
    """Per client address: each registration hashes a password, which is costly on purpose."""
    decision = await limiter.hit(
        _client_key("register", request),
        settings.register_limit_per_ip,
        settings.register_limit_window_seconds,
    )
    return container_of(request).rate_limit_refusals().enforce("register_client", decision)


def _client_key(action: str, request: Request) -> str:
    client = request.client.host if request.client else "unknown"
    return f"{action}:ip:{client}"


def _account_key(email: str) -> str:
    return "sign-in:account:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
