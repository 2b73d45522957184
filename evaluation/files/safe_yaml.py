"""Read YAML strictly: plain data only, with the line of every value.

PyYAML's safe loader already refuses Python objects; on top of it this refuses anchors
and aliases (no "billion laughs"), every tag but the plain JSON-like ones, duplicate
keys, non-UTF-8 text, control characters, nesting deeper than a questionnaire needs and
integers longer than any count, before they can cost time or memory; and it keeps the
line of every key and item so that a later validation error can name where it happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml._yaml import CParser  # libyaml, in PyYAML's wheels: 6x faster than pure Python
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from evaluation.i18n import Message, msg
from evaluation.problems import excerpt

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32  # a questionnaire nests about 10 deep
MAX_DIGITS = 18  # any count or point value fits; "9" * 5000 never reaches int()

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# C0 controls but tab, line feed and carriage return; DEL. YAML forbids them too.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# libyaml's most frequent complaints, in words; anything else keeps its own text.
_PROBLEMS = {
    "mapping values are not allowed here": "yaml.problem.mapping_here",
    "did not find expected key": "yaml.problem.expected_key",
    "could not find expected ':'": "yaml.problem.expected_colon",
    "found character that cannot start any token": "yaml.problem.bad_character",
    "found unexpected end of stream": "yaml.problem.unexpected_end",
    "did not find expected ',' or ']'": "yaml.problem.expected_bracket",
    "did not find expected ',' or '}'": "yaml.problem.expected_brace",
    "found a tab character that violates indentation": "yaml.problem.tab",
    "did not find expected node content": "yaml.problem.expected_value",
    "did not find expected '-' indicator": "yaml.problem.expected_dash",
}


class YamlRefused(Exception):
    """The text is not YAML we accept; `line` is 1-based, 0 when it concerns the file."""

    def __init__(self, line: int, message: Message) -> None:
        super().__init__(message.key)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    """Plain data read from YAML, with the line of each path (key or list item)."""

    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int:
        """The line of the deepest known prefix of `path` (1 when nothing matches)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class _Composer(CParser, Composer, SafeConstructor, Resolver):
    """Events from libyaml, nodes built in Python so that anchors can be refused."""

    # YAML 1.2 booleans: `yes`, `no`, `on`, `off` stay text (answer ids are named so).
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }
    # libyaml's parser has its own C composer; use PyYAML's, which calls compose_node.
    get_single_node = Composer.get_single_node
    compose_document = Composer.compose_document

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(
                _line(event.start_mark), msg("yaml.alias", name=excerpt(event.anchor))
            )
        if getattr(event, "anchor", None):
            raise YamlRefused(
                _line(event.start_mark), msg("yaml.anchor", name=excerpt(event.anchor))
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlRefused(_line(event.start_mark), msg("yaml.too_deep", count=MAX_DEPTH))
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Composer.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(raw: bytes) -> Document:
    """Parse `raw` bytes into plain data; raise `YamlRefused` on anything else."""
    if len(raw) > MAX_BYTES:
        raise YamlRefused(0, msg("yaml.too_large", limit=MAX_BYTES // 1024 // 1024))
    control = _CONTROL.search(raw)
    if control is not None:
        line = raw[: control.start()].count(b"\n") + 1
        raise YamlRefused(line, msg("yaml.control_character", code=f"0x{control.group()[0]:02x}"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlRefused(line, msg("yaml.not_utf8", code=f"0x{raw[exc.start]:02x}")) from None
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlRefused(_line(mark), _problem(exc.problem or exc.context or "")) from None
    except yaml.YAMLError:
        raise YamlRefused(0, _problem("")) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlRefused(0, msg("yaml.empty"))
    lines: dict[Path_, int] = {(): _line(node.start_mark)}
    return Document(_build(node, (), lines, loader), lines)


def _problem(text: str) -> Message:
    key = _PROBLEMS.get(text)
    return msg("yaml.invalid", problem=msg(key)) if key else msg("yaml.invalid_other", problem=text)


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], loader: _Composer) -> Any:
    line = _line(node.start_mark)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path, lines, loader)
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise YamlRefused(_line(key_node.start_mark), msg("yaml.key_not_text"))
            if key in result:
                raise YamlRefused(
                    _line(key_node.start_mark), msg("yaml.duplicate_key", key=excerpt(key))
                )
            lines[(*path, key)] = _line(key_node.start_mark)
            result[key] = _build(value_node, (*path, key), lines, loader)
        return result
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        items = []
        for index, item in enumerate(node.value):
            lines[(*path, index)] = _line(item.start_mark)
            items.append(_build(item, (*path, index), lines, loader))
        return items
    if isinstance(node, yaml.ScalarNode) and node.tag in _PLAIN_TAGS:
        if node.tag in {_INT, _FLOAT} and len(node.value) > MAX_DIGITS:
            raise YamlRefused(line, msg("yaml.number_too_long", count=MAX_DIGITS))
        return loader.construct_object(node, deep=True)
    raise YamlRefused(line, msg("yaml.tag", tag=excerpt(_short_tag(node.tag))))


def _line(mark: Any) -> int:
    """1-based line of a PyYAML mark (0 when there is none)."""
    return int(mark.line) + 1 if mark is not None else 0


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
