"""Every command given hostile or wrong input, run as a user runs it (a subprocess).

For each case: the exit code, stderr in French with one line per problem naming what
and where, no traceback, no log of an unexpected error, a bounded time, and the
database's content as it was (SQLite may rewrite the file's bytes through its log, so
content is compared, not bytes, except for files the app must not touch at all).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from evaluation.machine.paths import data_folder
from evaluation.operations.sheets import write_sheet
from evaluation.operations.sync import sync
from evaluation.session import Session
from evaluation.store.erasure import traces
from evaluation.store.scores import refresh_scores
from evaluation.sync.office import init_office, unlock
from tests.cli.helpers import QUIET_LOCALE, run
from tests.sync.helpers import PASSPHRASE, Place, can_mount_fat, sign_pack

NAME = "Quenotte-Zéphyrine"
SECONDS = 20  # every case finishes well within this (the app's own wait is 15 s)
CLICK_QUOTES = re.compile(r"'[^'\s]+'")
LOCATED = re.compile(r"^\S+: ")
ENGLISH = ("Traceback", "Error:", "Usage:", "Warning", "Try '", "Exception")


# --- the scene: a laptop with interviews, an office, a USB key ---------------------------


@dataclass(frozen=True)
class Template:
    laptop: Path
    office: Path
    key: Path  # the office's pack, and one bundle of the laptop
    ids: tuple[str, ...]  # the laptop's interviews: Quenotte (with a sheet), Bjørn, Ayşe (old)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    root = tmp_path_factory.mktemp("bad-input")
    office = Place.open(root / "office")
    office.keys = init_office(office.folder, PASSPHRASE)
    key = root / "key"
    key.mkdir()
    office.pack(key)
    laptop = Place.open(root / "laptop")
    office.enrol(laptop)
    ids = (laptop.interview(NAME), laptop.interview("Bjørn"), laptop.interview("Ayşe"))
    write_sheet(Session.load(laptop.workspace, ids[0]))
    with laptop.workspace.store.transaction() as db:
        db.execute(
            "UPDATE interviews SET started_at = '2020-01-06T09:00:00.000+00:00' WHERE id = ?",
            (ids[2],),
        )
    sync(laptop.workspace, key)
    refresh_scores(laptop.workspace.store, laptop.workspace.published_for)  # a report's cache
    for place in (laptop, office):
        place.workspace.store.close()
    return Template(root / "laptop", root / "office", key, ids)


@dataclass
class Scene:
    """One case's own copy of the template, and what it set up (undone afterwards)."""

    root: Path
    home: Path
    office: Path
    key: Path
    ids: tuple[str, ...]
    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @property
    def db(self) -> Path:
        return self.home / "evaluation.sqlite3"

    def file(self, name: str, data: bytes | str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def fifo(self, name: str = "tube") -> Path:
        path = self.root / name
        os.mkfifo(path)
        return path

    def folder(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True)
        return path

    @property
    def bundles(self) -> Path:
        return self.key / "evaluation" / "bundles"


def content(database: Path) -> str:
    """What a database holds (schema and rows), or its bytes when it cannot be read."""
    try:
        conn = sqlite3.connect(database)
        try:
            return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "bytes " + hashlib.sha256(database.read_bytes()).hexdigest()


def file_bytes(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What to run, and what must come out."""

    args: tuple[str, ...]
    code: int  # the exit code
    says: tuple[str, ...]  # stderr holds each of these (French, naming what and where)
    lines: int = 1  # stderr lines (one per problem)
    home: str = "laptop"  # whose data folder: the laptop's or the office's
    stdin: str = ""
    env: dict[str, str] = field(default_factory=dict)
    busy_ms: int | None = None
    changes: bool = False  # the command legitimately writes to the database
    shows: tuple[str, ...] = ()  # stdout holds each of these
    after: Callable[[], None] | None = None  # what else must hold afterwards
    untouched: tuple[Path, ...] = ()  # files whose bytes must stay exactly the same
    # Catches a hang (a FIFO read forever), not a speed: only a case that must give up
    # before the app's own 15 s wait on a busy database asks for less.
    within: float = SECONDS


CASES: dict[str, Callable[[Scene], Run]] = {}


def case(function: Callable[[Scene], Run]) -> Callable[[Scene], Run]:
    CASES[function.__name__] = function
    return function


def refused(path: Path | str, text: str) -> tuple[str, ...]:
    """A questionnaire file's problem (the path, then what follows it), and the summary."""
    return (f"{path}{text}", "1 fichier refusé sur 1")


# questionnaires check: files a coordinator may be handed


@case
def questionnaire_with_nul_byte(s: Scene) -> Run:
    f = s.file("nul.yaml", b"format: 1\nid: x\x00y\n")
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ":2: caractère de contrôle interdit (0x00)"),
        2,
    )


@case
def questionnaire_list_nested_5000_deep(s: Scene) -> Run:
    f = s.file("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ":1: imbrication trop profonde (plus de 32 niveaux)"),
        2,
    )


@case
def questionnaire_5000_digit_integer(s: Scene) -> Run:
    f = s.file("digits.yaml", "format: " + "9" * 5000 + "\n")
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ":1: nombre trop long (plus de 18 chiffres)"),
        2,
    )


@case
def questionnaire_alias_bomb(s: Scene) -> Run:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]" for i in range(9)]
    f = s.file("bomb.yaml", "\n".join(lines) + "\n")
    return Run(("questionnaires", "check", str(f)), 1, refused(f, ":1: ancre « &a » interdite"), 2)


@case
def questionnaire_python_tag(s: Scene) -> Run:
    f = s.file("tag.yaml", "id: !!python/object/apply:os.system [echo pwned]\n")
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ":1: étiquette « !!python/object/apply:os.system » interdite"),
        2,
    )


@case
def questionnaire_dev_zero(s: Scene) -> Run:
    return Run(
        ("questionnaires", "check", "/dev/zero"),
        1,
        refused("/dev/zero", ": ce n'est pas un fichier ordinaire (périphérique, tube…) : refusé"),
        2,
    )


@case
def questionnaire_fifo(s: Scene) -> Run:
    f = s.fifo("q.yaml")
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ": ce n'est pas un fichier ordinaire (périphérique, tube…) : refusé"),
        2,
    )


@case
def questionnaire_empty_folder(s: Scene) -> Run:
    d = s.folder("vide")
    return Run(
        ("questionnaires", "check", str(d)),
        1,
        (f"{d}: aucun fichier de questionnaire (*.yaml) dans ce dossier",),
    )


@case
def questionnaire_empty_file(s: Scene) -> Run:
    f = s.file("vide.yaml", b"")
    return Run(("questionnaires", "check", str(f)), 1, refused(f, ": fichier vide"), 2)


@case
def questionnaire_not_utf8(s: Scene) -> Run:
    f = s.file("latin1.yaml", "format: 1\nid: caf\xe9\n".encode("latin-1"))
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ":2: ce n'est pas du texte UTF-8 (octet 0xe9)"),
        2,
    )


@case
def questionnaire_too_large(s: Scene) -> Run:
    f = s.file("gros.yaml", b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    return Run(
        ("questionnaires", "check", str(f)),
        1,
        refused(f, ": fichier trop gros (3 Mo ; au plus 1 Mo)"),
        2,
    )


@case
def questionnaire_megabyte_value_quoted_short(s: Scene) -> Run:
    f = s.file("long.yaml", "id: " + "x" * 900_000 + "\n")
    return Run(("questionnaires", "check", str(f)), 1, (f"{f}:1: id: au plus 64 caractères",), 7)


@case
def questionnaire_missing(s: Scene) -> Run:
    f = s.root / "absent.yaml"
    return Run(
        ("questionnaires", "check", str(f)), 1, refused(f, ": lecture impossible (introuvable)"), 2
    )


@case
def installed_questionnaires_hostile(s: Scene) -> Run:
    installed = s.home / "questionnaires" / "diagnostic-base"
    (installed / "2.yaml").mkdir(parents=True)
    os.mkfifo(installed / "3.yaml")
    (installed / "4.yaml").symlink_to("/dev/zero")
    return Run(
        ("questionnaires", "list"),
        0,
        (
            "2.yaml: c'est un dossier, pas un fichier",
            "3.yaml: ce n'est pas un fichier ordinaire (périphérique, tube…) : refusé",
            "4.yaml: ce n'est pas un fichier ordinaire (périphérique, tube…) : refusé",
        ),
        3,
    )


# office catalogue: a territory's export, or anything else


@case
def catalogue_json_nested_a_million_deep(s: Scene) -> Run:
    f = s.file("profond.json", "[" * 1_000_000 + "]" * 1_000_000)
    return Run(
        ("office", "catalogue", str(f)),
        1,
        (f"{f}: imbrication trop profonde : ce n'est pas un fichier attendu",),
        within=10,
    )


@case
def catalogue_30_mb_of_junk(s: Scene) -> Run:
    f = s.file("catalogue.json", os.urandom(30 * 1024 * 1024))
    return Run(
        ("office", "catalogue", str(f)),
        1,
        (f"{f}: fichier trop gros (30 Mo ; au plus 16 Mo)",),
    )


@case
def catalogue_csv_export_with_two_records_refused(s: Scene) -> Run:
    """The others load (on the old code one bad record refused the whole territory)."""
    export = Path(__file__).parents[1] / "fixtures" / "data-inclusion" / "export-services-79.csv"
    f = s.file("services.csv", export.read_bytes())
    return Run(
        ("office", "catalogue", str(f)),
        0,
        (
            f"{f}:10 (fixture--niort-refuse): thematiques: « numerique--teleportation » n'est "
            "pas dans la liste data·inclusion « thematiques »",
            f"{f}:11 (fixture--bressuire-cp): code_postal: longueur refusée",
            "2 services laissés de côté (voir ci-dessus) ; les autres sont gardés.",
        ),
        3,
        shows=("Services data·inclusion lus : 8 services", "Catalogue gardé : 8 services"),
    )


@case
def catalogue_dev_zero(s: Scene) -> Run:
    return Run(
        ("office", "catalogue", "/dev/zero"),
        1,
        ("/dev/zero: ce n'est pas un fichier ordinaire (périphérique, tube…) : refusé",),
    )


@case
def catalogue_fifo(s: Scene) -> Run:
    f = s.fifo("catalogue.json")
    return Run(("office", "catalogue", str(f)), 1, (f"{f}: ce n'est pas un fichier ordinaire",))


@case
def catalogue_folder(s: Scene) -> Run:
    d = s.folder("catalogue")
    return Run(("office", "catalogue", str(d)), 1, (f"{d}: c'est un dossier, pas un fichier",))


@case
def catalogue_empty_file(s: Scene) -> Run:
    f = s.file("vide.json", b"")
    return Run(("office", "catalogue", str(f)), 1, (f"{f}:1: JSON invalide : valeur attendue",))


@case
def catalogue_not_utf8(s: Scene) -> Run:
    f = s.file("latin1.json", '[{"nom": "caf\xe9"}]'.encode("latin-1"))
    return Run(("office", "catalogue", str(f)), 1, (f"{f}:1: ce n'est pas du texte UTF-8",))


@case
def catalogue_5000_digit_number(s: Scene) -> Run:
    f = s.file("nombre.json", '[{"latitude": ' + "9" * 5000 + "}]")
    return Run(
        ("office", "catalogue", str(f)), 1, (f"{f}: nombre trop long (plus de 30 chiffres)",)
    )


@case
def catalogue_megabyte_field_quoted_short(s: Scene) -> Run:
    service = {
        "id": "a", "source": "s", "structure_id": "x", "nom": "Atelier",
        "description": "Un atelier.", "date_maj": "2026-01-01", "code_postal": "9" * 1_000_000,
    }  # fmt: skip
    f = s.file("champ.json", json.dumps([service]))
    return Run(  # data·inclusion's model refuses its length: the megabyte is never echoed
        ("office", "catalogue", str(f)),
        1,
        (f"{f}: services[0] (a): code_postal: longueur refusée",),
    )


# the database: --db, the data folder's files


@case
def db_of_another_application(s: Scene) -> Run:
    other = s.root / "autre.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (nom TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Zoë')")
    conn.commit()
    conn.close()
    return Run(
        ("--db", str(other), "sessions", "list"),
        1,
        (
            f"{other}: ce fichier est la base de données d'une autre application : il n'a pas"
            " été modifié",
        ),
        untouched=(other,),
    )


@case
def db_of_another_application_with_its_log_not_merged(s: Scene) -> Run:
    # Its last writes are still in its log (-wal): merging it is writing to the file.
    other = s.root / "autre.sqlite3"
    conn = sqlite3.connect(s.root / "original.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE contacts (nom TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Zoë')")
    conn.commit()
    for suffix in ("", "-wal"):  # as a crash leaves them: the log alive beside the file
        shutil.copyfile(f"{s.root / 'original.sqlite3'}{suffix}", f"{other}{suffix}")
    conn.close()
    return Run(
        ("--db", str(other), "sessions", "list"),
        1,
        (f"{other}: ce fichier est la base de données d'une autre application",),
        untouched=(other, Path(f"{other}-wal")),
    )


@case
def db_holding_only_a_view(s: Scene) -> Run:
    other = s.root / "vue.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE VIEW contacts AS SELECT 'Zoë' AS nom")
    conn.commit()
    conn.close()
    return Run(
        ("--db", str(other), "sessions", "list"),
        1,
        (f"{other}: ce fichier est la base de données d'une autre application",),
        untouched=(other,),
    )


@case
def db_of_another_application_marked_as_such(s: Scene) -> Run:
    # Its header names it (PRAGMA application_id): refused on those bytes alone.
    other = s.root / "marquee.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    return Run(
        ("--db", str(other), "sessions", "list"),
        1,
        (f"{other}: ce fichier est la base de données d'une autre application",),
        untouched=(other,),
    )


@case
def db_that_is_a_text_file(s: Scene) -> Run:
    f = s.file("notes.txt", "des notes, pas une base\n" * 100)
    return Run(
        ("--db", str(f), "sessions", "list"),
        1,
        (f"{f}: ce fichier n'est pas une base de données : il n'a pas été modifié",),
        untouched=(f,),
    )


@case
def db_dev_zero(s: Scene) -> Run:
    return Run(
        ("--db", "/dev/zero", "sessions", "list"),
        1,
        ("/dev/zero: ce n'est pas un fichier de base de données (périphérique, tube…)",),
    )


@case
def db_fifo(s: Scene) -> Run:
    f = s.fifo("base.sqlite3")
    return Run(
        ("--db", str(f), "erase", "3f2c", "--yes"),
        1,
        (f"{f}: ce n'est pas un fichier de base de données",),
    )


@case
def db_folder(s: Scene) -> Run:
    d = s.folder("base")
    return Run(
        ("--db", str(d), "sessions", "list"),
        2,
        (f"Erreur : Valeur refusée pour « --db » : Fichier « {d} » : c'est un dossier.", "Aide"),
    )


def overwrite_table(db: Path, table: str) -> None:
    """Garbage over the first page of `table`, which the command must read: damage in the
    middle of the file, wherever the table happens to lie as the schema grows."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    with db.open("r+b") as out:
        out.seek((root - 1) * page_size)
        out.write(b"\xde\xad\xbe\xef" * (page_size // 4))


@case
def db_corrupted_in_the_middle(s: Scene) -> Run:
    overwrite_table(s.db, "answers")
    return Run(
        ("sessions", "show", s.ids[0][:8]),
        1,
        (f"{s.db}: le fichier de données est endommagé : gardez-en une copie, ne l'effacez pas",),
    )


@case
def db_corrupted_erase(s: Scene) -> Run:
    overwrite_table(s.db, "answers")
    return Run(
        ("erase", s.ids[0][:8], "--yes"), 1, (f"{s.db}: ", "le fichier de données est endommagé")
    )


@case
def db_locked_erase(s: Scene) -> Run:
    hold(s, s.db)
    return Run(
        ("erase", s.ids[0][:8], "--yes"),
        1,
        (
            f"{s.db}: rien n'a été effacé de la base de données ; recommencez une fois le"
            " problème réglé. Cause : la base de données est occupée par une autre fenêtre de"
            " l'application : fermez-la, puis recommencez",
        ),
        busy_ms=300,
        within=10,
    )


@case
def db_locked_purge(s: Scene) -> Run:
    hold(s, s.db)
    return Run(
        ("purge", "--months", "12"),
        1,
        (f"{s.db}: rien n'a été effacé", "occupée par une autre fenêtre"),
        busy_ms=300,
        within=10,
    )


@case
def device_id_is_a_folder(s: Scene) -> Run:
    (s.home / "device-id").unlink()
    (s.home / "device-id").mkdir()
    return Run(
        ("sessions", "list"), 1, (f"{s.home / 'device-id'}: c'est un dossier, pas un fichier",)
    )


@case
def device_id_garbage(s: Scene) -> Run:
    (s.home / "device-id").write_bytes(b"\xff\x00" * 10)
    return Run(("sessions", "list"), 1, (f"{s.home / 'device-id'}: ce n'est pas du texte UTF-8",))


@case
def data_folder_that_is_a_file(s: Scene) -> Run:
    f = s.file("dossier", "pas un dossier")
    return Run(
        ("sessions", "list"),
        1,
        (
            f"{f / 'device-id'}: écriture impossible (un fichier porte déjà ce nom là où il faut"
            " un dossier)",
        ),
        home=str(f),
        untouched=(f,),
    )


@case
def settings_with_unknown_place_kind(s: Scene) -> Run:
    settings = {
        "place": {"name": "Gare routière", "kind": "vaisseau_spatial"},
        "forget_after_days": "x",
    }
    with contextlib.closing(sqlite3.connect(s.db)) as conn, conn:
        conn.execute("INSERT INTO settings VALUES ('settings', ?)", (json.dumps(settings),))
    return Run(("report",), 0, (), 0, shows=("3 diagnostics",))


@case
def settings_that_are_not_json(s: Scene) -> Run:
    with contextlib.closing(sqlite3.connect(s.db)) as conn, conn:
        conn.execute("INSERT INTO settings VALUES ('settings', x'00ff')")
    return Run(("purge", "--dry-run"), 0, (), 0, shows=("1 entretien a plus de 24 mois",))


@case
def unknown_language(s: Scene) -> Run:
    return Run(
        ("--lang", "xx", "sessions", "list"),
        2,
        ("Erreur : Valeur refusée pour « --lang » : « xx » n'est pas parmi « fr », « en ».",),
    )


@case
def unknown_command(s: Scene) -> Run:
    return Run(
        ("sessions", "lis"),
        2,
        ("Erreur : Commande inconnue : « lis ». Vouliez-vous dire « list » ? Aide",),
    )


# sessions, sheet, report, CRA export


@case
def report_place_in_another_encoding(s: Scene) -> Run:
    place = "March\udce9"  # "Marché" typed in Latin-1: the byte 0xe9 is not UTF-8
    return Run(
        ("report", "--place", place),
        2,
        ("Erreur : Valeur refusée pour « --place » : ce n'est pas du texte lisible (UTF-8).",),
    )


@case
def erase_id_in_another_encoding(s: Scene) -> Run:
    return Run(
        ("erase", "\udcff\udcfe", "--yes"),
        2,
        ("Valeur refusée pour « IDENTIFIANT » : ce n'est pas du texte lisible (UTF-8).",),
    )


@case
def sessions_show_unknown(s: Scene) -> Run:
    return Run(
        ("sessions", "show", "zzzz"),
        1,
        ("Aucun entretien dont l'identifiant commence par « zzzz »",),
    )


@case
def sessions_show_sql_wildcard(s: Scene) -> Run:
    return Run(
        ("sessions", "show", "%%%%"),
        1,
        ("Aucun entretien dont l'identifiant commence par « %%%% »",),
    )


@case
def erase_one_character(s: Scene) -> Run:
    # Ids are named by at least 4 characters: one names an interview by chance.
    return Run(
        ("erase", s.ids[0][:1], "--yes"),
        1,
        (f"« {s.ids[0][0]} » est trop court : donnez au moins 4 caractères de l'identifiant",),
    )


@case
def sheet_into_a_fifo_nobody_reads(s: Scene) -> Run:
    f = s.fifo("fiche.pdf")
    return Run(
        ("sheet", s.ids[1][:8], "--output", str(f)),
        1,
        (f"{f}: écriture impossible (c'est un tube que personne ne lit)",),
        within=10,
    )


@case
def sheet_onto_a_full_device(s: Scene) -> Run:
    return Run(
        ("sheet", s.ids[1][:8], "--output", "/dev/full"),
        1,
        ("/dev/full: écriture impossible (disque plein)",),
    )


@case
def sheet_into_a_folder(s: Scene) -> Run:
    d = s.folder("fiches")
    return Run(
        ("sheet", s.ids[1][:8], "--output", str(d)), 2, (f"Fichier « {d} » : c'est un dossier.",)
    )


@case
def paper_form_of_a_version_not_installed(s: Scene) -> Run:
    f = s.root / "feuilles.pdf"
    return Run(
        ("questionnaires", "paper", "diagnostic-base", "--version", "9", "--output", str(f)),
        1,
        (
            "La version 9 du questionnaire « diagnostic-base » n'est pas installée sur cet"
            " ordinateur (« evaluation questionnaires list » montre celles qui le sont)",
        ),
    )


@case
def option_without_its_value(s: Scene) -> Run:
    """Click finds a missing value while parsing, before it knows the command: the line
    still says where to read help, for that command."""
    return Run(
        ("report", "--place"),
        2,
        ("Erreur : L'option « --place » demande une valeur. Aide : « evaluation report --help ».",),
    )


@case
def paper_forms_none(s: Scene) -> Run:
    return Run(
        ("questionnaires", "paper", "diagnostic-base", "--count", "0"),
        2,
        (
            "Erreur : Valeur refusée pour « --count » : 0 n'est pas dans l'intervalle de 1 à 500."
            " Aide : « python -m evaluation questionnaires paper --help ».",
        ),
    )


@case
def paper_forms_onto_a_full_device(s: Scene) -> Run:
    """The form numbers are kept only once the file is written: none is used up here."""
    return Run(
        ("questionnaires", "paper", "diagnostic-base", "--count", "3", "--output", "/dev/full"),
        1,
        ("/dev/full: écriture impossible (disque plein)",),
    )


@case
def report_impossible_date(s: Scene) -> Run:
    return Run(
        ("report", "--from", "2026-13-45"),
        2,
        (
            "Erreur : Valeur refusée pour « --from » : « 2026-13-45 » ne suit pas le format "
            "« %Y-%m-%d ».",
        ),
    )


@case
def report_unknown_format(s: Scene) -> Run:
    f = s.root / "rapport.txt"
    return Run(("report", "--output", str(f)), 1, (f"{f}: le rapport s'écrit en .pdf ou en .csv",))


@case
def cra_below_a_file(s: Scene) -> Run:
    f = s.file("pas-un-dossier", "x")
    return Run(
        ("export", "cra", "--output", str(f / "cra.csv")),
        1,
        (
            f"{f / 'cra.csv'}: écriture impossible (un fichier porte déjà ce nom là où il faut"
            " un dossier)",
        ),
    )


@case
def cra_onto_a_full_device(s: Scene) -> Run:
    return Run(
        ("export", "cra", "--output", "/dev/full"),
        1,
        ("/dev/full: écriture impossible (disque plein)",),
    )


@case
def cra_under_a_name_no_program_reads_as_csv(s: Scene) -> Run:
    """`cra.txt` would have been CSV under a name that opens it as plain text: refused
    before anything is read or written."""
    output = s.root / "cra.txt"

    def nothing_written() -> None:
        assert not output.exists()

    return Run(
        ("export", "cra", "--output", str(output)),
        1,
        (f"{output}: le CRA s'écrit en .csv (codes de La Coop) ou en .xlsx (son tableur)",),
        after=nothing_written,
    )


# erase, purge, demo


@case
def erase_unknown(s: Scene) -> Run:
    return Run(
        ("erase", "ffffffff", "--yes"),
        1,
        ("Aucun entretien dont l'identifiant commence par « ffffffff »",),
    )


@case
def erase_without_a_terminal_to_confirm(s: Scene) -> Run:
    return Run(
        ("erase", s.ids[0][:8]),
        1,
        (f"Entretien {s.ids[0]} : ", "L'effacer définitivement ? [o/N] Rien n'a été effacé."),
        lines=2,
    )


@case
def erase_answered_no(s: Scene) -> Run:
    """A « non » is a calm answer, not an interruption: nothing erased, exit 1."""
    return Run(
        ("erase", s.ids[0][:8]),
        1,
        (f"Entretien {s.ids[0]} : ", "L'effacer définitivement ? [o/N] Rien n'a été effacé."),
        lines=2,
        stdin="n\n",
    )


@case
def speak_in_a_language_the_version_lacks(s: Scene) -> Run:
    return Run(
        ("questionnaires", "speak", "diagnostic-base", "--lang", "xx", "--output", "voix"),
        1,
        ("n'est pas écrite en « xx » ; langues possibles : fr, en",),
    )


@case
def purge_a_trillion_months(s: Scene) -> Run:
    return Run(
        ("purge", "--months", "1000000000000"),
        2,
        (
            "Erreur : Valeur refusée pour « --months » : 1000000000000 n'est pas dans"
            " l'intervalle de 1 à 120.",
        ),
    )


@case
def purge_negative_months(s: Scene) -> Run:
    return Run(
        ("purge", "--months", "-3"),
        2,
        ("Valeur refusée pour « --months » : -3 n'est pas dans l'intervalle de 1 à 120.",),
    )


@case
def demo_into_real_interviews(s: Scene) -> Run:
    return Run(
        ("demo", "--db", str(s.db), "--interviews", "5"),
        1,
        (f"{s.db}: cette base contient 3 entretiens réels",),
    )


@case
def demo_into_another_application(s: Scene) -> Run:
    other = s.root / "autre.sqlite3"
    with contextlib.closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE t (x)")
    return Run(
        ("demo", "--db", str(other)),
        1,
        (f"{other}: ce fichier est la base de données d'une autre application",),
        untouched=(other,),
    )


# the USB sync, laptop side


@case
def sync_missing_key(s: Scene) -> Run:
    k = s.root / "absente"
    return Run(
        ("sync", str(k)),
        1,
        (f"{k}: dossier introuvable : branchez la clé USB ou vérifiez le chemin",),
    )


@case
def sync_key_that_is_a_file(s: Scene) -> Run:
    f = s.file("cle.img", b"\0" * 1024)
    return Run(
        ("sync", str(f)), 1, (f"{f}: ce n'est pas un dossier : donnez le dossier de la clé USB",)
    )


@case
def sync_pack_questionnaire_misnamed(s: Scene) -> Run:
    """`diagnostic-base-v3.yaml` holding version 2, in a pack the office signed (an
    office's mistake, not a forgery): refused, nothing installed."""
    shipped = (Path(__file__).parents[2] / "questionnaires/diagnostic-base/1.yaml").read_bytes()
    data = shipped.replace(b"\nversion: 1\n", b"\nversion: 2\n")
    assert data != shipped
    keys = unlock(data_folder(s.office), PASSPHRASE)
    sign_pack(s.key, keys, {"questionnaires/diagnostic-base-v3.yaml": data})

    def nothing_installed() -> None:
        assert not (s.home / "questionnaires").exists()

    return Run(
        ("sync", str(s.key)),
        1,
        (
            "Problème : office/questionnaires/diagnostic-base-v3.yaml: le fichier contient"
            " diagnostic-base version 2 mais son nom en annonce une autre : refusé",
        ),
        changes=True,  # the laptop still leaves its bundle for the office
        after=nothing_installed,
    )


@case
def sync_pack_json_a_million_deep(s: Scene) -> Run:
    pack = s.key / "evaluation" / "office" / "pack.json"
    pack.write_text("[" * 1_000_000 + "]" * 1_000_000)
    return Run(
        ("sync", str(s.key)),
        1,
        (f"Problème : {pack}: pas un dossier du bureau valable (ce n'est pas du JSON lisible)",),
        within=10,
        changes=True,  # the laptop still leaves its bundle, to the office key it knows
    )


# the office


@case
def passphrase_file_not_utf8(s: Scene) -> Run:
    f = s.file("phrase.txt", "phrase de passe très sûre \xe9\n".encode("latin-1"))
    return Run(
        ("office", "init", "--passphrase-file", str(f)),
        1,
        (f"{f}: ce n'est pas du texte UTF-8",),
        home="new-office",
    )


@case
def passphrase_file_dev_zero(s: Scene) -> Run:
    return Run(
        ("office", "init", "--passphrase-file", "/dev/zero"),
        1,
        ("/dev/zero: ce n'est pas un fichier ordinaire",),
        home="new-office",
    )


@case
def passphrase_without_a_terminal(s: Scene) -> Run:
    return Run(
        ("office", "import", str(s.key)),
        1,
        (
            "Aucune phrase de passe reçue : donnez-la dans un fichier (--passphrase-file) ou"
            " dans $EVALUATION_OFFICE_PASSPHRASE",
        ),
        home="office",
    )


@case
def office_import_missing_key(s: Scene) -> Run:
    # Said before the passphrase is asked for (none is given here, and no terminal).
    return Run(
        ("office", "import", "/nonexistent"),
        1,
        ("/nonexistent: dossier introuvable : branchez la clé USB ou vérifiez le chemin",),
        home="office",
    )


@case
def office_import_wrong_passphrase(s: Scene) -> Run:
    return Run(
        ("office", "import", str(s.key)),
        1,
        ("Phrase de passe incorrecte pour la clé de chiffrement du bureau : retapez-la",),
        home="office",
        stdin="pas la bonne phrase\n",
    )


@case
def office_import_bundle_left_as_tmp(s: Scene) -> Run:
    """A bundle renamed `….age.tmp` (a write cut short) is listed, not silently skipped."""
    [bundle] = s.bundles.glob("*.age")
    left = bundle.with_name(bundle.name + ".tmp")
    bundle.rename(left)

    def stays() -> None:
        assert left.exists()  # left on the key for a look; the laptop sends it again

    return Run(
        ("office", "import", str(s.key)),
        0,
        (),
        0,
        home="office",
        env={"EVALUATION_OFFICE_PASSPHRASE": PASSPHRASE},
        shows=(
            f"inachevé    {left.name} : écriture interrompue sur la clé, rien n'en est"
            " importé ; l'ordinateur portable renverra son contenu à sa prochaine"
            " synchronisation",
            "Envois : 0 importé, déjà connus : 0, refusés : 0.",
        ),
        after=stays,
    )


@case
def passphrase_env_not_utf8(s: Scene) -> Run:
    return Run(
        ("office", "import", str(s.key)),
        1,
        (
            "$EVALUATION_OFFICE_PASSPHRASE: la phrase de passe n'est pas du texte UTF-8 :"
            " changez le codage",
        ),
        home="office",
        env={"EVALUATION_OFFICE_PASSPHRASE": "phrase de passe tr\udce8s s\udcfbre"},  # Latin-1
    )


@case
def office_pack_onto_a_file(s: Scene) -> Run:
    f = s.file("cle", b"")
    return Run(("office", "pack", str(f)), 1, (f"{f}: ce n'est pas un dossier",), home="office")


# a data folder on a read-only medium, or on a full one


@case
def read_only_data_folder(s: Scene) -> Run:
    folder = read_only_copy(s)
    return Run(
        ("sessions", "list"),
        1,
        (
            f"{folder / 'evaluation.sqlite3'}: la base de données est en lecture seule (dossier ou"
            " support protégé en écriture) : copiez le dossier de données sur un disque où l'on"
            " peut écrire",
        ),
        home=str(folder),
    )


@case
def read_only_data_folder_erase(s: Scene) -> Run:
    folder = read_only_copy(s)
    return Run(
        ("erase", s.ids[0][:8], "--yes"),
        1,
        (f"{folder / 'evaluation.sqlite3'}: la base de données est en lecture seule",),
        home=str(folder),
    )


@case
def full_data_folder(s: Scene) -> Run:
    disk = small_disk(s, "1m")
    shutil.copytree(s.home, disk, dirs_exist_ok=True)
    fill(disk)
    return Run(
        ("sessions", "list"),
        1,
        (
            f"{disk / 'evaluation.sqlite3'}: le disque est plein : libérez de la place puis"
            " recommencez",
        ),
        home=str(disk),
    )


@case
def cra_xlsx_with_a_full_data_folder(s: Scene) -> Run:
    # The workbook's rows wait in the data folder (never the system's temp folder): room
    # for the database's own files, its log, a temp folder and one file, then none.
    files = sum(1 for _ in s.home.rglob("*"))
    disk = small_disk(s, "8m", inodes=files + 5)
    shutil.copytree(s.home, disk, dirs_exist_ok=True)
    return Run(
        ("export", "cra", "--output", str(s.root / "cra.xlsx")),
        1,
        (f"{disk}: écriture impossible (disque plein)",),
        home=str(disk),
    )


@case
def demo_on_a_full_disk(s: Scene) -> Run:
    disk = small_disk(s, "1m")
    demo = disk / "demo.sqlite3"
    return Run(
        ("demo", "--db", str(demo), "--interviews", "300"),
        1,
        (f"{demo}: le disque est plein : libérez de la place puis recommencez",),
    )


# --- the run --------------------------------------------------------------------------


def hold(s: Scene, database: Path) -> None:
    """Another process's write transaction on the database, for as long as the case runs."""
    conn = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    s.stack.callback(conn.close)
    s.stack.callback(conn.execute, "ROLLBACK")


def read_only_copy(s: Scene) -> Path:
    """The laptop's data folder copied onto a FAT image mounted read-only (fusefat): as
    root, a folder's permissions would not stop a write; a read-only medium does."""
    if not can_mount_fat():
        pytest.skip("no fusefat here to mount a read-only medium (root ignores permissions)")
    image, mount = s.root / "lecture-seule.img", s.root / "lecture-seule"
    subprocess.run(["truncate", "-s", "8M", str(image)], check=True)
    subprocess.run(["mkfs.vfat", "-n", "RO", str(image)], check=True, capture_output=True)
    mount.mkdir()
    for options in ("rw+", "ro"):
        subprocess.run(
            ["fusefat", "-o", options, str(image), str(mount)], check=True, capture_output=True
        )
        if options == "ro":
            s.stack.callback(subprocess.run, ["fusermount", "-u", str(mount)], check=False)
            break
        for name in ("evaluation.sqlite3", "device-id"):
            shutil.copyfile(s.home / name, mount / name)
        subprocess.run(["fusermount", "-u", str(mount)], check=True)
    return mount


def small_disk(s: Scene, size: str, inodes: int | None = None) -> Path:
    """A small filesystem of its own (tmpfs), unmounted when the case ends. fusefat cannot
    hold a database: SQLite's WAL needs to size its shared-memory file, which fusefat
    refuses (no ftruncate), full or not."""
    disk = s.root / "petit-disque"
    disk.mkdir()
    limit = f",nr_inodes={inodes}" if inodes else ""  # files it may hold, whatever their size
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755{limit}", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("this machine does not let tests mount a small filesystem (tmpfs)")
    s.stack.callback(subprocess.run, ["umount", "-l", str(disk)], check=False)
    return disk


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk, then free `leave` bytes (rounded to the filesystem's pages)."""
    filler = disk / "remplissage"
    with filler.open("wb", buffering=0) as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def scene_of(template: Template, tmp_path: Path) -> Scene:
    shutil.copytree(template.laptop, tmp_path / "laptop")
    shutil.copytree(template.office, tmp_path / "office")
    shutil.copytree(template.key, tmp_path / "key")
    work = tmp_path / "files"
    work.mkdir()
    return Scene(work, tmp_path / "laptop", tmp_path / "office", tmp_path / "key", template.ids)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, template: Template, tmp_path: Path) -> None:
    scene = scene_of(template, tmp_path)
    with scene.stack:
        expected = CASES[name](scene)
        home = {"laptop": scene.home, "office": scene.office}.get(expected.home)
        home = home or tmp_path / expected.home  # a new folder, or one the case mounted
        databases = [p / "evaluation.sqlite3" for p in (scene.home, scene.office)]
        before = {p: content(p) for p in databases}
        untouched = {p: file_bytes(p) for p in expected.untouched}
        started = time.monotonic()
        out = run(
            *expected.args,
            home=home,
            stdin=expected.stdin,
            env=expected.env,
            busy_ms=expected.busy_ms,
            timeout=SECONDS * 2,
        )
        elapsed = time.monotonic() - started
    check(out, expected, elapsed)
    for text in expected.shows:
        assert text in out.stdout, out.stdout
    if expected.after is not None:
        expected.after()
    assert not (home / "erreurs.log").exists()
    if not expected.changes:
        assert {p: content(p) for p in databases} == before
    assert {p: file_bytes(p) for p in expected.untouched} == untouched


def check(out: subprocess.CompletedProcess[str], expected: Run, elapsed: float) -> None:
    shown = f"exit {out.returncode}\nstdout:\n{out.stdout}\nstderr:\n{out.stderr}"
    assert out.returncode == expected.code, shown
    assert elapsed < expected.within, shown
    for word in ENGLISH:
        assert word not in out.stdout + out.stderr, shown
    lines = out.stderr.splitlines()
    assert len(lines) == expected.lines, shown
    assert not CLICK_QUOTES.search(out.stderr), shown  # « names », not 'names'
    for line in lines:  # a sentence starts with a capital; `where: what` may not
        assert not line[:1].islower() or LOCATED.match(line), shown
    assert all(len(line) < 400 for line in lines), shown
    for text in expected.says:
        assert text in out.stderr, shown


def test_erase_on_a_full_disk_says_what_is_left_and_finishes_at_the_next_start(
    template: Template, tmp_path: Path
) -> None:
    """The rows go (committed), the clean-up that needs room (VACUUM rewrites the whole
    file) fails: said, remembered, and finished once there is room again."""
    scene = scene_of(template, tmp_path)
    with scene.stack:
        laptop = Place.open(scene.home)  # a file big enough for VACUUM to need real room
        laptop.workspace.store.save_note(scene.ids[1], "devices", "carnet " * 60_000)
        laptop.workspace.store.close()
        disk = small_disk(scene, "2m")
        shutil.copytree(scene.home, disk, dirs_exist_ok=True)
        database = disk / "evaluation.sqlite3"
        filler = fill(disk, leave=database.stat().st_size // 3)
        erased = run("erase", scene.ids[0][:8], "--yes", home=disk, timeout=SECONDS)
        check(
            erased,
            Run(
                (),
                1,
                (
                    "Effacé, mais le fichier de données n'est pas encore nettoyé (des traces"
                    " peuvent y rester) : il le sera au prochain démarrage. Cause : le disque est"
                    " plein",
                ),
            ),
            0,
        )
        assert erased.stdout == f"Entretien {scene.ids[0]} effacé, avec 1 fiche.\n"
        assert not list((disk / "exports").glob("*.pdf"))
        filler.unlink()  # room again: the next start finishes the clean-up
        later = run("sessions", "list", home=disk, timeout=SECONDS)
        check(
            later,
            Run(
                (),
                0,
                (
                    "Le nettoyage du fichier de données après un effacement, resté en"
                    " attente, est terminé.",
                ),
            ),
            0,
        )
        assert scene.ids[0] not in later.stdout and scene.ids[1] in later.stdout
        assert traces(database, NAME) == []
        with contextlib.closing(sqlite3.connect(database)) as conn:
            assert conn.execute("SELECT interview_id FROM tombstones").fetchall() == [
                (scene.ids[0],)
            ]
            assert (
                conn.execute("SELECT * FROM settings WHERE key = 'scrub_pending'").fetchall() == []
            )
        assert not (disk / "erreurs.log").exists()


def test_the_table_is_long_enough() -> None:
    assert len(CASES) >= 40


def test_a_passphrase_piped_in_another_encoding_is_refused_in_one_line(
    template: Template, tmp_path: Path
) -> None:
    """Bytes that are not UTF-8 on stdin (a script in Latin-1): said, not a crash."""
    scene = scene_of(template, tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "evaluation", "office", "import", str(scene.key)],
        input="phrase de passe très sûre\n".encode("latin-1"),
        capture_output=True,
        env={**os.environ, **QUIET_LOCALE, "EVALUATION_HOME": str(scene.office)},
        timeout=SECONDS * 2,
        check=False,
    )
    stderr = out.stderr.decode("utf-8")
    assert out.returncode == 1, stderr
    assert stderr == (
        "entrée standard: la phrase de passe n'est pas du texte UTF-8 : changez le codage du"
        " terminal ou du fichier en UTF-8, puis recommencez\n"
    )
    assert not (scene.office / "erreurs.log").exists()
