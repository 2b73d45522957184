"""Repeated, reordered, overlapping and lost bundles: the office ends with the union.

A hypothesis state machine drives two laptops, one key and an office through random
interviews, erasures, syncs, partial imports in any order, lost bundles and office key
rotations. At every
step the office holds nothing a laptop did not record; once everything is delivered it
holds exactly what the laptops hold (interviews and erasures, by content hash).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from evaluation.operations.erasure import erase
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys
from evaluation.sync.laptop import sync_laptop
from evaluation.sync.outbox import Outbox
from evaluation.sync.signing import fingerprint
from tests.sync.helpers import Place, confirmed

LAPTOPS = 2


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sync-machine-"))
        self.office = Place.open(self.root / "office", OfficeKeys.generate())
        self.key = self.root / "key"
        self.aside = self.root / "aside"  # bundles held back, to import later or never
        self.aside.mkdir()
        self.office.pack(self.key)
        self.laptops = [Place.open(self.root / f"laptop{n}") for n in range(LAPTOPS)]
        self.office.enrol(*self.laptops)
        self.recorded: set[tuple[str, str]] = set()  # everything any laptop ever held

    def teardown(self) -> None:
        for place in (self.office, *self.laptops):
            place.workspace.store.close()
        shutil.rmtree(self.root)

    @property
    def on_key(self) -> Path:
        return KeyLayout(self.key).bundles

    @rule(n=st.integers(0, LAPTOPS - 1), choice=st.integers(0, 3))
    def interview(self, n: int, choice: int) -> None:
        self.laptops[n].interview(None, choice=choice, questions=3)
        self.recorded |= self.laptops[n].content()

    @rule(n=st.integers(0, LAPTOPS - 1), data=st.data())
    def erase_one(self, n: int, data: st.DataObject) -> None:
        ids = sorted(r.id for r in self.laptops[n].workspace.store.interviews())
        if ids:
            erase(self.laptops[n].workspace, data.draw(st.sampled_from(ids)))
            self.recorded |= self.laptops[n].content()

    @rule(n=st.integers(0, LAPTOPS - 1))
    def sync(self, n: int) -> None:
        laptop = self.laptops[n]
        sync_laptop(
            laptop.workspace, laptop.folder, self.key, confirmed(laptop.workspace, self.key)
        )

    @rule(data=st.data())
    def hold_back_some(self, data: st.DataObject) -> None:
        """Move some bundles off the key (a second key, or one left in a drawer)."""
        names = sorted(p.name for p in self.on_key.glob("*.age")) if self.on_key.exists() else []
        for name in (
            data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True)) if names else []
        ):
            (self.on_key / name).rename(self.aside / name)

    @rule(data=st.data())
    def bring_back_some(self, data: st.DataObject) -> None:
        names = sorted(p.name for p in self.aside.iterdir())
        for name in (
            data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True)) if names else []
        ):
            self.on_key.mkdir(parents=True, exist_ok=True)
            (self.aside / name).rename(self.on_key / name)

    @rule(data=st.data())
    def lose_some(self, data: st.DataObject) -> None:
        """Bundles lost with a key, or deleted by someone tidying it up."""
        names = sorted(p.name for p in self.on_key.glob("*.age")) if self.on_key.exists() else []
        for name in (
            data.draw(st.lists(st.sampled_from(names), min_size=1, unique=True)) if names else []
        ):
            (self.on_key / name).unlink()

    @rule()
    def office_imports(self) -> None:
        self.office.import_key(self.key)

    @rule()
    def office_packs(self) -> None:
        self.office.pack(self.key)

    @rule()
    def office_rotates(self) -> None:
        """New office keys: bundles already written for the old ones still import, and
        laptops take them at their next sync after a pack, the mediator confirming the
        fingerprint the coordinator gave."""
        self.office.keys = self.office.office_keys.rotated()

    @invariant()
    def office_holds_only_what_laptops_recorded(self) -> None:
        assert self.office.content() <= self.recorded
        result = self.office.workspace.store.query("PRAGMA integrity_check")
        assert result == [{"integrity_check": "ok"}]

    @rule()
    def deliver_everything(self) -> None:
        """The office packs, every laptop syncs, the office imports and packs, laptops
        read receipts. The coordinator brings a fresh pack: a laptop given the office's
        fingerprint refuses a pack signed by any other key, even at first use."""
        office = fingerprint(self.office.office_keys.signing)  # as the coordinator says it
        self.office.pack(self.key)
        for laptop in self.laptops:
            sync_laptop(laptop.workspace, laptop.folder, self.key, office)
        self.office.import_key(self.key)
        self.office.pack(self.key)
        union = set().union(*(laptop.content() for laptop in self.laptops))
        assert self.office.content() == union
        for laptop in self.laptops:
            # Receipts read: nothing is left to send (a lost bundle stays unacknowledged,
            # but its records arrived in a later one).
            # The pack just written may carry rotated keys: the mediator confirms them.
            report = sync_laptop(laptop.workspace, laptop.folder, self.key, office)
            assert report.bundle is None
            assert Outbox(laptop.workspace.store).pending() == []


SyncMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
test_sync_machine = SyncMachine.TestCase
