"""Réglages: the place of the day, the structure, the mediator, how long data is kept,
and what this laptop trusts (the office key, the catalogue in use)."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.problems import Located
from evaluation.store import Settings
from evaluation.sync.outbox import Outbox
from evaluation.workspace import Workspace


@dataclass(frozen=True)
class SettingsView:
    settings: Settings
    office_key: str | None
    services: int  # in the catalogue in use
    sample_catalogue: bool  # the bundled example of a fictional territory
    refused: tuple[Located, ...] = ()  # questionnaire or catalogue files not used, and why


def load(workspace: Workspace) -> SettingsView:
    catalogue = workspace.catalogue
    return SettingsView(
        workspace.store.settings(),
        Outbox(workspace.store).office_recipient(),
        len(catalogue.services),
        catalogue.sample,
        tuple(workspace.problems),
    )


def save(workspace: Workspace, settings: Settings) -> None:
    workspace.store.save_settings(settings)
