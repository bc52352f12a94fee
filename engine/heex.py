"""Reading HEEx trees: elements, their attributes, and where to add to them.

A template is a region of a file (a `~H` sigil or a whole .heex file); every
offset a caller gets back is a file offset, ready for an Edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node, Tree

from .edit import Edit
from .elixir import layout
from .parse import count_errors, first_error_line
from .source import SourceFile

START_NODES = frozenset({"start_tag", "start_component", "self_closing_tag", "self_closing_component"})
ELEMENT_NODES = frozenset({"tag", "component"})


@dataclass(frozen=True)
class Template:
    """A HEEx template inside `file`, starting at byte `start` of its content."""

    file: SourceFile
    start: int
    tree: Tree

    @property
    def errors(self) -> int:
        return count_errors(self.tree.root_node)

    @property
    def first_error_line(self) -> int | None:
        line = first_error_line(self.tree.root_node)
        return None if line is None else self.line(0) + line - 1

    def at(self, offset: int) -> int:
        """File offset of a template offset."""
        return self.start + offset

    def line(self, offset: int) -> int:
        return self.file.line_of(self.at(offset))

    def text(self, node: Node) -> str:
        return (node.text or b"").decode("utf-8")


@dataclass(frozen=True)
class Attribute:
    node: Node
    name: str
    value: str | None  # the text of a quoted value
    expression: str | None  # the text inside {...}


def start_nodes(template: Template) -> Iterator[Node]:
    stack = [template.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in START_NODES:
            yield node
        stack.extend(reversed(node.children))


def element_name(start: Node) -> str:
    for child in start.named_children:
        if child.type in {"tag_name", "component_name"}:
            return (child.text or b"").decode("utf-8")
    return ""


def attributes(start: Node) -> list[Attribute]:
    found = []
    for child in start.named_children:
        if child.type not in {"attribute", "special_attribute"}:
            continue
        name_node = next(
            (c for c in child.named_children if c.type in {"attribute_name", "special_attribute_name"}), None
        )
        if name_node is None:
            continue
        value = expression = None
        for part in child.named_children:
            if part.type == "quoted_attribute_value":
                inner = next((c for c in part.named_children if c.type == "attribute_value"), None)
                value = (inner.text or b"").decode("utf-8") if inner is not None else ""
            elif part.type == "expression":
                inner = next((c for c in part.named_children if c.type == "expression_value"), None)
                expression = (inner.text or b"").decode("utf-8") if inner is not None else ""
        found.append(Attribute(child, (name_node.text or b"").decode("utf-8"), value, expression))
    return found


def attribute(start: Node, name: str) -> Attribute | None:
    return next((a for a in attributes(start) if a.name == name), None)


def descendants_start_nodes(start: Node) -> Iterator[Node]:
    """Start nodes of the elements inside the element that `start` opens."""
    element = start.parent
    if element is None or element.type not in ELEMENT_NODES:
        return
    stack = [c for c in reversed(element.children) if c is not start and c.id != start.id]
    while stack:
        node = stack.pop()
        if node.type in START_NODES:
            yield node
        stack.extend(reversed(node.children))


def add_attribute(template: Template, start: Node, text: str) -> Edit:
    """Append `text` (`name={...}`) after the last attribute, on its own line when attributes are."""
    content = template.file.content
    existing = [a.node for a in attributes(start)]
    anchor = existing[-1] if existing else next(c for c in start.named_children if "name" in c.type)
    end = template.at(anchor.end_byte)
    if existing and _starts_line(content, template.at(anchor.start_byte)) and len(existing) > 1:
        first = template.at(existing[0].start_byte)
        if _starts_line(content, first):
            return Edit.insert(end, "\n" + layout(content, template.at(anchor.start_byte)).indent + text)
    return Edit.insert(end, " " + text)


def add_first_child(template: Template, start: Node, text: str) -> Edit:
    """Insert `text` as the first child of the element `start` opens, indented like its children."""
    content = template.file.content
    after = template.at(start.end_byte)
    element = start.parent
    children = (
        [c for c in element.named_children if c.type not in {"end_tag", "end_component"} and c != start]
        if element
        else []
    )
    first = next((c for c in children if c.type != "text" or (c.text or b"").strip()), None)
    if first is not None and _starts_line(content, template.at(first.start_byte)):
        indent = layout(content, template.at(first.start_byte)).indent
        return Edit.insert(after, "\n" + indent + text)
    return Edit.insert(after, text)


def _starts_line(content: bytes, offset: int) -> bool:
    start = content.rfind(b"\n", 0, offset) + 1
    return content[start:offset].strip() == b""
