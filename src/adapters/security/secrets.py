"""Opaque tokens from the operating system's CSPRNG."""

import secrets

TOKEN_BYTES = 32  # 256 bits: 43 characters of URL-safe base64


class UrlSafeSecretGenerator:
    def new_secret(self) -> str:
        return secrets.token_urlsafe(TOKEN_BYTES)
