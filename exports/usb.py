"""Files on a USB key: where things go, durable writes, and careful reads.

A key may be FAT32 or exFAT, pulled out mid-write, or prepared by someone hostile: every
write goes through a temp file, fsync, rename and a read-back check; every read refuses
symbolic links, other odd files and anything larger than expected.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = "evaluation"
MEDIA_ROOTS = ("/media/", "/run/media/")


class KeyFileError(Exception):
    """A file on the key cannot be used; the message says which and why."""


@dataclass(frozen=True)
class KeyLayout:
    """Where the sync keeps its files on a key (all names are safe on FAT32 and exFAT)."""

    key: Path

    @property
    def root(self) -> Path:
        return self.key / ROOT

    @property
    def bundles(self) -> Path:
        """Bundles written by laptops, for the office."""
        return self.root / "bundles"

    @property
    def office(self) -> Path:
        """What the office sends back: its key, questionnaires, catalogue, receipts."""
        return self.root / "office"

    @property
    def receipts(self) -> Path:
        return self.office / "receipts"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_durably(path: Path, data: bytes) -> str:
    """Write `data` to `path` so that it is either whole or absent; returns its sha256.

    Temp file, fsync, rename, fsync of the folder, then the file is read back and
    compared: a key pulled out or a failing flash cell is caught here, not at the office.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp")
    digest = sha256(data)
    try:
        # A temp file left by a key pulled out earlier; FAT through FUSE cannot truncate it.
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        with tmp.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(path)
        _fsync_folder(path.parent)
        if sha256(path.read_bytes()) != digest:
            raise KeyFileError(f"{path}: the file read back differs from what was written")
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise KeyFileError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return digest


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems (FAT through FUSE among them) refuse fsync on a folder
    finally:
        os.close(fd)


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, refusing links, other kinds of file and huge files."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if path.is_symlink():
        raise KeyFileError(f"{path}: is a symbolic link, refused")
    if not path.is_file():
        raise KeyFileError(f"{path}: is not a regular file, refused")
    if info.st_size > limit:
        raise KeyFileError(f"{path}: too large ({info.st_size} bytes, at most {limit})")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as source:
            data = source.read(limit + 1)
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise KeyFileError(f"{path}: too large (more than {limit} bytes)")
    return data


def mounted_keys(mounts: Path = Path("/proc/mounts")) -> list[Path]:
    """Mount points of removable media (under /media or /run/media), writable or not."""
    try:
        lines = mounts.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        fields = line.split()
        if len(fields) < 2:
            continue
        point = _unescape(fields[1])
        if point.startswith(MEDIA_ROOTS):
            found.append(Path(point))
    return sorted(set(found))


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces and tabs in paths as octal escapes (\\040)."""
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field
