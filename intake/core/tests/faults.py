"""Faults through real seams: a statement that fails on the database connection, as a lost
connection or a killed worker would make it fail (no function of ours is replaced)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, OperationalError, connection


@contextmanager
def statement_fails(
    fragment: str,
    *,
    after: int = 0,
    times: int | None = None,
    error: DatabaseError | None = None,
) -> Iterator[dict[str, int]]:
    """Lets `after` statements containing `fragment` (case-insensitive) through, then fails the
    next `times` of them (every later one when None) with `error` (by default, the connection
    lost), until the block ends. Yields the count of matching statements seen."""
    seen = {"n": 0}
    needle = fragment.lower()

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if needle in sql.lower():
            seen["n"] += 1
            failing = seen["n"] > after and (times is None or seen["n"] <= after + times)
            if failing:
                raise error or OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen
