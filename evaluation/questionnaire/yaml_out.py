"""A questionnaire version written as YAML in the house format (for a version imported
from a spreadsheet): the shape the loader reads, defaults left out, French first."""

from __future__ import annotations

from typing import Any

import yaml

from evaluation.questionnaire.model import Questionnaire


def questionnaire_yaml(q: Questionnaire, source: str) -> str:
    """The YAML text of `q`; its first line says which file it was converted from."""
    data: dict[str, Any] = {"format": 1}
    data.update(q.model_dump(mode="json", by_alias=True, exclude_defaults=True))
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    header = f"# {q.id}, version {q.version}: converted from {' '.join(source.split())}.\n"
    return header + body
