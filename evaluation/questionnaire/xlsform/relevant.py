"""XLSForm `relevant` expressions, to and from the structured show-if (`Condition`).

A recursive-descent parser for a small subset of XPath; nothing is ever evaluated.

    expression := conjunction ("or" conjunction)*
    conjunction := unary ("and" unary)*
    unary      := "not" "(" expression ")" | "(" expression ")" | test
    test       := "selected" "(" reference "," string ")"
                | "count-selected" "(" reference ")" compare digits
                | reference ("=" | "!=") string
                | reference compare number
                | reference
    compare    := ">=" | "<=" | ">" | "<"
    reference  := "${" name "}"
    string     := "'" characters "'" | '"' characters '"' | number
    number     := "-"? digits ("." digits)?

`and`, `or`, `not` are read in any case (`AND`), Excel's curly quotes (‘ ’ “ ”) as
straight ones, and a number (`${q} = 1`) as the answer named by those digits.

`selected(${q}, 'x')` and `${q} = 'x'` become `{question: q, any_of: [x]}`, `!=` becomes
`none_of`; `${q} != ''` and a bare `${q}` (XPath's truth of a value: something given)
become `answered: true`, `${q} = ''` `answered: false`; `>=`, `<=`, `>`, `<` become
`at_least`, `at_most`, `above`, `below`, and on `count-selected(${q})`
`selected_at_least` / `selected_at_most`. `not(...)` is pushed down to the tests
(`not(a or b)` is `not a and not b`). An `or` of tests on one question becomes one test
with several options, which is how a test with several options is written back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evaluation.i18n import Message, msg
from evaluation.problems import excerpt
from evaluation.questionnaire.model import Condition

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{(?P<name>[^}]*)\})
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<num>-?[0-9]+(?:\.[0-9]+)?(?![A-Za-z_]))
    | (?P<op>!=|>=|<=|=|>|<|\(|\)|,)
    | (?P<word>[A-Za-z_][A-Za-z0-9_:.-]*)
    | (?P<other>\S)
    )""",
    re.VERBOSE,
)
MAX_DEPTH = 20  # brackets inside brackets; a show-if needs three or four
_KEYWORDS = frozenset({"and", "or"})
_ANY_CASE = frozenset({"and", "or", "not"})
_CURLY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


class ExpressionRefused(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


@dataclass(frozen=True)
class _Token:
    kind: str  # ref, str, op, word, other, end
    text: str


def _tokens(source: str) -> list[_Token]:
    out: list[_Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None or match.end() == pos:  # only trailing spaces are left
            break
        pos = match.end()
        kind = match.lastgroup or "other"
        if kind == "name":
            kind = "ref"
        text = match.group("name") if kind == "ref" else match.group(kind)
        if kind == "str":
            text = text[1:-1]
        elif kind == "num":
            kind = "str"
        elif kind == "word" and text.lower() in _ANY_CASE:
            text = text.lower()
        out.append(_Token(kind, text))
    out.append(_Token("end", ""))
    return out


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokens(source)
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, kind: str, text: str | None = None) -> _Token:
        token = self.take()
        if token.kind != kind or (text is not None and token.text != text):
            raise ExpressionRefused(_unexpected(token, text or _WHAT[kind]))
        return token

    def is_word(self, word: str) -> bool:
        token = self.peek()
        return token.kind == "word" and token.text == word

    def expression(self) -> Any:
        items = [self.conjunction()]
        while self.is_word("or"):
            self.take()
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else ("or", items)

    def conjunction(self) -> Any:
        items = [self.unary()]
        while self.is_word("and"):
            self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else ("and", items)

    def bracketed(self) -> Any:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionRefused(msg("relevant.too_deep", count=MAX_DEPTH))
        inner = self.expression()
        self.expect("op", ")")
        self.depth -= 1
        return inner

    def unary(self) -> Any:
        token = self.peek()
        if token.kind == "op" and token.text == "(":
            self.take()
            return self.bracketed()
        if token.kind == "word" and token.text == "not":
            self.take()
            self.expect("op", "(")
            return ("not", self.bracketed())
        if token.kind == "word" and token.text == "selected":
            self.take()
            self.expect("op", "(")
            name = self.reference()
            self.expect("op", ",")
            value = self.expect("str").text
            self.expect("op", ")")
            return ("leaf", name, "any_of", (value,))
        if token.kind == "word" and token.text == "count-selected":
            self.take()
            self.expect("op", "(")
            name = self.reference()
            self.expect("op", ")")
            op = self.take()
            if op.kind != "op" or op.text not in _COUNTED:
                raise ExpressionRefused(_unexpected(op, ">= <= > <"))
            count = self.expect("str").text
            if not count.isdigit():
                raise ExpressionRefused(msg("relevant.count", name=excerpt(name)))
            test, shift = _COUNTED[op.text]
            return ("leaf", name, test, int(count) + shift)
        if token.kind == "ref":
            return self.compared(self.reference())
        if token.kind == "word" and token.text not in _KEYWORDS:
            after = self.tokens[self.pos + 1]
            if after.kind == "op" and after.text == "(":
                raise ExpressionRefused(msg("relevant.function", name=excerpt(token.text)))
        raise ExpressionRefused(_unexpected(token, _WHAT["test"]))

    def compared(self, name: str) -> Any:
        """What follows `${name}`: a comparison, or nothing (something given)."""
        op = self.peek()
        if op.kind != "op" or op.text not in {"=", "!=", *_BOUNDS}:
            if op.kind == "end" or (op.kind == "op" and op.text == ")") or self.is_keyword():
                return ("leaf", name, "answered", True)
            raise ExpressionRefused(msg("relevant.compare", name=excerpt(name)))
        self.take()
        value = self.expect("str").text
        if op.text in _BOUNDS:
            try:
                number = float(value)
            except ValueError:
                raise ExpressionRefused(msg("relevant.number", name=excerpt(name))) from None
            return ("leaf", name, _BOUNDS[op.text], int(number) if number.is_integer() else number)
        if not value:
            return ("leaf", name, "answered", op.text == "!=")
        return ("leaf", name, "any_of" if op.text == "=" else "none_of", (value,))

    def is_keyword(self) -> bool:
        token = self.peek()
        return token.kind == "word" and token.text in _KEYWORDS

    def reference(self) -> str:
        return self.expect("ref").text


_BOUNDS = {">=": "at_least", "<=": "at_most", ">": "above", "<": "below"}
# count-selected(${q}) compared with n, as a bound on the number ticked (`> n` is `>= n+1`)
_COUNTED = {">=": ("selected_at_least", 0), ">": ("selected_at_least", 1)}
_COUNTED |= {"<=": ("selected_at_most", 0), "<": ("selected_at_most", -1)}
# the same test, negated: `not(${q} >= 18)` is `${q} < 18`
_NEGATED = {
    "any_of": "none_of",
    "none_of": "any_of",
    "at_least": "below",
    "below": "at_least",
    "at_most": "above",
    "above": "at_most",
}
_WHAT = {
    "ref": "${…}",
    "str": "'…'",
    "op": "( ) , = != >= <=",
    "test": "selected(${…}, '…')",
}


def _unexpected(token: _Token, expected: str) -> Message:
    if token.kind == "end":
        return msg("relevant.ends_early", expected=expected)
    shown = token.text if token.kind != "str" else f"'{token.text}'"
    return msg("relevant.unexpected", found=excerpt(shown), expected=expected)


def parse(source: str) -> Condition:
    """The show-if written by `source`; `ExpressionRefused` says what is outside the subset."""
    parser = _Parser(source.translate(_CURLY))
    tree = parser.expression()
    end = parser.peek()
    if end.kind != "end":
        raise ExpressionRefused(_unexpected(end, "and / or"))
    return Condition.model_validate(_condition(tree, negated=False))


def _condition(tree: Any, *, negated: bool) -> dict[str, Any]:
    head = tree[0]
    if head == "not":
        return _condition(tree[1], negated=not negated)
    if head == "leaf":
        _, name, test, value = tree
        if negated:
            test, value = _negated(test, value)
        if test in {"any_of", "none_of"}:
            value = list(value)
        return {"question": name, test: value}
    items = [_condition(item, negated=negated) for item in tree[1]]
    group = "any" if (head == "or") != negated else "all"
    if group == "any" and all("any_of" in i for i in items):
        questions = {i["question"] for i in items}
        if len(questions) == 1:
            return {
                "question": items[0]["question"],
                "any_of": [v for i in items for v in i["any_of"]],
            }
    if group == "all" and all("none_of" in i for i in items):
        questions = {i["question"] for i in items}
        if len(questions) == 1:
            return {
                "question": items[0]["question"],
                "none_of": [v for i in items for v in i["none_of"]],
            }
    return {group: items}


def _negated(test: str, value: Any) -> tuple[str, Any]:
    if test == "answered":
        return test, not value
    if test == "selected_at_least":
        return "selected_at_most", value - 1
    if test == "selected_at_most":
        return "selected_at_least", value + 1
    return _NEGATED[test], value


def write(condition: Condition) -> str:
    """`condition` as a `relevant` expression that `parse` reads back as the same."""
    if condition.question is not None:
        test, value = condition.test()
        reference = f"${{{condition.question}}}"
        if test == "answered":
            return f"{reference} != ''" if value else f"{reference} = ''"
        if test in _WRITTEN:
            return f"{reference} {_WRITTEN[test]} {value}"
        if test.startswith("selected_"):
            sign = ">=" if test == "selected_at_least" else "<="
            return f"count-selected({reference}) {sign} {value}"
        chosen = [
            f"selected(${{{condition.question}}}, '{v}')"
            for v in condition.any_of or condition.none_of or ()
        ]
        joined = " or ".join(chosen)
        if condition.none_of is not None:
            return f"not({joined})"
        return joined
    group = condition.all_ if condition.all_ is not None else condition.any_ or ()
    word = " and " if condition.all_ is not None else " or "
    return word.join(_nested(c) for c in group)


_WRITTEN = {test: sign for sign, test in _BOUNDS.items()}


def _nested(condition: Condition) -> str:
    text = write(condition)
    simple = condition.question is not None and len(condition.any_of or ()) <= 1
    return text if simple else f"({text})"
