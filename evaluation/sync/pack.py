"""What the office puts on a key for the laptops: its public keys, questionnaire
versions, the catalogue of local offers, receipts for the bundles it imported, and the
erasures.

`pack.json` names every file with its sha256 and is written after them; `pack.sig`,
written last, is the office's Ed25519 signature over pack.json's exact bytes, so it
covers every file through its hash. A laptop applies a pack only when the signature is
the enrolled office's and every file matches (`evaluation.sync.laptop`); a pack cut
short between pack.json and pack.sig does not verify and changes nothing.

Receipts are not signed, on purpose: each carries the sha256 of a bundle's plain
content, which only the office (who decrypted it) and the laptop (who wrote it) know,
so a receipt cannot be made up from what is on the key. A laptop still applies them
only with a pack that verifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from evaluation.files.disk import FileProblem, read_bounded, sha256, write_durably
from evaluation.i18n import Message, msg
from evaluation.machine.clock import now
from evaluation.problems import Located, Problem
from evaluation.questionnaire.recordings import MAX_RECORDING
from evaluation.store.row_types import Sha256, Stamp, Uuid
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import MAX_ENDORSEMENTS, Endorsement, OfficeKeys, RecipientText
from evaluation.sync.outbox import Receipt
from evaluation.sync.signing import PublicKeyText, read_signature_line, signature_line, verifies

# 2: signed (pack.sig), with the office's signing key and its endorsements.
# 3: numbered (a laptop refuses an older pack) and naming the office's device id (the
# only device besides an interview's recorder whose erasure a laptop applies).
FORMAT: Literal[3] = 3
MAX_NUMBER = 2**53  # packs an office writes, one more each time (JSON-safe integer)
RECEIPTS_FORMAT: Literal[1] = 1
MANIFEST = "pack.json"
SIGNATURE = "pack.sig"
MAX_FILE = 4 * 1024 * 1024
MAX_SIGNATURE = 1024
MAX_CATALOGUE = 16 * 1024 * 1024
MAX_RECEIPTS = 64 * 1024 * 1024
# Only these relative names are ever read: no `..`, no absolute path, no surprise.
QUESTIONNAIRE = r"questionnaires/(?P<id>[a-z0-9][a-z0-9_-]{0,63})-v(?P<version>[0-9]{1,4})\.yaml"
# A recording, by its name in the questionnaire's folder: any name a text's `audio` may
# declare (`evaluation.questionnaire.text.AudioFile`), so every version can be packed.
RECORDING = (
    r"questionnaires/(?P<rid>[a-z0-9][a-z0-9_-]{0,63})/"
    r"(?P<file>([A-Za-z0-9][A-Za-z0-9_-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*\.(wav|ogg|opus|mp3|flac))"
)
SAFE_PATH = rf"^(catalogue\.json|erasures\.json|{QUESTIONNAIRE}|{RECORDING})$"


class PackManifest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal[3] = FORMAT
    number: int = Field(ge=1, le=MAX_NUMBER)
    office_device: Uuid
    office_recipient: RecipientText
    office_signing_key: PublicKeyText
    # Every rotation so far, oldest first: a laptop follows them from the key it knows.
    endorsements: list[Endorsement] = Field(default_factory=list, max_length=MAX_ENDORSEMENTS)
    created_at: Annotated[str, StringConstraints(max_length=40)]
    files: dict[Annotated[str, StringConstraints(pattern=SAFE_PATH)], Sha256] = Field(
        max_length=5000  # recordings: a few per question, per language
    )


# Interviews erased at the office or elsewhere: (id, device, erased_at), ids only.
Erasure = tuple[Uuid, Uuid, Stamp]
ERASURES = TypeAdapter(list[Erasure])


class ReceiptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal[1] = RECEIPTS_FORMAT
    device: Uuid
    bundles: list[tuple[int, Sha256]] = Field(max_length=1_000_000)


@dataclass(frozen=True)
class PackFile:
    name: str  # relative to the office folder
    data: bytes


def questionnaire_name(questionnaire_id: str, version: int) -> str:
    return f"questionnaires/{questionnaire_id}-v{version}.yaml"


def recording_name(questionnaire_id: str, file: str) -> str:
    return f"questionnaires/{questionnaire_id}/{file}"


def write_pack(
    layout: KeyLayout,
    *,
    number: int,
    office_device: str,
    keys: OfficeKeys,
    files: list[PackFile],
    receipts: dict[str, list[Receipt]],
    erasures: list[Erasure],
) -> PackManifest:
    """Write the office's files onto the key, then `pack.json`, then its signature."""
    files = [*files, PackFile("erasures.json", ERASURES.dump_json(erasures))]
    hashes = {f.name: write_durably(layout.safe(layout.office / f.name), f.data) for f in files}
    for device, bundles in receipts.items():
        write_receipts(layout, device, bundles)
    manifest = PackManifest(
        number=number,
        office_device=office_device,
        office_recipient=keys.recipient,
        office_signing_key=keys.signing_key,
        endorsements=list(keys.endorsements),
        created_at=now(),
        files=hashes,
    )
    raw = manifest.model_dump_json(indent=1).encode()
    write_durably(layout.safe(layout.office / MANIFEST), raw)
    write_durably(layout.safe(layout.office / SIGNATURE), signature_line(keys.signing, raw))
    return manifest


def write_receipts(layout: KeyLayout, device: str, bundles: list[Receipt]) -> None:
    receipt = ReceiptFile(device=device, bundles=[(r.seq, r.content_sha256) for r in bundles])
    path = layout.safe(layout.receipts / f"{device}.json")
    write_durably(path, receipt.model_dump_json().encode())


@dataclass(frozen=True)
class Pack:
    """A pack read from the key: its manifest, the exact bytes of pack.json, its
    signature (None when pack.sig is missing or not a signature), the files whose hashes
    matched, and one line for every file that did not."""

    manifest: PackManifest
    raw: bytes
    signature: str | None
    files: list[PackFile]
    problems: list[Located]

    def self_signed(self) -> bool:
        """Whether pack.sig is the signature of the key pack.json names. Whose key that
        is, and whether to trust it, is the laptop's question."""
        return self.signature is not None and verifies(
            self.manifest.office_signing_key, self.raw, self.signature
        )


def read_pack(layout: KeyLayout) -> Pack | None:
    """The office pack on the key, or None when there is none; raises `Problem`."""
    path = layout.safe(layout.office / MANIFEST)
    if not path.exists():
        return None
    raw = read_bounded(path, MAX_FILE, links=False)
    try:
        manifest = PackManifest.model_validate_json(raw)
    except ValidationError as exc:
        raise Problem(msg("pack.invalid", reason=_manifest_problem(exc)), str(path)) from None
    files: list[PackFile] = []
    problems: list[Located] = []
    for name, digest in sorted(manifest.files.items()):
        where = layout.office / name
        limit = (
            MAX_CATALOGUE
            if name == "catalogue.json"
            else MAX_RECORDING
            if re.fullmatch(RECORDING, name)
            else MAX_FILE
        )
        try:
            data = read_bounded(layout.safe(where), limit, links=False)
        except FileProblem as exc:
            problems.extend(exc.located)
            continue
        if sha256(data) != digest:
            problems.append(Located(str(where), msg("pack.damaged")))
            continue
        files.append(PackFile(name, data))
    return Pack(manifest, raw, _signature(layout), files, problems)


def _manifest_problem(exc: ValidationError) -> Message:
    error = exc.errors()[0]
    loc = error["loc"]
    if error["type"] == "json_invalid":
        return msg("pack.not_json")
    if loc == ("format",) and isinstance(error.get("input"), int):
        return msg("pack.other_format", format=error["input"])
    if loc[:1] == ("files",) and loc[-1] == "[key]":
        return msg("pack.name_not_allowed", name=str(loc[1]))
    return msg("pack.bad_field", field=".".join(str(p) for p in loc) or "?")


def _signature(layout: KeyLayout) -> str | None:
    try:
        path = layout.safe(layout.office / SIGNATURE)
        return read_signature_line(read_bounded(path, MAX_SIGNATURE, links=False))
    except FileProblem:
        return None


def read_receipts(layout: KeyLayout, device: str) -> list[Receipt]:
    """This laptop's receipts on the key (none when the file is absent)."""
    path = layout.safe(layout.receipts / f"{device}.json")
    if not path.exists():
        return []
    try:
        receipt = ReceiptFile.model_validate_json(read_bounded(path, MAX_RECEIPTS, links=False))
    except ValidationError:
        raise Problem(msg("pack.bad_receipts"), str(path)) from None
    if receipt.device != device:
        raise Problem(msg("pack.receipts_of_another"), str(path))
    return [Receipt(seq, sha) for seq, sha in receipt.bundles]


@dataclass(frozen=True)
class VersionFiles:
    """A questionnaire version as it goes on the key: its YAML and its recordings."""

    id: str
    version: int
    yaml: bytes
    recordings: dict[str, bytes]


def office_files(questionnaires: list[VersionFiles], catalogue: bytes | None) -> list[PackFile]:
    """The files of a pack: every questionnaire version with its recordings (one copy of
    a recording several versions share), and the catalogue if there is one."""
    files = [PackFile(questionnaire_name(v.id, v.version), v.yaml) for v in questionnaires]
    recordings: dict[str, bytes] = {}
    for v in questionnaires:
        for file, data in v.recordings.items():
            name = recording_name(v.id, file)
            if recordings.setdefault(name, data) != data:  # a published file was replaced
                raise Problem(msg("pack.recording_differs", file=file, id=v.id), name)
    files += [PackFile(name, data) for name, data in sorted(recordings.items())]
    if catalogue is not None:
        files.append(PackFile("catalogue.json", catalogue))
    return files
