"""Facts about LiveView code that the streams codemod asks for, beside those of _liveview.py.

Kept apart from _liveview.py (shared with idempotent-events) so that each
codemod's additions do not touch the other's.
"""

from __future__ import annotations

from tree_sitter import Node

from mir_fix.engine.elixir import call_name

from ._liveview import Clause, LiveModule, always_runs

# Callback arguments that are never the socket or its assigns, by (callback, arity): their positions.
NOT_ASSIGNS = {
    ("handle_info", 2): {0},
    ("handle_event", 3): {0, 1},
    ("handle_params", 3): {0, 1},
    ("handle_async", 3): {0, 1},
    ("handle_call", 3): {0, 1},
    ("handle_cast", 2): {0},
    ("mount", 3): {0, 1},
}


def field_of_other_value(field: Node, module: LiveModule) -> bool:
    """`x.k` (the `k` of a `dot`) reads something other than the assigns of this module.

    True for a remote function named k (`Blog.posts()`), and for a field of a variable that the clause
    binds from something that does not mention assigns or the socket: a message or params argument of
    a callback, or `v = ...` / `v <- ...` in the clause. Anything else may be the assigns (a helper's
    argument, `state = socket.assigns`): False.
    """
    dot = field.parent
    if dot is None or dot.type != "dot":
        return False
    left = dot.child_by_field_name("left")
    call = dot.parent
    if left is None:
        return False
    if left.type == "alias":
        return True
    if left.type != "identifier" or call is None or call.type != "call" or _has_arguments(call):
        return False
    name = (left.text or b"").decode()
    if name in {"assigns", "socket"} or name.startswith("_"):
        return False
    clause = module.clause_at(field)
    if clause is None:
        return False
    binding = _binding(clause, name, field)
    if binding is None:
        return False
    if isinstance(binding, int):
        return binding in NOT_ASSIGNS.get((clause.name, len(clause.args)), set()) and (
            b"assigns" not in (clause.args[binding].text or b"")
        )
    text = binding.text or b""
    return b"assigns" not in text and b"socket" not in text


def _has_arguments(call: Node) -> bool:
    return any(c.type == "arguments" for c in call.children)


def _binding(clause: Clause, name: str, use: Node) -> int | Node | None:
    """Where the clause binds `name` for `use`: a head argument's index, or the `=` / `<-` that binds it.

    None when it is bound in another way (a fn's parameter, a case clause's pattern) or more than once.
    """
    found: list[int | Node] = []
    for index, argument in enumerate(clause.args):
        if any(n.type == "identifier" and n.text == name.encode() for n in _nodes(argument)):
            found.append(index)
    for node in _nodes(clause.node):
        if node.type != "binary_operator" or node.start_byte >= use.start_byte:
            continue
        operator = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        if operator is None or operator.text not in {b"=", b"<-"} or left is None:
            continue
        if any(n.type == "identifier" and n.text == name.encode() and not _pinned(n, left) for n in _nodes(left)):
            found.append(node)
    for node in _nodes(clause.node):
        left = node.child_by_field_name("left") if node.type == "stab_clause" else None
        if left is not None and any(n.text == name.encode() for n in _nodes(left)):
            return None
    if len(found) != 1:
        return None
    return found[0]


def _pinned(node: Node, top: Node) -> bool:
    current = node
    while current.id != top.id and current.parent is not None:
        parent = current.parent
        if parent.type == "unary_operator" and (parent.text or b"").startswith(b"^"):
            return True
        if parent.type == "call" and call_name(parent) is not None:
            return True  # an argument of a call in a pattern is not a binding
        current = parent
    return False


def _nodes(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.children))
    return out


def runs_whenever(node: Node, statement: Node) -> bool:
    """Every run of `statement` evaluates `node` (see _liveview.always_runs, here up to a statement)."""
    return always_runs(node, Clause(statement, "", [], None, None))
