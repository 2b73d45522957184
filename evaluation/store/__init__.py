"""The local store: every answer committed to SQLite before the screen shows it."""

from evaluation.store.database import StoreError, open_database
from evaluation.store.interviews import InterviewRecord, Store
from evaluation.store.settings import Place, Settings

__all__ = ["InterviewRecord", "Place", "Settings", "Store", "StoreError", "open_database"]
