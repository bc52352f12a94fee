"""Variables for async-events: which names a clause binds before its slow call, which the continuation
reads, and whether one of them holds the socket.
"""

from __future__ import annotations

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource
from mir_fix.engine.elixir import call_args, walk

from ._liveview import Clause

BINDING_OPERATORS = (b"=", b"<-")


def _is_variable(node: Node) -> bool:
    if node.type != "identifier":
        return False
    name = (node.text or b"").decode()
    if name.startswith("_") or name in {"__MODULE__", "__ENV__", "__CALLER__", "__DIR__", "__STACKTRACE__"}:
        return False
    parent = node.parent
    if parent is None:
        return True
    if parent.type == "call" and parent.child_by_field_name("target") == node:
        return False
    if parent.type == "dot" and parent.child_by_field_name("right") == node:
        return False
    return not (parent.type == "unary_operator" and (parent.text or b"").startswith((b"@", b"&")))


def variable_names(node: Node, skip: Node | None = None) -> list[str]:
    """Names of the variables under `node` (read or bound), in source order, each once; none under `skip`."""
    names: list[str] = []
    for item in walk(node):
        if skip is not None and skip.start_byte <= item.start_byte < skip.end_byte:
            continue
        if _is_variable(item):
            name = (item.text or b"").decode()
            if name not in names:
                names.append(name)
    return names


def pattern_names(node: Node) -> list[str]:
    """Variables a pattern binds (not pinned ones)."""
    return [
        (n.text or b"").decode()
        for n in walk(node)
        if _is_variable(n) and not (n.parent is not None and (n.parent.text or b"").startswith(b"^"))
    ]


def binds(node: Node, top: Node) -> bool:
    """The occurrence binds its variable: in the pattern of `=`, `<-` or `->` (not pinned), below `top`."""
    current = node
    while current.parent is not None and current.id != top.id:
        parent = current.parent
        if parent.type == "unary_operator" and (parent.text or b"").startswith(b"^"):
            return False
        if parent.type == "binary_operator":
            operator = (parent.child_by_field_name("operator") or parent).text
            left = parent.child_by_field_name("left")
            if operator in BINDING_OPERATORS and left is not None and left.id == current.id:
                return True
        if parent.type == "stab_clause":
            left = parent.child_by_field_name("left")
            return left is not None and left.id == current.id
        current = parent
    return False


def binding_names(clause: Clause, statements: list[Node]) -> list[str]:
    """Names that `statements` bind (`x = ...`, `{:ok, y} = ...`), at their top level or in their patterns."""
    names: list[str] = []
    for statement in statements:
        for node in walk(statement):
            if _is_variable(node) and binds(node, statement):
                name = (node.text or b"").decode()
                if name not in names:
                    names.append(name)
    return names


def first_use_is_read(rest: list[Node], name: str, skip: Node) -> bool:
    """In the continuation, the first occurrence of `name` (outside `skip`, the expression that moved) reads it."""
    for statement in rest:
        for node in walk(statement):
            if skip.start_byte <= node.start_byte < skip.end_byte:
                continue
            if _is_variable(node) and node.text == name.encode():
                return not binds(node, statement)
    return False


def holds_socket(source: ParsedSource, statements: list[Node], name: str, socket: str) -> str | None:
    """How `name` was bound from the socket as a whole (`socket`, `socket.assigns`, `assign(socket, ...)`)."""
    culprit = None
    for statement in statements:
        if statement.type != "binary_operator" or (statement.child_by_field_name("operator") or statement).text != b"=":
            continue
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
        if left is None or right is None or name not in [(n.text or b"").decode() for n in walk(left)]:
            continue
        culprit = None
        text = source.text(right).strip()
        head = right
        while head.type == "binary_operator" and (head.child_by_field_name("operator") or head).text == b"|>":
            head = head.child_by_field_name("left") or head
        if text in {socket, f"{socket}.assigns"} or source.text(head) == socket:
            culprit = f"`{name} = {text.splitlines()[0]}`"
        elif head.type == "call":
            args = call_args(head)
            if args and source.text(args[0]) in {socket, f"{socket}.assigns"}:
                culprit = f"`{name} = {text.splitlines()[0]}`"
    return culprit
