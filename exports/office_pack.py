"""What the office puts on a key for the laptops: its public key, questionnaire
versions, the catalogue of local offers, and receipts for the bundles it imported.

`pack.json` names every file with its sha256 and is written last, so a pack cut short
still describes the previous, complete one and a damaged file is refused by its hash.
Receipts carry the content hash of each bundle, which only the office (who decrypted
it) and the laptop (who wrote it) can know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from evaluation.questionnaire import Library
from evaluation.store.records import Sha256, Stamp, Uuid
from evaluation.store.sync import Receipt
from exports.usb import KeyFileError, KeyLayout, read_file, sha256, write_durably

FORMAT: Literal[1] = 1
MAX_FILE = 4 * 1024 * 1024
# Only these relative names are ever read: no `..`, no absolute path, no surprise.
SAFE_PATH = (
    r"^(catalogue\.json|erasures\.json|questionnaires/[a-z0-9][a-z0-9_-]{0,63}-v[0-9]{1,4}\.yaml)$"
)
ALLOWED = "catalogue.json, erasures.json and questionnaires/<id>-v<version>.yaml"
RecipientText = Annotated[str, StringConstraints(pattern=r"^age1[02-9ac-hj-np-z]{58}$")]


class PackManifest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal[1] = FORMAT
    office_recipient: RecipientText
    created_at: Annotated[str, StringConstraints(max_length=40)]
    files: dict[Annotated[str, StringConstraints(pattern=SAFE_PATH)], Sha256] = Field(
        max_length=500
    )


# Interviews erased at the office or elsewhere: (id, device, erased_at), ids only.
Erasure = tuple[Uuid, Uuid, Stamp]
ERASURES = TypeAdapter(list[Erasure])


class ReceiptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal[1] = FORMAT
    device: Uuid
    bundles: list[tuple[int, Sha256]] = Field(max_length=1_000_000)


@dataclass(frozen=True)
class PackFile:
    name: str  # relative to the office folder
    data: bytes


def write_pack(
    layout: KeyLayout,
    *,
    recipient: str,
    library: Library,
    catalogue: bytes | None,
    receipts: dict[str, list[Receipt]],
    erasures: list[Erasure],
) -> PackManifest:
    """Write the office's files onto the key, `pack.json` last."""
    files = [
        PackFile(
            f"questionnaires/{p.questionnaire.id}-v{p.questionnaire.version}.yaml",
            p.path.read_bytes(),
        )
        for p in library.all()
    ]
    if catalogue is not None:
        files.append(PackFile("catalogue.json", catalogue))
    files.append(PackFile("erasures.json", ERASURES.dump_json(erasures)))
    hashes = {f.name: write_durably(layout.office / f.name, f.data) for f in files}
    for device, bundles in receipts.items():
        write_receipts(layout, device, bundles)
    manifest = PackManifest(
        office_recipient=recipient,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        files=hashes,
    )
    write_durably(layout.office / "pack.json", manifest.model_dump_json(indent=1).encode())
    return manifest


def write_receipts(layout: KeyLayout, device: str, bundles: list[Receipt]) -> None:
    receipt = ReceiptFile(device=device, bundles=[(r.seq, r.content_sha256) for r in bundles])
    write_durably(layout.receipts / f"{device}.json", receipt.model_dump_json().encode())


@dataclass(frozen=True)
class Pack:
    """A checked pack: the office key and the files whose hashes matched."""

    manifest: PackManifest
    files: list[PackFile]
    problems: list[str]


def read_pack(layout: KeyLayout) -> Pack | None:
    """The office pack on the key, or None when there is none; raises `KeyFileError`."""
    path = layout.office / "pack.json"
    if not path.exists() and not path.is_symlink():
        return None
    try:
        manifest = PackManifest.model_validate_json(read_file(path, MAX_FILE))
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error["loc"]
        if loc[:1] == ("files",) and loc[-1] == "[key]":
            why = f"file name '{loc[1]}' is not allowed (only {ALLOWED})"
        else:
            why = f"{'.'.join(str(p) for p in loc)}: {error['msg']}"
        raise KeyFileError(f"{path}: not a valid office pack ({why})") from None
    files, problems = [], []
    for name, digest in sorted(manifest.files.items()):
        try:
            data = read_file(layout.office / name, MAX_FILE)
        except KeyFileError as exc:
            problems.append(str(exc))
            continue
        if sha256(data) != digest:
            problems.append(f"{layout.office / name}: damaged (its sha256 differs from pack.json)")
            continue
        files.append(PackFile(name, data))
    return Pack(manifest, files, problems)


def read_receipts(layout: KeyLayout, device: str) -> list[Receipt]:
    """This laptop's receipts on the key (none when the file is absent)."""
    path = layout.receipts / f"{device}.json"
    if not path.exists() and not path.is_symlink():
        return []
    try:
        receipt = ReceiptFile.model_validate_json(read_file(path, 64 * 1024 * 1024))
    except (ValidationError, json.JSONDecodeError):
        raise KeyFileError(f"{path}: not a valid receipt file") from None
    if receipt.device != device:
        raise KeyFileError(f"{path}: receipts for another device")
    return [Receipt(seq, sha) for seq, sha in receipt.bundles]
