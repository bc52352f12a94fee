"""Facts about LiveView code that the streams codemod asks for, beside those of _liveview.py.

Kept apart from _liveview.py (shared with idempotent-events) so that each
codemod's additions do not touch the other's.
"""

from __future__ import annotations

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.edit import Edit, apply_edits
from mir_fix.engine.elixir import call_name
from mir_fix.engine.heex import ELEMENT_NODES, Template
from mir_fix.engine.parse import count_errors, heex_regions, iter_sigils, parse_heex

from ._liveview import Clause, LiveModule, TemplateProblem, always_runs, template_of

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


def template_even_if_broken(source: ParsedSource, module: LiveModule, workspace: Workspace) -> Template:
    """The module's template as _liveview.template_of finds it, also when the HEEx grammar reports errors in
    it: a caller edits only where the tree around its edits is clean (see edits_clear_of_errors)."""
    try:
        return template_of(source, module, workspace)
    except TemplateProblem:
        template = _unchecked_template(source, module, workspace)
        if template is None or not template.errors:
            raise
        return template


def _unchecked_template(source: ParsedSource, module: LiveModule, workspace: Workspace) -> Template | None:
    for clause in module.functions("render", 1):
        if list(iter_sigils(clause.node, b"H")):
            regions = [
                r
                for r in heex_regions(source.tree, source.file.content)
                if clause.node.start_byte <= r.start < clause.node.end_byte
            ]
            return Template(source.file, regions[0].start, regions[0].tree) if len(regions) == 1 else None
    path = source.file.path
    heex = workspace.source(path.with_name(path.name.rsplit(".", 1)[0] + ".html.heex"))
    return None if heex is None else Template(heex, 0, parse_heex(heex.content))


def edits_clear_of_errors(template: Template, edits: list[Edit], region: Node | None) -> str | None:
    """Why `edits` (file offsets) may not be made in a template the HEEx grammar reports errors in; None when
    they may: `region` (the element whose children the edits judge) and the element around each edit hold
    no error and lie in no error, and the edited template parses with the same errors as before.
    """
    if not template.errors:
        return None
    where = f"{template.file.rel}:{template.first_error_line}"
    problem = f"the template does not parse cleanly with the HEEx grammar (first at {where})"
    around = [_element_around(template, edit) for edit in edits]
    for element in [region, *around]:
        if element is None or element.has_error or _inside_error(element):
            line = template.line(element.start_byte) if element is not None else template.first_error_line
            return f"{problem} around the edit at {template.file.rel}:{line}, so mir-fix does not edit it"
    text = template.file.content[template.start : template.start + len(template.tree.root_node.text or b"")]
    shifted = [Edit(e.start - template.start, e.end - template.start, e.text) for e in edits]
    edited = parse_heex(apply_edits(text, shifted)).root_node
    if count_errors(edited) != template.errors:
        return f"{problem}, and the edited template would parse differently, so mir-fix does not edit it"
    return None


def _element_around(template: Template, edit: Edit) -> Node | None:
    """The innermost element holding the edit (an insertion at a tag's edge belongs to that tag)."""
    start, end = edit.start - template.start, edit.end - template.start
    node: Node | None = template.tree.root_node.descendant_for_byte_range(start, max(start, end - 1))
    while node is not None and node.type not in ELEMENT_NODES:
        node = node.parent
    return node


def _inside_error(node: Node) -> bool:
    current = node.parent
    while current is not None:
        if current.is_error:
            return True
        current = current.parent
    return False
