from __future__ import annotations

import pytest

from intake.core.cache_backends import RedisCache


def test_the_redis_cache_reuses_one_client_and_works_against_the_real_server():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    try:
        cache.set("intake-test-key", {"a": 1}, 30)
    except Exception as exc:  # pragma: no cover - only when Redis is down
        pytest.fail(f"Redis must run on 127.0.0.1:6379 for this test: {exc}")
    assert cache.get("intake-test-key") == {"a": 1}
    client = cache._cache
    assert client.get_client() is client.get_client()
    cache.delete("intake-test-key")
