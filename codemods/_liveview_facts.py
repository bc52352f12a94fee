"""Facts about LiveView code that the streams codemod asks for, beside those of _liveview.py.

Kept apart from _liveview.py (shared with idempotent-events) so that each
codemod's additions do not touch the other's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node, Tree

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.edit import Edit, apply_edits
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    keyword_pairs,
    module_definitions,
    remote_call,
)
from mir_fix.engine.heex import ELEMENT_NODES, Template
from mir_fix.engine.parse import count_errors, heex_regions, iter_sigils, parse_elixir, parse_heex

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
    except TemplateProblem as problem:
        template = _unchecked_template(source, module, workspace)
        if template is not None and template.errors:
            return template
        embedded = _embedded_template(source, module, workspace)
        if embedded is None:
            raise
        if isinstance(embedded, str):
            raise TemplateProblem(embedded) from problem
        return embedded


def _embedded_template(source: ParsedSource, module: LiveModule, workspace: Workspace) -> Template | str | None:
    """The template of `def render(assigns), do: page(assigns)` where `embed_templates "dir/*"` defines page/1
    from dir/page.html.heex; a reason when render/1 calls embedded templates in a way mir-fix does not follow."""
    patterns: list[tuple[str, str]] = []
    for statement in module.body:
        if call_name(statement) != "embed_templates":
            continue
        args = call_args(statement)
        pattern = args[0] if args else None
        if pattern is None or pattern.type != "string" or b"#{" in (pattern.text or b""):
            return f"{module.name} embeds templates from a path mir-fix does not read"
        options = args[1] if len(args) > 1 and args[1].type == "keywords" else None
        suffixes = [v for k, v in keyword_pairs(options) if k == "suffix"] if options is not None else []
        suffix = (suffixes[0].text or b"").decode().strip('"') if suffixes else ""
        patterns.append(((pattern.text or b"").decode().strip('"'), suffix))
    renders = module.functions("render", 1)
    if not patterns or not renders:
        return None
    if len(renders) != 1:
        return f"render/1 of {module.name} has {len(renders)} clauses, each with its own embedded template"
    render = renders[0]
    body = render.body if render.body is not None else _do_value(render.node)
    call = body[0] if body is not None and len(body) == 1 else None
    param = (render.args[0].text or b"").decode() if render.args else ""
    args = call_args(call) if call is not None and call.type == "call" else []
    function = call_name(call) if call is not None else None
    if function is None or len(args) != 1 or (args[0].text or b"").decode() != param:
        return f"render/1 of {module.name} does more than call one embedded template"
    for glob, suffix in patterns:
        if glob.count("*") != 1 or not glob.endswith("*") or not function.endswith(suffix):
            continue
        base = function[: len(function) - len(suffix)] if suffix else function
        path = source.file.path.parent / (glob[:-1] + base + ".html.heex")
        heex = workspace.source(path)
        if heex is not None:
            return Template(heex, 0, parse_heex(heex.content))
    return None


def embedded_template_texts(source: ParsedSource, module: LiveModule, workspace: Workspace) -> list[str]:
    """The text of every .html.heex file the module's `embed_templates "dir/*"` calls embed."""
    texts = []
    for statement in module.body:
        args = call_args(statement) if call_name(statement) == "embed_templates" else []
        pattern = (args[0].text or b"").decode().strip('"') if args and args[0].type == "string" else ""
        if not pattern.endswith("*") or "*" in pattern[:-1]:
            continue
        where, _, start = pattern[:-1].rpartition("/")
        folder = source.file.path.parent / where
        for path in workspace.walk(folder, (".html.heex",)):
            found = workspace.source(path) if path.name.startswith(start) and path.parent == folder else None
            if found is not None:
                texts.append(found.content.decode("utf-8", "replace"))
    return texts


def _do_value(definition: Node) -> list[Node] | None:
    args = call_args(definition)
    keywords = args[-1] if args and args[-1].type == "keywords" else None
    values = [v for k, v in keyword_pairs(keywords) if k == "do"] if keywords is not None else []
    return values or None


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


# --- what a list's source tells about its items' ids ------------------------------------------------

DEFMODULE = re.compile(rb"^\s*defmodule\s+([A-Z][\w.]*)\s+do\b", re.MULTILINE)
PRIMARY_KEY = re.compile(rb"^\s*@primary_key\s+(false|\{\s*:(\w+))", re.MULTILINE)


@dataclass(frozen=True)
class ItemIds:
    """The field that identifies the listed items (`id`, or a schema's own primary key), or why none is known."""

    field: str | None
    why: str = ""


def listed_item_ids(source: ParsedSource, module: LiveModule, values: list[Node], workspace: Workspace) -> ItemIds:
    """What the sources of a list tell about its items' ids: every value assigned (a `[]` aside) must be a call
    of a context function of the app (`Blog.list_posts()`, directly or through a variable the clause binds to
    it) whose every clause ends in `Repo.all` of an Ecto schema or of a query on one (`from p in Post`,
    `Post |> where(...)`) that selects nothing else; the schema's primary key is the items' id field.
    """
    found: set[str] = set()
    for value in values:
        expression = _bound_expression(module, value)
        if expression is not None and expression.text == b"[]":
            continue
        call = expression if expression is not None and remote_call(expression) is not None else None
        if call is None or expression is None:
            shown = (value.text or b"").decode()
            return ItemIds(None, f"`{shown}` is not a call of a context function mir-fix can follow")
        ids = _function_ids(source, module, call, workspace)
        if ids.field is None:
            return ids
        found.add(ids.field)
    if len(found) != 1:
        return ItemIds(None, "the list has no source mir-fix can follow" if not found else "its sources disagree")
    return ItemIds(found.pop())


def _bound_expression(module: LiveModule, value: Node) -> Node | None:
    if value.type != "identifier":
        return value
    clause = module.clause_at(value)
    binding = _binding(clause, (value.text or b"").decode(), value) if clause is not None else None
    if not isinstance(binding, Node) or (binding.child_by_field_name("operator") or binding).text != b"=":
        return None
    left = binding.child_by_field_name("left")
    return binding.child_by_field_name("right") if left is not None and left.type == "identifier" else None


def _function_ids(source: ParsedSource, module: LiveModule, call: Node, workspace: Workspace) -> ItemIds:
    target = remote_call(call)
    assert target is not None
    alias, function = target
    name = _resolve_alias(module.node, alias)
    context = _module_source(source, name, workspace)
    if context is None:
        return ItemIds(None, f"mir-fix finds no module {name} in the app's lib/ to follow {alias}.{function}")
    tree, body = context
    clauses = [
        c
        for statement in body
        if call_name(statement) == "def" and (c := _function_clause(statement, function)) is not None
    ]
    if not clauses:
        return ItemIds(None, f"mir-fix finds no def {function} in {name}")
    found: set[str] = set()
    for last in clauses:
        schema, why = _listed_schema(last)
        if schema is None:
            return ItemIds(None, f"{name}.{function} {why}")
        ids = _schema_ids(source, _resolve_alias(tree.root_node, schema), workspace)
        if ids.field is None:
            return ids
        found.add(ids.field)
    return ItemIds(found.pop()) if len(found) == 1 else ItemIds(None, f"the clauses of {name}.{function} disagree")


def _function_clause(definition: Node, function: str) -> Node | None:
    """The last expression of `def function(...)`, for a clause of that name."""
    args = call_args(definition)
    head = args[0] if args else None
    if head is not None and head.type == "binary_operator":  # def f(x) when guard
        head = head.child_by_field_name("left")
    name = call_name(head) if head is not None and head.type == "call" else None
    if head is not None and head.type == "identifier":
        name = (head.text or b"").decode()
    if name != function:
        return None
    body = block_body(definition)
    if body:
        return body[-1]
    pairs = [v for k, v in keyword_pairs(args[-1]) if k == "do"] if args and args[-1].type == "keywords" else []
    return pairs[0] if pairs else None


def _listed_schema(expression: Node) -> tuple[str | None, str]:
    """The schema alias that `Repo.all(...)` lists in `expression`, or why none is known."""
    stages = _pipe_stages(expression)
    while len(stages) > 2 and _repo_call(stages[-1], "preload"):  # preloading keeps the structs
        stages.pop()
    last = stages[-1]
    if not _repo_call(last, "all"):
        return None, "does not end in Repo.all"
    arguments = call_args(last)
    queried = stages[:-1] + arguments[:1] if len(stages) > 1 else arguments[:1]
    if (len(stages) > 1 and arguments) or not queried:
        return None, "calls Repo.all in a way mir-fix does not read"
    head, *rest = _pipe_stages(queried[0]) + queried[1:]
    for stage in rest:
        name = call_name(stage) or ""
        if name.startswith("select") or remote_call(stage) is not None:
            return None, f"shapes its rows with `{(stage.text or b'').decode()[:40]}`"
    if head.type == "alias":
        return (head.text or b"").decode(), ""
    if call_name(head) == "from":
        args = call_args(head)
        generator = args[0] if args else None
        if any(k and k.startswith("select") for a in args[1:] if a.type == "keywords" for k, _ in keyword_pairs(a)):
            return None, "selects fields in its query"
        right = generator.child_by_field_name("right") if generator is not None else None
        if (
            generator is not None
            and generator.type == "binary_operator"
            and right is not None
            and right.type == "alias"
        ):
            return (right.text or b"").decode(), ""
    return None, f"queries `{(head.text or b'').decode()[:40]}`, which mir-fix does not follow to a schema"


def _repo_call(node: Node, function: str) -> bool:
    target = remote_call(node)
    return target is not None and target[0].rsplit(".", 1)[-1].endswith("Repo") and target[1] == function


def _pipe_stages(node: Node) -> list[Node]:
    stages: list[Node] = []
    while node.type == "binary_operator" and (node.child_by_field_name("operator") or node).text == b"|>":
        right, left = node.child_by_field_name("right"), node.child_by_field_name("left")
        if right is None or left is None:
            break
        stages.insert(0, right)
        node = left
    return [node, *stages]


def _schema_ids(source: ParsedSource, name: str, workspace: Workspace) -> ItemIds:
    found = _module_source(source, name, workspace)
    if found is None:
        return ItemIds(None, f"mir-fix finds no schema module {name} in the app's lib/")
    tree, _ = found
    text = tree.root_node.text or b""
    if b"use Ecto.Schema" not in text or not re.search(rb"^\s*schema\s+\"", text, re.MULTILINE):
        return ItemIds(None, f'{name} is not an Ecto schema (use Ecto.Schema, schema "...") mir-fix can read')
    keys = PRIMARY_KEY.findall(text)
    if len(keys) > 1:
        return ItemIds(None, f"{name} sets @primary_key more than once")
    if not keys:
        return ItemIds("id")
    false, field = keys[0]
    if false == b"false":
        return ItemIds(None, f"{name} has @primary_key false, so its items have no id")
    return ItemIds(field.decode())


def _module_source(source: ParsedSource, name: str, workspace: Workspace) -> tuple[Tree, list[Node]] | None:
    """The tree of the file of the app (lib/ beside the nearest mix.exs) that defines `name`, and its body."""
    index = _module_index(source.file.path, workspace)
    path = index.get(name)
    found = workspace.source(path) if path is not None else None
    if found is None:
        return None
    tree = parse_elixir(found.content)
    for definition in module_definitions(tree.root_node):
        args = call_args(definition)
        body = block_body(definition)
        if args and (args[0].text or b"").decode() == name and body is not None:
            return tree, body
    return None


def _module_index(path: Path, workspace: Workspace) -> dict[str, Path]:
    for folder in workspace.ancestors(path):
        if workspace.exists(folder / "mix.exs") or workspace.exists(folder / "mix.lock"):
            lib = folder / "lib"

            def build(lib: Path = lib) -> dict[str, Path]:
                index: dict[str, Path] = {}
                for name in workspace.walk(lib, (".ex",)):
                    found = workspace.source(name)
                    for match in DEFMODULE.finditer(found.content if found is not None else b""):
                        index.setdefault(match.group(1).decode(), name)
                return index

            return workspace.fact(("elixir-module-index", str(lib)), build)
    return {}


def _resolve_alias(scope: Node, alias: str) -> str:
    """`Blog` -> `Shop.Blog` by the `alias` statements under `scope`; a name no alias names is already full."""
    first, _, rest = alias.partition(".")
    for node in _nodes(scope):
        if call_name(node) != "alias":
            continue
        args = call_args(node)
        if not args or args[0].type not in {"alias", "dot"}:
            continue
        target = (args[0].text or b"").decode()
        named_as = (
            [v for k, v in keyword_pairs(args[1]) if k == "as"] if len(args) > 1 and args[1].type == "keywords" else []
        )
        if named_as:
            if (named_as[0].text or b"").decode() == first:
                return target + ("." + rest if rest else "")
            continue
        multi = re.fullmatch(r"([\w.]+)\.\{([\w.,\s]+)\}", target)
        names = [n.strip() for n in multi.group(2).split(",")] if multi else [target]
        for each in names:
            full = f"{multi.group(1)}.{each}" if multi else each
            if full.rsplit(".", 1)[-1] == first:
                return full + ("." + rest if rest else "")
    return alias


# --- other modules of the app that get the socket -------------------------------------------------------


@dataclass(frozen=True)
class SocketHelper:
    """A module of the app (lib/) whose function a LiveView hands its socket or assigns to."""

    call: Node  # the call in the LiveView
    module: str
    path: Path
    text: bytes


def socket_helpers(source: ParsedSource, module: LiveModule, workspace: Workspace) -> list[SocketHelper]:
    """Calls that hand the socket (or the assigns) to a function of another module of the app: a remote call
    (`Helpers.f(socket)`, `socket |> Helpers.f()`), or a call of a function a module imports."""
    index = _module_index(source.file.path, workspace)
    imported = [
        _resolve_alias(module.node, (args[0].text or b"").decode())
        for statement in module.body
        if call_name(statement) == "import" and (args := call_args(statement))
    ]
    found = []
    for node in _nodes(module.node):
        if node.type != "call" or not _gets_socket(node):
            continue
        target = remote_call(node)
        name = call_name(node)
        if target is not None:
            names = [_resolve_alias(module.node, target[0])]
        elif name is not None and name not in module.defined:
            names = imported
        else:
            continue
        for each in names:
            path = index.get(each)
            file = workspace.source(path) if path is not None else None
            defines = re.compile(rb"\bdefp?\s+" + re.escape(name or "").encode() + rb"\b")
            if path is None or file is None or (target is None and not defines.search(file.content)):
                continue
            found.append(SocketHelper(node, each, path, file.content))
    return found


def _gets_socket(call: Node) -> bool:
    """`call` is handed the socket or the assigns: as an argument, or as the head of the pipe it is a stage of."""
    if any(a.type == "identifier" and a.text in {b"socket", b"assigns"} for a in call_args(call)):
        return True
    parent = call.parent
    if parent is None or not _is_pipe(parent) or parent.child_by_field_name("right") != call:
        return False
    head = parent.child_by_field_name("left")
    while head is not None and _is_pipe(head):
        head = head.child_by_field_name("left")
    return head is not None and head.type == "identifier" and head.text in {b"socket", b"assigns"}


def _is_pipe(node: Node) -> bool:
    return node.type == "binary_operator" and (node.child_by_field_name("operator") or node).text == b"|>"
