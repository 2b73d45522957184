"""Every `--help` of the command line, in French, as a person reads it: no word of
click's English, French punctuation, nothing cut with « ... », and an example.

The pages are written by one subprocess that walks the command tree (so a new command
is checked without being listed here), in French as `evaluation` starts in French.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

WALK = """
import contextlib, io, json, sys
import click
from evaluation.cli.texts import speak
speak("fr")
from evaluation.cli.group import cli

pages = {}

def tree(command, path):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        cli.main([*path[1:], "--help"], prog_name="evaluation", standalone_mode=False)
    pages[" ".join(path)] = out.getvalue()
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1])
        for name in command.list_commands(ctx):
            tree(command.get_command(ctx, name), [*path, name])

tree(cli, ["evaluation"])
json.dump(pages, sys.stdout)
"""

# click's English, and placeholders that are a parameter's English name in capitals
# (an environment variable, $EVALUATION_..., is a name, not a word)
ENGLISH = re.compile(
    r"\brequired\b|\bdefault\b|INTEGER|\bTEXT\b|RANGE|\bFLOAT\b|\bPATH\b|\bFILE\b|"
    r"\bDIRECTORY\b|\bCOMMAND\b|\bARGS\b|\bOptions:|\bUsage:|Commands:|<=x|x<=|%Y|"
    r"\b(?!EVALUATION_)[A-Z]+_[A-Z_]+\b|\bKEY\b|\bFINGERPRINT\b|\bFORM\b|Show this|"
    r"\[ID\]|\bID\b"
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "80"}
    out = subprocess.run(
        [sys.executable, "-c", WALK], capture_output=True, text=True, env=env, check=True
    )
    found: dict[str, str] = json.loads(out.stdout)
    return found


def test_every_command_is_walked(pages: dict[str, str]) -> None:
    for path in ("evaluation", "evaluation erase", "evaluation office enrol", "evaluation report"):
        assert path in pages
    assert len(pages) > 25


def test_no_english_of_click(pages: dict[str, str]) -> None:
    found = {path: ENGLISH.findall(page) for path, page in pages.items()}
    assert {path: words for path, words in found.items() if words} == {}


def test_french_punctuation_and_nothing_cut(pages: dict[str, str]) -> None:
    for path, page in pages.items():
        for line in page.splitlines():
            assert not line.lstrip().startswith((":", ";", "?", "!", "»")), (path, line)
            assert "..." not in line, (path, line)
            assert not re.search(r"\w-$", line), (path, line)  # a path or word cut at "-"
            assert not re.search(r"\S[:;?!]( |$)", line.replace("://", "")), (path, line)


def test_every_page_has_an_example(pages: dict[str, str]) -> None:
    missing = [path for path, page in pages.items() if "Exemple\u00a0: evaluation" not in page]
    assert missing == []


HELPS = """
import json, sys
import click
from evaluation.cli.texts import speak
speak(sys.argv[1])
from evaluation.cli.group import cli

helps = {}

def tree(command, path):
    helps[" ".join(path)] = command.help or ""
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            helps[" ".join([*path, param.opts[0]])] = param.help or ""
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1])
        for name in command.list_commands(ctx):
            tree(command.get_command(ctx, name), [*path, name])

tree(cli, ["evaluation"])
json.dump(helps, sys.stdout)
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_help_text_is_a_sentence(lang: str) -> None:
    """Every command's and every option's help, walked from the commands themselves:
    it starts with a capital letter and ends with a full stop, as the others do."""
    out = subprocess.run(
        [sys.executable, "-c", HELPS, lang], capture_output=True, text=True, check=True
    )
    helps: dict[str, str] = json.loads(out.stdout)
    assert len(helps) > 60
    wrong = {
        where: text
        for where, text in helps.items()
        if not text[:1].isupper() or not text.rstrip().endswith(".")
    }
    assert wrong == {}
