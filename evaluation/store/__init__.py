"""The local store: every answer committed to SQLite before the screen shows it."""

from evaluation.store import _deferred  # noqa: F401  (first: before sqlite-utils)
from evaluation.store.database import StoreError, open_database
from evaluation.store.interviews import Store
from evaluation.store.rows import InterviewRecord

__all__ = [
    "InterviewRecord",
    "Store",
    "StoreError",
    "open_database",
]
