"""The office's keys: its age identities (the current one first, then those a rotation
retired, which still open bundles written before the laptops learnt the new key), its
Ed25519 signing key, and the endorsements that lead a laptop from one signing key to
the next.

They are kept together as one text, encrypted with the office passphrase (age's scrypt
mode) in `office-identity.age`, so a rotation replaces them in one atomic write. The
text is an age identity file: age ignores the `#` lines, so
`age -d office-identity.age > ids.txt; age -d -i ids.txt bundle.age` still opens any
bundle by hand. A file from before signatures holds one identity and nothing else; it
gets a signing key at its next unlock.

    # evaluation office keys
    # signing-key: <base64 of the PKCS8 Ed25519 key>
    # endorsement: <base64 of {"statement": "...", "ed25519": "..."}>   (oldest first)
    AGE-SECRET-KEY-1…   (current)
    AGE-SECRET-KEY-1…   (retired, newest first)

An endorsement is a statement, signed by the old signing key, naming the new age
recipient and the new signing key. The statement travels as the exact JSON text that
was signed, so nothing has to be re-serialized to check it.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Annotated, Literal

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from evaluation.machine.clock import now
from evaluation.sync.signing import (
    PublicKeyText,
    SignatureText,
    private_der,
    private_from_der,
    public_text,
    sign,
    verifies,
)

HEADER = "# evaluation office keys"
SIGNING = "# signing-key: "
ENDORSEMENT = "# endorsement: "
MAX_ENDORSEMENTS = 100
RecipientText = Annotated[str, StringConstraints(pattern=r"^age1[02-9ac-hj-np-z]{58}$")]


class Statement(BaseModel):
    """What the old signing key says at a rotation: these are the office's keys now."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    type: Literal["endorsement"] = "endorsement"
    format: Literal[1] = 1
    previous: PublicKeyText  # the signing key that signs this statement
    recipient: RecipientText
    signing_key: PublicKeyText
    created_at: Annotated[str, StringConstraints(max_length=40)]


class Endorsement(BaseModel):
    """A statement as the exact text that was signed, and its signature."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    statement: Annotated[str, StringConstraints(max_length=2000)]
    ed25519: SignatureText

    def checked(self) -> Statement | None:
        """The statement, if its own `previous` key signed it."""
        try:
            said = Statement.model_validate_json(self.statement)
        except ValidationError:
            return None
        return said if verifies(said.previous, self.statement.encode(), self.ed25519) else None


def endorse(old: Ed25519PrivateKey, recipient: str, new: Ed25519PrivateKey) -> Endorsement:
    statement = Statement(
        previous=public_text(old),
        recipient=recipient,
        signing_key=public_text(new),
        created_at=now(),
    ).model_dump_json()
    return Endorsement(statement=statement, ed25519=sign(old, statement.encode()))


def follow(endorsements: list[Endorsement], start: str, target: str) -> Statement | None:
    """The endorsement that makes `target` the office's key, reached from `start` (the
    key a laptop enrolled) through endorsements each signed by the key before it; None
    when no such chain exists (a laptop that missed several rotations follows them all).
    """
    checked = [s for e in endorsements if (s := e.checked()) is not None]
    reached, frontier = {start}, [start]
    while frontier:
        key = frontier.pop()
        for statement in checked:
            if statement.previous != key or statement.signing_key in reached:
                continue
            if statement.signing_key == target:
                return statement
            reached.add(statement.signing_key)
            frontier.append(statement.signing_key)
    return None


@dataclass(frozen=True)
class OfficeKeys:
    """Everything the office unlocks with its passphrase."""

    identities: tuple[pyrage.x25519.Identity, ...]  # current first
    signing: Ed25519PrivateKey
    endorsements: tuple[Endorsement, ...] = ()

    @classmethod
    def generate(cls) -> OfficeKeys:
        return cls((pyrage.x25519.Identity.generate(),), Ed25519PrivateKey.generate())

    @property
    def recipient(self) -> str:
        """The current age recipient (`age1…`), the one laptops encrypt to."""
        return str(self.identities[0].to_public())

    @property
    def signing_key(self) -> str:
        return public_text(self.signing)

    def rotated(self) -> OfficeKeys:
        """New keys, endorsed by the current signing key; every identity is kept."""
        identity = pyrage.x25519.Identity.generate()
        signing = Ed25519PrivateKey.generate()
        endorsement = endorse(self.signing, str(identity.to_public()), signing)
        return OfficeKeys((identity, *self.identities), signing, (*self.endorsements, endorsement))

    def text(self) -> str:
        """The keys as the text kept under the passphrase (see the module's doc)."""
        lines = [HEADER, SIGNING + base64.b64encode(private_der(self.signing)).decode("ascii")]
        lines += [
            ENDORSEMENT + base64.b64encode(e.model_dump_json().encode()).decode("ascii")
            for e in self.endorsements
        ]
        lines += [str(identity) for identity in self.identities]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Parsed:
    """The keys read back; `signing` is None in a file made before signatures."""

    identities: tuple[pyrage.x25519.Identity, ...]
    signing: Ed25519PrivateKey | None
    endorsements: tuple[Endorsement, ...]


def parse_keys(text: str) -> Parsed | None:
    """The keys in `text`, or None if it is not a keys text at all."""
    identities: list[pyrage.x25519.Identity] = []
    signing: Ed25519PrivateKey | None = None
    endorsements: list[Endorsement] = []
    try:
        for raw_line in text.splitlines():
            line = raw_line.strip()
            if line.startswith(SIGNING):
                signing = private_from_der(base64.b64decode(line[len(SIGNING) :], validate=True))
                if signing is None:
                    return None
            elif line.startswith(ENDORSEMENT):
                raw = base64.b64decode(line[len(ENDORSEMENT) :], validate=True)
                endorsements.append(Endorsement.model_validate_json(raw))
            elif line.startswith("AGE-SECRET-KEY-"):
                identities.append(pyrage.x25519.Identity.from_str(line))
            elif line and not line.startswith("#"):
                return None
    except (binascii.Error, ValidationError, pyrage.IdentityError):
        return None
    if not identities or len(endorsements) > MAX_ENDORSEMENTS:
        return None
    return Parsed(tuple(identities), signing, tuple(endorsements))
