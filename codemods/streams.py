"""streams: list assigns that the template only iterates become LiveView streams.

Why it exists
    Every connected LiveView is a process that keeps its assigns. A list
    assigned for the template to loop over stays in memory in every process,
    for as long as the page is open, and is diffed on every change. A stream
    sends the items to the client and keeps none of them on the server.

What it does
    For an assign K of a LiveView or LiveComponent (LiveView 0.19 or later,
    read from mix.lock, or the `live_view_version` option) that the template
    only iterates - `:for={x <- @K}`, `<%= for x <- @K do %>`, or the Phoenix
    1.7 `<.table rows={@K}>` - and that Elixir code only assigns or updates:
    - `assign(socket, :K, v)`, `assign(socket, K: v)` and their pipe forms
      become `stream(socket, :K, v)` (other keys of a keyword assign stay
      assigns); outside mount it is `stream(..., reset: true)`;
    - `update(socket, :K, &[x | &1])` becomes `stream_insert(socket, :K, x, at: 0)`,
      `&(&1 ++ [x])` becomes `stream_insert(socket, :K, x)`, and removal with
      `Enum.reject` on an id becomes `stream_delete`;
    - the loop iterates `{dom_id, x} <- @streams.K`, the item element gets
      `id={dom_id}`, and its parent `id="K"` (an existing id is kept) and
      `phx-update="stream"`; when the parent has other children the loop is
      wrapped in its own container, where HTML allows one;
    - an item that had its own id (`id={"note-#{note.id}"}`) keeps it through
      `stream_configure(socket, :K, dom_id: &"note-#{&1.id}")` in mount, so
      hooks, CSS and tests that select `#note-1` keep working;
    - `<.table rows={@K}>` gets `rows={@streams.K}`, `:let={{_id, x}}` and
      `row_click={fn {_id, x} -> ... end}`, when the app's table/1 handles a
      `Phoenix.LiveView.LiveStream`.

Example
    before                                   after
      assign(socket, :notes, list_notes())     stream(socket, :notes, list_notes())
      <ul>                                     <ul id="notes" phx-update="stream">
        <li :for={n <- @notes} id={...}>         <li :for={{dom_id, n} <- @streams.notes} id={dom_id}>

What it refuses (blocked, with the line)
    Any other use of the collection (`length(@K)`, `@K == []`,
    `socket.assigns.K`, passing `@K` to a component, a second loop); update
    shapes other than prepend, append and reject-by-id; loop bodies with more
    than one root element or a component as the item; items with no sign of
    an id; containers where a wrapper is not valid HTML; LiveView older than
    0.19; .leex/.eex templates; templates the HEEx grammar cannot parse
    cleanly. Temporary assigns are already not kept and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.change import Change, Finding, Status
from mir_fix.engine.codemod import Blocked, Codemod, Context, ParsedSource, Workspace
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import call_args, call_name, calls_named, captures, keyword_key, keyword_pairs, named, walk
from mir_fix.engine.heex import Template
from mir_fix.engine.parse import parse_elixir

from ._liveview import (
    COMPONENT,
    LiveModule,
    TemplateProblem,
    first_statement,
    live_modules,
    module_and_template,
    plain_name,
    template_of,
)
from ._stream_template import (
    Loop,
    container_edits,
    find_loops,
    ids_in,
    item_edits,
    loop_keys,
    stray_uses,
    table_edits,
)

MINIMUM = (0, 19, 0)
LOCK_VERSION = re.compile(rb'"phoenix_live_view":\s*\{:hex,\s*:phoenix_live_view,\s*"(\d+)\.(\d+)\.(\d+)')
REQUIREMENT = re.compile(rb'\{:phoenix_live_view,\s*"[~>=\s]*(\d+)\.(\d+)(?:\.(\d+))?')


@dataclass
class Uses:
    """Where Elixir code mentions the assign."""

    assigns: list[Node] = field(default_factory=list)  # assign(...) calls
    updates: list[Node] = field(default_factory=list)  # update(...) calls
    temporary: bool = False
    other: list[Node] = field(default_factory=list)


class Streams(Codemod):
    id = "streams"
    title = "Keep LiveView collections in streams, not in every process's assigns"
    prefilter = (b"live_view", b"live_component", b"Phoenix.LiveView", b"Phoenix.LiveComponent")
    requires = (b"assign",)  # every collection it converts is put in place by an assign call
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        for module in live_modules(source):
            if self.ignores_line(source, source.line(module.node)):
                continue
            try:
                template = template_of(source, module, ctx.workspace)
            except TemplateProblem as problem:
                for key in self._raw_candidates(source, module, ctx.workspace):
                    yield self._blocked(source, module, key, str(problem))
                continue
            keys = sorted(loop_keys(template))
            if not keys:
                continue
            version_problem = self._version_problem(source, ctx)
            taken_ids = ids_in(template)
            for key in keys:
                uses = self._uses(source, module, key)
                if uses.temporary or not uses.assigns:
                    continue
                if version_problem:
                    yield self._blocked(source, module, key, version_problem)
                    continue
                try:
                    yield self._change(source, module, template, key, uses, taken_ids, ctx)
                except Blocked as blocked:
                    yield self._blocked(source, module, key, str(blocked))

    # --- facts ---------------------------------------------------------------------------

    def _version_problem(self, source: ParsedSource, ctx: Context) -> str | None:
        configured = ctx.options.for_codemod(self.id).get("live_view_version")
        version = None
        if isinstance(configured, str) and re.fullmatch(r"\d+\.\d+(\.\d+)?", configured):
            version = tuple(int(p) for p in [*configured.split("."), "0"][:3])
            origin = "the live_view_version option"
        else:
            version, origin = _project_version(source.file.path, ctx.workspace)
        if version is None:
            return (
                "cannot tell the LiveView version (no mix.lock or mix.exs entry for phoenix_live_view); "
                'set [codemods.streams] live_view_version = "0.20.17" in .mir-fix.toml'
            )
        if version < MINIMUM:
            shown = ".".join(str(p) for p in version)
            return f"LiveView {shown} ({origin}) has no stream reset: or stream_configure/3; streams need 0.19 or later"
        return None

    def _raw_candidates(self, source: ParsedSource, module: LiveModule, workspace: Workspace) -> list[str]:
        """Assigns a loop iterates, read from template text that cannot be parsed or edited."""
        texts = [source.text(module.node)]
        stem = source.file.path.name.rsplit(".", 1)[0]
        for suffix in (".html.heex", ".html.leex", ".html.eex", ".leex"):
            found = workspace.source(source.file.path.with_name(stem + suffix))
            if found is not None:
                texts.append(found.text)
        keys = set()
        for text in texts:
            for match in re.finditer(r"<-\s*@([a-z_]\w*)|\brows=\{\s*@([a-z_]\w*)", text):
                keys.add(match.group(1) or match.group(2))
        return sorted(
            k for k in keys if self._uses(source, module, k).assigns and not self._uses(source, module, k).temporary
        )

    def _uses(self, source: ParsedSource, module: LiveModule, key: str) -> Uses:
        uses = Uses()
        symbols = _symbols(module)
        for node in symbols.get(f":{key}", []):
            call = _enclosing_call(node)
            name = call_name(call) if call is not None else None
            if call is not None and name == "assign" and _positional_key(call) == node:
                uses.assigns.append(call)
            elif call is not None and name == "update" and _positional_key(call) == node:
                uses.updates.append(call)
            else:
                uses.other.append(node)
        for node in symbols.get(f"{key}:", []):
            pair = node.parent
            keywords = pair.parent if pair is not None else None
            owner = keywords.parent if keywords is not None else None
            if owner is not None and owner.type == "list":
                holder = owner.parent
                if holder is not None and holder.type == "pair" and keyword_key(holder) == "temporary_assigns":
                    uses.temporary = True
                    continue
            call = owner.parent if owner is not None and owner.type == "arguments" else None
            if call is not None and call_name(call) == "assign":
                uses.assigns.append(call)
            else:
                uses.other.append(node)
        for node in symbols.get(f".{key}", []):
            uses.other.append(node.parent or node)
        uses.other.sort(key=lambda n: n.start_byte)
        return uses

    # --- the change ----------------------------------------------------------------------

    def _change(
        self,
        source: ParsedSource,
        module: LiveModule,
        template: Template,
        key: str,
        uses: Uses,
        taken_ids: set[str],
        ctx: Context,
    ) -> Change:
        bulk = _bulk_assign(source, module)
        if bulk is not None:
            raise Blocked(
                f"{source.file.rel}:{source.line(bulk)} assigns whatever is passed in (`{_line(source, bulk)}`), "
                f"so @{key} may come from the caller as a list; convert where it is passed, then here"
            )
        if uses.other:
            node = uses.other[0]
            raise Blocked(
                f"{source.file.rel}:{source.line(node)} uses {key} as `{_line(source, node)}`; a stream "
                "cannot answer that, so the collection stays an assign"
            )
        loops = find_loops(template, key)
        strays = stray_uses(template, key, loops)
        if strays:
            raise Blocked(f"{strays[0]}: the template uses @{key} besides the loop, which a stream cannot serve")
        if len(loops) != 1:
            raise Blocked(f"the template iterates @{key} {len(loops)} times; a stream can feed one container")
        loop = loops[0]
        template_edits, dom_id = self._template_edits(source, template, loop, taken_ids, ctx)
        module_edits: list[Edit] = []
        for call in uses.assigns:
            module_edits += self._assign_edits(source, call, key)
        for call in uses.updates:
            module_edits += self._update_edits(source, call, key)
        if dom_id is not None:
            module_edits.append(self._configure(source, module, key, dom_id))
        files = module_and_template(source, template, module_edits, template_edits)
        return Change(
            codemod=self.id,
            status=Status.READY,
            summary=f"stream :{key} in {module.name} instead of keeping the list in every connected process",
            path=source.file.rel,
            line=source.line(uses.assigns[0]),
            edits=files,
        )

    def _template_edits(
        self, source: ParsedSource, template: Template, loop: Loop, taken_ids: set[str], ctx: Context
    ) -> tuple[list[Edit], str | None]:
        if loop.kind == "table":
            if not _table_handles_streams(source.file.path, ctx.workspace):
                raise Blocked(
                    f"the app's table/1 does not handle a Phoenix.LiveView.LiveStream (rows={{@{loop.key}}} at "
                    f"{template.file.rel}:{template.line(loop.start.start_byte)}); update core_components first"
                )
            table = template.text(loop.start.parent or loop.start)
            names = set(re.findall(r":let=\{\s*([a-z_]\w*)\s*\}|fn\s+([a-z_]\w*)\s*->", table))
            variables = {n for pair in names for n in pair if n}
            if not any(re.search(rf"\b{v}\.id\b|~p\"[^\"]*#\{{{v}\}}", table) for v in variables):
                raise Blocked(
                    f"nothing in the table at {template.file.rel}:{template.line(loop.start.start_byte)} shows that "
                    f"the {loop.key} items have an id (item.id), which a stream needs"
                )
            return table_edits(template, loop), None
        own_id, edits = item_edits(template, loop)
        root = loop.root
        assert root is not None
        element = root.parent if root.type == "start_tag" else root
        body = template.text(element or root)
        dom_id = None
        if own_id is not None:
            dom_id = _dom_id_function(own_id, loop.var, loop.key)
        elif not re.search(rf"\b{re.escape(loop.var)}\.id\b|~p\"[^\"]*#\{{{re.escape(loop.var)}\}}", body):
            raise Blocked(
                f"nothing in the loop at {template.file.rel}:{template.line(loop.start.start_byte)} shows that the "
                f"{loop.key} items have an id, which a stream needs"
            )
        edits += container_edits(template, loop, taken_ids)
        return edits, dom_id

    def _assign_edits(self, source: ParsedSource, call: Node, key: str) -> list[Edit]:
        reset = _enclosing_function(call) not in {"mount"}
        args = call_args(call)
        piped = _piped(call)
        target = call.child_by_field_name("target")
        assert target is not None
        suffix = ", reset: true" if reset else ""
        keywords = args[-1] if args and args[-1].type == "keywords" else None
        if keywords is None:
            value = args[-1]
            edits = [Edit(target.start_byte, target.end_byte, "stream")]
            if reset:
                edits.append(Edit.insert(value.end_byte, suffix))
            return edits
        pairs = [(k, v, p) for p, (k, v) in zip(named(keywords), keyword_pairs(keywords), strict=False)]
        value = next(v for k, v, _ in pairs if k == key)
        stream = f"stream(:{key}, {source.text(value)}{suffix})" if piped else None
        subject = "" if piped else source.text(args[0])
        if len(pairs) == 1:
            text = stream if piped else f"stream({subject}, :{key}, {source.text(value)}{suffix})"
            return [Edit(call.start_byte, call.end_byte, text or "")]
        if b"\n" in (call.text or b""):
            raise Blocked(
                f"{source.file.rel}:{source.line(call)}: a multi-line assign of several keys; take :{key} into "
                "its own assign, then run mir-fix again"
            )
        rest = ", ".join(source.text(p) for k, _, p in pairs if k != key)
        tail = f"assign({rest}) |> stream(:{key}, {source.text(value)}{suffix})"
        text = tail if piped else f"{subject} |> {tail}"
        return [Edit(call.start_byte, call.end_byte, text)]

    def _update_edits(self, source: ParsedSource, call: Node, key: str) -> list[Edit]:
        args = call_args(call)
        function = re.sub(r"\s+", " ", source.text(args[-1])).strip()
        subject = "" if _piped(call) else source.text(args[0]) + ", "
        replacement = _stream_update(function)
        if replacement is None:
            raise Blocked(
                f"{source.file.rel}:{source.line(call)}: update of :{key} with `{function}` has no stream "
                "equivalent (only prepend, append and Enum.reject on an id do)"
            )
        name, item, options = replacement
        return [Edit(call.start_byte, call.end_byte, f"{name}({subject}:{key}, {item}{options})")]

    def _configure(self, source: ParsedSource, module: LiveModule, key: str, dom_id: str) -> Edit:
        arity = 1 if module.kind == COMPONENT else 3
        mounts = module.functions("mount", arity)
        if len(mounts) != 1:
            raise Blocked(
                f"the items keep their own DOM id, which needs stream_configure/3 in mount/{arity}; "
                f"{module.name} has {len(mounts)} mount/{arity} clauses"
            )
        mount = mounts[0]
        socket = plain_name(mount.args[-1])
        if socket is None or not mount.body:
            raise Blocked(f"mount/{arity} of {module.name} must be a do block taking the socket as a plain variable")
        return first_statement(source, mount.body, socket, f"stream_configure({socket}, :{key}, dom_id: {dom_id})")

    def _blocked(self, source: ParsedSource, module: LiveModule, key: str, reason: str) -> Change:
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"stream :{key} in {module.name}",
            path=source.file.rel,
            line=source.line(module.node),
            reason=reason,
        )


# `:key`, `key:` and `x.key`, each captured once per module (one query, compiled once).
SYMBOLS = "[(atom) @symbol (keyword) @symbol (dot right: (identifier) @field)]"
# Keyed by the module node, which the entry holds (and with it its tree, so no later tree takes its id): the
# same file read again with other content, as when a rewrite is re-read, never gets the old index.
_symbol_cache: dict[tuple[int, int, int], tuple[Node, dict[str, list[Node]]]] = {}


def _symbols(module: LiveModule) -> dict[str, list[Node]]:
    """Atoms (`:k`), keywords (`k:`) and field names (`.k`) of a module, by text."""
    key = (module.node.id, module.node.start_byte, module.node.end_byte)
    if key not in _symbol_cache:
        _symbol_cache.clear()
        index: dict[str, list[Node]] = {}
        for node in captures(module.node, SYMBOLS, "symbol"):
            index.setdefault((node.text or b"").decode().rstrip(), []).append(node)
        for node in captures(module.node, SYMBOLS, "field"):
            index.setdefault("." + (node.text or b"").decode(), []).append(node)
        _symbol_cache[key] = (module.node, index)
    return _symbol_cache[key][1]


def _project_version(path: Path, workspace: Workspace) -> tuple[tuple[int, ...] | None, str]:
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


def _table_handles_streams(path: Path, workspace: Workspace) -> bool:
    for folder in workspace.ancestors(path):
        if workspace.exists(folder / "mix.exs") or workspace.exists(folder / "mix.lock"):
            for name in workspace.walk(folder / "lib", (".ex",)):
                source = workspace.source(name)
                if source is not None and b"def table(" in source.content and b"LiveStream" in source.content:
                    return True
            return False
    return False


def _bulk_assign(source: ParsedSource, module: LiveModule) -> Node | None:
    """`assign(socket, assigns)` (a LiveComponent's update/2): assigns no one can list."""
    for call in calls_named(module.node, frozenset({"assign"})):
        args = call_args(call)
        value = args[-1] if args else None
        if value is not None and value.type == "identifier" and len(args) == (1 if _piped(call) else 2):
            return call
    return None


def _enclosing_call(node: Node) -> Node | None:
    parent = node.parent
    if parent is None or parent.type != "arguments":
        return None
    return parent.parent


def _piped(call: Node) -> bool:
    parent = call.parent
    return (
        parent is not None
        and parent.type == "binary_operator"
        and parent.child_by_field_name("right") == call
        and (parent.child_by_field_name("operator") is not None)
        and (parent.child_by_field_name("operator").text == b"|>")  # type: ignore[union-attr]
    )


def _positional_key(call: Node) -> Node | None:
    """The `:key` argument of assign/update: second, or first in a pipe."""
    args = call_args(call)
    index = 0 if _piped(call) else 1
    expected = 2 if _piped(call) else 3
    if len(args) != expected:
        return None
    return args[index]


def _enclosing_function(node: Node) -> str | None:
    current = node.parent
    while current is not None:
        if call_name(current) in {"def", "defp"}:
            args = call_args(current)
            head = args[0] if args else None
            if head is not None and head.type == "binary_operator":
                head = head.child_by_field_name("left")
            if head is not None and head.type == "call":
                return call_name(head)
            if head is not None and head.type == "identifier":
                return (head.text or b"").decode()
            return None
        current = current.parent
    return None


def _line(source: ParsedSource, node: Node) -> str:
    content = source.file.content
    start = content.rfind(b"\n", 0, node.start_byte) + 1
    end = content.find(b"\n", node.end_byte)
    return content[start : end if end != -1 else len(content)].decode().strip()


def _dom_id_function(expression: str, var: str, key: str) -> str | None:
    """`&"note-#{&1.id}"` for `"note-#{note.id}"`; None when it is the stream's default."""
    tree = parse_elixir(expression.encode())
    root = tree.root_node
    items = [c for c in root.named_children if c.type != "comment"]
    if root.has_error or len(items) != 1 or items[0].type != "string":
        raise Blocked(f"the item's id `{expression}` is not a string mir-fix can turn into a dom_id function")
    edits = []
    for node in walk(items[0]):
        if node.type == "identifier":
            parent = node.parent
            if parent is not None and parent.type == "dot" and parent.child_by_field_name("right") == node:
                continue
            if node.text != var.encode():
                raise Blocked(f"the item's id `{expression}` uses `{(node.text or b'').decode()}`, not only {var}")
            edits.append((node.start_byte, node.end_byte))
    if not edits:
        raise Blocked(f"the item's id `{expression}` does not depend on the item")
    if expression.strip() == f'"{key}-#{{{var}.id}}"':
        return None
    text = expression.encode()
    for start, end in reversed(edits):
        text = text[:start] + b"&1" + text[end:]
    return "&" + text.decode().strip()


PREPEND = (
    re.compile(r"^&\[\s*(?P<x>[^|&]+?)\s*\|\s*&1\s*\]$"),
    re.compile(r"^fn (?P<l>\w+) -> \[\s*(?P<x>[^|]+?)\s*\|\s*(?P=l)\s*\] end$"),
)
APPEND = (
    re.compile(r"^&\(\s*&1\s*\+\+\s*\[\s*(?P<x>[^&\]]+?)\s*\]\s*\)$"),
    re.compile(r"^fn (?P<l>\w+) -> (?P=l) \+\+ \[\s*(?P<x>[^\]]+?)\s*\] end$"),
)
REJECT = (
    re.compile(r"^&Enum\.reject\(&1, (?P<pred>.+)\)$"),
    re.compile(r"^fn (?P<l>\w+) -> Enum\.reject\((?P=l), (?P<pred>.+)\) end$"),
)
BY_ID = (
    re.compile(r"^&\(&1\.id == (?P<e>[^&]+)\)$"),
    re.compile(r"^fn (?P<p>\w+) -> (?P=p)\.id == (?P<e>.+) end$"),
)


def _stream_update(function: str) -> tuple[str, str, str] | None:
    """(stream function, item, options) for an update/3 function, or None."""
    for pattern in PREPEND:
        match = pattern.match(function)
        if match:
            return "stream_insert", match.group("x"), ", at: 0"
    for pattern in APPEND:
        match = pattern.match(function)
        if match:
            return "stream_insert", match.group("x"), ""
    for pattern in REJECT:
        match = pattern.match(function)
        if match:
            for predicate in BY_ID:
                found = predicate.match(match.group("pred"))
                if found:
                    target = found.group("e").strip()
                    variable = re.fullmatch(r"([a-z_]\w*)\.id", target)
                    item = variable.group(1) if variable else f"%{{id: {target}}}"
                    return "stream_delete", item, ""
    return None
