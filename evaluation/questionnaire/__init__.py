"""The versioned questionnaire format: models, strict loading, and the installed library."""

from evaluation.questionnaire.library import Library, Published
from evaluation.questionnaire.load import (
    DefinitionError,
    Loaded,
    canonical_hash,
    load_bytes,
    load_file,
)
from evaluation.questionnaire.model import Questionnaire

__all__ = [
    "DefinitionError",
    "Library",
    "Loaded",
    "Published",
    "Questionnaire",
    "canonical_hash",
    "load_bytes",
    "load_file",
]
