"""Column headers as pyxform reads them: `list name`, `value`, `bind:relevant`, `label:French`.

The tables and the splitting rule below are copied from pyxform (`aliases.py`,
`parsing/sheet_headers.py`, the part that concerns the columns we read) rather than
imported: pyxform is a test-only dependency (ODK's converter, used to prove our exports
open in it), its header parser is not a public API and raises on what it does not know,
and the app reads workbooks offline on machines where nothing else of it is needed.

pyxform: Copyright (c) 2015, XLSForm. All rights reserved. Redistribution and use in
source and binary forms, with or without modification, are permitted provided that the
following conditions are met: redistributions of source code must retain the above
copyright notice, this list of conditions and the following disclaimer; redistributions
in binary form must reproduce the above copyright notice, this list of conditions and the
following disclaimer in the documentation and/or other materials provided with the
distribution. THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO
EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT,
INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

from __future__ import annotations

from collections.abc import Iterable

from evaluation.questionnaire.xlsform.layout import POINTS

# pyxform's `survey_header`, `list_header` and `settings_header`, the entries that name
# a column we read or refuse; the value is the column's canonical name.
SURVEY = {
    "relevance": "relevant",
    "caption": "label",
    "command": "type",
    "tag": "name",
    "value": "name",
    "requiredmsg": "required_message",
    "constraining_message": "constraint_message",
    "calculation": "calculate",
    "read_only": "readonly",
}
CHOICES = {"caption": "label", "list name": "list_name", "value": "name"}
SETTINGS = {"set_form_title": "form_title", "set_form_id": "form_id"}
# `bind::x` and `control::x` are pyxform's grouped spelling of the column `x`.
_GROUPS = frozenset({"bind", "control"})
_GROUPED = {"jr:requiredMsg": "required_message", "jr:constraintMsg": "constraint_message"}


def _snake(value: str) -> str:
    return "_".join(value.split()).lower()


def canonical(header: str, aliases: dict[str, str], double_colon: bool) -> str:
    """The header as pyxform understands it, written with `::` before a language:
    `list name` -> `list_name`, `bind:relevant` -> `relevant`, `label:French` ->
    `label::French`. A header pyxform would not change is returned as written."""
    if "::" in header or double_colon:
        tokens = [t.strip() for t in header.split("::")]
    else:
        tokens = [t.strip() for t in header.split(":")]
        if "jr" in tokens:  # `jr:count` stays one token with single colons
            at = tokens.index("jr")
            tokens[at : at + 2] = [f"jr:{tokens[at + 1]}" if at + 1 < len(tokens) else "jr"]
    group, _, rest = tokens[0].partition(":")
    if group in _GROUPS and rest:  # `bind:relevant` in a sheet that also uses `::`
        tokens[:1] = [group, rest]
    first = _snake(tokens[0])
    first = aliases.get(tokens[0].strip().lower(), aliases.get(first, first))
    if first.startswith(POINTS) and len(tokens) == 1:  # `points_HasInternet`: a name, case kept
        first = POINTS + tokens[0].strip()[len(POINTS) :]
    if first in _GROUPS and len(tokens) > 1:
        first, tokens = _GROUPED.get(tokens[1], tokens[1]), tokens[1:]
    return "::".join([first, *tokens[1:]])


def sheet_headers(headers: Iterable[str], aliases: dict[str, str]) -> dict[str, str]:
    """Each header of a sheet -> its canonical name; `::` anywhere in the sheet makes a
    single `:` part of a name, as in pyxform."""
    headers = [h for h in headers if h]
    double = any("::" in h for h in headers)
    return {h: canonical(h, aliases, double) for h in headers}
