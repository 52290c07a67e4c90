"""structlog set up once per process: JSON lines in production, readable lines in development.

Every line goes through the same renderer: the service's own (structlog) and those of the
libraries it runs on (uvicorn's start and stop lines, Alembic's migrations, warnings),
which log through the standard library and reach structlog's formatter on the root logger.
With `LOG_FORMAT=json`, each line a process writes is therefore one JSON object.
"""

import logging
import sys
from typing import Any

import orjson
import structlog

from entrypoints import telemetry
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
    json = settings.log_format == "json"
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(serializer=orjson.dumps)
        if json
        else structlog.dev.ConsoleRenderer()
    )
    level = logging.getLevelNamesMapping()[settings.log_level]
    shared: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if settings.otel_exporter_otlp_endpoint:
        shared.append(telemetry.trace_ids_processor())
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=(
            structlog.BytesLoggerFactory(_Stdout())  # type: ignore[arg-type]
            if settings.log_format == "json"
            else structlog.PrintLoggerFactory(sys.stdout)
        ),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                _as_text(renderer) if json else renderer,
            ],
        )
    )
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.captureWarnings(capture=True)
    logging.getLogger("uvicorn.access").disabled = True


def _as_text(renderer: structlog.typing.Processor) -> structlog.typing.Processor:
    """The JSON renderer writes bytes (orjson) for the service's own lines; the standard
    library's handlers write text."""

    def render(logger: Any, name: str, event: structlog.typing.EventDict) -> str:
        rendered = renderer(logger, name, event)
        return rendered.decode() if isinstance(rendered, bytes) else str(rendered)

    return render
