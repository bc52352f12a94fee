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
    - `assign(socket, :K, v)`, `assign(socket, K: v)`, `assign(socket, %{K: v})`
      and their pipe forms become `stream(socket, :K, v)` (other keys of a
      keyword or map assign stay assigns); outside mount it is
      `stream(..., reset: true)`;
    - when every handle_params clause streams K, mount streams no items but
      `stream(socket, :K, [])`: both run in the first render, and `reset:
      true` does not drop items queued earlier in it, so the page would show
      them twice. The empty stream keeps `@streams.K` defined on every render.
      Mount's own list expression (say `Blog.list_posts()`, a wasted query)
      is no longer run, nor a `posts = ...` binding that only fed it: a side
      effect in that expression goes with it. handle_info and handle_event
      run after the first render, so when only they assign K again, mount
      keeps its items and they replace them with `reset: true`;
    - `update(socket, :K, &[x | &1])` and `assign(socket, :K, [x | socket.assigns.K])`
      become `stream_insert(socket, :K, x, at: 0)`, `&(&1 ++ [x])` and
      `socket.assigns.K ++ [x]` become `stream_insert(socket, :K, x)`, and
      removal with `Enum.reject` on an id becomes `stream_delete`;
    - the template's empty-state checks (`@K == []`, `@K != []`,
      `Enum.empty?(@K)`, `Enum.any?(@K)`, `length(@K) == 0`) read `@K_empty?`
      and its counts (`length(@K)`, `Enum.count(@K)`) read `@K_count`, an
      assign kept beside the stream: set from the list wherever the stream is
      set (a list fetched in place is bound to a variable first), false / one
      more after an insert. After a removal nothing tells what is left: blocked;
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
    Items need an id: the template shows one (`x.id`), or every list assigned
    comes from a context function of the app that returns `Repo.all` of an
    Ecto schema (or of a query on one that selects nothing else); a custom
    `@primary_key {:uuid, ...}` names the dom_id. The template may be a `~H`,
    a colocated .heex, or the file `embed_templates` makes render/1's page;
    parts the HEEx grammar cannot parse are fine when the loop's container and
    every edit lie clear of them.

Example
    before                                   after
      assign(socket, :notes, list_notes())     stream(socket, :notes, list_notes())
      <ul>                                     <ul id="notes" phx-update="stream">
        <li :for={n <- @notes} id={...}>         <li :for={{dom_id, n} <- @streams.notes} id={dom_id}>

What it refuses (blocked, with the line)
    Any other use of the collection (`Enum.find(socket.assigns.K, ...)`,
    passing `@K` to a component, a second loop, a module of the app that is
    handed the socket and names :K); assign_new of K; update shapes other
    than prepend, append and reject-by-id; mount streaming items while
    handle_params streams K on some paths only, or through a helper, or mount
    does it through a helper; loop bodies with more than one root element or
    a component as the item; items with no sign of an id; containers where a
    wrapper is not valid HTML; a container rendered under a condition that
    something flips without streaming the items again (a stream sends its
    items once: hidden and shown again it would be empty); LiveView older
    than 0.19; .leex/.eex templates; HEEx the grammar cannot parse around the
    loop. Temporary assigns are already not kept and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from tree_sitter import Node

from mir_fix.engine.change import Change, Finding, Status
from mir_fix.engine.codemod import Blocked, Codemod, Context, ParsedSource, Workspace
from mir_fix.engine.edit import Edit, apply_edits
from mir_fix.engine.elixir import (
    call_args,
    call_name,
    calls_named,
    captures,
    do_block,
    keyword_key,
    keyword_pairs,
    layout,
    line_end,
    named,
    starts_line,
    walk,
)
from mir_fix.engine.heex import Template
from mir_fix.engine.parse import parse_elixir

from ._live_wrappers import wrapped_live_modules
from ._liveview import (
    COMPONENT,
    MAX_LINE,
    Clause,
    LiveModule,
    TemplateProblem,
    always_runs,
    first_statement,
    module_and_template,
    plain_name,
    project_live_view_version,
)
from ._liveview_facts import (
    edits_clear_of_errors,
    embedded_template_texts,
    field_of_other_value,
    listed_item_ids,
    runs_whenever,
    socket_helpers,
    template_even_if_broken,
)
from ._stream_template import (
    ListCheck,
    Loop,
    Shown,
    container_edits,
    find_loops,
    ids_in,
    item_edits,
    list_check_edits,
    list_checks,
    loop_keys,
    shown_when,
    stray_uses,
    table_edits,
)

MINIMUM = (0, 19, 0)


@dataclass
class Uses:
    """Where Elixir code mentions the assign."""

    assigns: list[Node] = field(default_factory=list)  # assign(...) calls
    updates: list[Node] = field(default_factory=list)  # update(...) calls
    temporary: bool = False
    other: list[Node] = field(default_factory=list)
    assign_new: list[Node] = field(default_factory=list)  # assign_new(...) calls
    # assign calls that add one item to the list (`[x | socket.assigns.k]`), by id: (item, options)
    inserts: dict[int, tuple[str, str]] = field(default_factory=dict)


class Streams(Codemod):
    id = "streams"
    title = "Keep LiveView collections in streams, not in every process's assigns"
    # What `[codemods.streams]` in .mir-fix.toml may set (engine/config.py rejects anything else).
    config_options: ClassVar[frozenset[str]] = frozenset({"live_view_version"})
    # `LiveView`/`LiveComponent` also catch the app's own wrappers (`use ShopWeb.LiveComponent`).
    prefilter = (b"live_view", b"live_component", b"LiveView", b"LiveComponent")
    requires = (b"assign",)  # every collection it converts is put in place by an assign call
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        for module in wrapped_live_modules(source, ctx.workspace):
            if self.ignores_line(source, source.line(module.node)):
                continue
            try:
                template = template_even_if_broken(source, module, ctx.workspace)
            except TemplateProblem as problem:
                for key in self._raw_candidates(source, module, ctx.workspace):
                    yield self._blocked(source, module, key, str(problem))
                continue
            keys = sorted(loop_keys(template))
            if not keys:
                continue
            version_problem = self._version_problem(source, ctx)
            taken_ids = ids_in(template)
            if template.errors:  # an element the grammar could not read may hold an id too
                taken_ids |= set(re.findall(r"\bid=\"([^\"]*)\"", template.text(template.tree.root_node)))
            for key in keys:
                uses = self._uses(source, module, key)
                if uses.temporary or not (uses.assigns or uses.assign_new):
                    continue
                if version_problem:
                    yield self._blocked(source, module, key, version_problem)
                    continue
                try:
                    yield self._change(source, module, template, key, uses, taken_ids, ctx)
                except Blocked as blocked:
                    yield self._blocked(source, module, key, str(blocked))

    # --- facts ---------------------------------------------------------------------------

    def _version(self, source: ParsedSource, ctx: Context) -> tuple[tuple[int, ...] | None, str]:
        """The app's LiveView version, and where it was read."""
        configured = ctx.options.for_codemod(self.id).get("live_view_version")
        if isinstance(configured, str) and re.fullmatch(r"\d+\.\d+(\.\d+)?", configured):
            return tuple(int(p) for p in [*configured.split("."), "0"][:3]), "the live_view_version option"
        return project_live_view_version(source.file.path, ctx.workspace)

    def _version_problem(self, source: ParsedSource, ctx: Context) -> str | None:
        version, origin = self._version(source, ctx)
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
        texts += embedded_template_texts(source, module, workspace)
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
            elif call is not None and name == "assign_new" and _positional_key(call) == node:
                uses.assign_new.append(call)
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
            if owner is not None and owner.type == "map_content" and owner.parent is not None:
                owner = owner.parent.parent  # %{k: v}: a map of keys, as assign/2 takes them
            call = owner.parent if owner is not None and owner.type == "arguments" else None
            if call is not None and call_name(call) == "assign" and _assigned_keywords(call) == keywords:
                uses.assigns.append(call)
            else:
                uses.other.append(node)
        for node in symbols.get(f".{key}", []):
            if not field_of_other_value(node, module):
                uses.other.append(node.parent or node)
        for call in list(uses.assigns):
            insert = _assigned_insert(source, call, key)
            if insert is not None:
                value = _assigned_value(call, key)
                uses.assigns.remove(call)
                uses.updates.append(call)
                uses.inserts[call.id] = insert
                uses.other = [n for n in uses.other if not value.start_byte <= n.start_byte < value.end_byte]
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
        if uses.assign_new:
            call = uses.assign_new[0]
            raise Blocked(
                f"{source.file.rel}:{source.line(call)}: `{_line(source, call)}` keeps @{key} when it is already "
                "there (from the conn's assigns on the first render, an on_mount hook, or the parent component), "
                "so mir-fix cannot tell what the stream would hold; assign it, then run mir-fix again"
            )
        for helper in socket_helpers(source, module, ctx.workspace):
            named = re.search(
                rf"assigns(?:\.{key}\b|\[:{key}\])|:{key}\b(?![?!])|\b{key}:|@{key}\b(?![?!])".encode(), helper.text
            )
            if named is not None:
                line = helper.text.count(b"\n", 0, named.start()) + 1
                raise Blocked(
                    f"{source.file.rel}:{source.line(helper.call)} hands the socket to {helper.module}, which names "
                    f":{key} ({ctx.workspace.display(helper.path)}:{line}); it may read the list, so it stays an assign"
                )
        if uses.other:
            node = uses.other[0]
            raise Blocked(
                f"{source.file.rel}:{source.line(node)} uses {key} as `{_line(source, node)}`; a stream "
                "cannot answer that, so the collection stays an assign"
            )
        loops = find_loops(template, key)
        version = self._version(source, ctx)[0]
        checks = list_checks(template, key, curly_bodies=version is not None and version >= (1, 0, 0))
        strays = stray_uses(template, key, loops, checks)
        if strays:
            raise Blocked(f"{strays[0]}: the template uses @{key} besides the loop, which a stream cannot serve")
        if len(loops) != 1:
            raise Blocked(f"the template iterates @{key} {len(loops)} times; a stream can feed one container")
        loop = loops[0]
        self._check_shown(source, module, template, loop, uses)
        template_edits, dom_id = self._template_edits(source, module, template, loop, uses, taken_ids, ctx)
        first_render = _first_render(source, module, key, uses)
        facts = _list_facts(source, module, template, key, uses, checks)
        template_edits += list_check_edits(template, checks, {f.kind: f.name for f in facts})
        module_edits: list[Edit] = list(first_render.edits)
        for call in uses.assigns:
            emptied = call.id in first_render.emptied
            edits = self._assign_edits(source, call, key, empty=emptied)
            if facts:
                binding, edits = _facts_set(source, module, call, key, facts, edits, "[]" if emptied else None)
                edits = _laid_out(source, call, edits)
                if binding is not None:
                    edits.append(_before_statement(source, call, binding, edits))
            module_edits += edits
        for call in uses.updates:
            edits = _with_stages(source, call, self._update_edits(source, call, key, uses), [f.inserted for f in facts])
            module_edits += _laid_out(source, call, edits) if facts else edits
        if dom_id is not None:
            module_edits.append(self._configure(source, module, key, dom_id))
        problem = edits_clear_of_errors(template, template_edits, _container(loop))
        if problem is not None:
            raise Blocked(problem)
        files = module_and_template(source, template, module_edits, template_edits)
        summary = f"stream :{key} in {module.name} instead of keeping the list in every connected process"
        if first_render.emptied:
            summary += "; mount streams no items (handle_params streams them in the same first render)"
        if first_render.dropped:
            summary += ", so mount no longer runs " + ", ".join(f"`{d}`" for d in first_render.dropped)
        return Change(
            codemod=self.id,
            status=Status.READY,
            summary=summary,
            path=source.file.rel,
            line=source.line(uses.assigns[0]),
            edits=files,
        )

    def _check_shown(
        self, source: ParsedSource, module: LiveModule, template: Template, loop: Loop, uses: Uses
    ) -> None:
        """A stream sends its items once: a container hidden and shown again comes back empty. So where the
        container is rendered under a condition, every write of an assign the condition reads must stream the
        items again in the same clause, or run in mount (the first render), or make the condition false."""
        key = loop.key
        container = _container(loop)
        where = f"{template.file.rel}:{template.line(loop.start.start_byte)}"
        for shown in shown_when(template, container) if container is not None else []:
            if shown.kind == "other":
                raise Blocked(
                    f"the loop at {where} is rendered inside `{_short(shown.text)}` ({template.file.rel}:"
                    f"{shown.line}); a stream sends its items once, so mir-fix cannot tell they are there whenever "
                    "it renders"
                )
            names = [n for n in re.findall(r"@([a-z_]\w*)", shown.text) if n != key]
            if re.search(r"\bassigns\b", shown.text):
                names.append("(assigns)")
            for name in names:
                writes = self._uses(source, module, name) if name != "(assigns)" else None
                calls = [*writes.assigns, *writes.updates, *writes.assign_new] if writes is not None else [None]
                for call in calls:
                    if call is not None and _keeps_items(module, call, uses, shown, name):
                        continue
                    line = f"{source.file.rel}:{source.line(call)}" if call is not None else where
                    raise Blocked(
                        f"the loop at {where} is rendered only when `{_short(shown.text)}`, and {line} changes "
                        f"@{name} without streaming :{key} again: a stream sends its items once, so a container "
                        "hidden and shown again would come back empty"
                    )

    def _ids_from_source(
        self, source: ParsedSource, module: LiveModule, key: str, uses: Uses, ctx: Context, where: str
    ) -> str | None:
        """The dom_id function the items need when only their source shows their id (None: the default)."""
        unshown = f"nothing in {where} shows that the {key} items have an id, which a stream needs"
        values = [_assigned_value(call, key) for call in uses.assigns]
        ids = listed_item_ids(source, module, values, ctx.workspace)
        if ids.field is None:
            raise Blocked(f"{unshown}, and where they come from does not tell: {ids.why}")
        inserted = [c for c in uses.updates if _inserts(source, c, uses)]
        if inserted:
            raise Blocked(
                f"{unshown}; the listed ones have an id ({ids.field}), but the items {source.file.rel}:"
                f"{source.line(inserted[0])} inserts come from elsewhere"
            )
        return None if ids.field == "id" else f'&"{key}-#{{&1.{ids.field}}}"'

    def _template_edits(
        self,
        source: ParsedSource,
        module: LiveModule,
        template: Template,
        loop: Loop,
        uses: Uses,
        taken_ids: set[str],
        ctx: Context,
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
            dom_id = None
            if not any(re.search(rf"\b{v}\.id\b|~p\"[^\"]*#\{{{v}\}}", table) for v in variables):
                where = f"the table at {template.file.rel}:{template.line(loop.start.start_byte)}"
                dom_id = self._ids_from_source(source, module, loop.key, uses, ctx, where)
            return table_edits(template, loop), dom_id
        own_id, edits = item_edits(template, loop)
        root = loop.root
        assert root is not None
        element = root.parent if root.type == "start_tag" else root
        body = template.text(element or root)
        dom_id = None
        if own_id is not None:
            dom_id = _dom_id_function(own_id, loop.var, loop.key)
        elif not re.search(rf"\b{re.escape(loop.var)}\.id\b|~p\"[^\"]*#\{{{re.escape(loop.var)}\}}", body):
            where = f"the loop at {template.file.rel}:{template.line(loop.start.start_byte)}"
            dom_id = self._ids_from_source(source, module, loop.key, uses, ctx, where)
        edits += container_edits(template, loop, taken_ids)
        return edits, dom_id

    def _assign_edits(self, source: ParsedSource, call: Node, key: str, empty: bool) -> list[Edit]:
        """`stream` for `assign`; `empty`: stream no items (`[]` for the value)."""
        reset = _enclosing_function(call) not in {"mount"}
        args = call_args(call)
        piped = _piped(call)
        target = call.child_by_field_name("target")
        assert target is not None
        suffix = ", reset: true" if reset else ""
        keywords = _assigned_keywords(call)
        if keywords is None:
            value = args[-1]
            edits = [Edit(target.start_byte, target.end_byte, "stream")]
            if empty and source.text(value) != "[]":
                edits.append(Edit(value.start_byte, value.end_byte, "[]"))
            if reset:
                edits.append(Edit.insert(value.end_byte, suffix))
            return edits
        pairs = [(k, v, p) for p, (k, v) in zip(named(keywords), keyword_pairs(keywords), strict=False)]
        value = next(v for k, v, _ in pairs if k == key)
        items = "[]" if empty else source.text(value)
        stream = f"stream(:{key}, {items}{suffix})" if piped else None
        subject = "" if piped else source.text(args[0])
        if len(pairs) == 1:
            text = stream if piped else f"stream({subject}, :{key}, {items}{suffix})"
            return [Edit(call.start_byte, call.end_byte, text or "")]
        if b"\n" in (call.text or b""):
            raise Blocked(
                f"{source.file.rel}:{source.line(call)}: a multi-line assign of several keys; take :{key} into "
                "its own assign, then run mir-fix again"
            )
        rest = ", ".join(source.text(p) for k, _, p in pairs if k != key)
        tail = f"assign({rest}) |> stream(:{key}, {items}{suffix})"
        text = tail if piped else f"{subject} |> {tail}"
        return [Edit(call.start_byte, call.end_byte, text)]

    def _update_edits(self, source: ParsedSource, call: Node, key: str, uses: Uses) -> list[Edit]:
        args = call_args(call)
        function = re.sub(r"\s+", " ", source.text(args[-1])).strip()
        subject = "" if _piped(call) else source.text(args[0]) + ", "
        if call.id in uses.inserts:
            item, options = uses.inserts[call.id]
            return [Edit(call.start_byte, call.end_byte, f"stream_insert({subject}:{key}, {item}{options})")]
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


@dataclass(frozen=True)
class FirstRender:
    """What mount gives up when handle_params streams the collection in the same first render."""

    emptied: frozenset[int] = frozenset()  # ids of mount's assign calls that now stream no items
    dropped: tuple[str, ...] = ()  # the expressions mount no longer runs
    edits: tuple[Edit, ...] = ()  # bindings that only fed those expressions, removed


def _first_render(source: ParsedSource, module: LiveModule, key: str, uses: Uses) -> FirstRender:
    """SPEC 3.3: mount and handle_params run in one first render, and `reset: true` does not drop the items
    mount queued earlier in it. So when handle_params streams K on every path, mount streams none:
    `stream(socket, :K, [])` keeps @streams.K defined for any render, and mount's own list is not fetched.
    When that cannot be shown (handle_params streams K on some paths only, or through a helper), block.
    """
    params = module.functions("handle_params", 3)
    if module.kind == COMPONENT or not params:
        return FirstRender()
    from_mount, from_params = module.reachable({"mount"}), module.reachable({"handle_params"})

    def owner(call: Node) -> str | None:
        clause = module.clause_at(call)
        return clause.name if clause is not None else None

    in_params = [c for c in uses.assigns if owner(c) in from_params]
    in_mount = [c for c in [*uses.assigns, *uses.updates] if owner(c) in from_mount]
    if not in_params or not in_mount:
        return FirstRender()
    twice = (
        "mount's items would show twice, since mount and handle_params run in the same first render and "
        "reset: true does not drop what mount queued"
    )
    updates = {c.id for c in uses.updates}
    for call in in_mount:
        name = owner(call)
        if name in from_params or name != "mount" or call.id in updates:
            through = "" if name == "mount" else f" in {name}"
            raise Blocked(
                f"{source.file.rel}:{source.line(call)}: mount adds :{key} items with `{_line(source, call)}`"
                f"{through}, which mir-fix does not empty, and handle_params streams :{key} too: {twice}. Stream "
                "the items in handle_params only, then run mir-fix again"
            )
    for call in in_params:
        if owner(call) != "handle_params":
            raise Blocked(
                f"{source.file.rel}:{source.line(call)}: handle_params streams :{key} through {owner(call)}, and "
                f"mir-fix cannot tell that it does on every path: where it does, {twice}; where it does not, the "
                f"page needs them. Stream :{key} in every handle_params clause itself, then run mir-fix again"
            )
    for clause in params:
        mine = [c for c in in_params if clause.node.start_byte <= c.start_byte < clause.node.end_byte]
        if not any(always_runs(c, clause) for c in mine):
            raise Blocked(
                f"{source.file.rel}:{source.line(clause.node)}: this handle_params/3 clause does not always stream "
                f":{key}, so the page needs mount's items there, while where handle_params does stream them, "
                f"{twice}. Stream :{key} in every handle_params clause, then run mir-fix again"
            )
    emptied, dropped, edits = set(), [], []
    for call in in_mount:
        mount = module.clause_at(call)
        assert mount is not None
        value = _assigned_value(call, key)
        emptied.add(call.id)
        if source.text(value) != "[]":
            text, deletions = _drop(source, mount, value)
            dropped.append(text)
            edits += deletions
    return FirstRender(frozenset(emptied), tuple(dropped), tuple(edits))


def _container(loop: Loop) -> Node | None:
    """The element whose children the template edits judge: the loop's parent, or the table."""
    if loop.kind == "for":
        element = loop.start.parent
        return element.parent if element is not None else None
    return loop.start.parent


@dataclass(frozen=True)
class ListFact:
    """An assign kept beside the stream that answers the template's checks of one kind on the list:
    `K_empty?` for empty-state checks, `K_count` for counts. Set wherever the stream is set, moved on
    by an insert; after a removal nothing tells how many are left, so a removal blocks."""

    kind: str  # "empty" | "count"
    name: str

    def of(self, value: str) -> str:
        if self.kind == "empty":
            return "true" if value == "[]" else f"{value} == []"
        return "0" if value == "[]" else f"length({value})"

    def set(self, value: str) -> str:
        return f"assign(:{self.name}, {self.of(value)})"

    @property
    def inserted(self) -> str:
        return f"assign(:{self.name}, false)" if self.kind == "empty" else f"update(:{self.name}, &(&1 + 1))"


def _list_facts(
    source: ParsedSource, module: LiveModule, template: Template, key: str, uses: Uses, checks: list[ListCheck]
) -> list[ListFact]:
    """The assigns that answer the template's list checks on @K, in the order of their kinds."""
    facts = []
    counted = any(c.kind == "count" for c in checks)
    for kind, suffix in (("empty", "_empty?"), ("count", "_count")):
        mine = [c for c in checks if c.kind == kind]
        if not mine or (kind == "empty" and counted):  # the count answers it
            continue
        name = key + suffix
        where = f"{template.file.rel}:{mine[0].line} (`{mine[0].text}`)"
        for text in (source.text(module.node), template.text(template.tree.root_node)):
            if re.search(rf"\b{re.escape(name)}(?![\w?!])", text):
                what = f"whether @{key} is empty" if kind == "empty" else f"how many @{key} there are"
                raise Blocked(f"the template reads {what} at {where}, and {name} is taken")
        for call in uses.updates:
            replacement = _stream_update(re.sub(r"\s+", " ", source.text(call_args(call)[-1])).strip())
            if replacement is not None and replacement[0] == "stream_delete":
                raise Blocked(
                    f"the template reads {mine[0].text} at {where}, and {source.file.rel}:{source.line(call)} "
                    "removes items: after stream_delete nothing tells how many are left"
                )
        facts.append(ListFact(kind, name))
    return facts


def _with_stages(source: ParsedSource, call: Node, edits: list[Edit], stages: list[str]) -> list[Edit]:
    """`edits` of a call, with `|> stage` after the call's replacement for each stage: on lines of their own
    when the call is a stage of a pipe laid out one stage a line, as mix format lays it out."""
    if not stages:
        return edits
    content = source.file.content
    operator = call.prev_sibling
    own_line = _piped(call) and operator is not None and starts_line(content, operator.start_byte)
    joint = "\n" + layout(content, operator.start_byte).indent if own_line and operator is not None else " "
    tail = "".join(f"{joint}|> {stage}" for stage in stages)
    last = max(edits, key=lambda e: (e.end, e.start))
    if last.end == call.end_byte and last.start < last.end:
        return [e for e in edits if e is not last] + [Edit(last.start, last.end, last.text + tail)]
    return [*edits, Edit.insert(call.end_byte, tail)]


def _facts_set(
    source: ParsedSource,
    module: LiveModule,
    call: Node,
    key: str,
    facts: list[ListFact],
    edits: list[Edit],
    streamed: str | None,
) -> tuple[str | None, list[Edit]]:
    """The binding to put before the statement, if any, and the assign call's edits, with
    `|> assign(:fact, ...)` after it for each fact, reading the streamed list
    once: `[]` and a variable as they are; another expression is first bound to a variable of the key's name
    by a statement of its own, when the call always runs in that statement and nothing before it there runs
    code that the binding would reorder.
    """
    value = _assigned_value(call, key)
    text = streamed if streamed is not None else source.text(value)
    if text == "[]" or value.type == "identifier":
        return None, _with_stages(source, call, edits, [f.set(text) for f in facts])
    clause = module.clause_at(call)
    statement = _statement_of(call)
    where = f"{source.file.rel}:{source.line(value)}"
    containing = [e for e in edits if e.start <= value.start_byte and value.end_byte <= e.end]
    if (
        clause is None
        or statement is None
        or "\n" in text
        or not starts_line(source.file.content, statement.start_byte)
        or any(n.type == "identifier" and n.text == key.encode() for n in walk(clause.node))
        or not runs_whenever(call, statement)
        or _runs_code_before(statement, value)
        or any(e.text.count(text) != 1 for e in containing)
        or any(value.start_byte < e.end and e.start < value.end_byte and e not in containing for e in edits)
    ):
        raise Blocked(
            f"{where}: the template's {facts[0].kind} check on @{key} needs the streamed list once: bind it to a "
            f"variable first (`{key} = {_short(text)}`), then run mir-fix again"
        )
    if containing:
        edits = [Edit(e.start, e.end, e.text.replace(text, key)) if e in containing else e for e in edits]
    else:
        edits = [*edits, Edit(value.start_byte, value.end_byte, key)]
    return f"{key} = {text}", _with_stages(source, call, edits, [f.set(key) for f in facts])


def _before_statement(source: ParsedSource, call: Node, binding: str, edits: list[Edit]) -> Edit:
    """`binding` on a line of its own before the statement of `call`, with a blank line after it when the
    statement is (or becomes) several lines, as mix format leaves it."""
    statement = _statement_of(call)
    assert statement is not None
    place = layout(source.file.content, statement.start_byte)
    mine = [e for e in edits if statement.start_byte <= e.start and e.end <= statement.end_byte]
    several = b"\n" in (statement.text or b"") or any("\n" in e.text for e in mine)
    return Edit.insert(place.line_start, f"{place.indent}{binding}\n" + ("\n" if several else ""))


def _laid_out(source: ParsedSource, call: Node, edits: list[Edit]) -> list[Edit]:
    """The edits of `call`, with `{:noreply, a |> b |> c}` laid out one stage a line as mix format does when
    its line grows past the formatter's width; anything else is left as it is."""
    content = source.file.content
    top = call
    while top.parent is not None and _pipe_operand(top):
        top = top.parent
    holder = top.parent
    if holder is None or holder.type != "tuple" or len(holder.named_children) != 2:
        return edits
    lo, hi = holder.start_byte, holder.end_byte
    if b"\n" in content[lo:hi] or holder.named_children[1].id != top.id:
        return edits
    if any(not (top.start_byte <= e.start and e.end <= top.end_byte) for e in edits):
        return edits
    start = content.rfind(b"\n", 0, lo) + 1
    line = apply_edits(
        content[start : line_end(content, hi)], [Edit(e.start - start, e.end - start, e.text) for e in edits]
    )
    if len(line.decode("utf-8")) <= MAX_LINE:
        return edits
    at = top.start_byte
    stages = _stages(apply_edits(content[at : top.end_byte], [Edit(e.start - at, e.end - at, e.text) for e in edits]))
    if stages is None:
        return edits
    indent = " " * (lo - start + 1)
    lines = f"\n{indent}".join([stages[0], *(f"|> {stage}" for stage in stages[1:])])
    return [Edit(lo, hi, f"{{{source.text(holder.named_children[0])},\n{indent}{lines}}}")]


def _pipe_operand(node: Node) -> bool:
    parent = node.parent
    return (
        parent is not None
        and parent.type == "binary_operator"
        and (parent.child_by_field_name("operator") or parent).text == b"|>"
    )


def _stages(expression: bytes) -> list[str] | None:
    """`socket`, `assign(:a, 1)`, ... of a pipe (a first call's subject taken out); None if not one line each."""
    tree = parse_elixir(expression)
    items = [c for c in tree.root_node.named_children if c.type != "comment"]
    if tree.root_node.has_error or len(items) != 1:
        return None
    node = items[0]
    stages: list[str] = []
    while node.type == "binary_operator" and (node.child_by_field_name("operator") or node).text == b"|>":
        right, left = node.child_by_field_name("right"), node.child_by_field_name("left")
        if right is None or left is None:
            return None
        stages.insert(0, (right.text or b"").decode())
        node = left
    subject = (node.text or b"").decode()
    args = call_args(node) if node.type == "call" else []
    name = call_name(node) if node.type == "call" else None
    if name is not None and args and do_block(node) is None and node.child_by_field_name("target") is not None:
        subject = (args[0].text or b"").decode()
        stages.insert(0, f"{name}({', '.join((a.text or b'').decode() for a in args[1:])})")
    texts = [subject, *stages]
    return None if any("\n" in t for t in texts) else texts


def _statement_of(node: Node) -> Node | None:
    """The statement of a body (a clause's, or a `->` branch's) that holds `node`."""
    current = node
    while current.parent is not None:
        if current.parent.type in {"do_block", "body"}:
            return current
        current = current.parent
    return None


# Calls that only read or write the socket's assigns: evaluating them earlier or later changes nothing else.
SOCKET_ONLY = frozenset({"assign", "stream", "stream_configure", "stream_insert", "put_flash", "clear_flash"})


def _runs_code_before(statement: Node, value: Node) -> bool:
    """Something in `statement` before `value` calls code that hoisting `value` above it would reorder."""
    for node in walk(statement):
        if node.type != "call" or node.start_byte >= value.start_byte or node.end_byte > value.start_byte:
            continue
        runs = any(c.type == "arguments" for c in node.children) or do_block(node) is not None
        if runs and call_name(node) not in SOCKET_ONLY:
            return True
    return False


def _assigned_value(call: Node, key: str) -> Node:
    keywords = _assigned_keywords(call)
    if keywords is not None:
        return next(v for k, v in keyword_pairs(keywords) if k == key)
    return call_args(call)[-1]


def _assigned_keywords(call: Node) -> Node | None:
    """The keys of `assign(socket, k: v)` or `assign(socket, %{k: v})`: its keywords node."""
    args = call_args(call)
    last = args[-1] if args else None
    if last is not None and last.type == "map":
        content = next((c for c in last.named_children if c.type == "map_content"), None)
        inner = content.named_children if content is not None else []
        last = inner[0] if len(inner) == 1 else None
    return last if last is not None and last.type == "keywords" else None


def _drop(source: ParsedSource, clause: Clause, value: Node) -> tuple[str, list[Edit]]:
    """What mount no longer runs once `value` is not streamed, and the removal of a binding that only fed it.

    A variable the value reads must stay read elsewhere (else Elixir warns it is unused), or be bound by a
    statement of its own, `posts = Blog.list_posts()`, that goes too. Anything else blocks.
    """
    gone = [(value.start_byte, value.end_byte)]
    dropped, edits = _short(source.text(value)), []
    for name in _variables(value):
        if _still_read(clause, name, gone, value):
            continue
        statement = _lone_binding(source, clause, name, gone)
        right = statement.child_by_field_name("right") if statement is not None else None
        if statement is None or right is None:
            raise Blocked(
                f"{source.file.rel}:{source.line(value)}: mount no longer streams `{_short(source.text(value))}`, "
                f"and then nothing reads `{name}`; mir-fix removes only a binding of its own line "
                f"(`{name} = ...`): remove it by hand, then run mir-fix again"
            )
        gone.append((statement.start_byte, statement.end_byte))
        for inner in _variables(right):
            if not _still_read(clause, inner, gone, statement):
                raise Blocked(
                    f"{source.file.rel}:{source.line(statement)}: without `{_line(source, statement)}`, nothing "
                    f"reads `{inner}`; remove both by hand, then run mir-fix again"
                )
        edits.append(_delete_statement(source, clause, statement))
        dropped = _short(source.text(right))
    return dropped, edits


def _short(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _variables(node: Node) -> list[str]:
    """Names of the variables an expression reads (not function names, fields or module attributes)."""
    names = []
    for item in walk(node):
        if item.type == "identifier" and _is_variable(item):
            name = (item.text or b"").decode()
            if not name.startswith("_") and name not in names:
                names.append(name)
    return names


def _is_variable(node: Node) -> bool:
    parent = node.parent
    if parent is None:
        return True
    if parent.type == "call" and parent.child_by_field_name("target") == node:
        return False
    if parent.type == "dot" and parent.child_by_field_name("right") == node:
        return False
    return not (parent.type == "unary_operator" and (parent.text or b"").startswith((b"@", b"&")))


def _occurrences(clause: Clause, name: str, gone: list[tuple[int, int]]) -> list[Node]:
    return [
        n
        for n in walk(clause.node)
        if n.type == "identifier"
        and n.text == name.encode()
        and _is_variable(n)
        and not any(lo <= n.start_byte < hi for lo, hi in gone)
    ]


def _binds(node: Node, clause: Clause) -> bool:
    """The occurrence binds the variable: in the head, or in the pattern of `=`, `<-` or `->` (not pinned)."""
    if any(a.start_byte <= node.start_byte < a.end_byte for a in clause.args):
        return True
    current = node
    while current.parent is not None and current.parent.id != clause.node.id:
        parent = current.parent
        if parent.type == "unary_operator" and (parent.text or b"").startswith(b"^"):
            return False
        if parent.type == "binary_operator":
            operator = (parent.child_by_field_name("operator") or parent).text
            left = parent.child_by_field_name("left")
            if operator in {b"=", b"<-"} and left is not None and left.id == current.id:
                return True
        if parent.type == "stab_clause":
            left = parent.child_by_field_name("left")
            return left is not None and left.id == current.id
        current = parent
    return False


def _still_read(clause: Clause, name: str, gone: list[tuple[int, int]], dropped: Node) -> bool:
    """After `gone` is removed, the clause still reads the value `name` holds where `dropped` read it."""
    seen = _occurrences(clause, name, gone)
    before = [n for n in seen if n.start_byte < dropped.start_byte]
    after = [n for n in seen if n.start_byte >= dropped.end_byte]
    if before and not _binds(before[-1], clause):
        return True
    return any(not _binds(n, clause) for n in after)


def _lone_binding(source: ParsedSource, clause: Clause, name: str, gone: list[tuple[int, int]]) -> Node | None:
    """The statement `name = ...` of the clause body, when it is the only other occurrence of `name`."""
    seen = _occurrences(clause, name, gone)
    if len(seen) != 1 or not clause.body:
        return None
    left = seen[0]
    statement = left.parent
    if (
        statement is None
        or statement.type != "binary_operator"
        or statement.child_by_field_name("left") != left
        or (statement.child_by_field_name("operator") or statement).text != b"="
        or not any(statement.id == s.id for s in clause.body)
    ):
        return None
    return statement


def _delete_statement(source: ParsedSource, clause: Clause, statement: Node) -> Edit:
    """Remove a body statement with its line, leaving the blank lines as mix format would."""
    content = source.file.content
    where = f"{source.file.rel}:{source.line(statement)}"
    start = layout(content, statement.start_byte).line_start
    end = content.find(b"\n", statement.end_byte)
    if not starts_line(content, statement.start_byte) or end == -1 or content[statement.end_byte : end].strip():
        raise Blocked(f"{where}: `{_line(source, statement)}` shares its line; remove it by hand")
    previous_end = start - 1 if start > 0 else 0
    previous = content[content.rfind(b"\n", 0, previous_end) + 1 : previous_end].strip()
    if previous.startswith(b"#"):
        raise Blocked(f"{where}: a comment explains `{_line(source, statement)}`; remove both by hand")
    end += 1
    assert clause.body is not None
    if clause.body[0].id == statement.id or not previous:
        while end < len(content):
            following = content.find(b"\n", end)
            if following == -1 or content[end:following].strip():
                break
            end = following + 1
    return Edit.delete(start, end)


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


def _keeps_items(module: LiveModule, call: Node, uses: Uses, shown: Shown, name: str) -> bool:
    """Writing @name with `call` cannot show the container again without its items (see _check_shown)."""
    clause = module.clause_at(call)
    if clause is None:
        return False
    if clause.name == "mount":
        return True
    if any(module.clause_at(s) == clause and always_runs(s, clause) for s in uses.assigns):
        return True
    if call_name(call) != "assign":
        return False
    try:
        value = (_assigned_value(call, name).text or b"").decode().strip()
    except StopIteration:
        return False
    return _hides(shown, name, value)


LITERAL = re.compile(r'^(?:nil|true|false|:\w+|-?\d+(?:\.\d+)?|"[^"#\\]*")$')


def _hides(shown: Shown, name: str, value: str) -> bool:
    """Assigning the literal `value` to @name makes the condition false, so the container is hidden."""
    if not LITERAL.match(value):
        return False
    condition = re.sub(r"\s+", " ", shown.text).strip()
    plain = rf"@{re.escape(name)}"
    if shown.kind == "unless":
        return re.fullmatch(plain, condition) is not None and value not in {"nil", "false"}
    if re.fullmatch(plain, condition):
        return value in {"nil", "false"}
    if re.fullmatch(rf"(?:!\s*|not ){plain}", condition):
        return value not in {"nil", "false"}
    equal = re.fullmatch(rf"{plain} (==|!=) (.+)", condition)
    if equal and LITERAL.match(equal.group(2)):
        same = equal.group(2) == value
        return not same if equal.group(1) == "==" else same
    return False


def _inserts(source: ParsedSource, call: Node, uses: Uses) -> bool:
    """The update or assign call adds an item (not a removal)."""
    if call.id in uses.inserts:
        return True
    replacement = _stream_update(re.sub(r"\s+", " ", source.text(call_args(call)[-1])).strip())
    return replacement is None or replacement[0] != "stream_delete"


def _assigned_insert(source: ParsedSource, call: Node, key: str) -> tuple[str, str] | None:
    """(item, options) when a positional assign of K adds one item to K: `[x | socket.assigns.K]` prepends
    (`at: 0`), `socket.assigns.K ++ [x]` appends; also with `socket.assigns[:K]`."""
    if _positional_key(call) is None:
        return None
    value = re.sub(r"\s+", " ", source.text(_assigned_value(call, key))).strip()
    current = rf"[a-z_]\w*\.assigns(?:\.{re.escape(key)}|\[:{re.escape(key)}\])"
    prepend = re.fullmatch(rf"\[\s*(?P<x>[^|\[\]]+?)\s*\|\s*{current}\s*\]", value)
    if prepend:
        return prepend.group("x"), ", at: 0"
    append = re.fullmatch(rf"{current}\s*\+\+\s*\[\s*(?P<x>[^|\[\],]+?)\s*\]", value)
    return (append.group("x"), "") if append else None


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
