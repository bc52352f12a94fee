"""Evidence that a variable holds a whole Ecto struct or a list of them, for pubsub-payloads.

Only evidence in the code counts: a binding to a Repo result (or an app function
that returns one), a `%Schema{}` pattern of an app schema, or a helper parameter
that the module passes one. A variable with none of these is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource
from mir_fix.engine.elixir import call_args, call_name, named, remote_call, walk

from ._preload_facts import Aliases, AppFacts, enclosing_definition, list_source, struct_result


@dataclass(frozen=True)
class Evidence:
    what: str  # `the struct from Repo.insert (line 12)`
    is_list: bool = False


def evidence_of(
    source: ParsedSource, variable: Node, aliases: Aliases, facts: AppFacts, depth: int = 0
) -> Evidence | None:
    definition = enclosing_definition(variable)
    if definition is None:
        return None
    name = variable.text
    last: Node | None = None  # the last binding of the name before its use decides what it holds
    for node in walk(definition):
        if node.start_byte >= variable.start_byte:
            break
        if node.type == "binary_operator" and _operator(node) in {"=", "<-"}:
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if (left is not None and _binds(left, name)) or (
                _operator(node) == "=" and right is not None and right.type == "identifier" and right.text == name
            ):
                last = node
        elif node.type == "stab_clause":
            left = node.child_by_field_name("left")
            if left is not None and _binds(left, name):
                last = node
    if last is not None and last.type == "stab_clause":
        return _case_clause(source, last, name, aliases, facts)
    if last is not None and not _in_head(last, definition):
        return _binding(source, last, name, aliases, facts)
    if last is not None:  # `%Post{} = post` in the head
        found = _binding(source, last, name, aliases, facts)
        if found is not None:
            return found
    if depth == 0:
        return _from_callers(source, definition, variable, aliases, facts)
    return None


def _in_head(node: Node, definition: Node) -> bool:
    head = call_args(definition)
    return bool(head) and head[0].start_byte <= node.start_byte < head[0].end_byte


def _binding(
    source: ParsedSource, node: Node, name: bytes | None, aliases: Aliases, facts: AppFacts
) -> Evidence | None:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None:
        return None
    for pattern, other in ((left, right), (right, left)):
        if pattern.type == "identifier" and pattern.text == name:
            schema = _struct_pattern(source, other, aliases, facts)
            if schema is not None:
                return Evidence(f"matched as %{schema}{{}} (line {source.line(node)})")
    if not (_binds(left, name) and (left.type == "identifier" or _ok_tuple(left, name))):
        return None
    line = source.line(node)
    result = struct_result(source, right, aliases, facts.repos)
    if result is not None:
        return Evidence(f"the struct from {result} (line {line})")
    if left.type == "identifier":
        listed = list_source(source, right, aliases, facts.repos, None, facts.functions)
        if listed is not None:
            return Evidence(f"a list of structs from {_short(listed.what)} (line {line})", is_list=True)
    function = _app_function(source, right, aliases, facts)
    if function is not None:
        fact = facts.functions[function[0]]
        if fact.struct_result is not None:
            return Evidence(f"the struct from {function[1]} (which returns {fact.struct_result}; line {line})")
        if fact.list_of is not None and left.type == "identifier":
            return Evidence(f"a list of structs from {function[1]} (line {line})", is_list=True)
    return None


def _case_clause(
    source: ParsedSource, clause: Node, name: bytes | None, aliases: Aliases, facts: AppFacts
) -> Evidence | None:
    """`case Repo.update(changeset) do {:ok, post} -> ...`: the clause binds the struct."""
    left = clause.child_by_field_name("left")
    patterns = named(left) if left is not None else []
    if len(patterns) != 1 or not (_ok_tuple(patterns[0], name) or patterns[0].text == name):
        return None
    block = clause.parent
    case = block.parent if block is not None else None
    if case is None or call_name(case) != "case":
        return None
    subject = call_args(case)
    if not subject:
        return None
    result = struct_result(source, subject[0], aliases, facts.repos)
    if result is None:
        function = _app_function(source, subject[0], aliases, facts)
        result = facts.functions[function[0]].struct_result and function[1] if function is not None else None
    if result:
        return Evidence(f"the struct from {result} (line {source.line(case)})")
    return None


def _from_callers(
    source: ParsedSource, definition: Node, variable: Node, aliases: Aliases, facts: AppFacts
) -> Evidence | None:
    """A parameter of a local helper: the evidence of what some call site of the module passes it."""
    head = call_args(definition)
    call = head[0] if head else None
    if call is not None and call.type == "binary_operator" and _operator(call) == "when":
        call = call.child_by_field_name("left")
    function = call_name(call) if call is not None else None
    if call is None or function is None:
        return None
    params = call_args(call)
    position = next((i for i, p in enumerate(params) if _binds(p, variable.text)), None)
    if position is None:
        return None
    module = definition.parent
    while module is not None and call_name(module) != "defmodule":
        module = module.parent
    if module is None:
        return None
    for site in walk(module):
        if call_name(site) != function or enclosing_definition(site) is None or site.id == call.id:
            continue
        argument = _argument(site, position)
        if argument is None:
            continue
        result = struct_result(source, argument, aliases, facts.repos)
        if result is not None:
            return Evidence(f"the struct from {result}, passed to {function} at line {source.line(site)}")
        inner = _ok_inner(argument)
        if inner is not None and inner.type == "identifier":
            found = evidence_of(source, inner, aliases, facts, depth=1)
            if found is not None:
                return Evidence(f"{found.what}, passed to {function} at line {source.line(site)}", found.is_list)
        if argument.type == "identifier":
            found = evidence_of(source, argument, aliases, facts, depth=1)
            if found is not None:
                return Evidence(f"{found.what}, passed to {function} at line {source.line(site)}", found.is_list)
    return None


def _argument(site: Node, position: int) -> Node | None:
    args = call_args(site)
    parent = site.parent
    if parent is not None and parent.type == "binary_operator" and _operator(parent) == "|>":
        right = parent.child_by_field_name("right")
        if right is not None and right.id == site.id:
            if position == 0:
                return parent.child_by_field_name("left")
            position -= 1
    return args[position] if position < len(args) else None


def _app_function(
    source: ParsedSource, node: Node, aliases: Aliases, facts: AppFacts
) -> tuple[tuple[str, str], str] | None:
    """The app function `node` calls (last in a pipe), and its name as written."""
    while node.type == "binary_operator" and _operator(node) == "|>":
        right = node.child_by_field_name("right")
        if right is None:
            return None
        node = right
    remote = remote_call(node)
    if remote is not None:
        key, written = (aliases.resolve(remote[0]), remote[1]), f"{remote[0]}.{remote[1]}"
    else:
        name = call_name(node)
        if name is None:
            return None
        key, written = (aliases.module, name), name
    return (key, written) if key in facts.functions else None


def _struct_pattern(source: ParsedSource, node: Node, aliases: Aliases, facts: AppFacts) -> str | None:
    if node.type != "map":
        return None
    struct = next((c for c in named(node) if c.type == "struct"), None)
    if struct is None:
        return None
    written = source.text(struct).lstrip("%")
    return written if aliases.resolve(written) in facts.schemas else None


def _ok_tuple(node: Node, name: bytes | None) -> bool:
    inner = _ok_inner(node)
    return inner is not None and inner.text == name


def _ok_inner(node: Node) -> Node | None:
    if node.type != "tuple":
        return None
    items = named(node)
    if len(items) == 2 and items[0].text == b":ok":
        return items[1]
    return None


def _binds(pattern: Node, name: bytes | None) -> bool:
    return any(n.type == "identifier" and n.text == name for n in walk(pattern))


def _operator(node: Node) -> str:
    operator = node.child_by_field_name("operator")
    return (operator.text or b"").decode() if operator is not None else ""


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 50 else flat[:47] + "..."
