"""structlog set up once per process: JSON lines in production, readable lines in development."""

import logging
import sys

import orjson
import structlog

from entrypoints.settings import Settings


class _Stdout:
    """Looks `sys.stdout` up on every write, so a logger cached at start-up follows redirection
    (a test capturing output, a supervisor swapping the stream) instead of a stale handle.
    """

    def write(self, data: bytes) -> None:
        sys.stdout.buffer.write(data)

    def flush(self) -> None:
        sys.stdout.flush()


def configure_logging(settings: Settings) -> None:
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(serializer=orjson.dumps)
        if settings.log_format == "json"
        else structlog.dev.ConsoleRenderer()
    )
    level = logging.getLevelNamesMapping()[settings.log_level]
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=(
            structlog.BytesLoggerFactory(_Stdout())  # type: ignore[arg-type]
            if settings.log_format == "json"
            else structlog.PrintLoggerFactory(sys.stdout)
        ),
        cache_logger_on_first_use=True,
    )
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stdout, force=True)
    logging.getLogger("uvicorn.access").disabled = True
