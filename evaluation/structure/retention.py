"""How long a person's data may be kept: the bounds a coordinator may set.

Apart from the settings' model so that a command's help reads them without pydantic."""

from __future__ import annotations

RETENTION_MONTHS_MAX = 120  # a finished interview is purged after at most this
FORGET_DAYS_MAX = 3650  # a laptop drops what the office acknowledged after at most this
