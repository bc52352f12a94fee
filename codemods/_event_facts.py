"""What idempotent-events needs to know about events: which literal a handle_event clause handles.

A clause handles the event its first parameter matches: `"save"`, or `"save" = event` / `event = "save"`,
which bind the name as well (real apps log or forward it).
"""

from __future__ import annotations

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource


def _plain_string(node: Node | None) -> bool:
    if node is None or node.type != "string":
        return False
    return not any(c.type == "interpolation" for c in node.named_children)


def event_literal(source: ParsedSource, head: Node) -> str | None:
    """The event literal, quotes included, that a handle_event clause's first parameter matches; None for a
    variable, an interpolated string or any other pattern."""
    if _plain_string(head):
        return source.text(head)
    if head.type != "binary_operator":
        return None
    operator = head.child_by_field_name("operator")
    if operator is None or operator.text != b"=":
        return None
    left, right = head.child_by_field_name("left"), head.child_by_field_name("right")
    for literal, other in ((left, right), (right, left)):
        if _plain_string(literal) and other is not None and other.type == "identifier":
            return source.text(literal)  # type: ignore[arg-type]
    return None
