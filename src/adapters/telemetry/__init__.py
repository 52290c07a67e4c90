"""Telemetry adapters: the core's tracing port on OpenTelemetry."""
