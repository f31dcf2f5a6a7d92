"""Fixtures for the fault tests (servers.py holds the real faulty servers)."""

from .servers import redis_process  # noqa: F401 (a fixture)
