"""What every command shares: the data folder, the database path, the language."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evaluation.cli.show import echo
from evaluation.i18n import Message, Translator, translator
from evaluation.machine.paths import DataFolder, data_folder

if TYPE_CHECKING:
    from evaluation.operations.forgetting import Forgotten
    from evaluation.workspace import Workspace


@dataclass(frozen=True)
class Context:
    folder: DataFolder
    db_path: Path
    lang: str

    @classmethod
    def create(cls, db: Path | None, lang: str) -> Context:
        folder = data_folder()
        return cls(folder=folder, db_path=db or folder.database, lang=lang)

    @property
    def t(self) -> Translator:
        return translator(self.lang)

    def open(self) -> Workspace:
        """The workspace, after forgetting what the office kept long enough and finishing
        a clean-up an earlier erasure owed."""
        from evaluation.operations.opening import open_data
        from evaluation.store.erasure import Scrub

        opened = open_data(self.folder, self.db_path)
        self.tell_forgotten(opened.forgotten)
        if opened.cleanup.status is Scrub.DONE and not opened.forgotten.interviews:
            echo(self.t("erase.cleanup_finished"), err=True)
        elif opened.cleanup.status in {Scrub.BUSY, Scrub.FAILED}:
            echo(self.t("erase.cleanup_pending"), err=True)
        return opened.workspace

    def tell_forgotten(self, forgotten: Forgotten) -> None:
        """A notice on stderr: interviews the office kept long enough left this laptop."""
        for said in forgotten.said():
            echo(self.t.message(said), err=True)

    def confirm(self, key: str, **values: object) -> bool:
        """Ask a yes/no question on stderr in the reader's words (« o » for oui): whether
        the answer is yes (anything else, or no answer at all, no terminal, is no)."""
        echo(f"{self.t(key, **values)} {self.t('cli.yes_no')} ", nl=False, err=True)
        try:
            answer = sys.stdin.readline(100).strip().lower()
        except (OSError, UnicodeDecodeError):
            answer = ""
        return answer in self.t("cli.yes_words").split("|")

    def progress(self, key: str) -> Callable[[int, int, str], None] | None:
        """A progress line on stderr (`key` with `done` and `total`), rewritten in place,
        when stderr is a terminal; None in a pipe or a log, which want no such lines."""
        if not sys.stderr.isatty():
            return None

        def show(done: int, total: int, _name: str) -> None:
            line = self.t(key, done=done, total=total)
            echo(line, nl=done >= total, err=True, again=True)

        return show

    def say(self, key: str, **values: object) -> None:
        echo(self.t(key, **values))

    def warn(self, key: str, **values: object) -> None:
        echo(self.t(key, **values), err=True)

    def written(
        self, path: Path, printer: Callable[[Path], Message | None] | None, not_printed: str
    ) -> None:
        """Say the file written; with a `printer`, send it there, or say why it did not
        go (the `not_printed` message, with the file kept) and exit 1."""
        echo(str(path))
        if printer is None:
            return
        problem = printer(path)
        if problem is not None:
            self.warn(not_printed, problem=problem, path=path)
            raise SystemExit(1)
