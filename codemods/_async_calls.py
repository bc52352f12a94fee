"""What async-events needs to know about calls: which ones make a LiveView wait (HTTP clients, sleeps,
awaited tasks), directly, through a function of the same module, or through a public function of one of the
app's own modules (one hop, as idempotent-events follows helpers), and which module an alias names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    keyword_pairs,
    module_definitions,
    named,
    remote_call,
)

from ._liveview import Clause, LiveModule

HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "run"})
# module -> functions that wait for the network or the clock (None: every function named in HTTP_VERBS, with
# or without a bang).
SLOW: dict[str, frozenset[str] | None] = {
    "Req": None,
    "HTTPoison": None,
    "Tesla": None,
    "Finch": frozenset({"request", "request!", "stream", "stream_while"}),
    ":httpc": frozenset({"request"}),
    "Process": frozenset({"sleep"}),
    ":timer": frozenset({"sleep"}),
    "Task": frozenset({"await", "await_many", "yield", "yield_many"}),
}
# Calls whose function argument runs in another process: a slow call in it does not make the LiveView wait.
ELSEWHERE = frozenset(
    {
        ("Task", "start"),
        ("Task", "start_link"),
        ("Task", "async"),
        ("Task.Supervisor", "start_child"),
        ("Task.Supervisor", "async"),
        ("Task.Supervisor", "async_nolink"),
        ("Kernel", "spawn"),
        ("Kernel", "spawn_link"),
    }
)
LOCAL_ELSEWHERE = frozenset({"start_async", "assign_async", "stream_async", "spawn", "spawn_link"})
PREFILTER = (b"Req.", b"HTTPoison.", b"Finch.", b"Tesla", b":httpc", b"sleep(", b"Task.await", b"Task.yield")


def _slow_remote(module: str, function: str) -> bool:
    if module not in SLOW:
        return False
    functions = SLOW[module]
    if functions is None:
        return function.rstrip("!") in HTTP_VERBS
    return function in functions


@dataclass(frozen=True)
class SlowCall:
    node: Node  # the call in the clause
    what: str  # `Req.get!`, or `Req.get! via fetch_weather`


def runs_elsewhere(node: Node) -> bool:
    """`node` is an anonymous function handed to a call that runs it in another process."""
    if node.type != "anonymous_function" or node.parent is None or node.parent.type != "arguments":
        return False
    call = node.parent.parent
    if call is None:
        return False
    remote = remote_call(call)
    if remote is not None:
        return remote in ELSEWHERE
    return call_name(call) in LOCAL_ELSEWHERE


def calls_in(node: Node) -> list[Node]:
    """Calls under `node` that run in the calling process (not in functions given to Task.start and the like)."""
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if runs_elsewhere(current):
            continue
        if current.type == "call":
            found.append(current)
        stack.extend(reversed(current.children))
    return found


def direct_slow(node: Node) -> str | None:
    """`Req.get!` when `node` is a call to a function that waits."""
    remote = remote_call(node)
    if remote is not None and _slow_remote(*remote):
        return f"{remote[0]}.{remote[1]}"
    return None


def aliases(source: ParsedSource, module: Node) -> dict[str, str]:
    """`Weather` -> `Shop.Weather` for each `alias` at the top of a module's body."""
    found: dict[str, str] = {}
    for statement in block_body(module) or []:
        if call_name(statement) != "alias":
            continue
        args = call_args(statement)
        if not args:
            continue
        target = args[0]
        text = source.text(target)
        if target.type == "alias":
            name = text.rsplit(".", 1)[-1]
            for pair in args[1:]:
                if pair.type == "keywords":
                    for key, value in keyword_pairs(pair):
                        if key == "as" and value.type == "alias":
                            name = source.text(value)
            found[name] = text
        elif target.type == "dot" and "{" in text:
            # alias Shop.{Weather, Rates}
            base, _, rest = text.partition(".{")
            for part in rest.rstrip("}").split(","):
                part = part.strip()
                if part:
                    found[part.rsplit(".", 1)[-1]] = f"{base}.{part}"
    return found


def expand(name: str, known: dict[str, str], current: str) -> str:
    if name == "__MODULE__":
        return current
    head, dot, rest = name.partition(".")
    if head == "__MODULE__":
        return current + dot + rest
    if head in known:
        return known[head] + dot + rest
    return name


def _full_names(source: ParsedSource) -> list[tuple[str, Node]]:
    """(`Shop.Weather.Client`, node) for every module of a file, nested ones under their full name."""
    found = []
    for module in module_definitions(source.tree.root_node):
        args = call_args(module)
        if not args:
            continue
        parts = [source.text(args[0])]
        parent = module.parent
        while parent is not None:
            if parent.type == "call" and call_name(parent) == "defmodule":
                outer = call_args(parent)
                if outer:
                    parts.insert(0, source.text(outer[0]))
            parent = parent.parent
        found.append((".".join(parts), module))
    return found


AWAITS = frozenset({"Task.await", "Task.await_many", "Task.yield", "Task.yield_many"})
STARTS = frozenset({("Task", "async"), ("Task.Supervisor", "async"), ("Task.Supervisor", "async_nolink")})


def _slow_in_body(statements: list[Node]) -> str | None:
    """What a function's body waits for. Awaiting a task counts only when the body started it: a function that
    awaits a task it is handed must stay in the process that owns the task."""
    calls = [call for statement in statements for call in calls_in(statement)]
    starts = any(remote_call(call) in STARTS for call in calls)
    for call in calls:
        found = direct_slow(call)
        if found and (found not in AWAITS or starts):
            return found
    return None


def _uses_tesla(source: ParsedSource, statement: Node) -> bool:
    args = call_args(statement) if call_name(statement) == "use" else []
    return bool(args) and source.text(args[0]) == "Tesla"


def project_root(path: Path, workspace: Workspace) -> Path | None:
    """The outermost folder above `path` holding a mix.exs (an umbrella's root, else the app's)."""
    root = None
    for folder in workspace.ancestors(path):
        if workspace.exists(folder / "mix.exs"):
            root = folder
    return root


def app_slow_functions(root: Path, workspace: Workspace) -> dict[tuple[str, str], str]:
    """(module, function) -> the slow call its body makes, for the public functions of the app's own modules."""

    def compute() -> dict[tuple[str, str], str]:
        found: dict[tuple[str, str], str] = {}
        for path in workspace.walk(root, (".ex",)):
            if "/test/" in path.as_posix():
                continue
            text = workspace.source(path)
            if text is None or not any(token in text.content for token in PREFILTER):
                continue
            parsed = workspace.parse(path)
            if parsed is None:
                continue
            for name, module in _full_names(parsed):
                statements = block_body(module) or []
                if any(_uses_tesla(parsed, s) for s in statements):
                    # `use Tesla` defines get/post/... (and their bangs) that send requests.
                    for verb in HTTP_VERBS - {"run"}:
                        found.setdefault((name, verb), "Tesla")
                        found.setdefault((name, verb + "!"), "Tesla")
                for statement in statements:
                    if call_name(statement) != "def":
                        continue
                    head = call_args(statement)
                    if not head:
                        continue
                    target = head[0]
                    if target.type == "binary_operator":  # def f(x) when ...
                        target = target.child_by_field_name("left") or target
                    function = call_name(target) if target.type == "call" else source_text(target)
                    slow = _slow_in_body(block_body(statement) or [])
                    if function and slow and (name, function) not in found:
                        found[(name, function)] = slow
        return found

    return workspace.fact(("async-events", "app-slow", str(root)), compute)


def source_text(node: Node) -> str:
    return (node.text or b"").decode("utf-8")


def slow_calls(
    source: ParsedSource,
    module: LiveModule,
    clause: Clause,
    known: dict[str, str],
    app: dict[tuple[str, str], str],
) -> list[SlowCall]:
    """The calls of a clause's body that make the LiveView wait, with what waits."""
    helpers: dict[str, list[Clause]] = {}
    for other in module.clauses:
        helpers.setdefault(other.name, []).append(other)
    found = []
    for statement in block_body(clause.node) or []:
        for call in calls_in(statement):
            slow = direct_slow(call)
            if slow:
                found.append(SlowCall(call, slow))
                continue
            remote = remote_call(call)
            if remote is not None:
                target = expand(remote[0], known, module.name)
                via = app.get((target, remote[1]))
                if via:
                    found.append(SlowCall(call, f"{via} via {target}.{remote[1]}"))
                continue
            name = call_name(call)
            if name is None or name == clause.name or name not in helpers:
                continue
            for helper in helpers[name]:
                via = _slow_in_body(helper.body or [])
                if via:
                    found.append(SlowCall(call, f"{via} via {name}"))
                    break
    return [c for c in found if not any(o is not c and _inside(c.node, o.node) for o in found)]


def _inside(inner: Node, outer: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte and inner.id != outer.id


def named_children(node: Node) -> list[Node]:
    return named(node)
