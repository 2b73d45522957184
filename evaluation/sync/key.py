"""The USB key: where the sync keeps its files on it, and which keys are plugged in.

A key may be FAT32 or exFAT, pulled out mid-write, or prepared by someone hostile:
files on it are written with `evaluation.files.disk.write_durably` and read with
`read_bounded(..., links=False)`, and every path on it goes through `KeyLayout.safe`
first, so that no folder on the way is a symbolic link (which would lead a read, a
write or a deletion outside the key).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.files.disk import FileProblem
from evaluation.i18n import msg

ROOT = "evaluation"
MEDIA_ROOTS = ("/media/", "/run/media/")


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

    def safe(self, path: Path) -> Path:
        """`path`, a path on the key, once none of the folders from the key down to it,
        nor itself, is a symbolic link; raises `FileProblem` naming the first link."""
        current = self.key
        for part in path.relative_to(self.key).parts:
            current = current / part
            if current.is_symlink():
                raise FileProblem(msg("file.symlink"), str(current))
        return path


def mounted_keys(mounts: Path = Path("/proc/mounts")) -> list[Path]:
    """Mount points of removable media (under /media or /run/media), writable or not."""
    try:
        lines = mounts.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
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
