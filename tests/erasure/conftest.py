"""The sync's fixtures (an office, laptops, a USB key): forgetting and the erasures that
travel need them."""

from tests.sync.conftest import key, laptop, office, office_secret

__all__ = ["key", "laptop", "office", "office_secret"]
