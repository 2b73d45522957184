"""Ed25519 signatures for the USB sync (pyca/cryptography), and the fingerprints people
compare.

Each laptop (each data folder) signs its bundles with its own key, `device-key.pem`,
made on first need and never leaving the data folder; the office signs its pack with a
key kept under its passphrase (`evaluation.sync.keyring`). Public keys travel as the
base64 of their 32 raw bytes. A person compares a key by its fingerprint: the first 10
bytes of the SHA-256 of the raw public key, in base32, in four groups of four
(`K7QF-3M2A-XW2A-4HTR`), the same for a laptop and for the office.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from pathlib import Path
from typing import Annotated, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from evaluation.files.disk import FileProblem, read_bounded, write_durably
from evaluation.i18n import msg

DEVICE_KEY_FILE = "device-key.pem"
MAX_KEY_FILE = 4096
FINGERPRINT_BYTES = 10  # 80 bits: 16 base32 letters, read aloud in four groups

# The base64 of 32 raw bytes (a public key) and of 64 (a signature), nothing else.
PublicKeyText = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$")]
SignatureText = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{85}[AQgw]==$")]


class SignatureLine(BaseModel):
    """`{"type":"signature","ed25519":"<base64>"}`: the last line of a bundle, and the
    content of `pack.sig`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    type: Literal["signature"] = "signature"
    ed25519: SignatureText


def public_text(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """A public key as it travels: base64 of its 32 raw bytes."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def fingerprint(key: str | Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """What a person compares: `K7QF-3M2A-XW2A-4HTR` (for a laptop or the office)."""
    text = key if isinstance(key, str) else public_text(key)
    digest = hashlib.sha256(base64.b64decode(text)).digest()[:FINGERPRINT_BYTES]
    letters = base64.b32encode(digest).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def same_fingerprint(typed: str, fingerprint_text: str) -> bool:
    """A fingerprint as someone typed it: any case, with or without dashes and spaces."""

    def bare(text: str) -> str:
        return "".join(c for c in text.upper() if c.isalnum())

    return bare(typed) == bare(fingerprint_text)


def sign(key: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(key.sign(data)).decode("ascii")


def signature_line(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The signature of `data` as one line of JSON, newline included."""
    return (SignatureLine(ed25519=sign(key, data)).model_dump_json() + "\n").encode("ascii")


def read_signature_line(line: bytes) -> str | None:
    """The signature a signature line holds, or None if it is not one."""
    try:
        return SignatureLine.model_validate_json(line).ed25519
    except ValidationError:
        return None


def verifies(public: str, data: bytes, signature: str) -> bool:
    """Whether `signature` is `public`'s over exactly `data`."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


def device_key(root: Path) -> Ed25519PrivateKey:
    """This data folder's signing key (`device-key.pem`, PKCS8), made on first need.

    Readable by its owner only (0600), written durably; a file that is not an Ed25519
    key is refused rather than replaced: the office knows this laptop by it.
    """
    path = root / DEVICE_KEY_FILE
    if not path.exists() and not path.is_symlink():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        write_durably(path, pem, mode=0o600)
        return key
    data = read_bounded(path, MAX_KEY_FILE)
    try:
        loaded = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise FileProblem(msg("device.bad_key"), str(path)) from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise FileProblem(msg("device.bad_key"), str(path))
    return loaded


def private_der(key: Ed25519PrivateKey) -> bytes:
    """The office's signing key as PKCS8 (DER), to keep under its passphrase."""
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def private_from_der(data: bytes) -> Ed25519PrivateKey | None:
    try:
        key = serialization.load_der_private_key(data, password=None)
    except (ValueError, TypeError):
        return None
    return key if isinstance(key, Ed25519PrivateKey) else None
