"""Throughput benchmark: the service against a bare Starlette + asyncpg floor, same SQL.

Run it with `make bench` (`uv run python -m bench`); see `bench/__main__.py` for the steps.
"""
