"""The sync bundle: one age file per export, JSON Lines inside, a manifest first and a
signature last.

The laptop encrypts to the office's public X25519 key (pyrage, the age format), so it
can never read its own bundles back: a lost laptop or key reveals nothing. age's
authenticated stream refuses any truncated or altered byte, but anyone holding the
office's public key can write a bundle: so the manifest names the laptop's Ed25519
public key, and the last line, `{"type":"signature","ed25519":"<base64>"}`, is that
key's signature over every byte before it. The office checks the signature here, then
whether that key is the one it enrolled for the device (`evaluation.sync.importing`). The
manifest's counts and the file name are checked against the content on top of that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from evaluation.files.disk import sha256
from evaluation.i18n import Message, msg
from evaluation.problems import Problem
from evaluation.store.row_types import Sha256, Uuid
from evaluation.sync.inbox import Received
from evaluation.sync.outbox import Outgoing
from evaluation.sync.records import RECORD, returning
from evaluation.sync.signing import (
    PublicKeyText,
    public_text,
    read_signature_line,
    signature_line,
    verifies,
)

# 2: interviews carry their revision and the services added from the catalogue; the
# laptop signs (its public key in the manifest, a signature line last).
# 3: a return visit's record carries its earlier visit (`previous`). A laptop writes 3
# only for a bundle holding one, so an older office still takes every other bundle.
Format = Literal[2, 3]
FORMATS: tuple[Format, ...] = (2, 3)
FORMAT: Format = 3  # the newest
MAX_SEQ = 999_999
MAX_BYTES = 64 * 1024 * 1024  # about 14,000 interviews; anything larger is not ours
Kind = Literal["interview", "erasure"]
KINDS: tuple[Kind, ...] = ("interview", "erasure")
NAME = re.compile(r"^evaluation-(?P<device>[0-9a-f-]{36})-(?P<seq>[0-9]{6})\.age$")


class BundleError(Problem):
    """A bundle is refused; the message says why in words a coordinator understands."""


def file_name(device: str, seq: int) -> str:
    """`evaluation-<device>-<seq>.age`: short, lower-case, safe on FAT32 and exFAT."""
    return f"evaluation-{device}-{seq:06d}.age"


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    type: Literal["manifest"] = "manifest"
    format: Format = FORMAT
    device: Uuid
    signing_key: PublicKeyText  # the laptop's, base64 of the raw Ed25519 key
    seq: int = Field(ge=1, le=MAX_SEQ)
    created_at: Annotated[str, StringConstraints(max_length=40)]
    counts: dict[Kind, int]
    questionnaires: dict[Annotated[str, StringConstraints(max_length=200)], Sha256]


@dataclass(frozen=True)
class Opened:
    manifest: Manifest
    records: list[Received]
    content_sha256: str


def format_for(records: Sequence[Outgoing]) -> Format:
    """The oldest format that holds these records: an older office takes the bundle."""
    return 3 if any(returning(r.record) for r in records) else 2


def seal(
    manifest: Manifest, records: list[Outgoing], recipient: str, signer: Ed25519PrivateKey
) -> tuple[bytes, str]:
    """The signed, encrypted bundle, and the sha256 of its plain content (for receipts).

    The signature covers every byte before its line, the manifest (and so the device,
    the number and the public key) included; it is sealed inside the encryption.
    """
    if manifest.signing_key != public_text(signer):
        raise ValueError("the manifest names another signing key")
    lines = [manifest.model_dump_json(), *(r.line for r in records)]
    signed = ("\n".join(lines) + "\n").encode("utf-8")
    plain = signed + signature_line(signer, signed)
    office = pyrage.x25519.Recipient.from_str(recipient)
    return pyrage.encrypt(plain, [office]), sha256(plain)


def unseal(data: bytes, identities: Sequence[pyrage.x25519.Identity], name: str) -> Opened:
    """Decrypt and check one bundle, its signature included (by the key its manifest
    names); raise `BundleError` saying why it is refused."""
    match = NAME.match(name)
    if match is None:
        raise BundleError(msg("bundle.bad_name"))
    if not data:
        raise BundleError(msg("bundle.empty"))
    try:
        plain = pyrage.decrypt(data, list(identities))
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise BundleError(msg("bundle.foreign")) from None
        raise BundleError(msg("bundle.damaged")) from None
    # Lines end at "\n" only: JSON escapes it inside strings, while U+2028 and friends,
    # which str.splitlines() would also cut at, may stand unescaped in a visitor's note.
    lines = plain.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise BundleError(msg("bundle.no_manifest"))
    try:
        manifest = Manifest.model_validate_json(lines[0])
    except ValidationError as exc:
        raise BundleError(_manifest_problem(exc)) from None
    signature = read_signature_line(lines[-1]) if len(lines) > 1 else None
    if signature is None or not plain.endswith(b"\n"):
        raise BundleError(msg("bundle.unsigned"))
    signed = plain[: len(plain) - len(lines[-1]) - 1]
    if not verifies(manifest.signing_key, signed, signature):
        raise BundleError(msg("bundle.bad_signature"))
    lines.pop()
    try:
        # A line's hash is the record's: the laptop wrote each as its canonical JSON.
        records = [(RECORD.validate_json(line), sha256(line)) for line in lines[1:]]
    except ValidationError as exc:
        raise BundleError(msg("bundle.not_format", detail=_where(exc))) from None
    if (manifest.device, manifest.seq) != (match["device"], int(match["seq"])):
        raise BundleError(msg("bundle.renamed"))
    counts = {kind: sum(1 for r, _ in records if r.type == kind) for kind in KINDS}
    announced = {kind: manifest.counts.get(kind, 0) for kind in KINDS}
    if counts != announced:
        raise BundleError(
            msg(
                "bundle.counts",
                interviews=announced["interview"],
                erasures=announced["erasure"],
                held_interviews=counts["interview"],
                held_erasures=counts["erasure"],
            )
        )
    if len({r.id for r, _ in records}) != len(records):
        raise BundleError(msg("bundle.twice"))
    if manifest.format < 3 and any(returning(r) for r, _ in records):
        raise BundleError(msg("bundle.not_format", detail="interview.previous"))
    return Opened(manifest, records, sha256(plain))


def _manifest_problem(exc: ValidationError) -> Message:
    """An older (or newer) app's bundle says so, rather than fail on a field it lacks."""
    versions: list[Any] = [e.get("input") for e in exc.errors() if tuple(e["loc"]) == ("format",)]
    if versions and isinstance(versions[0], int) and versions[0] not in FORMATS:
        return msg("bundle.other_format", format=versions[0])
    return msg("bundle.not_format", detail=_where(exc))


def _where(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return ".".join(str(part) for part in error["loc"]) or "?"
