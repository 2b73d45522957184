"""The guides say only what the app does: every command they name exists, every key
their tables give is a key of that screen (as F1 lists it), and the words to say about
consent are those the printed aide-mémoire carries (as sqlite-utils checks that its
documented commands exist)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from evaluation.cli.group import cli
from evaluation.i18n import translator
from evaluation.machine.keyboard import AZERTY_DIGITS
from evaluation.tui.screen import BaseScreen
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.results import ResultsScreen

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GUIDE = ROOT / "docs" / "guide-mediateur.md"
# The guide's sections whose key tables belong to one screen.
SCREENS: dict[str, type[BaseScreen]] = {
    "## 1. Démarrer": HomeScreen,
    "## 2. Le consentement": ConsentScreen,
    "## 4. Les questions": QuestionScreen,
    "## 5. Les résultats et la fiche": ResultsScreen,
}
EVERY_SCREEN = {"F1", "Ctrl+P", "Ctrl+Q"}


def named_commands(text: str) -> set[tuple[str, ...]]:
    """`evaluation a b …` as written in code spans and code blocks, cut at the first
    argument or option."""
    found = set()
    for match in re.finditer(r"(?:^|`|uv run )evaluation((?: [a-z][a-z-]*)+)", text, re.M):
        found.add(tuple(match.group(1).split()))
    return found


def resolve(words: tuple[str, ...]) -> list[str]:
    """The command path the words name, up to the first word that is an argument;
    fails on a word a group does not know."""
    command: click.Command = cli
    path = []
    for word in words:
        if not isinstance(command, click.Group):
            break  # the rest are the command's arguments (an id, a folder)
        sub = command.get_command(click.Context(command), word)
        assert sub is not None, f"`evaluation {' '.join(words)}`: no command {word!r}"
        command = sub
        path.append(word)
    return path


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_command_a_guide_names_exists(doc: Path) -> None:
    for words in named_commands(doc.read_text(encoding="utf-8")):
        resolve(words)


def test_the_commands_page_names_every_command() -> None:
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    named = {tuple(resolve(words)) for words in named_commands(text)}
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if isinstance(command, click.Group):
            for sub in command.list_commands(click.Context(command)):
                assert (name, sub) in named, f"docs/commands.md lacks `evaluation {name} {sub}`"
        else:
            assert (name,) in named, f"docs/commands.md lacks `evaluation {name}`"


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^(## .*)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def screen_keys(screen: type[BaseScreen]) -> set[str]:
    """Every key the screen's F1 shows, one by one ("1 … 9" gives each digit)."""
    keys = set(EVERY_SCREEN)
    for shown, _ in screen.keys_help(translator("fr")):
        if "…" in shown:
            first, last = (k.strip() for k in shown.split("…"))
            keys |= {str(d) for d in range(int(first), int(last) + 1)}
        keys |= set(shown.split())
    return keys


def table_keys(section: str) -> list[str]:
    """The keys in the first cell of each row of the section's key tables."""
    keys = []
    for line in (line.strip() for line in section.splitlines()):
        if line.startswith("| `"):
            keys += re.findall(r"`([^`]+)`", line.split("|")[1])
    return keys


@pytest.mark.parametrize("heading", sorted(SCREENS))
def test_every_key_the_mediators_guide_gives_is_a_key_of_its_screen(heading: str) -> None:
    (section,) = (
        body
        for title, body in sections(GUIDE.read_text(encoding="utf-8")).items()
        if title.startswith(heading)
    )
    known = screen_keys(SCREENS[heading]) | set(AZERTY_DIGITS)
    named = table_keys(section)
    assert named, f"no key table under {heading}"
    for key in named:
        if key == "…":
            continue
        assert key in known, f"{heading}: `{key}` is not a key there"


def test_the_guide_says_the_consent_words_the_aide_memoire_prints() -> None:
    script = translator("fr")("memo.consent.script").strip("« »")
    guide = re.sub(r"\s+", " ", GUIDE.read_text(encoding="utf-8").replace("\n> ", " "))
    assert script in guide
