"""The recordings a questionnaire version declares: where each is named, and its bytes.

A text's `audio` names, per language, a file relative to the questionnaire's folder
(`<id>/`, next to `<version>.yaml`). Its bytes are part of the version: they are read
and checked when the version is loaded, and their sha256 enters its content hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.files.disk import read_bounded
from evaluation.i18n import Message, msg
from evaluation.problems import Problem

MAX_RECORDING = 16 * 1024 * 1024  # some minutes of speech as WAV; a question takes seconds
# What a recording of each kind starts with: a file whose bytes do not match its name
# (a text, a picture, a truncated copy) is refused when the version is loaded.
_STARTS = {
    "wav": ((0, b"RIFF"), (8, b"WAVE")),
    "ogg": ((0, b"OggS"),),
    "opus": ((0, b"OggS"),),
    "flac": ((0, b"fLaC"),),
}

# Reads one declared file by its relative name; raises `Problem` when it cannot.
Source = Callable[[str], bytes]


@dataclass(frozen=True)
class Declared:
    """One recording named in the YAML: the field path to its name, and the file."""

    path: tuple[str | int, ...]
    file: str


def declared(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[Declared]:
    """Every `audio: {lang: file}` of a validated questionnaire's YAML, in file order."""
    if isinstance(data, dict):
        audio = data.get("audio")
        if "fr" in data and isinstance(audio, dict):
            for lang, file in audio.items():
                yield Declared((*path, "audio", lang), str(file))
        for key, value in data.items():
            if key != "audio":
                yield from declared(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from declared(value, (*path, index))


def is_audio(file: str, data: bytes) -> bool:
    """Whether `data` looks like a sound file of the kind `file`'s extension names."""
    kind = file.rsplit(".", 1)[-1]
    if kind == "mp3":  # an ID3 tag, or straight to a frame's sync bits
        return data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] >= 0xE0)
    starts = _STARTS.get(kind, ((0, b"\0\0\0\0\0"),))
    return all(data[at : at + len(magic)] == magic for at, magic in starts)


def checked(file: str, data: bytes) -> bytes:
    """`data` if it is a sound file of its kind; raises `Problem` otherwise."""
    if not is_audio(file, data):
        raise Problem(msg("q.recording_not_audio", file=file))
    return data


def folder_source(folder: Path) -> Source:
    """Recordings read from the questionnaire's folder on disk."""

    def read(file: str) -> bytes:
        try:
            return read_bounded(folder / file, MAX_RECORDING, links=False)
        except Problem as exc:
            raise Problem(refused(file, exc.message)) from None

    return read


def refused(file: str, reason: Message) -> Message:
    return msg("q.recording_refused", file=file, reason=reason)


def no_source(file: str) -> bytes:
    """For a questionnaire read without its folder: any recording it names is missing."""
    raise Problem(refused(file, msg("file.reason.not_found")))
