"""A laptop's sync: read the office pack on a key, then leave a new signed bundle.

Order matters. The pack is applied only when it verifies: signed by the office key this
laptop enrolled (on first use, or a new key whose fingerprint the mediator confirmed as
the one the coordinator gave them), numbered no lower than the last pack applied, and
every file matching pack.json; otherwise nothing of it is applied, not a questionnaire,
not the catalogue, not an erasure, not a receipt, and the report says why. A change of
the office's keys is never taken on the key's word alone, not even one the old key
endorsed: whoever learnt the old key (a leaked passphrase) could endorse their own.
In a pack that verifies, every file is checked before any is installed, and a refused
one never stops the others; receipts are applied before the bundle is written
(so what already arrived is not sent again). The bundle is always written when there
is something to send and an enrolled office key to send it to, whatever the pack. The
laptop only ever holds the office's public keys and its own signing key; it keeps every
record until a receipt names the bundle that carried it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from evaluation.files.disk import read_bounded, write_durably
from evaluation.i18n import Message, msg
from evaluation.machine.clock import now
from evaluation.machine.paths import DataFolder
from evaluation.offers.catalogue import Catalogue, parse_catalogue
from evaluation.problems import Located, Problem
from evaluation.questionnaire import Loaded, load_bytes
from evaluation.questionnaire.recordings import MAX_RECORDING, refused
from evaluation.sync.bundle import MAX_SEQ, Manifest, file_name, format_for, seal
from evaluation.sync.key import KeyLayout
from evaluation.sync.outbox import Outbox
from evaluation.sync.pack import (
    ERASURES,
    MANIFEST,
    QUESTIONNAIRE,
    RECORDING,
    SIGNATURE,
    Pack,
    PackFile,
    read_pack,
    read_receipts,
    recording_name,
)
from evaluation.sync.records import ErasureData, InterviewData
from evaluation.sync.signing import device_key, fingerprint, public_text, same_fingerprint
from evaluation.workspace import Workspace


@dataclass(frozen=True)
class OfficeKeyChanged:
    """The pack is signed by another office key than the one enrolled: nothing of the
    pack was applied, and the mediator confirms the new fingerprint only if the
    coordinator gave it to them (by phone, on paper: never through the USB key)."""

    enrolled: str  # fingerprint of the key this laptop knows (its recipient, if none)
    offered: str  # fingerprint of the key on the USB key


@dataclass(frozen=True)
class OfficeSeen:
    """The office's keys as a laptop enrolled them: what a person compares."""

    fingerprint: str
    recipient: str


@dataclass
class LaptopSync:
    """What one sync did, for the screen or the terminal."""

    fingerprint: str = ""  # this laptop's, for the coordinator to compare at enrolment
    enrolled: OfficeSeen | None = None  # the office keys, when enrolled (or changed) now
    key_changed: OfficeKeyChanged | None = None
    installed: list[tuple[str, int]] = field(default_factory=list)  # questionnaire versions
    catalogue: int | None = None  # services received
    acknowledged: int = 0  # bundles the office confirmed
    erased: list[str] = field(default_factory=list)  # erased at the office, now here too
    bundle: Path | None = None
    sent_interviews: int = 0
    sent_erasures: int = 0
    unsent: int = 0  # finished interviews not sent (no office key yet)
    problems: list[Located] = field(default_factory=list)

    @property
    def sent(self) -> int:
        """Records in the new bundle (interviews and erasures)."""
        return self.sent_interviews + self.sent_erasures

    def said(self) -> list[Message]:
        """What happened, line by line: what was sent, what was not and why."""
        lines = [msg("sync.fingerprint", fingerprint=self.fingerprint)]
        if self.enrolled:
            lines.append(
                msg(
                    "sync.enrolled",
                    fingerprint=self.enrolled.fingerprint,
                    recipient=self.enrolled.recipient,
                )
            )
        lines += [msg("sync.installed", id=qid, version=v) for qid, v in self.installed]
        if self.catalogue is not None:
            lines.append(msg("sync.catalogue", count=self.catalogue))
        if self.erased:
            lines.append(msg("sync.erased", count=len(self.erased)))
        lines.append(msg("sync.acknowledged", count=self.acknowledged))
        if self.bundle is not None:
            lines.append(msg("sync.sent", count=self.sent_interviews))
            if self.sent_erasures:
                lines.append(msg("sync.sent_erasures", count=self.sent_erasures))
        elif self.unsent:
            lines.append(msg("sync.unsent", count=self.unsent))
        else:
            lines.append(msg("sync.nothing"))
        return lines

    def finished(self) -> Message:
        """The last word: whether the key can be pulled out with nothing left behind."""
        troubled = self.problems or self.unsent or self.key_changed
        return msg("sync.done_problems" if troubled else "sync.done")


def sync_laptop(
    workspace: Workspace, folder: DataFolder, key: Path, office_fingerprint: str | None = None
) -> LaptopSync:
    """Read the office pack and apply it if it verifies, then write one signed bundle.

    A pack signed by another key than the enrolled office's is applied only when
    `office_fingerprint` (what the coordinator told the mediator) is that key's;
    otherwise `report.key_changed` says so, and the bundle is still written for the
    enrolled key.
    """
    layout = KeyLayout(key)
    outbox = Outbox(workspace.store)
    signer = device_key(folder.root)
    report = LaptopSync(fingerprint=fingerprint(signer))
    office_erasures: set[str] = set()
    try:
        pack = read_pack(layout)
    except Problem as exc:
        pack = None
        report.problems.extend(exc.located)
    trusted = pack is not None and _trusted(outbox, pack, office_fingerprint, report)
    if pack is not None and trusted:
        office_erasures = _install(pack, workspace, folder, report)
        outbox.applied_pack(pack.manifest.number)
        try:
            device = workspace.store.device
            report.acknowledged = outbox.acknowledge(read_receipts(layout, device))
        except Problem as exc:
            report.problems.extend(exc.located)
    refused = pack is not None and not trusted  # the office's keys are there, not taken
    _write_bundle(outbox, layout, workspace, report, office_erasures, signer, refused)
    return report


def office_to_confirm(workspace: Workspace, key: Path) -> OfficeSeen | None:
    """The office keys a first sync would enrol, for the mediator to compare with the
    fingerprint the coordinator gave them before anything is enrolled: None when this
    laptop knows an office already, or the key holds no pack signed by the keys it
    carries (the sync itself then says why)."""
    if Outbox(workspace.store).office() is not None:
        return None
    try:
        pack = read_pack(KeyLayout(key))
    except Problem:
        return None
    if pack is None or not pack.self_signed():
        return None
    manifest = pack.manifest
    return OfficeSeen(fingerprint(manifest.office_signing_key), manifest.office_recipient)


def _trusted(outbox: Outbox, pack: Pack, confirmed: str | None, report: LaptopSync) -> bool:
    """Whether to apply this pack: enrol the office's keys on first use or when the
    mediator confirmed their fingerprint, or say why not (the enrolled keys stay)."""
    where = f"office/{MANIFEST}"
    if not pack.self_signed():
        key = "pack.unsigned" if pack.signature is None else "pack.bad_signature"
        report.problems.append(Located(f"office/{SIGNATURE}", msg(key)))
        return False
    manifest = pack.manifest
    offered, recipient = manifest.office_signing_key, manifest.office_recipient
    office = outbox.office()
    seen = OfficeSeen(fingerprint(offered), recipient)
    if (
        office is None
        and confirmed is not None
        and not same_fingerprint(confirmed, seen.fingerprint)
    ):
        # At first use too, the fingerprint the coordinator gave is the only one to take.
        mismatch = msg("sync.fingerprint_mismatch", typed=confirmed)
        report.problems.append(Located(where, mismatch))
        return False
    if office is None:
        outbox.enrol(recipient, offered)  # trust on first use: the mediator checks it
        report.enrolled = seen
    elif office.signing_key == offered:
        if office.recipient != recipient:  # an office changes both keys, never one
            report.problems.append(Located(where, msg("pack.recipient_changed")))
            return False
    elif confirmed is not None and same_fingerprint(confirmed, seen.fingerprint):
        outbox.enrol(recipient, offered)
        report.enrolled = seen
    else:
        if confirmed is not None:
            mismatch = msg("sync.fingerprint_mismatch", typed=confirmed)
            report.problems.append(Located(where, mismatch))
        known = fingerprint(office.signing_key) if office.signing_key else office.recipient
        report.key_changed = OfficeKeyChanged(known, seen.fingerprint)
        return False
    installed = outbox.pack_number()
    if manifest.number < installed:
        replayed = msg("pack.replayed", offered=manifest.number, installed=installed)
        report.problems.append(Located(where, replayed))
        return False
    if pack.problems:
        report.problems.extend(pack.problems)
        report.problems.append(Located(where, msg("pack.not_applied")))
        return False
    return True


@dataclass
class _Checked:
    questionnaires: list[tuple[PackFile, Loaded]] = field(default_factory=list)
    catalogue: tuple[PackFile, Catalogue] | None = None
    erasures: list[tuple[str, str, str]] | None = None


def _install(pack: Pack, workspace: Workspace, folder: DataFolder, report: LaptopSync) -> set[str]:
    """Check every file of the pack, then install those that passed; the ids erased at
    the office (not to be sent back)."""
    checked = _Checked()
    recordings = {f.name: f.data for f in pack.files if re.fullmatch(RECORDING, f.name)}
    for item in pack.files:
        if item.name in recordings:
            continue  # checked with the version that declares it
        try:
            _check(item, workspace, checked, recordings)
        except Problem as exc:
            report.problems.extend(exc.located)
    for item, loaded in checked.questionnaires:
        q = loaded.questionnaire
        target = folder.questionnaires / q.id / f"{q.version}.yaml"
        try:
            _install_recordings(target.parent, loaded)
            write_durably(target, item.data)  # last: the version exists once it is whole
            workspace.library.add(target, "installed")
        except Problem as exc:
            report.problems.extend(exc.located)
            continue
        report.installed.append((q.id, q.version))
    if checked.catalogue is not None:
        item, catalogue = checked.catalogue
        try:
            write_durably(folder.catalogue, item.data)
        except Problem as exc:
            report.problems.extend(exc.located)
        else:
            workspace.catalogue = catalogue
            report.catalogue = len(catalogue.services)
    if checked.erasures is None:
        return set()
    outbox = Outbox(workspace.store)
    recorders = outbox.held([e[0] for e in checked.erasures])
    # Only the interview's recorder or the office erases it: a laptop's word on another
    # laptop's interview, even published by the office, is not applied.
    office = pack.manifest.office_device
    fresh = [e for e in checked.erasures if e[0] in recorders and e[1] in {recorders[e[0]], office}]
    held = {e[0] for e in fresh}
    for interview_id in held:
        folder.remove_files_of(interview_id)  # files first: a sheet never outlives its rows
    outbox.bury(fresh)
    report.erased = sorted(held)
    return {e[0] for e in checked.erasures}


def _install_recordings(folder: Path, loaded: Loaded) -> None:
    """Put a version's recordings in its questionnaire's folder before its YAML. A file
    another version installed is shared when its bytes are the same, never replaced."""
    for file, data in loaded.recordings.items():
        target = folder / file
        if target.exists() or target.is_symlink():
            if read_bounded(target, MAX_RECORDING, links=False) != data:
                raise Problem(
                    msg("pack.recording_differs", file=file, id=loaded.questionnaire.id),
                    str(target),
                )
            continue
        write_durably(target, data)


def _check(
    item: PackFile, workspace: Workspace, checked: _Checked, recordings: dict[str, bytes]
) -> None:
    where = f"office/{item.name}"
    if item.name == "erasures.json":
        try:
            checked.erasures = ERASURES.validate_json(item.data)
        except ValidationError:
            raise Problem(msg("pack.bad_erasures"), where) from None
        return
    if item.name == "catalogue.json":
        checked.catalogue = (item, parse_catalogue(item.data, where))
        return
    named = re.fullmatch(QUESTIONNAIRE, item.name)

    def recording(file: str) -> bytes:
        data = recordings.get(recording_name(named["id"], file)) if named else None
        if data is None:
            raise Problem(refused(file, msg("pack.recording_missing")))
        return data

    loaded = load_bytes(item.data, where, recording)
    q = loaded.questionnaire
    if named is None or (named["id"], int(named["version"])) != (q.id, q.version):
        raise Problem(msg("pack.questionnaire_misnamed", id=q.id, version=q.version), where)
    known = workspace.library.get(q.id, q.version)
    if known is not None:
        if known.sha256 != loaded.sha256:
            raise Problem(msg("pack.questionnaire_differs", id=q.id, version=q.version), where)
        return
    checked.questionnaires.append((item, loaded))


def _write_bundle(
    outbox: Outbox,
    layout: KeyLayout,
    workspace: Workspace,
    report: LaptopSync,
    office_erasures: set[str],
    signer: Ed25519PrivateKey,
    refused: bool,
) -> None:
    pending = [
        o
        for o in outbox.pending()
        if not (isinstance(o.record, ErasureData) and o.record.id in office_erasures)
    ]
    if not pending:
        return
    recipient = outbox.office_recipient()
    if recipient is None:
        report.unsent = sum(1 for o in pending if isinstance(o.record, InterviewData))
        if not refused:  # a refused office already said why; its key was on the USB key
            report.problems.append(Located("", msg("sync.no_office_key", count=len(pending))))
        return
    device = workspace.store.device
    seq = outbox.reserve_seq()
    if seq > MAX_SEQ:
        raise Problem(msg("sync.seq_exhausted", last=seq - 1), str(layout.bundles))
    interviews = [o.record for o in pending if isinstance(o.record, InterviewData)]
    manifest = Manifest(
        format=format_for(pending),
        device=device,
        signing_key=public_text(signer),
        seq=seq,
        created_at=now(),
        counts={"interview": len(interviews), "erasure": len(pending) - len(interviews)},
        questionnaires={
            f"{r.interview['questionnaire_id']}/{r.interview['questionnaire_version']}": (
                r.interview["questionnaire_sha256"]
            )
            for r in interviews
        },
    )
    data, content_sha256 = seal(manifest, pending, recipient, signer)
    name = file_name(device, seq)
    file_sha256 = write_durably(layout.safe(layout.bundles / name), data)
    outbox.sent(seq, name, file_sha256, content_sha256, pending)
    report.bundle = layout.bundles / name
    report.sent_interviews = len(interviews)
    report.sent_erasures = len(pending) - len(interviews)
