"""The sync bundle: one age file per export, JSON Lines inside, a manifest first.

The laptop encrypts to the office's public X25519 key (pyrage, the age format), so it
can never read its own bundles back: a lost laptop or key reveals nothing. age's
authenticated stream refuses any truncated or altered byte; the manifest's counts and
the file name are checked against the content on top of that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from evaluation.files import sha256
from evaluation.i18n import Message, msg
from evaluation.problems import Problem
from evaluation.store.rows import Sha256, Uuid
from evaluation.sync.inbox import Received
from evaluation.sync.outbox import Outgoing
from evaluation.sync.records import RECORD

# 2: interviews carry their revision and the services added from the catalogue.
FORMAT: Literal[2] = 2
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
    format: Literal[2] = FORMAT
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


def unseal(data: bytes, identities: list[pyrage.x25519.Identity], name: str) -> Opened:
    """Decrypt and check one bundle; raise `BundleError` saying why it is refused."""
    match = NAME.match(name)
    if match is None:
        raise BundleError(msg("bundle.bad_name"))
    if not data:
        raise BundleError(msg("bundle.empty"))
    try:
        plain = pyrage.decrypt(data, identities)
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
    return Opened(manifest, records, sha256(plain))


def _manifest_problem(exc: ValidationError) -> Message:
    """An older (or newer) app's bundle says so, rather than fail on a field it lacks."""
    versions: list[Any] = [e.get("input") for e in exc.errors() if tuple(e["loc"]) == ("format",)]
    if versions and isinstance(versions[0], int) and versions[0] != FORMAT:
        return msg("bundle.other_format", format=versions[0])
    return msg("bundle.not_format", detail=_where(exc))


def _where(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return ".".join(str(part) for part in error["loc"]) or "?"
