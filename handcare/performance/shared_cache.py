"""Small lookups every public request needs, kept in Django's cache instead of the database.

Each entry is rebuilt from the database on a miss and deleted by a signal receiver
(signal_handlers.py) whenever a row it was built from changes. The delete runs at once and
again when the transaction commits, so a request that read the old rows while the change
was being written cannot leave a stale entry behind. On Redis (production) every worker
shares the entries, so one delete reaches them all.
"""

from django.core.cache import cache
from django.db import transaction

PREFIX = "handcare:perf:"
SITES = f"{PREFIX}sites"
VIEW_RESTRICTIONS = f"{PREFIX}view-restrictions"


def cached(key, build):
    """The cached value for key, built (and stored) on a miss."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, None)
    return value


def invalidate(*keys):
    """Forget keys now and again once the current transaction commits."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
