"""A small fixed-window rate limiter on Django's cache, for public pages that look things up.

``rate_limit_exceeded(request, scope="certificate-verify", limit=30, period=60)`` counts the
request against the client's IP address and says whether it went over the limit. Counting
uses ``cache.add`` (first request of the window) and ``cache.incr`` (atomic in Redis and in
the local-memory cache). If the cache is unreachable the request is allowed: an outage of
Redis must not take the pages down with it.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's address as the web server saw it (a proxy must set REMOTE_ADDR right)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(key: str, *, limit: int, period: int, now: float | None = None) -> bool:
    """Count one hit on ``key``; True when the hits in the current window exceed ``limit``."""
    window = int((time.time() if now is None else now) // period)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{digest}:{window}"
    try:
        count = 1 if cache.add(cache_key, 1, timeout=period + 1) else cache.incr(cache_key)
    except ValueError:
        # The key expired between add and incr: this is the first hit of a new window.
        cache.add(cache_key, 1, timeout=period + 1)
        count = 1
    except Exception:
        logger.warning("Rate limit cache unavailable; allowing the request", exc_info=True)
        return False
    return count is not None and count > limit


def rate_limit_exceeded(request, *, scope: str, limit: int, period: int = 60) -> bool:
    return hit(f"{scope}:{client_ip(request)}", limit=limit, period=period)
