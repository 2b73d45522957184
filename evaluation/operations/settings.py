"""Réglages: the place of the day, the structure, the mediator, how long data is kept,
this computer's fingerprint, and what this laptop trusts (the office's keys, the
catalogue in use)."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.i18n import Message, msg
from evaluation.problems import Located, Problem
from evaluation.structure.settings import Settings
from evaluation.sync.office import is_office
from evaluation.sync.outbox import Outbox
from evaluation.sync.signing import device_key, fingerprint
from evaluation.workspace import Workspace


@dataclass(frozen=True)
class SettingsView:
    settings: Settings
    fingerprint: str | Message | None  # this laptop's (why not, if its key is unreadable;
    # None at the office)
    office_key: str | None  # the office's age recipient this laptop encrypts to
    office_fingerprint: str | None  # the office's signing key this laptop trusts
    services: int  # in the catalogue in use
    sample_catalogue: bool  # the bundled example of a fictional territory
    refused: tuple[Located, ...] = ()  # questionnaire or catalogue files not used, and why


def load(workspace: Workspace) -> SettingsView:
    """The settings, and the keys to compare; a laptop's signing key is made here if
    this is its first need (the coordinator asks for its fingerprint at enrolment)."""
    catalogue = workspace.catalogue
    office = Outbox(workspace.store).office()
    return SettingsView(
        workspace.store.settings(),
        None if is_office(workspace.folder) else _fingerprint(workspace),
        office.recipient if office else None,
        fingerprint(office.signing_key) if office and office.signing_key else None,
        len(catalogue.services),
        catalogue.sample,
        tuple(workspace.problems),
    )


def _fingerprint(workspace: Workspace) -> str | Message:
    try:
        return fingerprint(device_key(workspace.folder.root))
    except Problem as exc:  # the rest of Réglages stays usable
        return msg("place.fingerprint_problem", problem=exc.located[0].message)


def save(workspace: Workspace, settings: Settings) -> None:
    workspace.store.save_settings(settings)
