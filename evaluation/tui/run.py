"""Start the app from the command line."""

from __future__ import annotations

from pathlib import Path

from evaluation.machine.paths import DataFolder


def run_app(folder: DataFolder, db_path: Path, lang: str) -> None:
    from evaluation.tui.app import EvaluationApp

    EvaluationApp(folder, db_path, lang).run()
