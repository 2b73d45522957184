"""The command line's language: `--lang`, else the environment's locale, else French.

Chosen before the commands are imported, so that their help texts (taken from the
catalogue when the decorators run) are in that language; click's own words ("Usage:",
"Missing argument") are translated through the standard `gettext`, as click intends.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from importlib.resources import as_file, files

from evaluation.i18n import DEFAULT, LANGUAGES, Translator, default_language, translator

_current: list[Translator] = [translator(DEFAULT)]


def language_from(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """`--lang X` (or `--lang=X`) given before the sub-command, else the locale's."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGUAGES:
            return arg.removeprefix("--lang=")
        if not arg.startswith("-"):
            break  # the sub-command: its options are its own
    return default_language(environ)


def speak(lang: str) -> Translator:
    """Use `lang` for every text of this process, click's included."""
    _current[0] = translator(lang)
    if lang != "en":
        with as_file(files("evaluation.i18n") / "click") as folder:
            gettext.bindtextdomain("click", str(folder))
        gettext.textdomain("click")
        os.environ["LANGUAGE"] = lang  # what `gettext.gettext` reads to pick the catalogue
    return _current[0]


def t() -> Translator:
    return _current[0]


def h(key: str, **values: object) -> str:
    """A help text, in the language chosen at start."""
    return _current[0](key, **values)
