"""Throughput benchmark: the service against a bare Starlette + asyncpg floor, same SQL.

Run it with `make bench` (`python -m bench` in the project's environment); see
`bench/__main__.py` for the steps.
"""
