"""The house: floors that only look down, screens that never import each other, no
import cycle anywhere.

The contracts live in pyproject.toml (`[tool.importlinter]`): import-linter is the
field's tool for them. grimp, the graph import-linter builds on, reads every import
statement, those inside functions and under TYPE_CHECKING included.
"""

from __future__ import annotations

import ast
import graphlib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import grimp

from evaluation.machine.paths import data_folder

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("evaluation", "exports", "questionnaires")


def test_every_contract_of_the_house_is_kept() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_import_cycle_anywhere() -> None:
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    edges = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported.split(".")[0] in PACKAGES
        }
        for module in graph.modules
    }
    try:
        list(graphlib.TopologicalSorter(edges).static_order())
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


# A deliberately bad module for each contract: (file, its import, the contract it breaks,
# what lint-imports says of it).
BAD = (
    ("exports/bad_store.py", "from evaluation.store import Store",
     "Documents render plain data", "exports.bad_store -> evaluation.store"),
    ("exports/bad_sql.py", "import sqlite_utils",
     "Documents render plain data", "exports.bad_sql -> sqlite_utils"),
    ("exports/bad_sqlite.py", "import sqlite3",
     "Documents render plain data", "exports.bad_sqlite -> sqlite3"),
    ("evaluation/store/bad_upward.py", "from evaluation.operations import reports",
     "Floors look down", "evaluation.store.bad_upward -> evaluation.operations.reports"),
    ("evaluation/interview/scoring_bad.py", "from exports.report_csv import report_csv",
     "Only the operations use the documents",
     "evaluation.interview.scoring_bad -> exports.report_csv"),
    ("evaluation/files/bad_upward.py", "from evaluation.interview import scoring",
     "Floors look down", "evaluation.files.bad_upward -> evaluation.interview.scoring"),
    ("evaluation/offers/bad_sideways.py", "from evaluation.structure import settings",
     "Floors look down", "evaluation.offers.bad_sideways -> evaluation.structure.settings"),
    ("evaluation/interview/bad_sql.py", "import sqlite_utils",
     "The domain stands alone", "evaluation.interview.bad_sql -> sqlite_utils"),
    ("evaluation/tui/screens/bad.py", "from evaluation.tui.screens.home import HomeScreen",
     "Screens never", "evaluation.tui.screens.bad -> evaluation.tui.screens.home"),
    ("evaluation/sync/bad_sql.py", "import sqlite_utils",
     "Only the store speaks SQL", "evaluation.sync.bad_sql -> sqlite_utils"),
    ("exports/unlisted.py", "", "The documents:", "exports.unlisted"),
    ("evaluation/unlisted.py", "", "Floors look down", "evaluation.unlisted"),
)  # fmt: skip


def test_each_contract_fails_on_a_bad_import(tmp_path: Path) -> None:
    """The check itself works: in a copy of the tree, a module importing what its floor
    must not, a screen importing another, a document reaching for the store or SQL and
    a new module nobody listed each break their contract."""
    copy = tmp_path / "house"
    copy.mkdir()
    for name in (*PACKAGES, "pyproject.toml"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(copy / name)], check=True)
    for path, line, _, _ in BAD:
        (copy / path).write_text(line + "\n", encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=copy,
        env={"PYTHONPATH": str(copy), "PATH": "", "COLUMNS": "1000"},  # a line per name
        check=False,
    )
    assert done.returncode == 1, done.stdout
    broken = done.stdout.split("Broken contracts")[1]
    with (ROOT / "pyproject.toml").open("rb") as config:
        names = [c["name"] for c in tomllib.load(config)["tool"]["importlinter"]["contracts"]]
    starts = sorted((broken.index(n), n) for n in names if f"\n{n}\n" in broken)
    reports = {  # each broken contract's report, by its name
        name: broken[at : next((a for a, _ in starts if a > at), len(broken))]
        for at, name in starts
    }
    for path, _, contract, said in BAD:
        report = next((r for name, r in reports.items() if name.startswith(contract)), "")
        assert said in report, f"{path}: {contract} did not fail\n{done.stdout}"


def test_importing_every_domain_module_loads_no_textual() -> None:
    """At run time too: the domain, the store, the sync and the documents never pull in
    Textual, so commands and the office stay light."""
    floors = [
        p
        for folder in ("evaluation", "exports")
        for p in sorted((ROOT / folder).rglob("*.py"))
        if not {"tui", "cli"} & set(p.relative_to(ROOT).parts) and p.name != "__main__.py"
    ]
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in floors
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_the_home_screen_waits_for_no_heavy_library() -> None:
    """The app draws its home screen first and opens the data in a worker after: what the
    `evaluation` command imports before that paint loads none of the libraries behind the
    operations (the router brings them in later; benchmarks/startup.py measures it)."""
    heavy = ("pydantic", "sqlite_utils", "sqlite3", "reportlab", "cryptography", "pyrage")
    code = (
        "import sys\n"
        "import evaluation.cli.errors, evaluation.cli.group, evaluation.tui.app\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(heavy)!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_the_app_alone_starts_without_click(tmp_path: Path) -> None:
    """`evaluation` with nothing after it (how a mediator starts the app) parses no
    command line: click is not loaded when the app starts."""
    code = (
        "import json, sys\n"
        "import evaluation.tui.run\n"
        "sys.argv = ['evaluation']\n"
        "def started(folder, db_path, lang):\n"
        "    print(json.dumps([str(db_path), lang, sorted(sys.modules)]))\n"
        "evaluation.tui.run.run_app = started\n"
        "from evaluation.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "EVALUATION_HOME": str(tmp_path), "LANG": "fr_FR.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    db_path, lang, modules = json.loads(out.stdout)
    assert (db_path, lang) == (str(data_folder(tmp_path).database), "fr")
    assert [m for m in modules if m.split(".")[0] == "click"] == []


HEAVY = (
    "pydantic",
    "sqlite_utils",
    "sqlite3",
    "yaml",
    "reportlab",
    "xlsxwriter",
    "openpyxl",
    "PIL",
    "cryptography",
    "pyrage",
    "textual",
    "rich",
)


def loaded_by(*args: str, home: Path | None = None) -> set[str]:
    """The modules `evaluation ARGS` has loaded when it ends (its data in `home`)."""
    code = (
        "import contextlib, io, json, sys\n"
        f"sys.argv = ['evaluation', *{list(args)!r}]\n"
        "from evaluation.cli import main\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "EVALUATION_HOME": str(home)} if home is not None else None
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    return set(json.loads(out.stdout))


def test_help_waits_for_nothing_a_command_needs() -> None:
    """`evaluation --help` and each command's `--help` load no library behind the
    operations, and about as many modules as `--version` (benchmarks/startup.py)."""
    version = loaded_by("--version")
    from evaluation.cli.group import LazyGroup

    for args in [("--help",), *((name, "--help") for name in LazyGroup.SUBCOMMANDS)]:
        modules = loaded_by(*args)
        assert sorted({m.split(".")[0] for m in modules} & set(HEAVY)) == [], args
        assert len(modules) <= len(version) * 1.1, (args, sorted(modules - version))


def test_each_command_loads_only_what_its_own_work_needs(tmp_path: Path) -> None:
    """A command that writes no document and syncs nothing loads no PDF, spreadsheet,
    image or encryption library (each is imported where its work is done)."""
    documents = {"reportlab", "xlsxwriter", "openpyxl", "PIL", "cryptography", "pyrage"}
    for args in [
        ("report",),
        ("sessions", "list"),
        ("questionnaires", "list"),
        ("purge", "--dry-run"),
    ]:
        modules = loaded_by(*args, home=tmp_path / "home")
        assert sorted({m.split(".")[0] for m in modules} & documents) == [], args


def printed_by(script: str, tmp_path: Path) -> Any:
    """What `script` prints as JSON, run in a fresh interpreter with a data folder in
    `tmp_path` as its argument."""
    code = tmp_path / "script.py"
    code.write_text(script, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(code), str(tmp_path / "home")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


USABLE = """
import asyncio, json, sys
from pathlib import Path
from typing import Any
from evaluation.machine.clock import today
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.structure.settings import Place, Settings
from evaluation.store import Store
from evaluation.tui.app import EvaluationApp

home = Path(sys.argv[1])
folder = data_folder(home)
store = Store.open(folder.database, device_id(home))
store.save_settings(Settings(place=Place(name="Marché"), place_date=today().isoformat()))
store.close()
app = EvaluationApp(folder, folder.database, "fr")
loaded = {}

async def settle(pilot):
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Marché" in str(app.screen.query_one("#place").render())
        loaded["usable"] = sorted(sys.modules)
        await pilot.press("1")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConsentScreen", app.screen
        loaded["interview"] = sorted(sys.modules)

asyncio.run(main())
print(json.dumps(loaded))
"""


def test_the_home_screen_is_usable_before_any_library_of_a_menu_entry(tmp_path: Path) -> None:
    """Until the home screen is usable (the place of the day shown, `1` opens an
    interview) and once an interview is opened, the app loads no library that only a
    menu entry needs: PDF (a sheet), spreadsheets, images, encryption (the sync)."""
    documents = {"reportlab", "xlsxwriter", "openpyxl", "PIL", "cryptography", "pyrage"}
    for moment, modules in printed_by(USABLE, tmp_path).items():
        assert sorted({m.split(".")[0] for m in modules} & documents) == [], moment


# An SQL statement in a string: a keyword that starts one, then what it works on.
SQL = re.compile(
    r"\b(SELECT\s+(\*|DISTINCT|\w+(\.\w+|\s*,|\s+FROM|\s+AS))|INSERT\s+(OR\s+\w+\s+)?INTO"
    r"|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+TABLE"
    r"|ALTER\s+TABLE|PRAGMA\s+\w+|BEGIN\s+IMMEDIATE|VACUUM\b|ATTACH\s+DATABASE)"
)
SQL_CALLS = {"execute", "executemany", "executescript"}


def sql_outside_store(root: Path) -> list[str]:
    """Where code outside `evaluation/store/` writes SQL: a statement in a string or a
    call of `execute`; as `path:line`."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            if relative.parts[:2] == ("evaluation", "store"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                line = _sql_line(node)
                if line is not None:
                    found.append(f"{relative}:{line}")
    return found


def _sql_line(node: ast.AST) -> int | None:
    """The line of an SQL statement in a string, or of a call of `execute`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.lineno if SQL.search(node.value) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.lineno if node.func.attr in SQL_CALLS else None
    return None


def test_no_sql_outside_the_store() -> None:
    """Every statement lives in `evaluation/store/`, which returns typed rows."""
    assert sql_outside_store(ROOT) == []


def test_sql_planted_outside_the_store_is_found(tmp_path: Path) -> None:
    """The check itself works: a query in the sync, a call of `execute` in an operation
    and a statement in an f-string are found; the same in the store is not."""
    for package in PACKAGES:
        (tmp_path / package).mkdir()
    (tmp_path / "evaluation/sync").mkdir()
    (tmp_path / "evaluation/store").mkdir()
    planted = {
        "evaluation/sync/inbox.py": 'rows = store.query("SELECT * FROM laptops")\n',
        "evaluation/operations.py": 'x = 1\ndb.execute("VACUUM")\n',
        "exports/cra.py": 'table = "t"\nsql = f"DELETE FROM {table} WHERE id = ?"\n',
    }
    for name, text in planted.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "evaluation/store/office.py").write_text(
        'db.execute("INSERT INTO laptops (public_key) VALUES (?)", (k,))\n', encoding="utf-8"
    )
    assert sorted(set(sql_outside_store(tmp_path))) == [
        "evaluation/operations.py:2",
        "evaluation/sync/inbox.py:1",
        "exports/cra.py:2",
    ]


def test_the_tui_keeps_to_textual_public_api_for_keys() -> None:
    """Bindings are declared, never rewritten: no module reaches into Textual's private
    `_bindings` (descriptions come from `key_description`, capitals from the app's keymap)."""
    touched = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "evaluation").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\._bindings\b", line)
    ]
    assert touched == []


HOME_PATH = """
import json, sys
from pathlib import Path
from typing import Any
from evaluation.machine.paths import data_folder
from evaluation.tui.router import Router  # what the app's worker imports to open the data
from evaluation.operations.home import home_view
from evaluation.operations.opening import open_data

folder = data_folder(Path(sys.argv[1]))
opened = open_data(folder, folder.database)
home_view(opened.workspace, files=False)
print(json.dumps(sorted(sys.modules)))
"""


def test_the_first_home_view_reads_the_database_alone(tmp_path: Path) -> None:
    """Opening the data and the first home view (what makes the home screen usable)
    load neither the questionnaires' models and YAML, nor the catalogue and
    data·inclusion's models, nor an interview's scoring and screens: they load just
    after, or when `1` is chosen. Nor pydantic (the settings are plain dataclasses, the
    rows' validating types live apart), nor dateutil's parser and time zones, which
    sqlite-utils imports for a recipe never called here."""
    modules = set(printed_by(HOME_PATH, tmp_path))
    later = {
        "pydantic",
        "pydantic_core",
        "dateutil.tz",  # what dateutil's parser imports as it loads (it waits in
        # `sys.modules` as a module not loaded yet)
        "evaluation.store.row_types",
        "yaml",
        "data_inclusion",
        "email_validator",
        "evaluation.questionnaire.model",
        "evaluation.offers.catalogue",
        "evaluation.interview.scoring",
        "evaluation.session",
        "evaluation.sync.outbox",
        "evaluation.tui.screens.consent",
        "evaluation.tui.screens.question",
    }
    assert sorted(modules & later | {m for m in modules if m.split(".")[0] in later}) == []


def test_an_interview_opens_without_scoring() -> None:
    """Its session and the screens before the results load no scoring (nor its tables):
    they come with the first result (or a return visit's spared questions)."""
    code = (
        "import json, sys\n"
        "import evaluation.session, evaluation.operations.interviews\n"
        "import evaluation.tui.screens.consent, evaluation.tui.screens.profile\n"
        "import evaluation.tui.screens.question, evaluation.tui.router\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert "evaluation.interview.scoring" not in json.loads(out.stdout)
