"""Reading files that may be hostile, and writing files that must survive a power cut.

Every file the app reads from a person or a USB key goes through `read_bounded`: only a
regular file is read (a FIFO, `/dev/zero` or a folder is refused at once, never waited
on), and never more than a byte limit. Every file the app writes for later goes through
`write_durably`: temp file, fsync, rename, fsync of the folder, then read back.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from pathlib import Path

from evaluation.i18n import Message, msg
from evaluation.problems import Problem

MIB = 1024 * 1024


class FileProblem(Problem):
    """A file cannot be read or written; the message says which and why."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def os_reason(exc: OSError) -> Message:
    """An operating-system error in words (the system's own text is English)."""
    known = {
        errno.ENOENT: "file.reason.not_found",
        errno.EACCES: "file.reason.denied",
        errno.EPERM: "file.reason.denied",
        errno.EISDIR: "file.reason.is_folder",
        errno.ENOTDIR: "file.reason.not_folder",
        errno.ENOSPC: "file.reason.full",
        errno.EDQUOT: "file.reason.full",
        errno.EROFS: "file.reason.read_only",
        errno.EIO: "file.reason.io",
        errno.ELOOP: "file.reason.symlink",
        errno.ENAMETOOLONG: "file.reason.name_too_long",
        errno.EEXIST: "file.reason.exists",
        errno.ENXIO: "file.reason.no_reader",
    }
    key = known.get(exc.errno or 0)
    return msg(key) if key else msg("file.reason.other", code=exc.errno or 0)


def mebibytes(size: int) -> int:
    """A size for people, in whole MiB rounded up (a limit is never shown as 0)."""
    return max(1, -(-size // MIB))


def read_bounded(path: Path, limit: int, *, links: bool = True) -> bytes:
    """The bytes of the regular file at `path`, refusing anything else or anything larger.

    `links=False` refuses a symbolic link (files on a USB key another person prepared).
    """
    where = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        if path.is_symlink():
            raise FileProblem(msg("file.symlink"), where)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileProblem(msg("file.unreadable", reason=os_reason(exc)), where) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        key = "file.is_folder" if stat.S_ISDIR(info.st_mode) else "file.not_regular"
        raise FileProblem(msg(key), where)
    with os.fdopen(fd, "rb") as source:
        if info.st_size > limit:
            raise FileProblem(
                msg("file.too_large", size=mebibytes(info.st_size), limit=mebibytes(limit)), where
            )
        try:
            data = source.read(limit + 1)
        except OSError as exc:
            raise FileProblem(msg("file.unreadable", reason=os_reason(exc)), where) from None
    if len(data) > limit:
        raise FileProblem(
            msg("file.too_large", size=mebibytes(len(data)), limit=mebibytes(limit)), where
        )
    return data


def read_text(path: Path, limit: int) -> str:
    """A small UTF-8 text file (a passphrase, an id), refusing anything else."""
    data = read_bounded(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(msg("file.not_utf8"), str(path)) from None


PRIVATE = 0o600  # a file about a person: its owner only (another local account reads nothing)


def write_durably(path: Path, data: bytes, *, mode: int = 0o666) -> str:
    """Write `data` to `path` so that it is either whole or absent; returns its sha256.

    Temp file, fsync, rename, fsync of the folder, then the file is read back and
    compared: a key pulled out or a failing flash cell is caught here, not later.
    `mode` (less the umask) is the file's from its first byte: 0o600 for a secret or a
    person's document, whose missing folders are then made for their owner only (0o700).
    """
    tmp = path.with_name(f"{path.name}.tmp")
    digest = sha256(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o777 if mode & 0o077 else 0o700)
        # A temp file left by a key pulled out earlier; FAT through FUSE cannot truncate it.
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        with os.fdopen(os.open(tmp, flags, mode), "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(path)
        _fsync_folder(path.parent)
        if sha256(path.read_bytes()) != digest:
            raise FileProblem(msg("file.read_back_differs"), str(path))
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise FileProblem(msg("file.cannot_write", reason=os_reason(exc)), str(path)) from None
    return digest


def write_output(path: Path, data: bytes) -> None:
    """Write a document where the person asked (`--output`): a new or regular file is
    replaced whole (never left half-written, even on a full disk); a pipe or a device
    they named (`/dev/stdout`) is written to as is, but a pipe nobody reads is refused
    at once instead of waiting forever."""
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is None or stat.S_ISREG(info.st_mode):
        write_durably(path, data, mode=PRIVATE)
        return
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(msg("file.is_folder"), str(path))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            os.set_blocking(fd, True)  # once open, a reader that is slow is waited for
            with os.fdopen(fd, "wb", closefd=False) as out:
                out.write(data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise FileProblem(msg("file.cannot_write", reason=os_reason(exc)), str(path)) from None


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems (FAT through FUSE among them) refuse fsync on a folder
    finally:
        os.close(fd)
