"""What LiveView codemods need to know: which modules are LiveViews, their
callbacks, and where their template is (a `~H` in render/1 or a colocated
.heex file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.change import FileEdits
from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    do_block,
    keyword_key,
    layout,
    module_definitions,
    walk,
)
from mir_fix.engine.heex import Template, lay_out
from mir_fix.engine.parse import heex_regions, iter_sigils, parse_heex

VIEW, COMPONENT = "live_view", "live_component"
MAX_LINE = 98


@dataclass(frozen=True)
class Clause:
    """One `def name(args) do ... end` clause of a module."""

    node: Node
    name: str
    args: list[Node]
    body: list[Node] | None  # None for `do:` one-liners
    guard: Node | None


@dataclass(frozen=True)
class LiveModule:
    node: Node
    name: str
    kind: str  # VIEW | COMPONENT
    body: list[Node]
    clauses: list[Clause]

    def functions(self, name: str, arity: int) -> list[Clause]:
        return [c for c in self.clauses if c.name == name and len(c.args) == arity]

    @property
    def defined(self) -> frozenset[str]:
        return frozenset(c.name for c in self.clauses)

    def clause_at(self, node: Node) -> Clause | None:
        """The clause whose definition holds `node`."""
        return next((c for c in self.clauses if c.node.start_byte <= node.start_byte < c.node.end_byte), None)

    def reachable(self, names: set[str]) -> set[str]:
        """`names` and every function of this module they call, directly or through each other (any arity)."""
        seen, pending = set(names), list(names)
        while pending:
            name = pending.pop()
            for clause in self.clauses:
                if clause.name != name:
                    continue
                for node in walk(clause.node):
                    callee = call_name(node)  # None for remote calls
                    if callee is not None and callee in self.defined and callee not in seen:
                        seen.add(callee)
                        pending.append(callee)
        return seen


def _kind_of_use(source: ParsedSource, use: Node) -> str | None:
    args = call_args(use)
    if not args:
        return None
    target = source.text(args[0])
    if target in {"Phoenix.LiveView", "Phoenix.LiveComponent"}:
        return VIEW if target.endswith("View") else COMPONENT
    if len(args) < 2:
        return None
    flavour = source.text(args[1])
    match = re.fullmatch(r"\{?\s*:(\w+)", flavour.split(",")[0])
    name = match.group(1) if match else ""
    if name.endswith("live_component"):
        return COMPONENT
    if name.endswith("live_view"):
        return VIEW
    return None


def _clause(source: ParsedSource, definition: Node) -> Clause | None:
    args = call_args(definition)
    if not args:
        return None
    head = args[0]
    guard = None
    if head.type == "binary_operator" and source.text(head.child_by_field_name("operator") or head) == "when":
        guard = head.child_by_field_name("right")
        head = head.child_by_field_name("left") or head
    if head.type == "identifier":
        return Clause(definition, source.text(head), [], block_body(definition), guard)
    if head.type != "call" or call_name(head) is None:
        return None
    body = None
    if any(c.type == "do_block" for c in definition.children):
        body = block_body(definition)
    return Clause(definition, call_name(head) or "", call_args(head), body, guard)


# Calls whose arguments or blocks run only on some paths.
BRANCHING = frozenset({"if", "unless", "case", "cond", "with", "for", "try", "receive"})


def always_runs(node: Node, clause: Clause) -> bool:
    """Every run of the clause evaluates `node`: nothing between them branches (`if`, `case`, `&&`, fn...).

    Pipes, tuples, `=` right-hand sides and the arguments of ordinary calls do not branch; anything else
    counts as a branch, so the answer errs on "no".
    """
    current = node
    while current.parent is not None:
        parent = current.parent
        if parent.id == clause.node.id:
            return True
        kind = parent.type
        if kind == "binary_operator":
            operator = (parent.child_by_field_name("operator") or parent).text
            right = parent.child_by_field_name("right")
            if not (operator == b"|>" or (operator == b"=" and right is not None and right.id == current.id)):
                return False
        elif kind == "call":
            if call_name(parent) in BRANCHING or do_block(parent) is not None:
                return False
        elif kind == "do_block" or kind == "keywords":
            # only the clause's own body: `def ... do ... end` or `def ..., do: ...`
            owner = parent.parent if kind == "do_block" else (parent.parent.parent if parent.parent else None)
            if owner is None or owner.id != clause.node.id:
                return False
        elif kind == "pair":
            if keyword_key(parent) != "do":
                return False
        elif kind not in {"tuple", "arguments", "block"}:
            return False
        current = parent
    return False


def live_modules(source: ParsedSource) -> list[LiveModule]:
    found = []
    for module in module_definitions(source.tree.root_node):
        args = call_args(module)
        body = block_body(module)
        if not args or body is None:
            continue
        kind = None
        for statement in body:
            if call_name(statement) == "use":
                kind = kind or _kind_of_use(source, statement)
        if kind is None:
            continue
        clauses = []
        for statement in body:
            if call_name(statement) in {"def", "defp"}:
                clause = _clause(source, statement)
                if clause is not None:
                    clauses.append(clause)
        found.append(LiveModule(module, source.text(args[0]), kind, body, clauses))
    return found


class TemplateProblem(Exception):
    """No template mir-fix may edit; the message says why."""


def template_of(source: ParsedSource, module: LiveModule, workspace: Workspace) -> Template:
    """The module's template: `~H` in render/1, else the colocated .heex file."""
    for clause in module.functions("render", 1):
        sigils = list(iter_sigils(clause.node, b"H"))
        if sigils:
            regions = [
                r
                for r in heex_regions(source.tree, source.file.content)
                if clause.node.start_byte <= r.start < clause.node.end_byte
            ]
            if len(regions) != 1:
                raise TemplateProblem(f"render/1 of {module.name} holds {len(regions)} ~H templates")
            region = regions[0]
            template = Template(source.file, region.start, region.tree)
            return _clean(template)
    path = source.file.path
    stem = path.name.rsplit(".", 1)[0]
    for suffix in (".html.leex", ".html.eex", ".leex"):
        if workspace.exists(path.with_name(stem + suffix)):
            raise TemplateProblem(
                f"the template of {module.name} is a {suffix} file, from a LiveView version without this feature"
            )
    colocated = path.with_name(stem + ".html.heex")
    heex = workspace.source(colocated)
    if heex is None:
        raise TemplateProblem(f"no ~H in render/1 and no {colocated.name} beside {path.name}")
    return _clean(Template(heex, 0, parse_heex(heex.content)))


def _clean(template: Template) -> Template:
    if template.errors:
        raise TemplateProblem(
            f"the template at {template.file.rel}:{template.first_error_line} does not parse cleanly "
            "with the HEEx grammar, so mir-fix does not edit it"
        )
    return template


def project_depends_on(path: Path, workspace: Workspace, package: str) -> bool:
    """Whether a mix.exs or mix.lock above `path` names `package` (a hex package name)."""
    pattern = re.compile(rf'(\{{\s*:{package}\b|"{package}":)'.encode())
    for folder in workspace.ancestors(path):
        for name in ("mix.exs", "mix.lock"):
            found = workspace.source(folder / name)
            if found is not None and pattern.search(found.content):
                return True
    return False


def plain_name(node: Node | None) -> str | None:
    """`socket` for a parameter that is just a variable (not `_socket`, not a pattern)."""
    if node is None or node.type != "identifier":
        return None
    name = (node.text or b"").decode()
    return None if name.startswith("_") else name


def bound_name(node: Node | None) -> str | None:
    """The variable a parameter binds: `socket`, or `socket` in `%{assigns: ...} = socket`."""
    if node is not None and node.type == "binary_operator":
        operator = node.child_by_field_name("operator")
        if operator is None or operator.text != b"=":
            return None
        return plain_name(node.child_by_field_name("right")) or plain_name(node.child_by_field_name("left"))
    return plain_name(node)


def first_statement(source: ParsedSource, body: list[Node], variable: str, expression: str) -> Edit:
    """Insert `variable = expression` before a body's first statement, laid out as mix format would."""
    first = body[0]
    place = layout(source.file.content, first.start_byte)
    line = f"{variable} = {expression}"
    if len(place.indent) + len(line) <= MAX_LINE:
        text = f"{place.indent}{line}\n" + ("\n" if b"\n" in (first.text or b"") else "")
    else:
        text = f"{place.indent}{variable} =\n{place.indent}  {expression}\n\n"
    return Edit.insert(place.line_start, text)


def module_and_template(
    source: ParsedSource, template: Template, module_edits: list[Edit], template_edits: list[Edit]
) -> tuple[FileEdits, ...]:
    """The edits of a change to a LiveView and its template, which may be the same file.

    The template edits come back with the start tags they lengthen laid out as HTMLFormatter would.
    """
    template_edits = lay_out(template, template_edits)
    if template.file.rel == source.file.rel:
        return (FileEdits(source.file.rel, tuple(module_edits + template_edits)),)
    return (FileEdits(source.file.rel, tuple(module_edits)), FileEdits(template.file.rel, tuple(template_edits)))


LOCK_VERSION = re.compile(rb'"phoenix_live_view":\s*\{:hex,\s*:phoenix_live_view,\s*"(\d+)\.(\d+)\.(\d+)')
REQUIREMENT = re.compile(rb'\{:phoenix_live_view,\s*"[~>=\s]*(\d+)\.(\d+)(?:\.(\d+))?')


def project_live_view_version(path: Path, workspace: Workspace) -> tuple[tuple[int, ...] | None, str]:
    """phoenix_live_view's version for the app holding `path`: mix.lock's, else the requirement in mix.exs;
    and where it was read."""
    for folder in workspace.ancestors(path):
        lock = workspace.source(folder / "mix.lock")
        if lock is not None:
            match = LOCK_VERSION.search(lock.content)
            if match:
                return tuple(int(g) for g in match.groups()), "mix.lock"
        project = workspace.source(folder / "mix.exs")
        if project is not None:
            match = REQUIREMENT.search(project.content)
            if match:
                return tuple(int(g or 0) for g in match.groups()), "the requirement in mix.exs"
    return None, ""
