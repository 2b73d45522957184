"""`evaluation sync`: a laptop reads the office pack on a key, then leaves a new bundle.

Order matters: receipts first (so what already arrived is not sent again), then one
bundle with everything not yet acknowledged. The laptop only ever holds the office's
public key; it keeps every record until a receipt names the bundle that carried it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from evaluation.catalogue import CatalogueError, parse_catalogue
from evaluation.paths import DataFolder
from evaluation.questionnaire import DefinitionError, load_bytes
from evaluation.store.erasure import apply_erasures
from evaluation.store.records import ErasureData, InterviewData
from evaluation.store.sync import Outbox
from evaluation.workspace import Workspace
from exports.bundle import MAX_SEQ, NAME, Manifest, file_name, seal
from exports.office_pack import ERASURES, Pack, PackFile, read_pack, read_receipts
from exports.usb import KeyFileError, KeyLayout, write_durably


class OfficeKeyChanged(Exception):
    """The key carries another office key than the one enrolled; the mediator decides."""

    def __init__(self, enrolled: str, offered: str) -> None:
        super().__init__(
            f"the office key on this USB key ({offered[:16]}…) is not the one "
            f"this laptop knows ({enrolled[:16]}…)"
        )
        self.enrolled = enrolled
        self.offered = offered


@dataclass
class SyncReport:
    """What one sync did, for the screen or the terminal."""

    enrolled: str | None = None  # the office key, when enrolled (or changed) now
    installed: list[str] = field(default_factory=list)  # "id vN"
    catalogue: int | None = None  # services received
    acknowledged: int = 0  # bundles the office confirmed
    erased: int = 0  # interviews erased at the office, now erased here too
    office_erasures: set[str] = field(default_factory=set)  # no need to send these back
    bundle: Path | None = None
    sent: int = 0  # records in the new bundle
    problems: list[str] = field(default_factory=list)


def sync_laptop(
    workspace: Workspace, folder: DataFolder, key: Path, accept_new_office_key: bool = False
) -> SyncReport:
    """Read the office pack, apply receipts, write one bundle; raises `OfficeKeyChanged`."""
    layout = KeyLayout(key)
    outbox = Outbox(workspace.store)
    report = SyncReport()
    try:
        pack = read_pack(layout)
    except KeyFileError as exc:
        pack = None
        report.problems.append(str(exc))
    if pack is not None:
        _enrol(outbox, pack, accept_new_office_key, report)
        report.problems.extend(pack.problems)
        for item in pack.files:
            _install(item, workspace, folder, report)
    try:
        report.acknowledged = outbox.acknowledge(read_receipts(layout, workspace.store.device))
    except KeyFileError as exc:
        report.problems.append(str(exc))
    recipient = outbox.office_recipient()
    if recipient is None:
        report.problems.append(
            "no office key yet: ask the office to prepare this USB key (evaluation office pack)"
        )
        return report
    _write_bundle(outbox, layout, recipient, workspace, report)
    return report


def _enrol(outbox: Outbox, pack: Pack, accept: bool, report: SyncReport) -> None:
    offered = pack.manifest.office_recipient
    enrolled = outbox.office_recipient()
    if enrolled == offered:
        return
    if enrolled is not None and not accept:
        raise OfficeKeyChanged(enrolled, offered)
    outbox.enrol(offered)
    report.enrolled = offered


def _install(item: PackFile, workspace: Workspace, folder: DataFolder, report: SyncReport) -> None:
    where = f"office/{item.name}"
    if item.name == "erasures.json":
        try:
            erasures = ERASURES.validate_json(item.data)
        except ValidationError:
            report.problems.append(f"{where}: not a valid list of erasures")
            return
        erased = apply_erasures(workspace.store, erasures)
        for interview_id in erased:
            folder.remove_sheets(interview_id)
        report.erased = len(erased)
        report.office_erasures = {e[0] for e in erasures}
        return
    if item.name == "catalogue.json":
        try:
            catalogue = parse_catalogue(item.data, where)
        except CatalogueError as exc:
            report.problems.extend(exc.problems)
            return
        write_durably(folder.catalogue, item.data)
        workspace.catalogue = catalogue
        report.catalogue = len(catalogue.services)
        return
    try:
        loaded = load_bytes(item.data, where)
    except DefinitionError as exc:
        report.problems.extend(exc.problems)
        return
    q = loaded.questionnaire
    known = workspace.library.get(q.id, q.version)
    if known is not None:
        if known.sha256 != loaded.sha256:
            report.problems.append(
                f"{where}: {q.id} version {q.version} differs from the published one, "
                "which is kept (a published version is never changed)"
            )
        return
    target = folder.questionnaires / q.id / f"{q.version}.yaml"
    write_durably(target, item.data)
    workspace.library.add(target, "installed")
    report.installed.append(f"{q.id} v{q.version}")


def _write_bundle(
    outbox: Outbox, layout: KeyLayout, recipient: str, workspace: Workspace, report: SyncReport
) -> None:
    pending = [
        o
        for o in outbox.pending()
        if not (isinstance(o.record, ErasureData) and o.record.id in report.office_erasures)
    ]
    if not pending:
        return
    device = workspace.store.device
    # A bundle written but not recorded (the laptop stopped in between) keeps its number.
    on_key = [
        int(m["seq"])
        for p in (layout.bundles.iterdir() if layout.bundles.is_dir() else ())
        if (m := NAME.match(p.name)) and m["device"] == device
    ]
    seq = max([outbox.last_seq(), *on_key]) + 1
    if seq > MAX_SEQ:
        raise KeyFileError(
            f"{layout.bundles}: bundle numbers run out (a file numbered {seq - 1}?); "
            "remove the files that are not bundles of this laptop"
        )
    interviews = [o.record for o in pending if isinstance(o.record, InterviewData)]
    manifest = Manifest(
        device=device,
        seq=seq,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        counts={"interview": len(interviews), "erasure": len(pending) - len(interviews)},
        questionnaires={
            f"{r.interview.questionnaire_id}/{r.interview.questionnaire_version}": (
                r.interview.questionnaire_sha256
            )
            for r in interviews
        },
    )
    data, content_sha256 = seal(manifest, pending, recipient)
    name = file_name(device, seq)
    file_sha256 = write_durably(layout.bundles / name, data)
    outbox.sent(seq, name, file_sha256, content_sha256, pending)
    report.bundle = layout.bundles / name
    report.sent = len(pending)
