"""Configuration from the environment (and `.env` in development), validated at start-up."""

from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEVELOPMENT_JWT_SECRET = "development-only-secret-change-me-in-production"  # noqa: S105
MIN_SECRET_BYTES = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    environment: Literal["development", "production"] = "development"
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/orderly"
    persistence: Literal["postgres", "memory"] = "postgres"
    jwt_secret: SecretStr = SecretStr(DEVELOPMENT_JWT_SECRET)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["console", "json"] = "console"
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    redis_url: str | None = None
    broker_url: str | None = None
    db_pool_size: int = Field(default=10, ge=1, le=200)
    db_max_overflow: int = Field(default=0, ge=0, le=200)
    db_pool_timeout: float = Field(default=5.0, gt=0, le=60)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    metrics_enabled: bool = True
    relay_enabled: bool = True
    relay_poll_seconds: float = Field(default=0.2, gt=0, le=10)
    worker_prefetch: int = Field(default=10, ge=1, le=1000)
    worker_port: int = Field(default=8001, ge=0, le=65535)
    password_hash_time_cost: int = Field(default=3, ge=1, le=20)
    password_hash_memory_kib: int = Field(default=64 * 1024, ge=8, le=1024 * 1024)
    api_limit_per_client: int = Field(default=1200, ge=1)
    api_limit_window_seconds: int = Field(default=60, ge=1)
    login_limit_per_ip: int = Field(default=20, ge=1)
    login_limit_per_email: int = Field(default=5, ge=1)
    login_limit_window_seconds: int = Field(default=60, ge=1)
    register_limit_per_ip: int = Field(default=10, ge=1)
    register_limit_window_seconds: int = Field(default=3600, ge=1)
    web_concurrency: int = Field(default=1, ge=1, le=64)
    forwarded_allow_ips: str = ""
    shutdown_timeout_seconds: int = Field(default=20, ge=1, le=600)
    otel_exporter_otlp_endpoint: str | None = None
    otel_service_name: str = "orderly"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("redis_url", "broker_url", "otel_exporter_otlp_endpoint", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """`REDIS_URL=` in an env file means "not configured", not an empty URL."""
        return None if value == "" else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        """A comma-separated list reads better in an environment variable than JSON."""
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @model_validator(mode="after")
    def _broker_needs_a_shared_database(self) -> "Settings":
        if self.broker_url and self.persistence == "memory":
            raise ValueError("BROKER_URL needs PERSISTENCE=postgres: workers share the database")
        return self

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> "Settings":
        secret = self.jwt_secret.get_secret_value()
        if self.environment == "production" and (
            secret == DEVELOPMENT_JWT_SECRET or len(secret.encode()) < MIN_SECRET_BYTES
        ):
            raise ValueError(
                f"JWT_SECRET must be a random value of at least {MIN_SECRET_BYTES} bytes "
                "in production (generate one with: openssl rand -base64 48)",
            )
        return self
