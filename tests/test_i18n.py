"""Every text a person reads comes from the catalogues, complete in every language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

from evaluation.i18n import LANGUAGES, default_language, msg, translator
from evaluation.i18n.compile import problems
from evaluation.interview.answers import Status
from evaluation.interview.record import Stage
from evaluation.structure.cra import (
    AUTONOMIE_VALUES,
    GENRE_VALUES,
    STATUT_SOCIAL_VALUES,
    TRANCHE_AGE_VALUES,
    TYPE_LIEU_VALUES,
)
from evaluation.structure.figures import MOVE_COLUMNS
from evaluation.sync.importing import BundleStatus
from evaluation.sync.inbox import LaptopStatus, Outcome
from evaluation.tui.keys import FAILURES
from evaluation.tui.messages import Destination

ROOT = Path(__file__).resolve().parents[1]
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_+]+)+$")
# Functions whose first argument is a catalogue key.
TRANSLATING = {"t", "h", "msg", "say", "warn", "Message", "PydanticCustomError"}


def catalogue_keys(lang: str) -> set[str]:
    with (ROOT / "evaluation" / "i18n" / f"{lang}.po").open("rb") as source:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id}


def code_files() -> list[Path]:
    return [
        p
        for folder in ("evaluation", "exports")
        for p in sorted((ROOT / folder).rglob("*.py"))
        if "i18n" not in p.parts
    ]


def keys_asked_for() -> dict[str, str]:
    """Keys passed to a translating function or as a binding's text, with where."""
    found: dict[str, str] = {}
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            args: list[ast.expr] = []
            if name in TRANSLATING:
                args = node.args[:1]
            elif name == "Binding":
                args = node.args[2:3] + [k.value for k in node.keywords if k.arg == "tooltip"]
            for arg in args:
                literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                if literal and KEY.match(arg.value):  # type: ignore[attr-defined]
                    found.setdefault(arg.value, str(path.relative_to(ROOT)))  # type: ignore[attr-defined]
    return found


def strings_in_code() -> set[str]:
    return {
        node.value
        for path in code_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def keys_built_at_run_time() -> set[str]:
    """Families of keys the code completes with a value (f"stage.{stage}")."""
    not_given = "non_communique"
    families = {
        "home": [d.value for d in Destination],
        "key.home": [d.value for d in Destination],
        "palette": [d.value for d in Destination],
        "stage": [s.value for s in Stage],
        "answer_status": [s.value for s in Status],
        "office.status": [s.value for s in BundleStatus],
        "report.move": list(MOVE_COLUMNS),
        "office.records": [o.value for o in Outcome],
        "office.laptop": [s.value for s in LaptopStatus],
        "ref.duplicate": ["competence", "level", "section", "question", "next_step", "option"],
        "cra.autonomie": list(AUTONOMIE_VALUES),
        "age": [v for v in TRANCHE_AGE_VALUES if v != not_given],
        "status": [v for v in STATUT_SOCIAL_VALUES if v != not_given],
        "gender": [v for v in GENRE_VALUES if v != not_given],
        "kind": list(TYPE_LIEU_VALUES),
        "hours.day": ["mo", "tu", "we", "th", "fr", "sa", "su"],
        "questionnaires.origin": ["shipped", "installed"],
        "memo.failure": [*FAILURES, *(f"{k}.do" for k in FAILURES)],
    }
    return {f"{prefix}.{value}" for prefix, values in families.items() for value in values}


def parameter_names() -> list[str]:
    """Every parameter of every command: its placeholder is `cli.metavar.<name>`."""
    import click

    from evaluation.cli.group import cli

    names: list[str] = []
    commands: list[click.Command] = [cli]
    while commands:
        command = commands.pop()
        names += [p.name for p in command.params if p.name]
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            found = (command.get_command(ctx, n) for n in command.list_commands(ctx))
            commands += [c for c in found if c is not None]
    return names


def test_catalogues_are_complete_consistent_and_compiled() -> None:
    assert problems() == []


def test_every_key_the_code_asks_for_exists() -> None:
    keys = catalogue_keys("fr")
    missing = {k: where for k, where in keys_asked_for().items() if k not in keys}
    missing |= {k: "built at run time" for k in keys_built_at_run_time() if k not in keys}
    assert missing == {}


def test_no_text_is_left_unused() -> None:
    placeholders = {f"cli.metavar.{name}" for name in parameter_names()}  # when given
    used = strings_in_code() | keys_built_at_run_time() | placeholders
    unused = {k for k in catalogue_keys("fr") if k not in used and not k.startswith("keyname.")}
    assert unused == set()


def test_plurals_follow_each_language() -> None:
    fr, en = translator("fr"), translator("en")
    assert [fr("ago.minutes", count=n) for n in (0, 1, 2)] == [
        "il y a 0 minute",
        "il y a 1 minute",
        "il y a 2 minutes",
    ]
    assert [en("ago.minutes", count=n) for n in (0, 1, 2)] == [
        "0 minutes ago",
        "1 minute ago",
        "2 minutes ago",
    ]


def test_a_message_is_translated_where_it_is_shown() -> None:
    said = msg("file.unreadable", reason=msg("file.reason.denied"))
    assert translator("fr").message(said) == "lecture impossible (accès refusé)"
    assert translator("en").message(said) == "cannot read (permission denied)"


def test_no_markup_in_texts() -> None:
    """Texts are shown as plain text: a bracket is a bracket, never a style."""
    for lang in LANGUAGES:
        with (ROOT / "evaluation" / "i18n" / f"{lang}.po").open("rb") as source:
            for m in read_po(source):
                texts = m.string if isinstance(m.string, tuple) else (m.string,)
                for text in texts:
                    assert not re.search(r"\[/?(b|i|bold|italic|u)\]", str(text or "")), m.id


def test_the_locale_chooses_the_language_french_by_default() -> None:
    assert default_language({}) == "fr"
    assert default_language({"LANG": "C.UTF-8"}) == "fr"
    assert default_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_language({"LANG": "de_DE.UTF-8"}) == "fr"
    assert default_language({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}) == "fr"
