"""Rebuild the compiled catalogues after editing a `.po` file, and check them.

    uv run python -m evaluation.i18n.compile          # writes fr.mo, en.mo
    uv run python -m evaluation.i18n.compile --check  # exit 1 if one is stale or broken

Babel reads and writes the gettext formats; nothing here parses them by hand.
"""

from __future__ import annotations

import io
import string
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from evaluation.i18n import DEFAULT, LANGUAGES

HERE = Path(__file__).parent
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
# click's own words, looked up by the standard `gettext` under <dir>/<lang>/LC_MESSAGES/.
CLICK_LOCALE = HERE / "click"
CLICK_LANGUAGES = ("fr",)


def click_mo(lang: str) -> Path:
    return CLICK_LOCALE / lang / "LC_MESSAGES" / "click.mo"


def read_click(lang: str) -> Catalog:
    with (HERE / f"click-{lang}.po").open("rb") as source:
        return read_po(source, locale=lang)


def read(lang: str) -> Catalog:
    with (HERE / f"{lang}.po").open("rb") as source:
        return read_po(source, locale=lang)


def compiled(catalogue: Catalog) -> bytes:
    """The `.mo` bytes; the same `.po` always gives the same bytes (Babel would stamp the
    time of compiling into the header where the `.po` gives no date)."""
    catalogue.creation_date = catalogue.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _texts(string: object) -> tuple[str, ...]:
    """A message's text, or its plural forms."""
    if isinstance(string, tuple | list):
        return tuple(str(s) for s in string)
    return (str(string or ""),)


def problems() -> list[str]:
    """What is wrong with the catalogues: missing keys, other placeholders, stale `.mo`."""
    found: list[str] = []
    reference = read(DEFAULT)
    keys = {m.id if isinstance(m.id, str) else m.id[0]: m for m in reference if m.id}
    for lang in LANGUAGES:
        catalogue = read(lang)
        entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
        for key in sorted(set(keys) - set(entries)):
            found.append(f"{lang}.po: no text for '{key}'")
        for key in sorted(set(entries) - set(keys)):
            found.append(f"{lang}.po: '{key}' is not in {DEFAULT}.po")
        for key, entry in sorted(entries.items()):
            texts = _texts(entry.string)
            if not all(texts) or entry.fuzzy:
                found.append(f"{lang}.po: '{key}' is untranslated or fuzzy")
            if key not in keys:
                continue
            ref = keys[key].string
            ref_texts = _texts(ref)
            expected = set().union(*(placeholders(t) for t in ref_texts))
            for text in texts:
                if placeholders(text) - (expected | {"count"}):
                    found.append(f"{lang}.po: '{key}' has other placeholders than {DEFAULT}.po")
            if isinstance(ref, tuple) != isinstance(entry.string, tuple):
                found.append(f"{lang}.po: '{key}' is plural in one language only")
        mo = HERE / f"{lang}.mo"
        if not mo.exists() or mo.read_bytes() != compiled(catalogue):
            found.append(f"{lang}.mo is stale: run `uv run python -m evaluation.i18n.compile`")
    for lang in CLICK_LANGUAGES:
        mo = click_mo(lang)
        if not mo.exists() or mo.read_bytes() != compiled(read_click(lang)):
            found.append(
                f"{mo.name} ({lang}) is stale: run `uv run python -m evaluation.i18n.compile`"
            )
    return found


def main() -> None:
    if "--check" in sys.argv[1:]:
        issues = problems()
        for line in issues:
            print(line)
        sys.exit(1 if issues else 0)
    for lang in LANGUAGES:
        (HERE / f"{lang}.mo").write_bytes(compiled(read(lang)))
        print(f"wrote {lang}.mo")
    for lang in CLICK_LANGUAGES:
        click_mo(lang).parent.mkdir(parents=True, exist_ok=True)
        click_mo(lang).write_bytes(compiled(read_click(lang)))
        print(f"wrote {click_mo(lang).relative_to(HERE)}")


if __name__ == "__main__":
    main()
