"""What an app's own `use` wrappers bring into a module: LiveView-ness and imports.

Apps rarely `use Phoenix.LiveView` directly. They `use AppWeb, :live_view` (a
function of AppWeb that returns a `quote`), or a module of their own,
`use AppWeb.LiveView`, whose `__using__` quotes `use Phoenix.LiveView`. The
quoted block often splices helpers in (`unquote(html_helpers())`), which is
where `import AppWeb.CoreComponents` lives. This module reads those quotes in
the app's source: which modules are LiveViews or LiveComponents through a
wrapper, and which modules a `use` imports (for resolving `<.name>` calls).

It only reads what is written literally: a wrapper that builds its quote at
run time (`apply(__MODULE__, which, [])` with no function of that name, a
quote in a variable) tells nothing, and the module is then not recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, do_block, module_definitions, named

from ._liveview import COMPONENT, VIEW, LiveModule, _clause, _kind_of_use, live_modules

DEFMODULE = re.compile(rb"^\s*defmodule\s+([A-Z][\w.]*)\s+do\b", re.MULTILINE)
MAX_DEPTH = 4  # wrappers that use wrappers that splice helpers: deeper than any real app


@dataclass(frozen=True)
class Quoted:
    """One statement of a quoted block, with the file it is written in."""

    source: ParsedSource
    node: Node


def project_root(workspace: Workspace, path: Path) -> Path:
    """The outermost folder above `path` (up to the git root) that holds a mix.exs: an umbrella's root."""

    def find() -> Path:
        root = path.parent
        for folder in workspace.ancestors(path):
            if workspace.exists(folder / "mix.exs"):
                root = folder
        return root

    return workspace.fact(("project_root", str(path.parent)), find)


def module_files(workspace: Workspace, path: Path) -> dict[str, Path]:
    """Every module name defined in the .ex files of the project that holds `path` -> its file (the first)."""
    root = project_root(workspace, path)

    def index() -> dict[str, Path]:
        found: dict[str, Path] = {}
        for file in workspace.walk(root, (".ex",)):
            source = workspace.source(file)
            if source is None:
                continue
            for match in DEFMODULE.finditer(source.content):
                found.setdefault(match.group(1).decode(), file)
        return found

    return workspace.fact(("module_files", str(root)), index)


def find_module(workspace: Workspace, near: ParsedSource, name: str) -> tuple[ParsedSource, Node] | None:
    """The `defmodule name` of the project (the current file first), parsed; None when not in its source."""
    candidates = [near]
    path = module_files(workspace, near.file.path).get(name)
    if path is not None and path != near.file.path:
        parsed = workspace.parse(path)
        if parsed is not None:
            candidates.append(parsed)
    for source in candidates:
        for module in module_definitions(source.tree.root_node):
            args = call_args(module)
            if args and source.text(args[0]) == name:
                return source, module
    return None


def _quote_body(source: ParsedSource, definition: Node) -> list[Node] | None:
    """The statements of the `quote do ... end` a function returns (its last statement)."""
    body = block_body(definition)
    if not body:
        return None
    last = body[-1]
    if call_name(last) != "quote" or do_block(last) is None:
        return None
    return block_body(last)


def _functions(source: ParsedSource, module: Node, kind: str, name: str) -> list[Node]:
    found = []
    for statement in block_body(module) or []:
        if call_name(statement) not in kind.split("|"):
            continue
        args = call_args(statement)
        head = args[0] if args else None
        if head is not None and head.type == "binary_operator":  # `def f(x) when ...`
            head = head.child_by_field_name("left")
        if head is not None and (call_name(head) == name or (head.type == "identifier" and source.text(head) == name)):
            found.append(statement)
    return found


def _spliced(
    workspace: Workspace, source: ParsedSource, module: Node, statements: list[Node], depth: int
) -> list[Quoted]:
    """The statements, with `unquote(helper())` replaced by the helper's own quoted statements."""
    out: list[Quoted] = []
    for statement in statements:
        if call_name(statement) == "unquote":
            args = call_args(statement)
            inner = args[0] if len(args) == 1 else None
            helper = call_name(inner) if inner is not None and not call_args(inner) else None
            if helper is not None and depth < MAX_DEPTH:
                for definition in _functions(source, module, "def|defp", helper):
                    body = _quote_body(source, definition)
                    if body is not None:
                        out += _spliced(workspace, source, module, body, depth + 1)
                        break
            continue
        out.append(Quoted(source, statement))
    return out


def quoted_by_use(workspace: Workspace, source: ParsedSource, use: Node, depth: int = 0) -> list[Quoted] | None:
    """What `use X` or `use X, :flavour` injects, read from X's source; None when it cannot be read."""
    args = call_args(use)
    if not args or depth >= MAX_DEPTH:
        return None
    found = find_module(workspace, source, source.text(args[0]))
    if found is None:
        return None
    wrapper, module = found
    flavour = source.text(args[1]) if len(args) > 1 else None
    if flavour is not None:
        if not re.fullmatch(r":\w+", flavour):
            return None
        definitions = _functions(wrapper, module, "def|defp", flavour[1:])
    else:
        definitions = _functions(wrapper, module, "defmacro", "__using__")
    for definition in definitions:
        body = _quote_body(wrapper, definition)
        if body is not None:
            return _spliced(workspace, wrapper, module, body, depth)
    return None


def live_kind(workspace: Workspace, source: ParsedSource, use: Node, depth: int = 0) -> str | None:
    """VIEW or COMPONENT when `use` makes a LiveView or LiveComponent, directly or through wrappers."""
    kind = _kind_of_use(source, use)
    if kind is not None:
        return kind
    for quoted in quoted_by_use(workspace, source, use, depth) or []:
        if call_name(quoted.node) == "use":
            kind = live_kind(workspace, quoted.source, quoted.node, depth + 1)
            if kind is not None:
                return kind
    return None


def wrapped_live_modules(source: ParsedSource, workspace: Workspace) -> list[LiveModule]:
    """live_modules(source), plus the modules that are LiveViews or LiveComponents through the app's wrappers."""
    direct = live_modules(source)
    known = {m.node.id for m in direct}
    found = list(direct)
    for module in module_definitions(source.tree.root_node):
        args = call_args(module)
        body = block_body(module)
        if module.id in known or not args or body is None:
            continue
        kind = None
        for statement in body:
            if call_name(statement) == "use":
                kind = kind or live_kind(workspace, source, statement)
        if kind not in (VIEW, COMPONENT):
            continue
        clauses = [
            clause
            for statement in body
            if call_name(statement) in {"def", "defp"}
            for clause in [_clause(source, statement)]
            if clause is not None
        ]
        found.append(LiveModule(module, source.text(args[0]), kind, body, clauses))
    return sorted(found, key=lambda m: m.node.start_byte)


@dataclass(frozen=True)
class Import:
    """`import Module` with its `only:` / `except:` function names (None: no `only:`)."""

    module: str
    only: frozenset[str] | None
    excluded: frozenset[str]

    def brings(self, function: str) -> bool:
        return (self.only is None or function in self.only) and function not in self.excluded


def imports(workspace: Workspace, source: ParsedSource, module: Node) -> list[Import]:
    """What `module` calls unqualified: its `import`s and those its `use`s inject."""
    key = ("imports", str(source.file.path), str(module.start_byte))
    return workspace.fact(key, lambda: _imports(workspace, source, module))


def _imports(workspace: Workspace, source: ParsedSource, module: Node) -> list[Import]:
    found: list[Import] = []
    aliases = module_aliases(source, module)
    for statement in block_body(module) or []:
        name = call_name(statement)
        if name == "import":
            found += _import(source, statement, aliases)
        elif name == "use":
            for quoted in quoted_by_use(workspace, source, statement) or []:
                if call_name(quoted.node) == "import":
                    found += _import(quoted.source, quoted.node, {})
    return found


def _import(source: ParsedSource, statement: Node, aliases: dict[str, str]) -> list[Import]:
    args = call_args(statement)
    if not args:
        return []
    only: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    options = source.text(args[1]) if len(args) > 1 else ""
    for key in ("only", "except"):
        if re.search(rf"\b{key}:", options) is None:
            continue
        listed = re.search(rf"\b{key}:\s*\[([\w\s:,?!]*)\]", options)
        if listed is None:
            return []  # `only: :functions`, a variable...: not read, so not followed
        names = frozenset(re.findall(r"([a-z_]\w*[?!]?):\s*\d+", listed.group(1)))
        if key == "only":
            only = names
        else:
            excluded = names
    return [Import(expand_alias(source.text(args[0]), aliases), only, excluded)]


def module_aliases(source: ParsedSource, module: Node) -> dict[str, str]:
    """`Cards` -> `MyAppWeb.Cards` for each `alias` of the module's body (`as:` and `{A, B}` forms too)."""
    aliases: dict[str, str] = {}
    for statement in block_body(module) or []:
        if call_name(statement) != "alias":
            continue
        args = call_args(statement)
        if not args:
            continue
        target = source.text(args[0])
        braces = re.fullmatch(r"([\w.]+)\.\{([\w.,\s]+)\}", target)
        if braces:
            for part in braces.group(2).split(","):
                part = part.strip()
                aliases[part.split(".")[-1]] = f"{braces.group(1)}.{part}"
            continue
        short = target.split(".")[-1]
        for pair in named(args[1]) if len(args) > 1 and args[1].type == "keywords" else []:
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            if key is not None and value is not None and source.text(key).rstrip(": ") == "as":
                short = source.text(value)
        aliases[short] = target
    return aliases


def expand_alias(name: str, aliases: dict[str, str]) -> str:
    head, _, rest = name.partition(".")
    if head in aliases:
        return aliases[head] + ("." + rest if rest else "")
    return name
