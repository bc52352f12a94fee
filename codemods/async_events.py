"""async-events: Run slow calls of handle_event with start_async so the page stays responsive.

Why it exists
    A LiveView is one process that handles its messages one at a time. A
    handle_event that waits for an HTTP client (Req, HTTPoison, Finch, Tesla,
    :httpc), for Process.sleep or :timer.sleep, or for Task.await freezes
    that user's page until the call returns: no other click, form change or
    PubSub message is handled meanwhile, and a call that outlives the client's
    timeout makes the page look dead.

What it does
    For a handle_event/3 clause of a LiveView or LiveComponent (LiveView 0.20
    or later, read from mix.lock or mix.exs) that makes such a call -
    directly, through a function of the same module, or through a public
    function of one of the app's own modules that makes it (one hop) - in
    the common shape
        result = Slow.call(args)      (or `{:ok, x} = ...`, or the call alone,
        ...continuation...             its value unused, or `case
        {:noreply, socket}             Slow.call(args) do`, `socket = case
                                       Slow.call(args) do`, `with pattern <-
                                       Slow.call(args), ... do`)
    - the clause keeps what comes before the call, and replies
      `{:noreply, start_async(socket, :name, fn -> Slow.call(args) end)}`;
    - `handle_async(:name, {:ok, result}, socket)` holds the continuation as
      it was written, and `handle_async(:name, {:exit, _reason}, socket)` puts
      an error flash and keeps the page's state (the task's crash is still
      logged by the task; before, it crashed the LiveView);
    - variables of the clause that the continuation reads (params, values
      bound before the call) come back with the result: the task returns
      `{Slow.call(args), city}` and the clause matches `{:ok, {result,
      city}}`, so the continuation sees the values of the event's time;
    - `socket.assigns.x.y` read by the call is bound to a variable before
      start_async: the task never copies the socket;
    - a call whose value is unused (a report posted to another service)
      moves the same way, matched with `_`: it froze the page just the same,
      and the rest of the clause still runs only once it is done (a
      Task.start would let it run first, and show "Sent" for a call that may
      still fail, so mir-fix does not choose that);
    - the name is the event's (`"fetch-weather"` gives `:fetch_weather`),
      made unique in the module; the handle_async clauses go after the last
      handle_event clause, or before the module's existing handle_async
      clauses, so that handle_async/3 stays grouped.

Example
    def handle_event("fetch", %{"city" => city}, socket) do
      {:noreply, start_async(socket, :fetch, fn -> {Weather.current(city), city} end)}
    end

    def handle_async(:fetch, {:ok, {weather, city}}, socket) do
      {:noreply, assign(socket, weather: weather, city: city)}
    end

    def handle_async(:fetch, {:exit, _reason}, socket) do
      {:noreply, put_flash(socket, :error, "Something went wrong. Please try again.")}
    end

What differs (on purpose)
    Other events are handled while the call runs: that is the point. The
    continuation reads the socket as it is when the result arrives, so
    assigns another event changed in between are the new ones (the values
    the clause bound before the call are passed through, not re-read). A
    second event of the same name while the first call runs starts a second
    task under the same name: LiveView (0.20 to 1.x) does not stop the first
    one, which runs to its end, but drops its result, so only the last
    event's continuation runs, as the last event's did last in the
    original. mir-fix adds no guard (a `:fetching` assign that ignores the
    event while a call runs): that would drop the newer event, and a second
    search would show the first one's result. A continuation that accumulates
    (`update/3`, `stream_insert`) would lose the earlier result, so it is
    blocked. A call that raises or exits no longer crashes the LiveView: the
    page keeps its state and shows the flash (in a LiveComponent, LiveView
    shows a component's flash only after a redirect). Assigns the clause set
    before the call (say `loading: true`) stay as they are after a failure.
    Assigns the clause sets before the call are now rendered while it runs
    (a `loading: true` shows, where before the page never saw it). A result
    that does not match the clause's pattern (`{:ok, x} = ...`
    meeting `{:error, _}`) still crashes the LiveView, in handle_async
    instead of handle_event, as the original did. The task runs in its own
    process: Logger metadata and the process dictionary of the LiveView are
    not there (the call gets only the values it is passed). The app's
    LiveView tests that check the result right after `render_click` or
    `render_submit` must wait for it first: `render_async(view)`.

What it refuses (blocked, with the line)
    Clauses that reply `{:reply, ...}` or whose continuation does not
    visibly return `{:noreply, socket}`; a call whose result is used inside
    the reply itself, or that runs on some paths only (in an `if`, a `case`
    branch, an `Enum.map`); a call inside an expression or pipeline with
    other calls (side effects that would move into the task, say `|>
    Cache.put()` after it, or a `Task.async` that Task.await waits for); a
    result bound straight into the socket (`socket = assign(socket, :x,
    Slow.call())`); a call that reads the socket other than through
    `socket.assigns.x`; a continuation that needs a variable holding the
    socket or all its assigns, or one bound inside the moved expression; two
    waiting calls in one clause; a continuation that reads the assigns of a
    module with temporary assigns (reset once the reply renders); clauses
    that do not bind the socket to a
    variable or are written with `do:`;
    LiveView older than 0.20. Slow calls in mount/3 and handle_params/3 are
    findings (a start_async in mount does nothing in the first, disconnected
    render, so moving the call changes what that render shows). Clauses and
    modules marked `# mir-fix: ignore` are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, Status
from mir_fix.engine.codemod import Blocked, Codemod, Context, ParsedSource
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    call_args,
    call_name,
    do_block,
    layout,
    line_end,
    remote_call,
    starts_line,
    walk,
)

from ._async_calls import (
    AWAITS,
    SlowCall,
    aliases,
    app_slow_functions,
    calls_in,
    project_root,
    slow_calls,
)
from ._async_vars import (
    binding_names,
    first_use_is_read,
    holds_socket,
    pattern_names,
    variable_names,
)
from ._liveview import VIEW, Clause, LiveModule, bound_name, live_modules, project_live_view_version

MINIMUM = (0, 20, 0)
MAX_LINE = 98
FLASH = "Something went wrong. Please try again."
# Modules whose functions compute without side effects: they may move into the task with the slow call.
PURE_MODULES = frozenset(
    {
        "Map", "Enum", "Keyword", "List", "String", "Jason", "URI", "Integer", "Float", "Access", "Base",
        "Path", "Tuple", "MapSet", "Date", "DateTime", "NaiveDateTime", "Time", "Decimal", "Regex",
        "Application",
    }
)  # fmt: skip
PURE_LOCALS = frozenset(
    {
        "elem", "hd", "tl", "length", "map_size", "to_string", "inspect", "is_nil", "is_binary", "is_map",
        "is_list", "is_atom", "is_integer", "abs", "round", "trunc", "div", "rem", "max", "min", "not", "then",
    }
)  # fmt: skip
# Functions that only build a request (no I/O): they may move into the task with the call that sends it.
BUILDERS = frozenset({("Finch", "build"), ("Req", "new"), ("Req", "merge"), ("Tesla", "client")})
ACCUMULATES = frozenset({"update", "stream_insert", "stream_delete", "stream_delete_by_dom_id"})
PROCESS_BOUND = re.compile(r"\b(self\(\)|send\(|Process\.(put|get|delete)\b|put_flash\(|push_\w+\()")


@dataclass(frozen=True)
class Plan:
    """The rewrite of one handle_event clause."""

    clause: Clause
    name: str
    what: str
    edit: Edit
    clauses: str  # the two handle_async clauses, laid out, without the trailing newline


class AsyncEvents(Codemod):
    id = "async-events"
    title = "Run slow calls of handle_event with start_async so the page stays responsive"
    prefilter = (b"handle_event", b"handle_params", b"def mount")
    requires = (b"live",)
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        for module in live_modules(source):
            if self.ignores_line(source, source.line(module.node)):
                continue
            known = aliases(source, module.node)
            root = project_root(source.file.path, ctx.workspace)
            app = app_slow_functions(root, ctx.workspace) if root is not None else {}
            yield from self._findings(source, module, known, app)
            plans: list[Plan] = []
            taken = _async_names(source, module)
            for clause in module.functions("handle_event", 3):
                found = slow_calls(source, module, clause, known, app)
                if not found or self.ignores_line(source, source.line(clause.node)):
                    continue
                if any(self.ignores_line(source, source.line(c.node)) for c in found):
                    continue
                try:
                    plan = self._plan(source, module, clause, found, taken)
                except Blocked as blocked:
                    yield self._blocked(source, module, clause, found[0], str(blocked))
                    continue
                taken.add(plan.name)
                plans.append(plan)
            if not plans:
                continue
            problem = self._version_problem(source, ctx)
            if problem:
                for plan in plans:
                    yield self._blocked(source, module, plan.clause, None, problem, plan.what)
                continue
            yield self._change(source, module, plans)

    # --- facts ---------------------------------------------------------------------------

    def _findings(
        self, source: ParsedSource, module: LiveModule, known: dict[str, str], app: dict[tuple[str, str], str]
    ) -> Iterable[Finding]:
        callbacks = [("handle_params", 3)]
        if module.kind == VIEW:
            callbacks.append(("mount", 3))
        for name, arity in callbacks:
            for clause in module.functions(name, arity):
                for call in slow_calls(source, module, clause, known, app):
                    line = source.line(call.node)
                    if self.ignores_line(source, line) or self.ignores_line(source, source.line(clause.node)):
                        continue
                    yield Finding(
                        self.id,
                        source.file.rel,
                        line,
                        f"{name}/{arity} of {module.name} waits for {call.what}: the page is not shown (or not "
                        "live) until it returns. Load it with assign_async/3 or start_async/3 and render a "
                        "loading state; in mount/3 the task runs only once connected, so the first render must "
                        "not need the result",
                    )

    def _version_problem(self, source: ParsedSource, ctx: Context) -> str | None:
        version, origin = project_live_view_version(source.file.path, ctx.workspace)
        if version is None:
            return (
                "cannot tell the LiveView version (no mix.lock or mix.exs entry for phoenix_live_view); "
                "start_async needs 0.20 or later"
            )
        if version < MINIMUM:
            shown = ".".join(str(p) for p in version)
            return f"LiveView {shown} ({origin}) has no start_async/handle_async; they arrived in 0.20.0"
        return None

    # --- one clause ------------------------------------------------------------------------

    def _plan(
        self, source: ParsedSource, module: LiveModule, clause: Clause, found: list[SlowCall], taken: set[str]
    ) -> Plan:
        content = source.file.content
        where = f"{source.file.rel}:{source.line(clause.node)}"
        slow = found[0]
        what = slow.what
        socket = bound_name(clause.args[2])
        if socket is None:
            raise Blocked(
                f"the clause at {where} does not bind the socket to a variable "
                f"(`{source.text(clause.args[2])}`); move {what} to start_async by hand"
            )
        body = clause.body
        if not body or do_block(clause.node) is None:
            raise Blocked(f"the clause at {where} is written with do:; make it a do block first")
        replies = [n for n in walk(clause.node) if n.type == "tuple" and _first_atom(source, n) == ":reply"]
        if replies:
            raise Blocked(
                f"the clause replies with {{:reply, ...}} (line {source.line(replies[0])}): the reply must wait "
                f"for {what}, and handle_async cannot reply to the client's event"
            )
        index = next(i for i, s in enumerate(body) if _inside(slow.node, s))
        others = [c for c in found[1:] if not _inside(c.node, body[index])]
        if others:
            raise Blocked(
                f"the clause waits twice ({what}, line {source.line(slow.node)}, and {others[0].what}, line "
                f"{source.line(others[0].node)}); run them in one task by hand"
            )
        if what in AWAITS:
            raise Blocked(
                f"{what} (line {source.line(slow.node)}) waits for a task of the LiveView's own: only the process "
                "that started a task may await it, so it cannot move into another one; start the work with "
                "start_async instead of Task.async, by hand"
            )
        statement = body[index]
        last = index == len(body) - 1
        subject = _subject(statement, slow.node)
        if _branches(slow.node, statement) and (subject is None or _branches(slow.node, subject)):
            raise Blocked(
                f"{what} (line {source.line(slow.node)}) runs on some paths only, inside "
                f"`{_branches(slow.node, statement)}`; move that part to start_async by hand"
            )
        # The expression that moves into the task, what its result is matched against, and the continuation.
        continuation: str
        if subject is not None:
            # `case Slow.call() do`, `x = case Slow.call() do`, `with p <- Slow.call() do`: the call moves, the
            # statement (its subject now the task's result) and what follows make the continuation.
            expression = subject
            pattern_node = None
            rest = body[index:]
            pattern = _fresh(source, clause, ("result", "async_result", "task_result"))
            start = statement.start_byte
            text = content[start : rest[-1].end_byte].decode("utf-8")
            continuation = (
                layout(content, start).indent
                + text[: expression.start_byte - start]
                + pattern
                + text[expression.end_byte - start :]
            )
        elif _is_match(statement) and not last:
            pattern_node, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
            assert pattern_node is not None and right is not None
            expression = right
            pattern = source.text(pattern_node)
            rest = body[index + 1 :]
            continuation = _statements_text(content, statement, rest)
        elif not last and not _is_match(statement):
            expression, pattern_node, pattern = statement, None, "_"
            rest = body[index + 1 :]
            continuation = _statements_text(content, statement, rest)
        else:
            raise Blocked(
                f"the result of {what} (line {source.line(slow.node)}) decides the reply itself; bind it to a "
                "variable on a line of its own before the reply, then run mir-fix again"
            )
        if pattern_node is not None and socket in pattern_names(pattern_node):
            raise Blocked(
                f"the result of {what} (line {source.line(slow.node)}) goes straight into the socket "
                f"(`{_short(source.text(statement))}`); bind the call's result to a variable on a line of its "
                "own first, then run mir-fix again"
            )
        if (
            not starts_line(content, statement.start_byte)
            or content[statement.end_byte : line_end(content, statement.end_byte)].strip()
        ):
            raise Blocked(f"{where}: the statement holding {what} shares its line; put it on a line of its own")
        self._movable(source, module, expression, slow, what, socket)
        self._replies_noreply(source, module, rest[-1], what)
        self._no_accumulation(source, rest, what)
        if "temporary_assigns" in source.text(module.node) and any(
            b"assigns" in (n.text or b"") for n in rest if n.id != expression.id
        ):
            raise Blocked(
                f"the code after {what} reads the socket's assigns and the module has temporary assigns: "
                "LiveView resets them once the event's reply is rendered, before handle_async runs; move it by hand"
            )
        if pattern_node is not None and any(
            n.type == "unary_operator" and (n.text or b"").startswith(b"^") for n in walk(pattern_node)
        ):
            raise Blocked(f"the result of {what} is matched against a pinned value; move it by hand")
        # Variables the continuation reads that the clause bound before the call.
        before = set(binding_names(clause, body[:index]))
        for arg in clause.args:
            before |= set(variable_names(arg))
        bound_by_result = set(pattern_names(pattern_node)) if pattern_node is not None else set()
        needed = [
            name
            for name in variable_names_of(rest, expression)
            if name in before and name != socket and name not in bound_by_result
            and first_use_is_read(rest, name, skip=expression)
        ]  # fmt: skip
        inside = set(binding_names(clause, [expression])) - set(pattern_names(pattern_node) if pattern_node else [])
        lost = [
            n for n in variable_names_of(rest, expression) if n in inside and first_use_is_read(rest, n, expression)
        ]
        if lost:
            raise Blocked(
                f"the code after {what} reads `{lost[0]}`, bound inside the expression that would move into the "
                "task; bind it on a line of its own first"
            )
        for name in needed:
            culprit = holds_socket(source, body[:index], name, socket)
            if culprit:
                raise Blocked(
                    f"the continuation after {what} reads `{name}`, bound from the socket ({culprit}); it would "
                    "be a copy from the time of the event: read what it needs from the socket there by hand"
                )
        name = _unique(_stem(source, clause, slow), taken)
        extracted, task_body = _extract_assigns(source, clause, expression, socket, what)
        return Plan(
            clause,
            name,
            what,
            self._clause_edit(
                source, clause, body, index, statement, extracted, task_body, expression, needed, name, socket
            ),
            self._async_clauses(source, clause, name, pattern, needed, continuation, socket),
        )

    def _movable(
        self, source: ParsedSource, module: LiveModule, expression: Node, slow: SlowCall, what: str, socket: str
    ) -> None:
        """Everything else the expression calls may run in the task: no side effects, no process-bound calls."""
        slow_node = slow.node
        for call in calls_in(expression):
            if call.id == slow_node.id or _is_field(call):
                continue
            remote = remote_call(call)
            line = source.line(call)
            if remote is not None:
                if remote[0] in PURE_MODULES or remote in BUILDERS:
                    continue
                text = f"{remote[0]}.{remote[1]}"
            else:
                name = call_name(call) or ""
                if name in PURE_LOCALS or name.startswith("sigil_"):
                    continue
                helpers = [c for c in module.clauses if c.name == name]
                if helpers and not any(
                    PROCESS_BOUND.search(source.text(h.node)) or socket in variable_names(h.node) for h in helpers
                ):
                    continue
                text = name
            if text in {"Task.async", "Task.Supervisor.async", "Task.Supervisor.async_nolink"}:
                raise Blocked(
                    f"{what} (line {source.line(slow_node)}) waits for a task started right there (`{text}`, "
                    f"line {line}); replace the pair with start_async by hand"
                )
            if call.start_byte > slow_node.end_byte and _in_pipeline(expression):
                raise Blocked(
                    f"{what} (line {source.line(slow_node)}) is inside a pipeline with side effects after it "
                    f"(`{text}`, line {line}), which would run in the task; end the pipeline at the slow call, "
                    "bind its result, then run mir-fix again"
                )
            raise Blocked(
                f"{what} (line {source.line(slow_node)}) is inside an expression that also calls `{text}` (line "
                f"{line}), which would run in the task with it; bind the slow call's result to a variable on a "
                "line of its own, then run mir-fix again"
            )
        for node in walk(expression):
            if (
                node.type == "identifier"
                and node.text == socket.encode()
                and _is_variable_node(node)
                and _assigns_chain(node) is None
            ):
                raise Blocked(
                    f"{what} (line {source.line(slow_node)}) reads the socket "
                    f"(`{_short(source.text(_enclosing_call(node)))}`); a task must not copy the socket: pass "
                    "it the values it needs, then run mir-fix again"
                )

    def _replies_noreply(
        self, source: ParsedSource, module: LiveModule, tail: Node, what: str, hop: bool = True
    ) -> None:
        """The continuation ends in `{:noreply, socket}` on every path (handle_async must return that)."""
        problem = _tail_problem(source, module, tail, hop)
        if problem:
            raise Blocked(
                f"cannot tell that the code after {what} returns {{:noreply, socket}} ({problem}); "
                "handle_async must return it: move the call by hand"
            )

    def _no_accumulation(self, source: ParsedSource, rest: list[Node], what: str) -> None:
        for statement in rest:
            for node in walk(statement):
                if call_name(node) in ACCUMULATES:
                    raise Blocked(
                        f"the code after {what} adds to what the page holds (`{call_name(node)}`, line "
                        f"{source.line(node)}): when the event comes again while the call runs, LiveView drops the "
                        "first task's result, so an addition would be lost; move it by hand if that is fine"
                    )

    # --- edits ----------------------------------------------------------------------------

    def _clause_edit(
        self,
        source: ParsedSource,
        clause: Clause,
        body: list[Node],
        index: int,
        statement: Node,
        extracted: list[tuple[str, str]],
        task_body: str,
        expression: Node,
        needed: list[str],
        name: str,
        socket: str,
    ) -> Edit:
        content = source.file.content
        place = layout(content, statement.start_byte)
        indent = place.indent
        lines = [f"{indent}{var} = {chain}\n" for var, chain in extracted]
        if any(len(line) - 1 > MAX_LINE for line in lines):
            raise Blocked("an assign the task needs makes a line longer than mix format allows; move it by hand")
        multiline = "\n" in task_body
        closure = f"{{{task_body}, {', '.join(needed)}}}" if needed else task_body
        one_line = f"{indent}{{:noreply, start_async({socket}, :{name}, fn -> {closure} end)}}"
        if not multiline and len(one_line) <= MAX_LINE:
            text = "".join(lines) + one_line + "\n"
        else:
            inner = indent + "   "
            base = len(layout(content, expression.start_byte).indent)
            body_text = _closure_body(source, clause, task_body, needed, inner, base, expression)
            if any(len(line) > MAX_LINE for line in body_text.splitlines()):
                raise Blocked("the slow call is too long to lay out as mix format would inside fn; move it by hand")
            previous = content[: place.line_start].rstrip(b" \t")
            blank_before = previous.endswith(b"\n\n") or previous.rstrip().endswith(b"do")
            spaced = "\n" if lines or (index > 0 and not blank_before) else ""
            text = (
                "".join(lines)
                + spaced
                + f"{indent}{{:noreply,\n{indent} start_async({socket}, :{name}, fn ->\n{body_text}\n{indent} end)}}\n"
            )
        end = line_end(content, body[-1].end_byte)
        if content[body[-1].end_byte : end].strip():
            raise Blocked("the clause's last statement shares its line; put it on a line of its own")
        return Edit(place.line_start, end + 1, text)

    def _async_clauses(
        self, source: ParsedSource, clause: Clause, name: str, pattern: str, needed: list[str], continuation: str,
        socket: str,
    ) -> str:  # fmt: skip
        at = layout(source.file.content, clause.node.start_byte)
        indent = at.indent
        flat = re.sub(r"\s*\n\s*", " ", pattern) if "\n" in pattern else pattern
        result = f"{{{flat}, {', '.join(needed)}}}" if needed else flat
        ok = _head(indent, name, f"{{:ok, {result}}}", socket)
        failure = _head(indent, name, "{:exit, _reason}", socket)
        flash = f"{indent}  {{:noreply, put_flash({socket}, :error, {_quote(FLASH)})}}"
        if len(flash) > MAX_LINE:
            flash = f"{indent}  {{:noreply,\n{indent}   put_flash({socket}, :error, {_quote(FLASH)})}}"
        body = continuation.rstrip()
        return f"{ok}\n{body}\n{indent}end\n\n{failure}\n{flash}\n{indent}end"

    def _change(self, source: ParsedSource, module: LiveModule, plans: list[Plan]) -> Change:
        content = source.file.content
        existing = module.functions("handle_async", 3)
        impl = "@impl" in source.text(module.node)
        first_indent = layout(content, plans[0].clause.node.start_byte).indent
        text = "\n\n".join(p.clauses for p in plans)
        if impl:
            text = f"{first_indent}@impl true\n{text}"
        if existing:
            start = _with_attributes(existing[0].node)
            at = layout(content, start.start_byte).line_start
            insert = Edit.insert(at, text + "\n\n")
        else:
            last = module.functions("handle_event", 3)[-1].node
            insert = Edit.insert(line_end(content, last.end_byte), "\n\n" + text)
        edits = tuple(sorted([*(p.edit for p in plans), insert], key=lambda e: e.start))
        described = ", ".join(f"{_event_text(source, p.clause)} ({p.what})" for p in plans)
        return Change(
            codemod=self.id,
            status=Status.READY,
            summary=f"run {described} in {module.name} with start_async; the result arrives in handle_async",
            path=source.file.rel,
            line=source.line(plans[0].clause.node),
            edits=(FileEdits(source.file.rel, edits),),
        )

    def _blocked(
        self,
        source: ParsedSource,
        module: LiveModule,
        clause: Clause,
        slow: SlowCall | None,
        reason: str,
        what: str | None = None,
    ) -> Change:
        what = what or (slow.what if slow else "a slow call")
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"run {what} of {_event_text(source, clause)} in {module.name} with start_async",
            path=source.file.rel,
            line=source.line(clause.node),
            reason=reason,
        )


# --- helpers --------------------------------------------------------------------------------


def _inside(inner: Node, outer: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _first_atom(source: ParsedSource, node: Node) -> str | None:
    children = [c for c in node.named_children if c.type != "comment"]
    return source.text(children[0]) if children and children[0].type == "atom" else None


def _is_match(node: Node) -> bool:
    operator = node.child_by_field_name("operator") if node.type == "binary_operator" else None
    return operator is not None and operator.text == b"="


def _subject(statement: Node, slow: Node) -> Node | None:
    """The expression holding `slow` when `statement` is `case <it> do` or `with pattern <- <it>, ... do`, or
    binds the value of one (`x = case <it> do`)."""
    if _is_match(statement):
        statement = statement.child_by_field_name("right") or statement
    name = call_name(statement)
    args = call_args(statement)
    if not args or do_block(statement) is None:
        return None
    subject: Node | None = args[0]
    if name == "with":
        first = args[0]
        operator = first.child_by_field_name("operator") if first.type == "binary_operator" else None
        subject = first.child_by_field_name("right") if operator is not None and operator.text == b"<-" else None
    elif name != "case":
        return None
    return subject if subject is not None and _inside(slow, subject) else None


def _is_field(call: Node) -> bool:
    """`resp.body`: a call node with a dot target and no arguments is a field access."""
    target = call.child_by_field_name("target")
    return target is not None and target.type == "dot" and not any(c.type == "arguments" for c in call.children)


def _in_pipeline(expression: Node) -> bool:
    return any(
        n.type == "binary_operator" and (n.child_by_field_name("operator") or n).text == b"|>" for n in walk(expression)
    )


BRANCHING = frozenset({"if", "unless", "case", "cond", "with", "for", "try", "receive"})


def _branches(node: Node, statement: Node) -> str | None:
    """What around `node`, inside `statement`, runs it on some paths only (`if`, `fn`, `&&`), if anything."""
    current = node
    while current.id != statement.id and current.parent is not None:
        parent = current.parent
        name = call_name(parent)
        if parent.type == "call" and (name in BRANCHING or do_block(parent) is not None):
            args = call_args(parent)
            if not (name == "case" and args and _inside(current, args[0])):
                return name or "a do block"
        if parent.type in {"anonymous_function", "stab_clause"}:
            return "fn"
        if parent.type == "unary_operator" and (parent.text or b"").startswith(b"&"):
            return "&(...)"
        if parent.type == "binary_operator":
            operator = (parent.child_by_field_name("operator") or parent).text
            if operator in {b"&&", b"||", b"and", b"or"} and parent.child_by_field_name("right") == current:
                return (operator or b"").decode()
        current = parent
    return None


def _enclosing_call(node: Node) -> Node:
    current = node
    while current.parent is not None and current.type != "call":
        current = current.parent
    return current


def _statements_text(content: bytes, statement: Node, rest: list[Node]) -> str:
    """The text of the statements after `statement`, from the line after it to the end of the last one."""
    start = line_end(content, statement.end_byte) + 1
    text = content[start : rest[-1].end_byte].decode("utf-8")
    return text.lstrip("\n")


def variable_names_of(rest: list[Node], skip: Node) -> list[str]:
    names: list[str] = []
    for node in rest:
        for name in variable_names(node, skip=skip):
            if name not in names:
                names.append(name)
    return names


def _fresh(source: ParsedSource, clause: Clause, candidates: tuple[str, ...]) -> str:
    used = set(variable_names(clause.node))
    for candidate in candidates:
        if candidate not in used:
            return candidate
    raise Blocked("no free variable name for the result; move the call by hand")


def _event_literal(source: ParsedSource, node: Node) -> str | None:
    if node.type == "string" and not any(c.type == "interpolation" for c in node.named_children):
        return source.text(node)[1:-1]
    if _is_match(node):
        for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
            if side is not None and side.type == "string":
                return _event_literal(source, side)
    return None


def _event_text(source: ParsedSource, clause: Clause) -> str:
    literal = _event_literal(source, clause.args[0])
    return f'"{literal}"' if literal is not None else "handle_event"


def _stem(source: ParsedSource, clause: Clause, slow: SlowCall) -> str:
    literal = _event_literal(source, clause.args[0])
    if literal is None:
        remote = remote_call(slow.node)
        literal = remote[1] if remote else (call_name(slow.node) or "slow_call")
    stem = re.sub(r"[^a-z0-9_]", "_", literal.lower()).strip("_")
    stem = re.sub(r"_+", "_", stem)
    if not stem or stem[0].isdigit():
        stem = "event_" + stem
    return stem


def _unique(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}_{n}" in taken:
        n += 1
    return f"{stem}_{n}"


def _async_names(source: ParsedSource, module: LiveModule) -> set[str]:
    text = source.text(module.node)
    names = set(re.findall(r"handle_async\(\s*:(\w+)", text))
    names |= set(re.findall(r"start_async\(\s*(?:\w+\s*,\s*)?:(\w+)", text))
    names |= set(re.findall(r"assign_async\(\s*(?:\w+\s*,\s*)?:(\w+)", text))
    return names


def _assigns_chain(node: Node) -> Node | None:
    """The whole `socket.assigns.a.b` access that starts at the identifier `socket`, with one field at least."""
    parent = node.parent
    if parent is None or parent.type != "dot" or parent.child_by_field_name("left") != node:
        return None
    right = parent.child_by_field_name("right")
    call = parent.parent
    if right is None or right.text != b"assigns" or call is None or not _is_field(call):
        return None
    chain = None
    current = call
    while True:
        dot = current.parent
        if dot is None or dot.type != "dot" or dot.child_by_field_name("left") != current:
            break
        outer = dot.parent
        if outer is None or not _is_field(outer):
            break
        chain = current = outer
    return chain


def _is_variable_node(node: Node) -> bool:
    parent = node.parent
    if parent is None:
        return True
    if parent.type == "call" and parent.child_by_field_name("target") == node:
        return False
    if parent.type == "dot" and parent.child_by_field_name("right") == node:
        return False
    return not (parent.type == "unary_operator" and (parent.text or b"").startswith((b"@", b"&")))


def _extract_assigns(
    source: ParsedSource, clause: Clause, expression: Node, socket: str, what: str
) -> tuple[list[tuple[str, str]], str]:
    """Bindings for the `socket.assigns.x.y` the expression reads, and its text reading them instead."""
    used = set(variable_names(clause.node))
    chains: list[Node] = []
    for node in walk(expression):
        if node.type == "identifier" and node.text == socket.encode() and _is_variable_node(node):
            chain = _assigns_chain(node)
            if chain is not None:
                chains.append(chain)
    bindings: dict[str, str] = {}
    replacements: list[tuple[int, int, str]] = []
    for chain in chains:
        text = source.text(chain)
        if text not in bindings:
            fields = text.split(".assigns.", 1)[1].split(".")
            name = "_".join(fields)
            if name in used or name in bindings.values():
                name = f"{name}_value"
            if name in used:
                raise Blocked(f"no free variable name for `{text}`, read by {what}; move it by hand")
            bindings[text] = name
        replacements.append((chain.start_byte, chain.end_byte, bindings[text]))
    body = source.file.content[expression.start_byte : expression.end_byte]
    for start, end, name in sorted(replacements, reverse=True):
        body = body[: start - expression.start_byte] + name.encode() + body[end - expression.start_byte :]
    return [(name, text) for text, name in bindings.items()], body.decode("utf-8")


def _reindent(text: str, indent: str, base: int) -> str:
    """`text` (an expression whose first line started a line indented by `base`) starting at `indent`."""
    lines = text.split("\n")
    out = [indent + lines[0]]
    for line in lines[1:]:
        if not line.strip():
            out.append("")
            continue
        if len(line) - len(line.lstrip(" ")) < base:
            raise Blocked("the slow call's lines are indented less than its first one; move it by hand")
        out.append(indent + line[base:])
    return "\n".join(out)


def _closure_body(
    source: ParsedSource, clause: Clause, task_body: str, needed: list[str], inner: str, base: int, expression: Node
) -> str:
    """The body of the task's fn, laid out as mix format would: the call, or the call and the values passed on."""
    if "\n" in task_body and any(
        n.type in {"string", "charlist", "sigil"} and b"\n" in (n.text or b"") for n in walk(expression)
    ):
        raise Blocked("the slow call holds a multi-line string whose text would shift; move it by hand")
    if not needed:
        return _reindent(task_body, inner, base)
    passed = ", ".join(needed)
    single = f"{inner}{{{task_body}, {passed}}}"
    if "\n" not in task_body and len(single) <= MAX_LINE:
        return single
    var = _fresh(source, clause, ("result", "async_result", "task_result"))
    bind = f"{inner}{var} = {task_body}"
    if "\n" in task_body or len(bind) > MAX_LINE:
        bind = f"{inner}{var} =\n" + _reindent(task_body, inner + "  ", base) + "\n"
    return f"{bind}\n{inner}{{{var}, {passed}}}"


def _head(indent: str, name: str, result: str, socket: str) -> str:
    line = f"{indent}def handle_async(:{name}, {result}, {socket}) do"
    if len(line) <= MAX_LINE:
        return line
    args = indent + "      "
    broken = f"{indent}def handle_async(\n{args}:{name},\n{args}{result},\n{args}{socket}\n{indent}    ) do"
    if any(len(x) > MAX_LINE for x in broken.splitlines()):
        raise Blocked("the handle_async head would be longer than mix format allows; move the call by hand")
    return broken


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _short(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _with_attributes(node: Node) -> Node:
    start = node
    previous = start.prev_named_sibling
    while (
        previous is not None
        and previous.type == "unary_operator"
        and (previous.text or b"").startswith((b"@impl", b"@doc", b"@spec"))
    ):
        start = previous
        previous = previous.prev_named_sibling
    return start


NOREPLY = ":noreply"


def _tail_problem(source: ParsedSource, module: LiveModule, tail: Node, hop: bool) -> str | None:
    """Why `tail` may not evaluate to `{:noreply, _}`; None when it does on every path."""
    if tail.type == "tuple":
        first = _first_atom(source, tail)
        return None if first == NOREPLY else f"`{_short(source.text(tail))}`"
    name = call_name(tail)
    if name in {"case", "cond", "with"} or (name in {"if", "unless"} and do_block(tail) is not None):
        block = do_block(tail)
        if block is None:
            return f"`{_short(source.text(tail))}`"
        if name in {"if", "unless", "with"} and not any(c.type == "else_block" for c in block.children):
            return f"{'an' if name in {'if', 'unless'} else 'a'} `{name}` without else"
        tails = _branch_tails(block)
        if not tails:
            return f"`{_short(source.text(tail))}`"
        for branch in tails:
            problem = _tail_problem(source, module, branch, hop)
            if problem:
                return problem
        return None
    if name is not None and hop:
        helpers = [c for c in module.clauses if c.name == name]
        if helpers and all(h.body for h in helpers):
            for helper in helpers:
                problem = _tail_problem(source, module, (helper.body or [])[-1], False)
                if problem:
                    return f"{name}/{len(helper.args)} ends in {problem}"
            return None
    return f"`{_short(source.text(tail))}`"


def _branch_tails(block: Node) -> list[Node]:
    """The last expression of each branch of an if/case/cond do-block."""
    tails: list[Node] = []
    parts = [block, *[c for c in block.children if c.type == "else_block"]]
    for part in parts:
        stabs = [c for c in part.named_children if c.type == "stab_clause"]
        if stabs:
            for stab in stabs:
                body = stab.child_by_field_name("right")
                statements = [c for c in (body.named_children if body is not None else []) if c.type != "comment"]
                if not statements:
                    return []
                tails.append(statements[-1])
        else:
            statements = [
                c for c in part.named_children if c.type not in {"comment", "else_block", "do", "else", "end"}
            ]
            if not statements:
                return []
            tails.append(statements[-1])
    return tails
