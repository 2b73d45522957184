"""The local store: every answer committed to SQLite before the screen shows it."""

from evaluation.store.database import StoreError, open_database
from evaluation.store.interviews import Store
from evaluation.store.rows import InterviewRecord
from evaluation.store.settings import Place, Settings, Structure

__all__ = [
    "InterviewRecord",
    "Place",
    "Settings",
    "Store",
    "StoreError",
    "Structure",
    "open_database",
]
