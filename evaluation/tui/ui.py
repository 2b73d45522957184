"""What every screen is given: the texts of its language and the data folder."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.i18n import Translator
from evaluation.machine.paths import DataFolder


@dataclass(frozen=True)
class Ui:
    t: Translator
    folder: DataFolder
