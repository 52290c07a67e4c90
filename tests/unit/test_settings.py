"""Configuration rules that protect production."""

import pytest
from pydantic import ValidationError

from entrypoints.settings import DEVELOPMENT_JWT_SECRET, Settings


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize("secret", [DEVELOPMENT_JWT_SECRET, "x" * 31])
def test_production_refuses_a_default_or_short_secret(secret: str) -> None:
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        settings(environment="production", jwt_secret=secret)


def test_production_accepts_a_long_random_secret() -> None:
    assert settings(environment="production", jwt_secret="k" * 32).environment == "production"


def test_environment_strings_are_parsed_leniently() -> None:
    parsed = settings(
        log_level="debug",
        cors_origins=" https://a.example , https://b.example,",
        redis_url="",
    )
    assert parsed.log_level == "DEBUG"
    assert parsed.cors_origins == ["https://a.example", "https://b.example"]
    assert parsed.redis_url is None


def test_broker_mode_needs_the_shared_database() -> None:
    broker = "amqp://guest:guest@127.0.0.1:5672/"
    with pytest.raises(ValidationError, match="BROKER_URL needs PERSISTENCE=postgres"):
        settings(broker_url=broker, persistence="memory")
    assert settings(broker_url=broker).broker_url == broker
