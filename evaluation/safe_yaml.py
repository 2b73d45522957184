"""Read YAML strictly: plain data only, with the line of every value.

PyYAML's safe loader already refuses Python objects; on top of it this refuses anchors
and aliases (no "billion laughs"), every tag but the plain JSON-like ones, duplicate
keys and non-UTF-8 text, and it keeps the line of every key and item so that a later
validation error can name where it happened.
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

MAX_BYTES = 1024 * 1024

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class YamlRefused(Exception):
    """The text is not YAML we accept; `line` is 1-based, 0 when it concerns the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
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

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(_line(event.start_mark), f"alias '*{event.anchor}' is not allowed")
        if getattr(event, "anchor", None):
            raise YamlRefused(_line(event.start_mark), f"anchor '&{event.anchor}' is not allowed")
        return super().compose_node(parent, index)


_Composer.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(raw: bytes) -> Document:
    """Parse `raw` bytes into plain data; raise `YamlRefused` on anything else."""
    if len(raw) > MAX_BYTES:
        raise YamlRefused(0, f"file is larger than 1 MiB ({len(raw)} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlRefused(line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})") from None
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlRefused(_line(mark), f"invalid YAML: {exc.problem or exc.context}") from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlRefused(0, "file is empty")
    lines: dict[Path_, int] = {(): _line(node.start_mark)}
    return Document(_build(node, (), lines, loader), lines)


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], loader: _Composer) -> Any:
    line = _line(node.start_mark)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path, lines, loader)
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise YamlRefused(_line(key_node.start_mark), "keys must be plain text")
            if key in result:
                raise YamlRefused(_line(key_node.start_mark), f"duplicate key '{key}'")
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
        return loader.construct_object(node, deep=True)
    raise YamlRefused(line, f"tag '{_short_tag(node.tag)}' is not allowed")


def _line(mark: Any) -> int:
    """1-based line of a PyYAML mark (0 when there is none)."""
    return int(mark.line) + 1 if mark is not None else 0


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
