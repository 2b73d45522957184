"""Progress of long work (an office import, demo data, a long document): the caller is
told how far it got, every so many items."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Progress = Callable[[int, int, str], None]  # done, total, what
T = TypeVar("T")
EVERY = 500


def ticking(items: Sequence[T], progress: Progress | None) -> Iterator[T]:
    """`items` one by one, telling `progress` every `EVERY` items and at the end."""
    total = len(items)
    for done, item in enumerate(items):
        if progress is not None and done % EVERY == 0:
            progress(done, total, "")
        yield item
    if progress is not None:
        progress(total, total, "")
