"""Reading HEEx trees: elements, their attributes, and where to add to them.

A template is a region of a file (a `~H` sigil or a whole .heex file); every
offset a caller gets back is a file offset, ready for an Edit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node, Tree

from .edit import Edit, apply_edits
from .elixir import layout, line_end
from .parse import count_errors, first_error_line, parse_heex
from .source import SourceFile

START_NODES = frozenset({"start_tag", "start_component", "self_closing_tag", "self_closing_component"})
ELEMENT_NODES = frozenset({"tag", "component"})
# The line width of Phoenix.LiveView.HTMLFormatter (its default, and mix format's).
LINE_LENGTH = 98
# Elements whose body the formatter keeps byte for byte.
VERBATIM = frozenset({"pre", "textarea", "script", "style"})


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


def add_first_child(template: Template, start: Node, text: str) -> list[Edit]:
    """Insert `text` as the first child of the element `start` opens, indented like its children.

    An element written on one line whose line the child would push past the formatter's width is
    laid out as HTMLFormatter lays out a block: the child and the old body each on their own line,
    one level deeper, and the end tag on its own line.
    """
    content = template.file.content
    after = template.at(start.end_byte)
    element = start.parent
    children = (
        [c for c in element.named_children if c.type not in {"end_tag", "end_component"} and c != start]
        if element
        else []
    )
    first = next((c for c in children if c.type != "text" or (c.text or b"").strip()), None)
    base = base_indent(template)
    if first is not None and _starts_line(content, template.at(first.start_byte)):
        indent = layout(content, template.at(first.start_byte)).indent
        return [Edit.insert(after, "\n" + indent + _fitted(text, indent, base))]
    end = _end_tag(element)
    begin = template.at(start.start_byte)
    if end is None or not _starts_line(content, begin):
        return [Edit.insert(after, text)]
    close, finish = template.at(end.start_byte), template.at(end.end_byte)
    stop = line_end(content, begin)
    line = content[content.rfind(b"\n", 0, begin) + 1 : stop].decode("utf-8")
    one_line = finish <= stop and not content[finish:stop].strip() and b"\n" not in content[begin:close]
    if not one_line or _width(line) + len(text) - base <= LINE_LENGTH:
        return [Edit.insert(after, text)]
    indent = layout(content, begin).indent
    deeper = "\n" + indent + "  "
    child = _fitted(text, indent + "  ", base)
    body = content[after:close]
    if not body.strip():
        return [Edit(after, close, deeper + child + "\n" + indent)]
    lead = after + len(body) - len(body.lstrip())
    trail = after + len(body.rstrip())
    return [Edit(after, lead, deeper + child + deeper), Edit(trail, close, "\n" + indent)]


def lay_out(template: Template, edits: list[Edit]) -> list[Edit]:
    """`edits` with each start tag they push past the line width laid out as HTMLFormatter would.

    Only a one-line start tag that begins its line and that the edits change is laid out, and
    only when its line ends up longer than the formatter's width: one attribute per line, one
    level deeper than the tag, `>` or `/>` on its own line at the tag's indentation (the tag
    stays on one line when it fits and only its body does not), and a body that was on the same
    line moves to its own line, with the end tag on the next. Every other byte is left alone.
    """
    content = template.file.content
    base = base_indent(template)
    out = list(edits)
    for start in start_nodes(template):
        lo, hi = template.at(start.start_byte), template.at(start.end_byte)
        inside = [e for e in out if lo <= e.start and e.end <= hi and not (e.start == e.end and e.start in (lo, hi))]
        if not inside or b"\n" in content[lo:hi] or not _starts_line(content, lo):
            continue
        first = content.rfind(b"\n", 0, lo) + 1
        stop = line_end(content, lo)
        on_line = [e for e in out if (e.start < stop and e.end > first) or first <= e.start <= stop]
        if any("\n" in e.text or e.start < first or e.end > stop for e in on_line):
            continue
        line = _applied(content, first, stop, on_line)
        if _width(line) - base <= LINE_LENGTH:
            continue
        indent = layout(content, lo).indent
        tag = _applied(content, lo, hi, inside)
        broken = _broken(tag, element_name(start), indent, start.type.startswith("self_closing"))
        if broken is None:
            continue
        if not content[hi:stop].strip():
            if len(inside) == len(on_line):
                out = [e for e in out if e not in inside] + [Edit(lo, hi, broken)]
            continue
        element, end = start.parent, _end_tag(start.parent)
        if element is None or end is None or element_name(start) in VERBATIM:
            continue
        close, finish = template.at(end.start_byte), template.at(end.end_byte)
        if finish > stop or content[finish:stop].strip():
            continue
        body_edits = [e for e in on_line if e not in inside and hi <= e.start and e.end <= close]
        if len(inside) + len(body_edits) != len(on_line):
            continue
        body = _applied(content, hi, close, body_edits).strip()
        head = tag if _width(indent + tag) - base <= LINE_LENGTH else broken
        text = head + (f"\n{indent}  {body}" if body else "") + f"\n{indent}" + content[close:finish].decode("utf-8")
        out = [e for e in out if e not in inside and e not in body_edits] + [Edit(lo, finish, text)]
    return out


def base_indent(template: Template) -> int:
    """The column the formatter counts a line's width from: the `~H` heredoc's, 0 in a .heex file."""
    if template.start == 0:
        return 0
    content = template.file.content
    sigil = content.rfind(b"~H", 0, template.start)
    if sigil == -1:
        return 0
    return len(layout(content, sigil).indent)


def _end_tag(element: Node | None) -> Node | None:
    if element is None or element.type not in ELEMENT_NODES:
        return None
    last = element.named_children[-1] if element.named_children else None
    return last if last is not None and last.type in {"end_tag", "end_component"} else None


def _applied(content: bytes, start: int, end: int, edits: list[Edit]) -> str:
    shifted = [Edit(e.start - start, e.end - start, e.text) for e in edits]
    return apply_edits(content[start:end], shifted).decode("utf-8")


def _fitted(tag: str, indent: str, base: int) -> str:
    """A new one-line tag placed at `indent`: as it is when it fits, else one attribute a line."""
    if _width(indent + tag) - base <= LINE_LENGTH:
        return tag
    node = _first_start(tag)
    if node is None:
        return tag
    return _broken(tag, element_name(node), indent, node.type.startswith("self_closing")) or tag


def _first_start(source: str) -> Node | None:
    root = parse_heex(source.encode("utf-8")).root_node
    if count_errors(root):
        return None
    stack: list[Node] = [root]
    while stack:
        current = stack.pop()
        if current.type in START_NODES:
            return current
        stack.extend(reversed(current.children))
    return None


def _broken(tag: str, name: str, indent: str, self_closing: bool) -> str | None:
    """`tag` (one line) with one attribute a line; None when it does not read back as one tag."""
    node = _first_start(tag if self_closing else f"{tag}</{name}>")
    if node is None or (node.text or b"").decode("utf-8") != tag:
        return None
    parts = [(a.node.text or b"").decode("utf-8") for a in attributes(node)]
    if len([c for c in node.named_children if c.type not in {"tag_name", "component_name"}]) != len(parts):
        return None
    lines = "".join(f"\n{indent}  {part}" for part in parts)
    return f"<{name}{lines}\n{indent}{'/>' if self_closing else '>'}"


def _width(line: str) -> int:
    return len(line.rstrip("\r"))


def _starts_line(content: bytes, offset: int) -> bool:
    start = content.rfind(b"\n", 0, offset) + 1
    return content[start:offset].strip() == b""
