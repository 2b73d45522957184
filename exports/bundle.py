"""The sync bundle: one age file per export, JSON Lines inside, a manifest first.

The laptop encrypts to the office's public X25519 key (pyrage, the age format), so it
can never read its own bundles back: a lost laptop or key reveals nothing. age's
authenticated stream refuses any truncated or altered byte; the manifest's counts and
the file name are checked against the content on top of that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from evaluation.store.records import RECORD, Sha256, Uuid
from evaluation.store.sync import Outgoing, Received
from exports.usb import sha256

FORMAT: Literal[1] = 1
MAX_SEQ = 999_999
MAX_BYTES = 64 * 1024 * 1024  # about 14,000 interviews; anything larger is not ours
Kind = Literal["interview", "erasure"]
KINDS: tuple[Kind, ...] = ("interview", "erasure")
NAME = re.compile(r"^evaluation-(?P<device>[0-9a-f-]{36})-(?P<seq>[0-9]{6})\.age$")


class BundleError(Exception):
    """A bundle is refused; the message says why in words a coordinator understands."""


def file_name(device: str, seq: int) -> str:
    """`evaluation-<device>-<seq>.age`: short, lower-case, safe on FAT32 and exFAT."""
    return f"evaluation-{device}-{seq:06d}.age"


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    type: Literal["manifest"] = "manifest"
    format: Literal[1] = FORMAT
    device: Uuid
    seq: int = Field(ge=1, le=MAX_SEQ)
    created_at: Annotated[str, StringConstraints(max_length=40)]
    counts: dict[Kind, int]
    questionnaires: dict[Annotated[str, StringConstraints(max_length=200)], Sha256]


@dataclass(frozen=True)
class Opened:
    manifest: Manifest
    records: list[Received]
    content_sha256: str


def seal(manifest: Manifest, records: list[Outgoing], recipient: str) -> tuple[bytes, str]:
    """The encrypted bundle, and the sha256 of its plain content (for receipts)."""
    lines = [manifest.model_dump_json(), *(r.line for r in records)]
    plain = ("\n".join(lines) + "\n").encode("utf-8")
    office = pyrage.x25519.Recipient.from_str(recipient)
    return pyrage.encrypt(plain, [office]), sha256(plain)


def unseal(data: bytes, identity: pyrage.x25519.Identity, name: str) -> Opened:
    """Decrypt and check one bundle; raise `BundleError` saying why it is refused."""
    match = NAME.match(name)
    if match is None:
        raise BundleError("unexpected file name, not a bundle")
    if not data:
        raise BundleError("empty file (0 bytes)")
    try:
        plain = pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise BundleError("encrypted for another office key") from None
        raise BundleError("damaged or truncated (the encryption check failed)") from None
    # Lines end at "\n" only: JSON escapes it inside strings, while U+2028 and friends,
    # which str.splitlines() would also cut at, may stand unescaped in a visitor's note.
    lines = plain.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise BundleError("no manifest")
    try:
        manifest = Manifest.model_validate_json(lines[0])
        # A line's hash is the record's: the laptop wrote each as its canonical JSON.
        records = [(RECORD.validate_json(line), sha256(line)) for line in lines[1:]]
    except (ValueError, ValidationError) as exc:
        raise BundleError(f"content does not follow the bundle format ({_first(exc)})") from None
    if (manifest.device, manifest.seq) != (match["device"], int(match["seq"])):
        raise BundleError("file name does not match its manifest (renamed?)")
    counts = {kind: sum(1 for r, _ in records if r.type == kind) for kind in KINDS}
    if counts != {kind: manifest.counts.get(kind, 0) for kind in KINDS}:
        raise BundleError(f"manifest counts {manifest.counts} but the bundle holds {counts}")
    if len({r.id for r, _ in records}) != len(records):
        raise BundleError("the same record appears twice")
    return Opened(manifest, records, sha256(plain))


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        return f"{where}: {error['msg']}" if where else error["msg"]
    return str(exc).splitlines()[0][:120]
