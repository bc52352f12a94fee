"""idempotent-events: guard handle_event clauses that write against double submits.

Why it exists
    A LiveView handles a client's events one at a time, so a double click
    delivers two events that each run to completion: a handle_event that
    inserts, creates, charges or sends does it twice. `phx-disable-with` alone
    is not enough: it is client-side only, and a fast second click or a
    retried submit still reaches the server.

What it does
    For `handle_event/3` clauses of LiveViews and LiveComponents whose body
    (or a local helper it calls, one hop: the generators' `save_x(socket,
    socket.assigns.action, params)`) performs a non-idempotent write -
    `Repo.insert`/`insert!`/`insert_all`/`transaction` (an `Ecto.Multi` run
    through a repo), or a call whose name starts with one of the prefixes
    (create_, insert_, register_, place_, charge_, send_, submit_, book_,
    checkout, purchase, pay_, subscribe, invite_; option `prefixes`) that is
    not a standard-library or framework call (`Process.send_after`,
    `GenServer.*`, `Phoenix.*`, a PubSub or Presence subscription) nor a field
    read (`socket.assigns.report.subscribe_topic`) - it adds an idempotency
    token, rendered into the page and rotated by each write. A clause head may
    bind the event to a name (`"create" = event`, `event = "create"`).
    Each guarded event has a token of its own, in an assign named after it
    (`:save_idempotency_key` for "save"; `:add_member_idempotency_key` for
    "add-member": lowercased, and characters other than letters, digits and
    `_` become `_`), sent back as a param of that same name. With one token for all events, a click
    on one guarded event followed by a submit of another from the same page
    would drop the second.
    - every mount/3 clause of a LiveView (mount/1 of a LiveComponent, added
      when missing; never update/2, which runs on every parent render) assigns
      each event's token first;
    - a guard clause before the event's first clause drops an event whose
      token is not that event's current one;
    - the writing clause rotates its event's token first, so an
      `{:error, changeset}` result leaves the form submittable with a fresh
      token, and the other events' tokens stay valid;
    - the template sends the token only with its event: a hidden input in the
      form whose `phx-submit` names the event (and `phx-disable-with` on its
      submit button when missing; `phx_disable_with` is no HEEx attribute, so
      it does not count), or `phx-value-save_idempotency_key` on the element
      whose `phx-click` names it.
    The page is what render/1 renders: its `~H`, the colocated .heex file, or
    the function component it hands its assigns to (`def render(assigns), do:
    index_action(assigns)` with `embed_templates`, `Templates.page(assigns)`).
    When the element is in a function component the page calls (defined in
    the module, imported, or `Module.name`; up to four deep), which sees only
    the attributes its caller passes, each call on the way passes the token
    (`save_idempotency_key={@save_idempotency_key}`) unless it passes its
    assigns whole (`{assigns}`), and a component that declares attributes
    declares it (`attr :save_idempotency_key, :string, default: nil`; its hidden
    input renders only with a token, so a caller without one is not blocked).
    This is done only when the page's calls are the component's only callers.
    LiveViews made through the app's own wrapper (`use AppWeb.LiveView`, whose
    `__using__` quotes `use Phoenix.LiveView`) count as LiveViews.
    The token is `Ecto.UUID.generate()` when the project depends on ecto, else
    a string from `System.unique_integer/1`.

Example
    def handle_event("save", %{"save_idempotency_key" => key}, socket)
        when key != socket.assigns.save_idempotency_key,
        do: {:noreply, socket}

    def handle_event("save", %{"post" => post_params}, socket) do
      socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())
      save_post(socket, socket.assigns.live_action, post_params)
    end

    <.form for={@form} phx-submit="save">
      <input type="hidden" name="save_idempotency_key" value={@save_idempotency_key} />

Limits
    The guard fails open: an event that arrives without the token (sent by
    code mir-fix did not see) passes and writes as before. A second browser
    tab is a different LiveView process with its own token, so two tabs can
    still submit twice: a database unique constraint remains the last line of
    defence.

What it refuses (blocked, with the line)
    Events pushed by `JS.push`, by hooks, from a live component's template, or
    from a template the page does not render as a function component mir-fix
    can follow (the reason names where the event is sent beside the module);
    events sent from a function component that other pages call too (named
    with its other callers), or whose element has a phx-target, or that a
    LiveComponent renders; event names passed to a component as an attribute
    (`submit_event="save"`); events sent only by phx-change (a token would drop
    the next edit);
    clauses that do not bind the socket to a variable or are written with `do:`; mount/3 written
    with `do:` or with a socket pattern; two event names that make one token
    name (`add-member` and `add_member`); templates the HEEx grammar cannot
    parse cleanly; .leex/.eex templates and ~L sigils; a render/1 that renders
    neither a `~H` nor a function component (a Phoenix.View). It leaves alone events that only
    update, events already guarded (an earlier clause matching an in-flight
    assign, or a token already checked), and clauses marked
    `# mir-fix: ignore`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, Status
from mir_fix.engine.codemod import Blocked, Codemod, Context, ParsedSource, Workspace
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import block_body, call_name, layout, line_end, remote_call, walk
from mir_fix.engine.heex import (
    Template,
    add_attribute,
    add_first_child,
    attribute,
    descendants_start_nodes,
    element_name,
    lay_out,
)

from ._event_facts import (
    MAX_HOPS,
    Component,
    Rendered,
    Sender,
    Sightings,
    call_sites,
    event_literal,
    rendered_templates,
    sent_elsewhere,
    sightings,
)
from ._live_wrappers import wrapped_live_modules
from ._liveview import (
    COMPONENT,
    MAX_LINE,
    Clause,
    LiveModule,
    TemplateProblem,
    bound_name,
    plain_name,
    project_depends_on,
)

PREFIXES = (
    "create_", "insert_", "register_", "place_", "charge_", "send_", "submit_", "book_",
    "checkout", "purchase", "pay_", "subscribe", "invite_",
)  # fmt: skip
REPO_WRITES = frozenset({"insert", "insert!", "insert_all", "transaction", "insert_or_update", "insert_or_update!"})
# LiveView and PubSub functions that share a prefix but write nothing.
NOT_WRITES = frozenset({"send_update", "send_update_after", "subscribe"})
# Standard-library and framework modules whose functions share a prefix but write nothing of the app's
# (`Process.send_after`, `GenServer.call`, `Phoenix.PubSub.subscribe`); Erlang modules (`:timer`) too.
FRAMEWORK = frozenset({
    "Process", "GenServer", "Task", "Agent", "Registry", "Supervisor", "DynamicSupervisor", "Kernel", "Logger",
    "System", "Node", "Port", "Phoenix", "Plug", ":erlang", ":timer", ":gen_server", ":gen_statem", ":rpc",
})  # fmt: skip
KEY = "idempotency_key"  # every token's name ends with it; a params pattern that names one is a guard


def token_name(event: str) -> str:
    """The assign and param holding an event's token: `save_idempotency_key` for the event literal `"save"`.

    Lowercase letters, digits and `_` only, not starting with a digit, so that it is an atom, an assign
    (`@name`), a field (`socket.assigns.name`) and an HTML attribute suffix (`phx-value-name`) as it is.
    """
    stem = re.sub(r"[^a-z0-9_]", "_", event.strip('"').lower())
    if not stem or stem[0].isdigit():
        stem = "event_" + stem
    return f"{stem}_{KEY}"


@dataclass(frozen=True)
class Event:
    name: str  # the literal as written, quotes included
    clauses: list[Clause]
    writes: dict[int, str]  # index in clauses -> what it writes with

    @property
    def key(self) -> str:
        return token_name(self.name)


class IdempotentEvents(Codemod):
    id = "idempotent-events"
    title = "Guard writing handle_event clauses against double submits"
    # What `[codemods.idempotent-events]` in .mir-fix.toml may set (engine/config.py rejects anything else).
    config_options: ClassVar[frozenset[str]] = frozenset({"prefixes"})
    prefilter = (b"handle_event",)
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        prefixes = tuple(ctx.options.for_codemod(self.id).get("prefixes", PREFIXES))
        for module in wrapped_live_modules(source, ctx.workspace):
            events = self._writing_events(source, module, prefixes)
            if not events:
                continue
            try:
                roots = rendered_templates(source, module, ctx.workspace)
            except TemplateProblem as problem:
                for event in events:
                    yield self._blocked(source, module, event, str(problem))
                continue
            token = (
                "Ecto.UUID.generate()"
                if project_depends_on(source.file.path, ctx.workspace, "ecto")
                or project_depends_on(source.file.path, ctx.workspace, "ecto_sql")
                else "Integer.to_string(System.unique_integer([:positive]))"
            )
            names = self._event_names(source, module)
            ready: list[tuple[Event, list[Edit], list[Placed]]] = []
            for event in events:
                try:
                    self._own_token(event, names)
                    ready.append(
                        (
                            event,
                            self._event_edits(source, event, token),
                            self._template_edits(source, ctx.workspace, module, roots, event),
                        )
                    )
                except Blocked as blocked:
                    yield self._blocked(source, module, event, str(blocked))
            if not ready:
                continue
            try:
                mount = self._mount_edits(source, module, [e.key for e, _, _ in ready], token)
            except Blocked as blocked:
                for event, _, _ in ready:
                    yield self._blocked(source, module, event, str(blocked))
                continue
            yield self._change(source, module, ready, mount)

    # --- which events -------------------------------------------------------------------

    def _writing_events(self, source: ParsedSource, module: LiveModule, prefixes: tuple[str, ...]) -> list[Event]:
        helpers: dict[str, list[Clause]] = {}
        for clause in module.clauses:
            helpers.setdefault(clause.name, []).append(clause)
        grouped: dict[str, list[Clause]] = {}
        for clause in module.functions("handle_event", 3):
            literal = event_literal(source, clause.args[0])
            if literal is not None:
                grouped.setdefault(literal, []).append(clause)
        events = []
        for name, clauses in grouped.items():
            if any(self.ignores_line(source, source.line(c.node)) for c in clauses):
                continue
            writes = {}
            for i, clause in enumerate(clauses):
                found = self._write_in(source, clause, helpers, prefixes, hop=True)
                if found:
                    writes[i] = found
            if writes and not self._guarded(source, clauses, min(writes)):
                events.append(Event(name, clauses, writes))
        return events

    def _event_names(self, source: ParsedSource, module: LiveModule) -> set[str]:
        """Every event literal the module handles, writing or not."""
        literals = (event_literal(source, c.args[0]) for c in module.functions("handle_event", 3))
        return {literal for literal in literals if literal is not None}

    def _own_token(self, event: Event, names: set[str]) -> None:
        """No other event of the module has the same token name, which would make the two share a token."""
        others = sorted(n for n in names if n != event.name and token_name(n) == event.key)
        if others:
            raise Blocked(
                f"the events {event.name} and {', '.join(others)} would both keep their token in :{event.key}, "
                "so one would drop the other; rename one of the events, then run mir-fix again"
            )

    def _write_in(
        self,
        source: ParsedSource,
        clause: Clause,
        helpers: dict[str, list[Clause]],
        prefixes: tuple[str, ...],
        hop: bool,
    ) -> str | None:
        """What in the clause's body writes, following local helpers one hop when `hop`."""
        for statement in block_body(clause.node) or []:
            for item in walk(statement):
                if item.type != "call":
                    continue
                remote = remote_call(item)
                if remote is not None:
                    module, function = remote
                    if module.split(".")[-1] == "Repo" and function in REPO_WRITES:
                        return f"{module}.{function}"
                    # Ecto.Multi functions only build a multi; running it through a repo is the write.
                    if module.split(".")[-1] == "Multi":
                        continue
                    if function.startswith(prefixes) and not self._harmless(module, function):
                        return f"{module}.{function}"
                    continue
                name = call_name(item)
                if name is None or name == clause.name:
                    continue
                if name in helpers:
                    if hop:
                        for helper in helpers[name]:
                            found = self._write_in(source, helper, helpers, prefixes, hop=False)
                            if found:
                                return f"{found} via {name}"
                elif name.startswith(prefixes) and name not in NOT_WRITES:
                    return name
        return None

    @staticmethod
    def _harmless(module: str, function: str) -> bool:
        if not re.match(r"[A-Z]|__MODULE__\b|:\w", module):
            return True  # a field read (`socket.assigns.report.subscribe_topic`), not a module's function
        if module.split(".")[0] in FRAMEWORK:
            return True
        segments = set(module.split("."))
        return function in NOT_WRITES and (
            function != "subscribe" or bool(segments & {"PubSub", "Presence"}) or module.endswith("Endpoint")
        )

    def _guarded(self, source: ParsedSource, clauses: list[Clause], first_writer: int) -> bool:
        """A token is already checked, or an earlier clause matches an in-flight assign."""
        if any(KEY in source.text(c.args[1]) for c in clauses):
            return True
        return any(plain_name(c.args[2]) is None or c.guard is not None for c in clauses[:first_writer])

    # --- edits --------------------------------------------------------------------------

    def _event_edits(self, source: ParsedSource, event: Event, token: str) -> list[Edit]:
        content = source.file.content
        edits = []
        first = event.clauses[0]
        socket = plain_name(first.args[2]) or "socket"
        at = layout(content, first.node.start_byte)
        edits.append(Edit.insert(at.line_start, _guard_clause(at.indent, event, socket)))
        for index in sorted(event.writes):
            clause = event.clauses[index]
            where = f"{source.file.rel}:{source.line(clause.node)}"
            name = bound_name(clause.args[2])
            if name is None:
                raise Blocked(
                    f"the writing clause at {where} does not bind the socket to a variable "
                    f"(`{source.text(clause.args[2])}`); guard it by hand"
                )
            if not clause.body:
                raise Blocked(f"the writing clause at {where} is written with do:; make it a do block first")
            edits.append(_first_statements(source, clause.body, name, [event.key], token))
        return edits

    def _mount_edits(self, source: ParsedSource, module: LiveModule, keys: list[str], token: str) -> list[Edit]:
        arity = 1 if module.kind == COMPONENT else 3
        mounts = module.functions("mount", arity)
        if not mounts:
            return [self._new_mount(source, module, keys, token)]
        edits = []
        for clause in mounts:
            where = f"{source.file.rel}:{source.line(clause.node)}"
            socket = plain_name(clause.args[-1])
            text = source.text(clause.node)
            missing = [k for k in keys if not (clause.body and re.search(rf"\b{k}\b", text))]
            if not missing:
                continue
            if socket is None:
                raise Blocked(
                    f"mount/{arity} at {where} does not take the socket as a plain variable; "
                    f"assign :{missing[0]} there by hand"
                )
            if not clause.body:
                raise Blocked(
                    f"mount/{arity} at {where} is written with do:; make it a do block so the token "
                    "can be assigned first"
                )
            edits.append(_first_statements(source, clause.body, socket, missing, token))
        return edits

    def _new_mount(self, source: ParsedSource, module: LiveModule, keys: list[str], token: str) -> Edit:
        content = source.file.content
        first = next(c for c in module.clauses)
        start = first.node
        previous = start.prev_named_sibling
        while (
            previous is not None
            and previous.type == "unary_operator"
            and (previous.text or b"").startswith((b"@impl", b"@doc"))
        ):
            start = previous
            previous = previous.prev_named_sibling
        at = layout(content, start.start_byte)
        head = "mount(socket)" if module.kind == COMPONENT else "mount(_params, _session, socket)"
        impl = f"{at.indent}@impl true\n" if b"@impl" in (module.node.text or b"") else ""
        inner = at.indent + "  "
        result = f"{inner}{{:ok, assign(socket, :{keys[0]}, {token})}}\n"
        if len(keys) > 1 or len(result) - 1 > MAX_LINE:
            statements = [_assign_statement(inner, "socket", k, token) for k in keys]
            result = _spaced(statements, False) + f"{inner}{{:ok, socket}}\n"
        return Edit.insert(at.line_start, f"{impl}{at.indent}def {head} do\n{result}{at.indent}end\n\n")

    def _template_edits(
        self, source: ParsedSource, workspace: Workspace, module: LiveModule, roots: list[Rendered], event: Event
    ) -> list[Placed]:
        """The token at every element that sends the event, and passed down to it through the function
        components on the way."""
        seen = sightings(workspace, roots, event.name)
        if seen.pushed:
            raise Blocked(f"{event.name} is pushed by JS.push at {seen.pushed[0]}; add the token to its value: by hand")
        if not seen.senders:
            raise Blocked(self._not_sent(source, workspace, module, event, seen))
        placed: list[Placed] = []
        for root in roots:
            if root.via is not None and any(_same(s.template, root.template) for s in seen.senders):
                renders = {
                    f"{source.file.rel}:{source.line(body[0])}"
                    for clause in module.functions("render", 1)
                    for body in [block_body(clause.node)]
                    if body
                }
                self._only_caller(workspace, event, root.via, renders)
        for sender in seen.senders:
            if sender.hops:
                placed += self._threaded(workspace, module, event, sender, seen.senders)
            template, start, key = sender.template, sender.start, event.key
            if sender.attribute.name == "phx-submit":
                # A component given the token as an attribute declares it with a nil default: a caller that does
                # not pass it renders no input, and its submits pass the guard as before.
                condition = f":if={{@{key}}} " if any(not hop.spread for hop in sender.hops) else ""
                hidden = f'<input {condition}type="hidden" name="{key}" value={{@{key}}} />'
                placed += [Placed(template, e) for e in add_first_child(template, start, hidden)]
                placed += [Placed(template, e) for e in self._disable_with(template, start)]
            elif attribute(start, f"phx-value-{key}") is None:
                placed.append(Placed(template, add_attribute(template, start, f"phx-value-{key}={{@{key}}}")))
        return placed

    def _threaded(
        self, workspace: Workspace, module: LiveModule, event: Event, sender: Sender, senders: list[Sender]
    ) -> list[Placed]:
        """The token passed as an attribute at each component call on the way to the sender, and declared
        where the component declares its attributes."""
        component = sender.hops[-1].component
        if module.kind == COMPONENT:
            raise Blocked(
                f"{event.name} is sent at {sender.where}, in the function component {component.name} that "
                f"{module.name} renders; mir-fix passes a token into function components of LiveViews only "
                "(a LiveComponent's events need their phx-target too): add it by hand"
            )
        if attribute(sender.start, "phx-target") is not None:
            raise Blocked(
                f"{event.name} is sent at {sender.where} with a phx-target, so it may reach another process "
                f"than {module.name}; add the token by hand"
            )
        key = event.key
        placed: list[Placed] = []
        for hop in sender.hops:
            reached = {h.where for s in senders for h in s.hops if h.component == hop.component}
            self._only_caller(workspace, event, hop.component, reached)
            if not hop.spread and attribute(hop.call, key) is None:
                placed.append(Placed(hop.caller, add_attribute(hop.caller, hop.call, f"{key}={{@{key}}}")))
            declared = hop.component.last_attr
            if declared is not None and key not in hop.component.attrs:
                content = hop.component.owner.source.file.content
                indent = layout(content, declared.start_byte).indent
                at = line_end(content, declared.end_byte)
                line = f"\n{indent}attr :{key}, :string, default: nil"
                placed.append(Placed(None, Edit.insert(at, line), hop.component.owner.source.file.rel))
        return placed

    def _only_caller(self, workspace: Workspace, event: Event, component: Component, reached: set[str]) -> None:
        """The component is called nowhere but at `reached` (file:line), the calls that get the token:
        another caller would render the token it does not have."""
        others = [site for site in call_sites(workspace, component) if site not in reached]
        if others:
            shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            raise Blocked(
                f"{event.name} is sent from the function component {component.name} ({component.where}), which "
                f"is also called at {shown}; the token would have to be passed there too: add "
                f"`attr :{event.key}, :string, default: nil` and pass the token by hand"
            )

    def _not_sent(
        self, source: ParsedSource, workspace: Workspace, module: LiveModule, event: Event, seen: Sightings
    ) -> str:
        if seen.unreadable:
            return f"{event.name} may be sent from a function component mir-fix cannot edit: {seen.unreadable[0]}"
        if seen.passed:
            return (
                f"{event.name} is given to a function component as an attribute at {seen.passed[0]}, which sends "
                "it from an expression (phx-submit={@...}) mir-fix does not follow; add the token by hand"
            )
        if seen.computed:
            return (
                f"{event.name} is sent from an expression at {seen.computed[0]}; mir-fix adds the token only where "
                "the event name is written as the attribute's value: add it by hand"
            )
        if seen.helpers:
            return (
                f"{event.name} is sent by a phoenix_html helper's phx_ option at {seen.helpers[0]} (a form_for or "
                "link inside an EEx expression), where mir-fix does not add inputs: add the token by hand"
            )
        if seen.changes:
            return (
                f"{event.name} is sent only by phx-change at {seen.changes[0]}: it fires on every edit of the "
                "form, so a token would drop edits; guard the write by hand if it must happen once"
            )
        elsewhere = sent_elsewhere(workspace, source.file.path, event.name)
        if elsewhere:
            shown = ", ".join(elsewhere[:3])
            return (
                f"{event.name} is not sent by this module's template (phx-submit or phx-click) nor by a function "
                f"component it calls (up to {MAX_HOPS} deep); an element beside it sends it at {shown}: a live "
                f"component, or a template {module.name} does not render as a function component mir-fix can "
                "follow, so mir-fix cannot add the token there"
            )
        return (
            f"{event.name} is not sent by this module's template (phx-submit or phx-click); it may come "
            "from JS.push, a hook or another module's template, where mir-fix cannot add the token"
        )

    def _disable_with(self, template: Template, form: Node) -> list[Edit]:
        edits = []
        for start in descendants_start_nodes(form):
            element = element_name(start)
            kind = attribute(start, "type")
            # A `<.button type="button">` renders a plain button (the generated core component passes type on).
            is_submit = element in {".button", "button"} and (kind is None or kind.value == "submit")
            # In HEEx only phx-disable-with is an attribute LiveView reads; phx_disable_with is the keyword
            # spelling of the old phoenix_html helpers (`submit "Save", phx_disable_with: ...`), inert here.
            if is_submit and attribute(start, "phx-disable-with") is None:
                edits.append(add_attribute(template, start, 'phx-disable-with="Saving..."'))
        return edits

    # --- changes ------------------------------------------------------------------------

    def _change(
        self,
        source: ParsedSource,
        module: LiveModule,
        ready: list[tuple[Event, list[Edit], list[Placed]]],
        mount: list[Edit],
    ) -> Change:
        module_edits = [*mount, *(e for _, edits, _ in ready for e in edits)]
        files = _by_file(source, module_edits, [p for _, _, placed in ready for p in placed])
        described = ", ".join(f"{e.name} ({e.writes[min(e.writes)]})" for e, _, _ in ready)
        return Change(
            codemod=self.id,
            status=Status.READY,
            summary=f"guard {described} in {module.name} against double submits, each with its own rotating token",
            path=source.file.rel,
            line=source.line(ready[0][0].clauses[0].node),
            edits=files,
        )

    def _blocked(self, source: ParsedSource, module: LiveModule, event: Event, reason: str) -> Change:
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"guard {event.name} in {module.name} against double submits",
            path=source.file.rel,
            line=source.line(event.clauses[0].node),
            reason=reason,
        )


@dataclass(frozen=True)
class Placed:
    """An edit of a template (laid out with the template's other edits), or of the file at `path`."""

    template: Template | None
    edit: Edit
    path: str | None = None


def _by_file(source: ParsedSource, module_edits: list[Edit], placed: list[Placed]) -> tuple[FileEdits, ...]:
    """The change's edits by file: the module's first, then each template's laid out as HTMLFormatter would.

    The same edit wanted twice (one component call on the way to two forms) is made once.
    """
    files: dict[str, list[Edit]] = {source.file.rel: list(module_edits)}
    templates: dict[tuple[str, int], tuple[Template, list[Edit]]] = {}
    for item in placed:
        if item.template is None:
            files.setdefault(item.path or source.file.rel, []).append(item.edit)
            continue
        key = (item.template.file.rel, item.template.start)
        edits = templates.setdefault(key, (item.template, []))[1]
        if item.edit not in edits:
            edits.append(item.edit)
    for template, edits in templates.values():
        files.setdefault(template.file.rel, []).extend(lay_out(template, edits))
    out = []
    for path, edits in files.items():
        unique = list(dict.fromkeys(edits))
        if unique:
            out.append(FileEdits(path, tuple(unique)))
    return tuple(out)


def _same(a: Template, b: Template) -> bool:
    return a.file.rel == b.file.rel and a.start == b.start


def _assign_statement(indent: str, variable: str, key: str, token: str) -> str:
    """`variable = assign(variable, :key, token)`, laid out as mix format would, newline included."""
    call = f"assign({variable}, :{key}, {token})"
    if len(indent) + len(variable) + 3 + len(call) <= MAX_LINE:
        return f"{indent}{variable} = {call}\n"
    if len(indent) + 2 + len(call) <= MAX_LINE:
        return f"{indent}{variable} =\n{indent}  {call}\n"
    deeper = indent + "    "
    arguments = f"{deeper}{variable},\n{deeper}:{key},\n{deeper}{token}\n"
    return f"{indent}{variable} =\n{indent}  assign(\n{arguments}{indent}  )\n"


def _first_statements(source: ParsedSource, body: list[Node], variable: str, keys: list[str], token: str) -> Edit:
    """Assign each key a token before a body's first statement."""
    first = body[0]
    place = layout(source.file.content, first.start_byte)
    statements = [_assign_statement(place.indent, variable, k, token) for k in keys]
    return Edit.insert(place.line_start, _spaced(statements, b"\n" in (first.text or b"")))


def _spaced(statements: list[str], next_spans_lines: bool) -> str:
    """Statements (each ending in a newline) with a blank line beside each that spans lines, as mix format puts
    it; `next_spans_lines` tells whether the statement that comes after them does."""
    spans = [s.count("\n") > 1 for s in statements] + [next_spans_lines]
    return "".join(s + ("\n" if spans[i] or spans[i + 1] else "") for i, s in enumerate(statements))


def _guard_clause(indent: str, event: Event, socket: str) -> str:
    """The clause that drops an event whose token is stale, laid out as mix format would."""
    pattern = f'%{{"{event.key}" => key}}'
    head = f"{indent}def handle_event({event.name}, {pattern}, {socket})\n"
    if len(head) - 1 > MAX_LINE:
        arguments = indent + "      "
        head = (
            f"{indent}def handle_event(\n{arguments}{event.name},\n{arguments}{pattern},\n"
            f"{arguments}{socket}\n{indent}    )\n"
        )
    guard = f"{indent}    when key != {socket}.assigns.{event.key},\n"
    if any(len(line) > MAX_LINE for line in (head + guard).splitlines()):
        raise Blocked(
            f"the event name {event.name} is too long for a guard laid out as mix format would; guard it by hand"
        )
    return f"{head}{guard}{indent}    do: {{:noreply, {socket}}}\n\n"
