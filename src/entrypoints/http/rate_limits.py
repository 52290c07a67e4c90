"""Rate limits applied at the edge, where the client's address is known."""

from __future__ import annotations

import hashlib

from starlette.requests import Request

from application.shared.rate_limit import RateLimitDecision, RateLimiter
from entrypoints.http.dependencies import container_of
from entrypoints.settings import Settings


def rate_limit_headers(decision: RateLimitDecision) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_after_seconds),
    }


async def limit_sign_in(
    request: Request,
    email: str,
    limiter: RateLimiter,
    settings: Settings,
) -> RateLimitDecision:
    """Per client address (spraying many accounts) and per account (guessing one password).

    The account key is a digest, so no email address is written to the limiter's store.
    Returns the tighter of the two decisions, for the `RateLimit-*` headers.
    """
    window = settings.login_limit_window_seconds
    refusals = container_of(request).rate_limit_refusals()
    client = request.client.host if request.client else "unknown"
    by_client = refusals.enforce(
        "sign_in_client",
        await limiter.hit(f"sign-in:ip:{client}", settings.login_limit_per_ip, window),
    )
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    by_account = refusals.enforce(
        "sign_in_account",
        await limiter.hit(f"sign-in:account:{account}", settings.login_limit_per_email, window),
    )
    return min(by_client, by_account, key=lambda decision: decision.remaining)
