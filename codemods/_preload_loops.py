"""Loops over a list in Elixir code, as the preload codemod reads them.

Three shapes: `Enum.f(list, fun)`, `list |> Enum.f(fun)`, and `for x <- list ..., do: ...`.
For each: the enumerable, the per-item expression, the element's name, and what
else the loop does (a `for` with filters or several generators is no plain map).
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource
from mir_fix.engine.elixir import block_body, call_args, call_name, do_block, keyword_pairs, named, remote_call

# Enum functions that call their function once per item.
PER_ITEM = frozenset(
    {
        "map", "each", "flat_map", "filter", "reject", "reduce", "map_reduce", "find", "find_value", "any?",
        "all?", "group_by", "sort_by", "uniq_by", "count", "sum_by", "into", "with_index", "zip_with", "frequencies_by",
    }
)  # fmt: skip
CAPTURED = "&1"


@dataclass(frozen=True)
class Loop:
    node: Node  # the loop expression: the Enum call (its pipe's right side) or the for
    kind: str  # `Enum.map`, `for`
    enumerable: Node
    function: Node  # the fn, the capture, or the for's body: where per-item code is
    var: str | None  # the element's name; `&1` in a capture; None when unknown
    body: Node | None  # the single per-item expression, when there is one
    piped: bool = False
    # Why a `for` is more than a plain map over one list (filters, generators, options); None when it is not.
    extras: str | None = None


def loop_at(source: ParsedSource, node: Node) -> Loop | None:
    if node.type != "call":
        return None
    if call_name(node) == "for":
        return _for_loop(source, node)
    remote = remote_call(node)
    if remote is None or remote[0] != "Enum" or remote[1] not in PER_ITEM:
        return None
    args = call_args(node)
    parent = node.parent
    piped = (
        parent is not None
        and parent.type == "binary_operator"
        and (parent.child_by_field_name("operator") or parent).text == b"|>"
        and (parent.child_by_field_name("right") or parent).id == node.id
    )
    if piped:
        enumerable = parent.child_by_field_name("left") if parent is not None else None
        function = args[0] if args else None
    else:
        enumerable = args[0] if args else None
        function = args[1] if len(args) > 1 else None
    if enumerable is None or function is None:
        return None
    var, body = _per_item(source, function)
    return Loop(node, f"Enum.{remote[1]}", enumerable, function, var, body, piped)


def _per_item(source: ParsedSource, function: Node) -> tuple[str | None, Node | None]:
    """The element's name and the single expression run per item, for `&f(&1)` and `fn x -> ... end`."""
    if function.type == "unary_operator" and function.children and function.children[0].type == "&":
        operand = named(function)[0] if named(function) else function.children[-1]  # `&(...)`: parentheses
        while operand.type == "block" and len(named(operand)) == 1:
            operand = named(operand)[0]
        if operand.type == "binary_operator" and (operand.child_by_field_name("operator") or operand).text == b"/":
            return None, None  # &Mod.fun/1: the function itself is the per-item code
        return CAPTURED, operand
    if function.type == "anonymous_function":
        clauses = [c for c in named(function) if c.type == "stab_clause"]
        if len(clauses) != 1:
            return None, None
        left = clauses[0].child_by_field_name("left")
        right = clauses[0].child_by_field_name("right")
        params = named(left) if left is not None else []
        if len(params) != 1 or params[0].type != "identifier":
            return None, None
        body = named(right) if right is not None else []
        return source.text(params[0]), body[0] if len(body) == 1 else None
    return None, None


def _for_loop(source: ParsedSource, node: Node) -> Loop | None:
    args = call_args(node)
    generators = [
        a for a in args if a.type == "binary_operator" and (a.child_by_field_name("operator") or a).text == b"<-"
    ]
    if not generators:
        return None
    first = generators[0]
    pattern, enumerable = first.child_by_field_name("left"), first.child_by_field_name("right")
    if pattern is None or enumerable is None:
        return None
    extras = []
    if len(generators) > 1:
        extras.append("several generators")
    generator_ids = {g.id for g in generators}
    if any(a.type != "keywords" and a.id not in generator_ids for a in args):
        extras.append("a filter")
    options = [k for a in args if a.type == "keywords" for k, _ in keyword_pairs(a) if k != "do"]
    if options:
        extras.append(", ".join(f"{k}:" for k in options))
    var = source.text(pattern) if pattern.type == "identifier" else None
    if var is None:
        extras.append(f"the pattern `{source.text(pattern)}`, which skips items that do not match")
    body_nodes = block_body(node) or []
    container = do_block(node) or next((a for a in args if a.type == "keywords"), node)
    return Loop(
        node,
        "for",
        enumerable,
        container,
        var,
        body_nodes[0] if len(body_nodes) == 1 else None,
        extras="; ".join(extras) or None,
    )
