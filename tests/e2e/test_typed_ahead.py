"""Keys typed ahead in a real terminal (tmux): a mediator who types the place, Enter,
the commune, Enter, the postcode without waiting finds each in its own field.

Textual reads a field's Enter after the keys already queued behind it; only the app's
own key handling moves on in time, which a Pilot test cannot show (it waits after
each key). One `send-keys` here delivers everything at once, as a fast typist or a
paste does.
"""

from __future__ import annotations

from pathlib import Path

from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.store import Store
from evaluation.structure.cra import GENRE_VALUES, STATUT_SOCIAL_VALUES, TRANCHE_AGE_VALUES
from tests.e2e.terminal import Terminal, seed_place


def test_the_first_start_form_takes_a_whole_line_typed_ahead(home: Path) -> None:
    term = Terminal(home)
    try:
        term.wait_for("Où êtes-vous aujourd'hui")
        term.keys("Marché de la Brèche", "Enter", "Niort", "Enter", "79000", "C-s")
        term.wait_for("Nouvel entretien")
        term.keys("C-q")
    finally:
        term.close()
    store = Store.open(data_folder(home).database, device_id(home))
    place = store.settings().place
    store.close()
    assert place is not None
    assert (place.name, place.commune, place.postcode) == ("Marché de la Brèche", "Niort", "79000")


def test_the_profile_takes_a_whole_line_typed_ahead(home: Path) -> None:
    """The first name, Enter, then one digit per numbered list (AZERTY's « é » for 2)."""
    seed_place(home)
    term = Terminal(home)
    try:
        term.wait_for("Nouvel entretien")
        term.keys("1")
        term.wait_for("Êtes-vous d'accord")
        term.keys("o")
        term.wait_for("Prénom ou pseudonyme")
        term.keys("Camille", "Enter", "3", "é", "1", "79000", "Enter")
        term.wait_for("plusieurs communes")  # 79000 is three communes: the second
        term.keys("C-u", "2", "Enter")
        term.wait_for("question 1 sur")  # the profile is saved as the questions open
    finally:
        term.close()
    store = Store.open(data_folder(home).database, device_id(home))
    [record] = store.interviews()
    store.close()
    profile = record.profile
    assert profile.first_name == "Camille"
    # Each list's options in order, « non communiqué » last: 3, 2 and 1 are the third,
    # second and first.
    assert profile.age_band == TRANCHE_AGE_VALUES[2]
    assert profile.social_status == STATUT_SOCIAL_VALUES[1]
    assert profile.gender == GENRE_VALUES[0]
    assert (profile.commune, profile.postcode) == ("Niort", "79000")
