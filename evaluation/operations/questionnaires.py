"""Questionnaire versions: which ones this computer has, checking files, XLSForm."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from evaluation.files.disk import read_bounded, write_durably, write_output
from evaluation.i18n import msg
from evaluation.machine.paths import DataFolder
from evaluation.problems import Located, Problem
from evaluation.questionnaire import DefinitionError, Library, Loaded, Published, load_file
from evaluation.questionnaire.load import display_path
from evaluation.questionnaire.recordings import MAX_RECORDING
from evaluation.questionnaire.text import Text


def versions(folder: DataFolder) -> Library:
    """Shipped versions and those installed by the sync, with the files refused."""
    return Library.discover(folder.questionnaires)


@dataclass(frozen=True)
class Checked:
    path: Path
    loaded: Loaded | None
    problems: tuple[Located, ...] = ()
    warnings: tuple[Located, ...] = ()  # loaded, with words to set right in a new version


def three_dots(node: object, path: str = "") -> list[str]:
    """Where a questionnaire's texts write « ... » for « … » (field paths, as
    `questions[3].text.fr`): shown as « … » on screen and paper, to write so next time."""
    if isinstance(node, Text):
        return [f"{path}.{lang}" for lang in node.languages if "..." in node.get_as_written(lang)]
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        return [f for name in fields for f in three_dots(getattr(node, name), _at(path, name))]
    if isinstance(node, (list, tuple)):
        return [f for n, item in enumerate(node) for f in three_dots(item, f"{path}[{n}]")]
    if isinstance(node, dict):
        return [f for key, item in node.items() for f in three_dots(item, _at(path, str(key)))]
    return []


def _at(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check(paths: list[Path]) -> list[Checked]:
    """Check files, or every `*.yaml` below a folder."""
    files: list[Path] = []
    empty: list[Located] = []
    for path in paths:
        if path.is_dir():
            try:
                found = sorted(path.rglob("*.yaml"))
            except OSError:
                found = [path]
            files.extend(found)
            if not found:
                empty.append(Located(str(path), msg("questionnaires.none_found")))
        else:
            files.append(path)
    if not files:
        raise Problem.many(empty)
    results = []
    for file in files:
        try:
            loaded = load_file(file)
        except DefinitionError as exc:
            results.append(Checked(file, None, exc.located))
            continue
        dots = three_dots(loaded.questionnaire)
        warned = tuple(
            Located(f"{display_path(file)}: {field}", msg("questionnaires.three_dots"))
            for field in dots
        )
        results.append(Checked(file, loaded, warnings=warned))
    return results


@dataclass(frozen=True)
class Imported:
    """A version read from a workbook and where its YAML is; `written` is False when an
    identical file was already there."""

    loaded: Loaded
    path: Path
    written: bool
    recordings: tuple[str, ...]
    ignored: tuple[str, ...] = ()  # metadata rows (start, end…) left aside


def import_xlsform(form: Path, output: Path, folder: DataFolder) -> Imported:
    """Convert the XLSForm at `form` into `output/<id>/<version>.yaml`, with its recordings.

    Nothing is written unless the version is valid, its recordings are all there and no
    version with the same id and number but other content exists (here or in the library).
    """
    from evaluation.questionnaire.load import load_bytes
    from evaluation.questionnaire.xlsform.read import read_form
    from evaluation.questionnaire.yaml_out import questionnaire_yaml

    converted = read_form(form, display_path(form))
    loaded = converted.loaded
    q = loaded.questionnaire
    target = output / q.id / f"{q.version}.yaml"
    shown = display_path(target)
    known = versions(folder).get(q.id, q.version)
    if known is not None and known.sha256 != loaded.sha256:
        raise Problem(
            msg(
                "xlsform.version_taken", id=q.id, version=q.version, other=display_path(known.path)
            ),
            display_path(form),
        )
    text = questionnaire_yaml(q, source=form.name).encode("utf-8")
    recordings = loaded.recordings
    if load_bytes(text, shown, recordings.__getitem__).sha256 != loaded.sha256:
        raise Problem(msg("xlsform.yaml_differs"), shown)  # the YAML must say the same
    if target.exists():
        existing = load_file(target)
        if existing.sha256 != loaded.sha256:
            raise Problem(msg("xlsform.file_taken", id=q.id, version=q.version), shown)
    put_recordings(recordings, target.parent)
    if target.exists():
        return Imported(loaded, target, False, converted.recordings, converted.ignored)
    write_durably(target, text)
    return Imported(loaded, target, True, converted.recordings, converted.ignored)


def starter_xlsform(form: Path, output: Path) -> tuple[str, ...]:
    """Write at `output` the workbook `form` with the scoring it lacks added, filled with
    a first proposal to edit; returns the pieces added (sheet names, `points`)."""
    from evaluation.files.safe_xlsx import MAX_BYTES as MAX_XLSX
    from evaluation.questionnaire.xlsform.read import read_starter
    from evaluation.questionnaire.xlsform.starter import workbook

    sheets, missing = read_starter(form, display_path(form))
    if not missing:
        raise Problem(msg("xlsform.starter_nothing"), display_path(form))
    write_output(output, workbook(read_bounded(form, MAX_XLSX), sheets, missing))
    return tuple(sorted(missing))


def export_xlsform(
    folder: DataFolder, questionnaire_id: str, version: int | None, output: Path
) -> Published:
    """Write a version (the newest by default) as an XLSForm workbook at `output`."""
    from evaluation.questionnaire.xlsform.write import workbook_bytes

    library = versions(folder)
    published = (
        library.latest(questionnaire_id)
        if version is None
        else library.get(questionnaire_id, version)
    )
    if published is None:
        known = ", ".join(f"{p.questionnaire.id} {p.questionnaire.version}" for p in library.all())
        if version is None:
            raise Problem(msg("xlsform.no_questionnaire", id=questionnaire_id, known=known))
        raise Problem(msg("xlsform.no_version", id=questionnaire_id, version=version, known=known))
    write_output(output, workbook_bytes(published.questionnaire))
    put_recordings(load_file(published.path).recordings, output.parent)
    return published


def put_recordings(recordings: dict[str, bytes], folder: Path) -> None:
    """Write recordings under `folder` at their names; a different file there is refused
    before anything is written, never replaced."""
    for name, data in recordings.items():
        copy = folder / name
        if copy.exists() and read_bounded(copy, MAX_RECORDING, links=False) != data:
            raise Problem(msg("xlsform.recording_taken", file=name), display_path(copy))
    for name, data in recordings.items():
        write_durably(folder / name, data)
