"""What every viewer of a page sees alike, cached under a content generation.

Course outlines, the catalogue's search results, the language switcher's links: each is
computed from published content and is the same for every viewer, so it is kept in the
cache (Redis in production) under the current *content generation*, a random value that
every save or deletion of content moves on (``content_changed``, wired to the models'
signals in ``courses.models.pages``). An entry is used only while its generation is the
current one, so a change shows on the next request, and nothing needs to know which entries
a change touches.

The cache is never the source of truth: with Redis down every read computes from the
database, and an entry that outlived a missed invalidation lives at most ``CACHE_TIMEOUT``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

# Seconds a cached entry lives: the longest a missed invalidation (Redis down at the moment
# of a change) can show. Otherwise entries are replaced as soon as anything they show changes.
CACHE_TIMEOUT = 300
GENERATION_KEY = "cms:content-generation"


def read_through(
    key: str, compute: Callable[[], T], *, keep: Callable[[T], bool] | None = None
) -> tuple[T, str]:
    """(the value under ``key``, the content generation it belongs to), computed and cached
    if the cache has none for the current generation; a computed value that ``keep`` turns
    down is not cached. Without the cache, every call computes."""
    found = cache.get_many([GENERATION_KEY, key])
    generation, entry = found.get(GENERATION_KEY), found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1], generation
    # The generation is read before the database: a change committed meanwhile moves it on,
    # so what is read now can only be stored under a generation that is already over.
    if generation is None:
        generation = _new_generation()
    value = compute()
    if keep is None or keep(value):
        cache.set(key, (generation, value), CACHE_TIMEOUT)
    return value, generation


def content_changed() -> None:
    """Make every entry of ``read_through`` (and fragments keyed on the generation) stale:
    now, for the rest of this transaction, and again once it commits (a request that read
    the database before the commit may have cached what it read under the generation set
    now)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation() -> str:
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation
