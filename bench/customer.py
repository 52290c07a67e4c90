"""A customer of the service, set up over HTTP as a real client would, for the signed-in loads.

Registers with a long random password, signs in with the OAuth2 password form and places
orders, all through the public API, so the signed-in scenarios read rows the service itself
wrote. Access tokens are short-lived (15 minutes): `token()` signs in again whenever the one
held would not outlast the next load; sign-ins are rate-limited per account, so it never signs
in when it does not have to.
"""

from __future__ import annotations

import json
import random
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field

_TIMEOUT_S = 10
_TOKEN_MARGIN_S = 30  # a token must outlive the load it is used for by at least this much
# Requests go straight to 127.0.0.1 even when the shell has http_proxy set.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class CustomerSetupError(RuntimeError):
    """The service refused a setup request; the message carries the status and the body."""


def _call(
    method: str, url: str, *, body: bytes, content_type: str, headers: dict[str, str]
) -> dict[str, object]:
    request = urllib.request.Request(  # noqa: S310 - always the service's own http:// URL
        url, data=body, method=method, headers={"Content-Type": content_type, **headers}
    )
    try:
        with _DIRECT.open(request, timeout=_TIMEOUT_S) as response:
            document = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode(errors="replace")[:500]
        raise CustomerSetupError(f"{method} {url} answered {exc.code}: {detail}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise CustomerSetupError(f"{method} {url} failed: {exc}") from None
    if not isinstance(document, dict):
        raise CustomerSetupError(f"{method} {url} answered with no JSON object: {document!r}")
    return document


def _post_json(
    url: str, payload: object, headers: dict[str, str] | None = None
) -> dict[str, object]:
    body = json.dumps(payload).encode()
    return _call("POST", url, body=body, content_type="application/json", headers=headers or {})


@dataclass(slots=True)
class Customer:
    base_url: str
    email: str
    password: str
    _token: str = field(default="", repr=False)
    _expires_at: float = 0.0

    @classmethod
    def register(cls, base_url: str) -> Customer:
        """A fresh account per run: a random address and a password no policy can guess."""
        nonce = secrets.token_hex(6)
        customer = cls(
            base_url=base_url,
            email=f"bench-{nonce}@example.com",
            password=f"{secrets.token_hex(16)}-violet-harbour-marmalade",
        )
        _post_json(
            f"{base_url}/api/v1/auth/register",
            {"email": customer.email, "password": customer.password, "full_name": "Bench Buyer"},
        )
        return customer

    def sign_in(self) -> str:
        form = urllib.parse.urlencode({"username": self.email, "password": self.password})
        document = _call(
            "POST",
            f"{self.base_url}/api/v1/auth/token",
            body=form.encode(),
            content_type="application/x-www-form-urlencoded",
            headers={},
        )
        token, expires_in = document.get("access_token"), document.get("expires_in")
        if not isinstance(token, str) or not isinstance(expires_in, int):
            raise CustomerSetupError(f"sign-in answered without a token: {document}")
        self._token, self._expires_at = token, time.monotonic() + expires_in
        return token

    def token(self, *, valid_for_s: float) -> str:
        """The held token if it outlives `valid_for_s` (plus a margin), else a fresh one."""
        if self._expires_at - time.monotonic() < valid_for_s + _TOKEN_MARGIN_S:
            return self.sign_in()
        return self._token

    def place_orders(self, product_ids: Sequence[str], count: int) -> list[str]:
        """`count` one-line orders of random products; returns their ids."""
        rng = random.Random(count)
        run = secrets.token_hex(4)
        order_ids: list[str] = []
        for n in range(count):
            headers = {
                "Authorization": f"Bearer {self.token(valid_for_s=_TIMEOUT_S)}",
                "Idempotency-Key": f"bench-setup-{run}-{n}",
            }
            line = {"product_id": rng.choice(product_ids), "quantity": 1}
            order = _post_json(f"{self.base_url}/api/v1/orders", {"lines": [line]}, headers)
            order_id = order.get("id")
            if not isinstance(order_id, str):
                raise CustomerSetupError(f"placed an order but got no id back: {order}")
            order_ids.append(order_id)
        return order_ids
