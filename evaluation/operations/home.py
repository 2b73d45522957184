"""What the home screen shows: the place of the day, what needs attention."""

from __future__ import annotations

from dataclasses import dataclass, replace

from evaluation.machine.clock import today
from evaluation.problems import Located
from evaluation.structure.settings import Place
from evaluation.workspace import Workspace


@dataclass(frozen=True)
class HomeView:
    place: Place
    place_confirmed_today: bool
    unfinished: int
    sample_catalogue: bool
    problems: tuple[Located, ...]
    high_contrast: bool = False  # the theme chosen in Réglages


def home_view(workspace: Workspace, files: bool = True) -> HomeView:
    """What home shows; without `files`, from the database alone (the first view at
    opening: the questionnaires and catalogue are read and checked just after)."""
    settings = workspace.store.settings()
    problems = tuple(workspace.problems) if files else ()
    return HomeView(
        place=settings.place,
        place_confirmed_today=settings.place_date == today().isoformat(),
        unfinished=workspace.store.unfinished_count(),
        sample_catalogue=files and workspace.catalogue.sample,
        problems=problems,
        high_contrast=settings.high_contrast,
    )


def confirm_place(workspace: Workspace) -> None:
    """The mediator said the place of the day is still right: remembered for today."""
    settings = workspace.store.settings()
    workspace.store.save_settings(replace(settings, place_date=today().isoformat()))
