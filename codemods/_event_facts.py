"""What idempotent-events needs to know about events: which literal a handle_event clause handles, which
templates a LiveView renders, and which elements of them (or of the function components they call) send it.

A clause handles the event its first parameter matches: `"save"`, or `"save" = event` / `event = "save"`,
which bind the name as well (real apps log or forward it).

A LiveView's page is what render/1 returns: a `~H`, or a function component it hands its assigns to
(`def render(assigns), do: index_action(assigns)` with `embed_templates "actions/*", suffix: "_action"`),
or the colocated .heex file. An element there may sit in a function component the template calls
(`<.sink_form form={@form} />`, `<Cards.order_card ...>`), defined in the module, an imported one, or an
embedded .heex file: such a component sees only the attributes its caller passes.
"""

from __future__ import annotations

import fnmatch
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, do_block, remote_call
from mir_fix.engine.heex import Attribute, Template, attributes, element_name, start_nodes
from mir_fix.engine.parse import HeexRegion, heex_regions, iter_sigils, parse_heex

from ._live_wrappers import expand_alias, find_module, imports, module_aliases, project_root
from ._liveview import Clause, LiveModule, TemplateProblem, bound_name, template_of


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


# --- where a LiveView's templates are ------------------------------------------------------


@dataclass(frozen=True)
class Owner:
    """The module a template belongs to: its local functions and imports resolve the template's `<.name>`."""

    source: ParsedSource
    node: Node

    @property
    def name(self) -> str:
        args = call_args(self.node)
        return self.source.text(args[0]) if args else ""


@dataclass(frozen=True)
class Component:
    """A function component: its clauses' templates (a `~H` each, or an embedded .heex file) and attr declarations."""

    name: str
    owner: Owner
    templates: tuple[Template, ...]
    private: bool
    attrs: frozenset[str]  # declared attribute names
    last_attr: Node | None  # the last `attr` declaration before it, where another one goes
    problem: str | None = None  # why its templates cannot be edited
    definition: Node | None = None  # its first `def` (none for an embedded template without attributes)

    @property
    def where(self) -> str:
        if self.definition is not None:
            return f"{self.owner.source.file.rel}:{self.owner.source.line(self.definition)}"
        if self.templates:
            return f"{self.templates[0].file.rel}:{self.templates[0].line(0)}"
        return self.owner.source.file.rel


@dataclass(frozen=True)
class Rendered:
    """A template render/1 renders with the LiveView's own assigns (so `@token` is there as it is)."""

    template: Template
    owner: Owner
    via: Component | None = None  # render/1 delegates to this component, passing its assigns whole


def rendered_templates(source: ParsedSource, module: LiveModule, workspace: Workspace) -> list[Rendered]:
    """Every template render/1 renders with the module's assigns: the `~H` of each clause, the function
    component a clause hands its assigns to (`def render(assigns), do: index_action(assigns)`, an
    embed_templates file, or `Templates.page(assigns)`), else the colocated .heex file.

    Raises TemplateProblem when one of them cannot be read: mir-fix edits none then.
    """
    owner = Owner(source, module.node)
    renders = module.functions("render", 1)
    if not renders:
        return [Rendered(template_of(source, module, workspace), owner)]
    found: list[Rendered] = []
    for clause in renders:
        where = f"{source.file.rel}:{source.line(clause.node)}"
        if list(iter_sigils(clause.node, b"H")):
            found.append(Rendered(template_of_clause(source, module, clause), owner))
            continue
        if any(True for _ in iter_sigils(clause.node, b"L")):
            raise TemplateProblem(
                f"render/1 of {module.name} at {where} is a ~L (LiveEEx) template, from a LiveView version "
                "without this feature"
            )
        component = _delegate(source, owner, clause, workspace)
        if component is None:
            raise TemplateProblem(
                f"render/1 of {module.name} at {where} renders neither a ~H template nor a function component "
                "mir-fix can read, so mir-fix cannot add the token to the page"
            )
        if component.problem is not None:
            raise TemplateProblem(component.problem)
        found += [Rendered(t, component.owner, component) for t in component.templates]
    return found


def template_of_clause(source: ParsedSource, module: LiveModule, clause: Clause) -> Template:
    regions = [
        r
        for r in heex_regions(source.tree, source.file.content)
        if clause.node.start_byte <= r.start < clause.node.end_byte
    ]
    if len(regions) != 1:
        raise TemplateProblem(
            f"render/1 of {module.name} at {source.file.rel}:{source.line(clause.node)} holds "
            f"{len(regions)} ~H templates"
        )
    return clean(Template(source.file, regions[0].start, regions[0].tree))


def clean(template: Template) -> Template:
    if template.errors:
        raise TemplateProblem(
            f"the template at {template.file.rel}:{template.first_error_line} does not parse cleanly "
            "with the HEEx grammar, so mir-fix does not edit it"
        )
    return template


def _delegate(source: ParsedSource, owner: Owner, clause: Clause, workspace: Workspace) -> Component | None:
    """The component a render/1 clause hands its assigns to: `name(assigns)` or `Module.name(assigns)`."""
    body = block_body(clause.node)
    if not body or len(body) != 1 or len(clause.args) != 1:
        return None
    call = body[0]
    assigns = bound_name(clause.args[0])
    args = call_args(call)
    if assigns is None or len(args) != 1 or source.text(args[0]) != assigns:
        return None
    local = call_name(call)
    if local is not None:
        return find_component(workspace, owner, "." + local)
    remote = remote_call(call)
    if remote is None:
        return None
    return find_component(workspace, owner, f"{remote[0]}.{remote[1]}")


# --- function components ---------------------------------------------------------------------


def find_component(workspace: Workspace, owner: Owner, tag: str) -> Component | None:
    """The function component a tag names in `owner`'s templates: `.name` (local or imported) or
    `Module.name` (aliases expanded); None when it is not in the app's source (Phoenix's own, a dep's)."""
    key = ("find_component", str(owner.source.file.path), str(owner.node.start_byte), tag)
    return workspace.fact(key, lambda: _find_component(workspace, owner, tag))


def _find_component(workspace: Workspace, owner: Owner, tag: str) -> Component | None:
    module, _, name = tag.rpartition(".")
    if not name or not re.fullmatch(r"[a-z_]\w*[?!]?", name):
        return None
    if module:
        target = find_module(workspace, owner.source, expand_alias(module, module_aliases(owner.source, owner.node)))
        return _component_in(workspace, Owner(*target), name) if target else None
    found = _component_in(workspace, owner, name)
    if found is not None:
        return found
    for imported in imports(workspace, owner.source, owner.node):
        if not imported.brings(name):
            continue
        target = find_module(workspace, owner.source, imported.module)
        if target is not None:
            found = _component_in(workspace, Owner(*target), name, public_only=True)
            if found is not None:
                return found
    return None


def _component_in(workspace: Workspace, owner: Owner, name: str, public_only: bool = False) -> Component | None:
    key = ("component", str(owner.source.file.path), str(owner.node.start_byte), name, str(public_only))
    return workspace.fact(key, lambda: _read_component(workspace, owner, name, public_only))


def _read_component(workspace: Workspace, owner: Owner, name: str, public_only: bool) -> Component | None:
    source = owner.source
    statements = block_body(owner.node) or []
    heads = _definitions(workspace, owner).get(name, [])
    embedded = _embedded(workspace, owner, name)
    if not heads and embedded is None:
        return None
    private = bool(heads) and all(call_name(s) == "defp" for s in heads)
    if public_only and private:
        return None
    first = statements.index(heads[0]) if heads else None
    attrs, last_attr = _declarations(source, statements, first)
    templates: list[Template] = []
    problem = None
    if embedded is not None:
        templates.append(embedded)
    for head in heads:
        if do_block(head) is None and not block_body(head):
            continue  # a bodyless head: the embedded template's attrs hang on it
        regions = [r for r in _regions(workspace, source) if head.start_byte <= r.start < head.end_byte]
        if not regions:
            continue  # a clause that hands its assigns to another clause
        if len(regions) > 1:
            problem = (
                f"the function component {name} at {source.file.rel}:{source.line(head)} renders "
                f"{len(regions)} ~H templates"
            )
            continue
        templates.append(Template(source.file, regions[0].start, regions[0].tree))
    for template in templates:
        if template.errors and problem is None:
            problem = (
                f"the template of the function component {name} at {template.file.rel}:"
                f"{template.first_error_line} does not parse cleanly with the HEEx grammar"
            )
    definition = heads[0] if heads else None
    return Component(name, owner, tuple(templates), private, frozenset(attrs), last_attr, problem, definition)


def _regions(workspace: Workspace, source: ParsedSource) -> list[HeexRegion]:
    """The `~H` templates of a file, parsed once per run."""
    return workspace.fact(
        ("heex_regions", str(source.file.path)), lambda: heex_regions(source.tree, source.file.content)
    )


def _definitions(workspace: Workspace, owner: Owner) -> dict[str, list[Node]]:
    """The module's def/defp statements of arity 1 by name: where its function components can be."""

    def index() -> dict[str, list[Node]]:
        found: dict[str, list[Node]] = {}
        for statement in block_body(owner.node) or []:
            if call_name(statement) in {"def", "defp"}:
                head = _head_name(owner.source, statement)
                if head is not None and head[1] == 1:
                    found.setdefault(head[0], []).append(statement)
        return found

    return workspace.fact(("definitions", str(owner.source.file.path), str(owner.node.start_byte)), index)


def _head_name(source: ParsedSource, definition: Node) -> tuple[str, int] | None:
    args = call_args(definition)
    if not args:
        return None
    head = args[0]
    if head.type == "binary_operator" and source.text(head.child_by_field_name("operator") or head) == "when":
        head = head.child_by_field_name("left") or head
    name = call_name(head)
    return (name, len(call_args(head))) if name else None


def _declarations(source: ParsedSource, statements: list[Node], first: int | None) -> tuple[list[str], Node | None]:
    """The `attr` names declared right before statement `first` (skipping slots and @doc), and the last one."""
    names: list[str] = []
    last = None
    index = (first if first is not None else 0) - 1
    while first is not None and index >= 0:
        statement = statements[index]
        kind = call_name(statement)
        if kind == "attr":
            args = call_args(statement)
            if args and args[0].type == "atom":
                names.append(source.text(args[0]).lstrip(":"))
            last = last or statement
        elif kind != "slot" and not source.text(statement).startswith("@"):
            break
        index -= 1
    return names, last


def _embedded(workspace: Workspace, owner: Owner, name: str) -> Template | None:
    """The .heex file `embed_templates "pattern", suffix: "_x"` in the module turns into function `name`."""
    folder = owner.source.file.path.parent
    for statement in block_body(owner.node) or []:
        if call_name(statement) != "embed_templates":
            continue
        args = call_args(statement)
        if not args or args[0].type != "string" or any(c.type == "interpolation" for c in args[0].named_children):
            continue
        pattern = owner.source.text(args[0]).strip('"')
        suffix = ""
        options = owner.source.text(args[1]) if len(args) > 1 else ""
        if "root:" in options:
            continue
        match = re.search(r'suffix:\s*"(\w*)"', options)
        if match:
            suffix = match.group(1)
        sub, _, glob = pattern.rpartition("/")
        where = folder / sub if sub else folder
        for file in workspace.list_dir(where):
            stem, _, extension = file.partition(".")
            if extension == "html.heex" and fnmatch.fnmatchcase(stem, glob) and stem + suffix == name:
                heex = workspace.source(where / file)
                if heex is not None:
                    return Template(heex, 0, parse_heex(heex.content))
    return None


# --- where an event is sent from ----------------------------------------------------------------

SENDING = ("phx-submit", "phx-click")
MAX_HOPS = 4  # a page, a panel, a tab, a form: deeper nesting is not followed


@dataclass(frozen=True)
class Hop:
    """A call of a function component in a template on the way from render/1 to the element."""

    caller: Template
    call: Node  # the component's start node
    component: Component

    @property
    def spread(self) -> bool:
        """`<.page {assigns} />`: the caller's assigns pass whole, the token with them."""
        return any(c.type == "expression" and (c.text or b"").strip(b"{} ") == b"assigns" for c in self.call.children)

    @property
    def where(self) -> str:
        return f"{self.caller.file.rel}:{self.caller.line(self.call.start_byte)}"


@dataclass(frozen=True)
class Sender:
    """An element that sends the event (`phx-submit="save"` or `phx-click="save"`)."""

    template: Template
    start: Node
    attribute: Attribute
    hops: tuple[Hop, ...]  # the component calls from the rendered template down to this element's template

    @property
    def where(self) -> str:
        return f"{self.template.file.rel}:{self.template.line(self.start.start_byte)}"


@dataclass
class Sightings:
    """What a search for one event found in the templates a module renders."""

    senders: list[Sender] = field(default_factory=list)
    pushed: list[str] = field(default_factory=list)  # JS.push(event) at these places
    changes: list[str] = field(default_factory=list)  # phx-change="event" at these places
    passed: list[str] = field(default_factory=list)  # the event name given to a component as an attribute
    computed: list[str] = field(default_factory=list)  # phx-click={if ..., do: "event"} and the like
    helpers: list[str] = field(default_factory=list)  # form_for(..., phx_submit: "event") in an EEx expression
    unreadable: list[str] = field(default_factory=list)  # components on the way that mir-fix cannot read


def sightings(workspace: Workspace, roots: list[Rendered], event: str) -> Sightings:
    """Every element of the rendered templates, and of the function components they call, that sends
    `event` (the literal, quotes included)."""
    name = event.strip('"')
    found = Sightings()
    for root in roots:
        _search(workspace, root.template, root.owner, name, (), found, set())
    return found


def _search(
    workspace: Workspace,
    template: Template,
    owner: Owner,
    name: str,
    hops: tuple[Hop, ...],
    found: Sightings,
    seen: set[tuple[str, int]],
) -> None:
    text = _text(template)
    for match in re.finditer(rf'phx_(submit|click):\s*"{re.escape(name)}"'.encode(), text):
        found.helpers.append(f"{template.file.rel}:{template.line(match.start())}")
    if name.encode() in text:  # else only the components it calls can send the event
        for start in start_nodes(template):
            _look_at(template, start, name, hops, found)
    if len(hops) >= MAX_HOPS:
        return
    for start, tag in _component_calls(workspace, template):
        component = find_component(workspace, owner, tag)
        if component is None:
            continue
        for inner in component.templates:
            key = (str(inner.file.path), inner.start)
            if key in seen or not _may_send(inner, name):
                continue
            if component.problem is not None:
                if f'"{name}"'.encode() in _text(inner):
                    found.unreadable.append(component.problem)
                continue
            _search(
                workspace, inner, component.owner, name, (*hops, Hop(template, start, component)), found, seen | {key}
            )


def _component_calls(workspace: Workspace, template: Template) -> list[tuple[Node, str]]:
    """The template's `<.name ...>` and `<Module.name ...>` calls (not `.live_component`), with their tags."""

    def calls() -> list[tuple[Node, str]]:
        found = []
        for start in start_nodes(template):
            tag = element_name(start)
            local_or_remote = tag.startswith(".") or tag[:1].isupper()
            called = start.type.startswith(("start_component", "self_closing_component"))
            if called and local_or_remote and tag != ".live_component":
                found.append((start, tag))
        return found

    return workspace.fact(("component_calls", str(template.file.path), str(template.start)), calls)


def _look_at(template: Template, start: Node, name: str, hops: tuple[Hop, ...], found: Sightings) -> None:
    """Record what the element's attributes do with the event."""

    def where() -> str:
        return f"{template.file.rel}:{template.line(start.start_byte)}"

    for attr in attributes(start):
        if attr.expression is not None and re.search(rf"JS\.push\(\s*\"{re.escape(name)}\"", attr.expression):
            found.pushed.append(where())
        elif attr.value == name and attr.name in SENDING:
            found.senders.append(Sender(template, start, attr, hops))
        elif attr.name in SENDING and attr.expression is not None and f'"{name}"' in attr.expression:
            found.computed.append(f"{where()} ({attr.name}={{{attr.expression.strip()}}})")
        elif attr.value == name and attr.name == "phx-change":
            found.changes.append(where())
        elif attr.value == name and element_name(start)[:1] in "." + string.ascii_uppercase:
            found.passed.append(f'{where()} ({attr.name}="{name}")')


def _text(template: Template) -> bytes:
    return template.file.content[template.start : template.at(template.tree.root_node.end_byte)]


def _may_send(template: Template, name: str) -> bool:
    """The template names the event, or calls components that may (a cheap filter before a search)."""
    text = _text(template)
    return f'"{name}"'.encode() in text or re.search(rb"<(\.|[A-Z])", text) is not None


def call_sites(workspace: Workspace, component: Component) -> list[str]:
    """Every place in the project's source that may call the component (file:line), its definition apart.

    Over-counts rather than misses: `<.name` counts in every file (apps import components through their web
    module's `use`, so a caller need not name the module), a bare `name(` in the defining file, in .heex files
    and in files that name the defining module, `Module.name` anywhere. A private component counts only in
    its own file and the .heex files beside it.
    """
    name = re.escape(component.name)
    module = component.owner.name
    home = component.owner.source.file.path
    tag = re.compile(rf"<\.{name}\b".encode())
    call = re.compile(rf"(?<![\w.:])&?{name}(\(|/1\b)".encode())
    qualified = re.compile(rf"(<[A-Z][\w.]*\.{name}\b|[A-Z][\w]*\.{name}(\(|/1\b))".encode())
    definition = re.compile(rf"\b(def|defp|defmacro)\s+{name}\b".encode())
    sites = []
    for file in workspace.walk(project_root(workspace, home), (".ex", ".heex")):
        if component.private and not (file == home or (file.suffix == ".heex" and home.parent in file.parents)):
            continue
        source = workspace.source(file)
        if source is None or component.name.encode() not in source.content:
            continue
        content = source.content
        mentions = file == home or file.suffix == ".heex" or module.encode() in content
        for pattern in (qualified, tag, call) if mentions else (qualified, tag):
            for match in pattern.finditer(content):
                line_start = content.rfind(b"\n", 0, match.start()) + 1
                if definition.search(content[line_start : match.end()]):
                    continue
                sites.append(f"{source.rel}:{source.line_of(match.start())}")
    return sorted(set(sites))


def sent_elsewhere(workspace: Workspace, path: Path, event: str) -> list[str]:
    """Places near the module's file (its folder, and the folder named after it: `groups.ex` and `groups/`)
    where an element sends `event` by phx-submit or phx-click: its live components and templates, as apps
    lay them out. Places further away are more likely other pages' events of the same name."""
    pattern = re.compile(rf"phx-(submit|click)=\s*{re.escape(event)}".encode())
    places = []
    near = [f for f in workspace.walk(path.parent, (".ex", ".heex")) if f.parent in (path.parent, path.with_suffix(""))]
    for file in near:
        source = workspace.source(file)
        if source is None or event.encode() not in source.content:
            continue
        places += [f"{source.rel}:{source.line_of(m.start())}" for m in pattern.finditer(source.content)]
    return places
