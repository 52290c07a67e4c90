"""The password-strength and secret-generation adapters."""

import re

from adapters.security.password_strength import ZxcvbnPasswordStrength
from adapters.security.secrets import UrlSafeSecretGenerator


def test_a_long_uncommon_passphrase_has_no_problems() -> None:
    assert ZxcvbnPasswordStrength().problems("correct horse battery staple", []) is None


def test_a_common_password_is_explained() -> None:
    problem = ZxcvbnPasswordStrength().problems("password1234", [])
    assert problem is not None
    assert "common" in problem


def test_a_password_made_of_the_users_own_details_is_weak() -> None:
    strength = ZxcvbnPasswordStrength()
    assert strength.problems("quentinzabriskie", []) is None
    assert strength.problems("quentinzabriskie", ["quentin", "zabriskie"]) is not None


def test_a_128_character_password_can_be_judged() -> None:
    assert (
        ZxcvbnPasswordStrength().problems("correct horse battery staple " * 4 + "x" * 12, [])
        is None
    )


def test_secrets_are_256_bits_of_url_safe_base64() -> None:
    generator = UrlSafeSecretGenerator()
    secrets = {generator.new_secret() for _ in range(100)}
    assert len(secrets) == 100
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", secret) for secret in secrets)
