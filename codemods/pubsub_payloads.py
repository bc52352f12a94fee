"""pubsub-payloads: Report PubSub broadcasts that copy whole structs or lists to every subscriber.

Why it exists
    A PubSub broadcast sends its message to every subscribed process, and
    the BEAM copies a message into each receiver's heap: broadcasting a
    whole Ecto struct (with whatever associations are loaded) or a list of
    them to a topic that a thousand LiveViews follow copies it a thousand
    times, and each LiveView then keeps it in its assigns. The other side of
    the same fan-out: a LiveView `handle_info` that queries the repo for every
    broadcast message turns one event into one query per subscriber.

What it reports (findings; it edits nothing)
    - `Phoenix.PubSub.broadcast/broadcast!/broadcast_from/local_broadcast`,
      `Endpoint.broadcast/broadcast_from`, and an app's own `*.PubSub`
      wrapper, whose message holds a variable known to be a whole struct or a
      list of them: bound to the result of a Repo read or write
      (`{:ok, post} = Repo.insert(...)`, `post = Repo.get!(...)`, a `with` or
      `case` clause on one, `posts = Repo.all(...)`), to a context function
      that returns one (`{:ok, post} = Blog.create_post(attrs)`, where
      create_post ends in `Repo.insert`), matched by a `%Post{}` pattern of
      an app schema, or a parameter of a local helper that the module calls
      with one (`Repo.update(changeset) |> broadcast(:post_updated)` into
      `defp broadcast({:ok, post}, event)`). The fix a person makes: broadcast
      the id (`{:post_updated, post.id}`) and let subscribers that need more
      refetch it, or a slim map of the fields they render.
    - `handle_info/2` clauses of a LiveView that subscribes, for messages no
      code of the app sends to one process (`send(self(), ...)`,
      `Process.send_after`, a component's `send(self(), {__MODULE__, ...})`), that
      read the repo: directly, through a local helper, or through an app
      function that does. Every subscriber runs the query for every
      broadcast. The fix: put what the page needs into the message (a slim
      map), or coalesce refreshes (a timer that refetches once).

    The two pull against each other: an id in the message trades copying for
    one query per subscriber. Choose by the size of the struct and the number
    of subscribers; the findings say which side a broadcast is on.

What it leaves alone
    Ids, atoms, strings and maps built from fields (`%{id: post.id}`);
    variables with no evidence of being a struct; Phoenix.Presence (track
    and update are not broadcasts of app data); test code, priv/ and .exs
    scripts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tree_sitter import Node

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource
from mir_fix.engine.elixir import call_args, call_name, remote_call, walk

from ._liveview import VIEW, live_modules
from ._preload_facts import (
    REPO_READS,
    Aliases,
    AppFacts,
    app_facts,
    calls_in,
    enclosing_module,
    in_test_or_priv,
    is_repo,
    message_tag,
)
from ._pubsub_evidence import Evidence, evidence_of

# (function -> index of the message) for Phoenix.PubSub and for an endpoint.
PUBSUB = {
    "broadcast": 2, "broadcast!": 2, "broadcast_from": 3, "broadcast_from!": 3,
    "local_broadcast": 2, "local_broadcast_from": 4, "direct_broadcast": 3, "direct_broadcast!": 3,
}  # fmt: skip
# Messages the runtime sends a process.
SYSTEM_MESSAGES = frozenset({":DOWN", ":EXIT", ":nodedown", ":nodeup", ":timeout"})
ENDPOINT = {"broadcast": 2, "broadcast!": 2, "broadcast_from": 3, "broadcast_from!": 3, "local_broadcast": 2}


class PubsubPayloads(Codemod):
    id = "pubsub-payloads"
    title = "Report PubSub broadcasts that copy whole structs or lists to every subscriber"
    prefilter = (b"broadcast", b"handle_info")
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        if in_test_or_priv(source):
            return
        facts = app_facts(source.file.path, ctx.workspace)
        aliases: dict[int, Aliases] = {}
        for node in calls_in(source.tree.root_node):
            remote = remote_call(node)
            if remote is None or "broadcast" not in remote[1]:
                continue
            owner = enclosing_module(source, node)
            if owner is None:
                continue
            if owner[1].id not in aliases:
                aliases[owner[1].id] = Aliases.of(source, owner[1], owner[0])
            found = self._broadcast(source, node, remote, aliases[owner[1].id], facts)
            if found is not None and not self.ignores_line(source, found.line):
                yield found
        yield from self._handle_infos(source, facts)

    # --- broadcasts of whole structs --------------------------------------------------------

    def _broadcast(
        self, source: ParsedSource, call: Node, remote: tuple[str, str], aliases: Aliases, facts: AppFacts
    ) -> Finding | None:
        message = _message(call, aliases.resolve(remote[0]), remote[1])
        if message is None:
            return None
        for variable in _whole_values(source, message):
            evidence = evidence_of(source, variable, aliases, facts)
            if evidence is None:
                continue
            return Finding(
                self.id,
                source.file.rel,
                source.line(call),
                f"{remote[0]}.{remote[1]} sends `{_short(source.text(message))}`, and `{source.text(variable)}` is "
                f"{evidence.what}: every subscriber process gets its own copy of the whole "
                f"{'list' if evidence.is_list else 'struct'} (and any associations loaded in it); broadcast the "
                f"{_id_hint(source, variable, evidence)} and refetch where needed, or a slim map of the "
                "fields subscribers use",
            )
        return None

    # --- handle_info that queries per message -----------------------------------------------

    def _handle_infos(self, source: ParsedSource, facts: AppFacts) -> Iterator[Finding]:
        for module in live_modules(source):
            text = module.node.text or b""
            if module.kind != VIEW or b"subscribe" not in text:
                continue
            aliases = Aliases.of(source, module.node, module.name)
            for clause in module.functions("handle_info", 2):
                tag = message_tag(source, clause.args[0], aliases)
                if tag is None or tag in facts.sent_tags or tag in SYSTEM_MESSAGES:
                    continue  # sent to this process (a timer, a component, a task): no fan-out
                read = _first_read(source, clause.node, aliases, facts)
                if read is None:
                    continue
                line = source.line(clause.node)
                if self.ignores_line(source, line):
                    continue
                yield Finding(
                    self.id,
                    source.file.rel,
                    line,
                    f"handle_info({_short(source.text(clause.args[0]))}) in {module.name} runs {read} for every "
                    "message: a broadcast reaches every subscribed LiveView, so one event costs one query per "
                    "connected subscriber; put what the page needs into the message (a slim map), or coalesce "
                    "refreshes (a timer that refetches once)",
                )


def _message(call: Node, module: str, function: str) -> Node | None:
    """The message argument of a broadcast call, or None when it is not one."""
    args = call_args(call)
    last = module.split(".")[-1]
    if "Presence" in module:
        return None
    if module == "Phoenix.PubSub":
        index: int | None = PUBSUB.get(function)
    elif last.endswith("Endpoint"):
        index = ENDPOINT.get(function)
    elif last == "PubSub" and function in PUBSUB:
        index = len(args) - 1  # the app's own wrapper: the message comes last
    else:
        return None
    if index is None:
        return None
    parent = call.parent
    if (
        parent is not None
        and parent.type == "binary_operator"
        and (parent.child_by_field_name("right") or call).id == call.id
    ):
        index -= 1
        if index < 0:
            return parent.child_by_field_name("left")
    return args[index] if 0 <= index < len(args) else None


def _whole_values(source: ParsedSource, message: Node) -> list[Node]:
    """Variables in the message used as whole values (not `post.id`, not pinned, not in a call)."""
    found = []
    for node in walk(message):
        if node.type != "identifier" or source.text(node).startswith("_"):
            continue
        if _transformed(node, message):
            continue  # a field (`post.id`) or passed to a function (`render("show.json", %{post: post})`)
        found.append(node)
    return found


def _transformed(node: Node, message: Node) -> bool:
    """Between `node` and the message there is a call (a function of the value) or a field access."""
    current = node
    while current.id != message.id and current.parent is not None:
        parent = current.parent
        if parent.type in {"dot", "call", "arguments"}:
            return True
        current = parent
    return False


def _id_hint(source: ParsedSource, variable: Node, evidence: Evidence) -> str:
    name = source.text(variable)
    return f"ids (Enum.map({name}, & &1.id))" if evidence.is_list else f"id ({name}.id)"


def _first_read(source: ParsedSource, clause: Node, aliases: Aliases, facts: AppFacts) -> str | None:
    for node in walk(clause):
        remote = remote_call(node)
        if remote is not None:
            if is_repo(remote[0], aliases, facts.repos):
                if remote[1] in REPO_READS:
                    return f"{remote[0]}.{remote[1]}"
                continue
            fact = facts.functions.get((aliases.resolve(remote[0]), remote[1]))
            if fact is not None and fact.read:
                return f"{remote[0]}.{remote[1]} (which calls {fact.read})"
            continue
        name = call_name(node)
        if name is None or name in {"def", "defp"}:
            continue
        fact = facts.functions.get((aliases.module, name))
        if fact is not None and fact.read and fact.name != "handle_info":
            return f"{name} (which calls {fact.read})"
    return None


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."
