"""preload: Load associations once for a list instead of once per item (N+1 queries).

Why it exists
    `Repo.preload/2` of one struct runs one query per association; mapped over
    a list of N posts it runs N. Given the list, it runs one per association
    for all of them. Likewise a `Repo.get`/`one`/`all` (or a context function
    that does one) inside `Enum.map`/`Enum.each`/`for` runs a query per item.

What it does
    Rewrites a per-item preload over a list into one preload of the list:

        Enum.map(posts, &Repo.preload(&1, :author))          -> Repo.preload(posts, :author)
        posts |> Enum.map(fn p -> Repo.preload(p, :author) end) -> posts |> Repo.preload(:author)
        for p <- posts, do: Repo.preload(p, :author, force: true) -> Repo.preload(posts, :author, force: true)

    Why the value is the same (ecto 3.12, lib/ecto/repo/preloader.ex):
    - `preload/4` of a list and of one struct both run `preload_each/5`
      (a struct as `[struct]`, then `hd/1`), which loads each association
      with one query over the ids of every struct given, and puts into each
      struct exactly the rows whose key is that struct's (`load_assoc/2`):
      the rows a struct gets do not depend on the others in the list.
    - A struct whose association is already loaded keeps it, per struct, in
      both (`fetch_ids/4`, unless `force: true`, which both honour the same).
    - `nil` items: `preload(nil, ...)` is nil; in a list, nil is skipped when
      ids are fetched and stays nil (`load_assoc({:assoc, _, _}, nil)`).
    - A list takes the schema and the prefix of its first struct for all of
      them (`preload_each/5`: `sample.__struct__`, `preload_prefix/2`;
      `assert_struct!/2` raises on a struct of another schema), and
      `Enum.map` over a stream or a map gives a list while `Repo.preload/2` of
      them fails. So mir-fix rewrites only when the list is evidently a list of
      structs loaded by one query (one schema, one prefix): `Repo.all(...)`,
      a pipe into it, a variable bound to one, `Enum.filter`/`sort_by`/...
      of one, or an app function whose result is one. Otherwise the change
      is blocked, saying so.
    - Options (`force:`, `prefix:`, `timeout:`...) are passed on as written;
      the preloads and options must not depend on the item, and must be
      values or query expressions (built N times or once, the same value).
    - A preload query runs once over the ids of all the structs given
      (`fetch_query/8`: `assoc_query(assoc, query, Enum.uniq(ids))`), so a
      `limit`, `offset`, `distinct`, `group_by`/`having`, `first`/`last` in
      it applies to every item's rows together: `limit: 3` gives each post
      its 3 comments today and the whole list 3 comments in all after. Those
      block, and so does a preload variable whose value mir-fix cannot see
      (a parameter).
    - has_many rows come back ordered by the parent key (then
      `preload_order`); the order of one parent's rows among themselves is
      the database's in both forms, as without the rewrite.
    - An empty list: `Repo.preload([], ...)` is `[]`, as the map was (it
      checks the shape of the preloads first, so a malformed spec that the
      map never reached raises; the preloads are written-out values, which
      pass that check whenever a non-empty list does).

    And reports, as findings:
    - a repo read inside a loop over data (`Enum.map`/`each`/`flat_map`/...,
      `for`): `Repo.get/get_by/one/all/exists?/aggregate/preload`, a local
      function or an app (context) function that calls one. When the read is
      `Repo.get(Author, post.author_id)` and the list's schema has a
      `belongs_to` on that key, the finding names the association to preload
      and where the list's query is. Loops over literals, ranges, module
      attributes and `Enum.chunk_every/2` batches are bounded and left alone.
    - in a LiveView template, `post.author.name` inside a loop over `@posts`
      whose items come from a query visible in the module, where `author` is
      an association of the schema (its `belongs_to`/`has_many`/... in lib/)
      and nothing preloads it: Ecto does not load associations lazily, so the
      page reads an `%Ecto.Association.NotLoaded{}` unless each item is
      loaded one by one elsewhere. When the list comes from a local
      `from(...)` passed to `Repo.all` in this module, with no `select:`,
      used for this assign only (a query function that other code calls too
      would load authors for it as well), it adds `preload: [:author]` there
      (the same rows, each with its author loaded); otherwise a finding names
      the association and the query.
      Nothing happens when the module or template calls
      `Ecto.assoc_loaded?/1` (loading it would change what renders) or when
      anything on the way already mentions preload (a later `Repo.preload`
      without `force: true` would then be skipped for the loaded rows).

    Reads through a function that also writes (`create_x`, `update_x`) are
    left alone: a loop of writes is a batch of work. So are loops whose items
    are queries or id batches (`Repo.all(query)` of the item, `in ^ids`).

What it refuses (blocked, with the line)
    A list not known to be one query's structs; a `for` with filters, several
    generators, a pattern, or `into:`/`uniq:`/`reduce:`; preloads or options
    that depend on the item or call functions; a preload query with a limit
    (above); a comment inside the loop, which would go with it. Test code,
    `priv/` and `.exs` scripts are not read; nor are loops over LiveView
    streams (`@streams.posts`), whose items the process does not keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, Status
from mir_fix.engine.codemod import Codemod, Context, ParsedSource
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    call_args,
    call_name,
    has_parens,
    is_literal,
    keyword_key,
    layout,
    named,
    remote_call,
    walk,
)

from ._preload_facts import (
    QUERY_MACROS,
    REPO_READS,
    Aliases,
    AppFacts,
    ListSource,
    app_facts,
    binding_before,
    calls_in,
    enclosing_definition,
    enclosing_module,
    in_test_or_priv,
    is_repo,
    list_source,
)
from ._preload_loops import CAPTURED, Loop, loop_at
from ._preload_template import template_changes

MAX_LINE = 98  # mix format's line length
BATCHES = frozenset({"chunk_every", "chunk_by", "chunk_while", "split"})


class Preload(Codemod):
    id = "preload"
    title = "Load associations once for a list instead of once per item (N+1 queries)"
    prefilter = (
        b"preload",
        b"Repo.",
        b"Repo,",
        b"live_view",  # a LiveView's template may read associations of its lists
        b"Phoenix.LiveView",
    )
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        if in_test_or_priv(source):
            return

        # The app's facts cost a pass over the app: read only once a loop is found (a pre-commit run on a
        # file without one never pays it).
        def app() -> AppFacts:
            return app_facts(source.file.path, ctx.workspace)

        aliases: dict[int, Aliases] = {}
        reported: set[int] = set()
        for node in calls_in(source.tree.root_node):
            loop = loop_at(source, node)
            if loop is None:
                continue
            owner = enclosing_module(source, node)
            if owner is None:
                continue
            if owner[1].id not in aliases:
                aliases[owner[1].id] = Aliases.of(source, owner[1], owner[0])
            module_aliases = aliases[owner[1].id]
            if self.ignores_line(source, source.line(loop.node)):
                continue
            facts = app()
            change = self._rewrite(source, loop, module_aliases, facts)
            if change is not None:
                reported.update(n.id for n in walk(loop.function))
                yield change
                continue
            yield from self._reads(source, loop, module_aliases, facts, reported)
        yield from template_changes(self, source, ctx, app)

    # --- Enum.map(list, &Repo.preload(&1, a)) -> Repo.preload(list, a) ---------------------

    def _rewrite(self, source: ParsedSource, loop: Loop, aliases: Aliases, facts: AppFacts) -> Change | None:
        if loop.kind not in {"Enum.map", "for"} or loop.body is None or loop.var is None:
            return None
        preload = _per_item_preload(source, loop.body, loop.var, aliases, facts.repos)
        if preload is None:
            return None
        repo, rest, call = preload
        summary = f"one {repo}.preload of the list instead of one per item ({_short(source.text(loop.enumerable))})"
        change = Change(self.id, Status.READY, summary, source.file.rel, source.line(loop.node))
        if loop.extras is not None:
            return change.blocked(
                f"the for comprehension has {loop.extras}: it is not a map over one list, so one preload of "
                "the list would not give the same result; preload the list before the loop by hand"
            )
        depends = [n for n in rest for m in walk(n) if m.type == "identifier" and source.text(m) == loop.var]
        depends += [n for n in rest for m in walk(n) if loop.var == CAPTURED and source.text(m) == CAPTURED]
        if depends:
            return change.blocked(
                f"the preload `{source.text(depends[0])}` depends on the item, so the items do not all get the "
                "same preload"
            )
        unsure = next((u for n in rest if (u := _not_plain(n)) is not None), None)
        if unsure is not None:
            return change.blocked(
                f"`{_short(source.text(unsure))}` in the preload runs once per item now and would run once for "
                "the list: mir-fix cannot tell that this is the same; preload the list by hand"
            )
        scope = enclosing_definition(loop.node) or source.tree.root_node
        values, unseen = _values(source, rest, scope)
        if unseen is not None:
            return change.blocked(
                f"mir-fix cannot see what `{source.text(unseen)}` holds: a preload query with a limit would give "
                "each item its rows now and the whole list its rows after; preload the list by hand when it has "
                "none"
            )
        per_parent = next((n for r in values for n in walk(r) if _per_query_limit(source, n)), None)
        if per_parent is not None:
            return change.blocked(
                f"`{_short(source.text(per_parent))}` in a preload query applies to each item's query now and to "
                "the one query of the whole list after (a limit of 10 would give 10 rows in all, not 10 per "
                "item); keep the per-item preload, or load the rows with a window function by hand"
            )
        comment = next((n for n in walk(loop.node) if n.type == "comment"), None)
        if comment is not None:
            return change.blocked(
                f"the comment `{_short(source.text(comment))}` inside the loop would be lost or moved; move it out "
                "of the loop and run mir-fix again"
            )
        if any(n.type in {"string", "sigil", "charlist"} and b"\n" in (n.text or b"") for r in rest for n in walk(r)):
            return change.blocked(
                "a multi-line string in the preload would change if mir-fix laid it out again; rewrite it by hand"
            )
        scope = enclosing_definition(loop.node) or source.tree.root_node
        listed = list_source(source, loop.enumerable, aliases, facts.repos, scope, facts.functions)
        if listed is None:
            return change.blocked(
                f"mir-fix cannot tell that `{_short(source.text(loop.enumerable))}` is a list of structs loaded by "
                "one query: Repo.preload/2 of a list takes the schema and prefix of its first struct for all, and "
                "fails on a stream or a map where Enum.map does not. If it is one, write "
                f"{repo}.preload(list, {source.text(rest[0])}) by hand"
            )
        return Change(
            self.id,
            Status.READY,
            summary,
            source.file.rel,
            source.line(loop.node),
            edits=(FileEdits(source.file.rel, (self._edit(source, loop, repo, rest, call),)),),
        )

    def _edit(self, source: ParsedSource, loop: Loop, repo: str, rest: list[Node], call: Node) -> Edit:
        """The loop replaced by one preload of the list, with the preloads and options as written: on one
        line when they fit there (as mix format puts them), else in their own layout, moved to the loop's
        indentation."""
        content = source.file.content
        end = call.end_byte if has_parens(call) else rest[-1].end_byte
        arguments = content[rest[0].start_byte : end].decode("utf-8")
        if not has_parens(call):
            arguments += ")"
        head = f"{repo}.preload(" if loop.piped else f"{repo}.preload({source.text(loop.enumerable)}, "
        if "\n" in arguments:
            place = layout(content, loop.node.start_byte)
            flat = _one_line(arguments)
            if place.column + len(head) + len(flat) <= MAX_LINE and "\n" not in head:
                arguments = flat
            else:
                shift = len(place.indent) - len(layout(content, call.start_byte).indent)
                arguments = _reindented(arguments, shift)
                if not (len(rest) == 1 and arguments.startswith(("[", "%{"))):
                    # as mix format breaks a call whose arguments span lines: each on its own line
                    head, arguments = head.rstrip(), f"\n{place.indent}  {arguments}"
        return Edit(loop.node.start_byte, loop.node.end_byte, head + arguments)

    # --- reads inside loops: findings ----------------------------------------------------

    def _reads(
        self, source: ParsedSource, loop: Loop, aliases: Aliases, facts: AppFacts, reported: set[int]
    ) -> Iterator[Finding]:
        if _bounded(source, loop.enumerable, aliases, facts):
            return
        iterated = _pattern_names(source, loop)
        for node in walk(loop.function):
            if node.id in reported or node.type != "call":
                continue
            read = self._read(source, node, aliases, facts)
            if read is None or _reads_the_item(source, node, iterated, aliases, facts):
                continue
            reported.add(node.id)
            line = source.line(node)
            if self.ignores_line(source, line):
                continue
            yield Finding(self.id, source.file.rel, line, self._message(source, loop, node, read, aliases, facts))

    def _read(self, source: ParsedSource, call: Node, aliases: Aliases, facts: AppFacts) -> str | None:
        """What the call reads with: `Repo.get!`, `Blog.get_post!/1 (Repo.get! at lib/blog.ex:12)`."""
        remote = remote_call(call)
        if remote is not None:
            module, function = remote
            if is_repo(module, aliases, facts.repos):
                return f"{module}.{function}" if function in REPO_READS else None
            fact = facts.functions.get((aliases.resolve(module), function))
            # A function that writes (create_x, update_x) reads for its write: a loop of writes is a batch of
            # work, not the N+1 reads this finding is about.
            if fact is not None and fact.read and not fact.writes:
                return f"{module}.{function} (which calls {fact.read}, {_where(fact.path, fact.line, source)})"
            return None
        name = call_name(call)
        if name is None or name in {"def", "defp", "for"} or (not call_args(call) and not has_parens(call)):
            return None
        fact = facts.functions.get((aliases.module, name))
        if fact is not None and fact.read and not fact.writes:
            return f"{name} (which calls {fact.read}, line {fact.line})"
        return None

    def _message(
        self, source: ParsedSource, loop: Loop, call: Node, read: str, aliases: Aliases, facts: AppFacts
    ) -> str:
        listed = _short(source.text(loop.enumerable))
        message = (
            f"{read} inside {loop.kind} over `{listed}` (line {source.line(loop.node)}) runs one query per item (N+1)"
        )
        association = _association(source, loop, call, aliases, facts)
        if association is not None:
            name, schema, where = association
            return (
                f"{message}: it loads the {name} of each item, a belongs_to :{name} of {schema}; load it with the "
                f"list instead ({where}) and read {loop.var}.{name}"
            )
        return (
            f"{message}: load what the loop needs with one query before it (preload an association, or one "
            "query with `where: x.id in ^ids`), then look items up in memory"
        )


def _per_item_preload(
    source: ParsedSource, body: Node, var: str, aliases: Aliases, repos: set[str]
) -> tuple[str, list[Node], Node] | None:
    """(`Repo`, the preloads and options) when `body` is `Repo.preload(var, ...)` or `var |> Repo.preload(...)`."""
    if body.type == "binary_operator" and (body.child_by_field_name("operator") or body).text == b"|>":
        left, right = body.child_by_field_name("left"), body.child_by_field_name("right")
        if left is None or right is None or source.text(left) != var:
            return None
        remote = remote_call(right)
        args = call_args(right)
        if remote is None or remote[1] != "preload" or not is_repo(remote[0], aliases, repos) or not args:
            return None
        return remote[0], args, right
    remote = remote_call(body)
    args = call_args(body)
    if remote is None or remote[1] != "preload" or not is_repo(remote[0], aliases, repos) or len(args) < 2:
        return None
    if source.text(args[0]) != var:
        return None
    return remote[0], args[1:], body


def _not_plain(node: Node) -> Node | None:
    """The first part of a preload argument that may not evaluate the same whenever it runs, or run with
    effects: an anonymous function, a call other than a query macro. Inside a query (`from(...)`,
    `where(...)`) only pinned values (`^x`) run as Elixir; the rest is the query's own language."""
    if node.type == "anonymous_function":
        return node
    if node.type == "call":
        name = call_name(node)
        remote = remote_call(node)
        if name in QUERY_MACROS or (remote is not None and remote[0] in {"Ecto.Query", "Query"}):
            pins = [n for n in walk(node) if n.type == "unary_operator" and (n.text or b"").startswith(b"^")]
            return next((u for pin in pins if (u := _not_plain(pin.children[-1])) is not None), None)
        if not _field_access(node):
            return node
    return next((u for child in node.children if (u := _not_plain(child)) is not None), None)


# Query parts that apply to a query's rows as a whole: one query for all items is not N queries with them.
WHOLE_QUERY = frozenset({"limit", "offset", "distinct", "group_by", "having", "windows", "first", "last", "lock"})


def _values(source: ParsedSource, rest: list[Node], scope: Node) -> tuple[list[Node], Node | None]:
    """The preload arguments and what their variables are bound to (`recent = from(...)`), or the first variable
    whose value is not in sight (a parameter). Pinned values inside queries (`^ids`) are no query parts."""
    values, pending = list(rest), list(rest)
    while pending:
        node = pending.pop()
        for item in walk(node):
            if item.type != "identifier" or _in_query(item) or _is_call_name(item):
                continue
            bound = binding_before(item, scope)
            if bound is None:
                return values, item
            if len(values) < 20:
                values.append(bound)
                pending.append(bound)
    return values, None


def _in_query(node: Node) -> bool:
    current = node.parent
    while current is not None:
        if current.type == "call" and call_name(current) in QUERY_MACROS:
            return True
        current = current.parent
    return False


def _is_call_name(node: Node) -> bool:
    """`first` in `first()`, `preloads` in `@preloads`: a function's or an attribute's name, no variable."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "call":
        target = parent.child_by_field_name("target")
        return target is not None and target.id == node.id
    return parent.type == "unary_operator" and (parent.text or b"").startswith(b"@")


def _per_query_limit(source: ParsedSource, node: Node) -> bool:
    """`limit: 10`, `limit(q, 10)`, `distinct: true`, `first()`... inside a preload argument."""
    if node.type == "pair":
        return keyword_key(node) in WHOLE_QUERY
    if node.type == "call":
        remote = remote_call(node)
        name = call_name(node) or (remote[1] if remote is not None and remote[0] in {"Ecto.Query", "Query"} else None)
        return name in WHOLE_QUERY
    return False


def _field_access(node: Node) -> bool:
    """`opts.preloads`: a dot call on a variable without arguments or parentheses, not a function call."""
    target = node.child_by_field_name("target")
    if target is None or target.type != "dot" or call_args(node) or has_parens(node):
        return False
    left = target.child_by_field_name("left")
    return left is not None and left.type == "identifier"


def _bounded(source: ParsedSource, enumerable: Node, aliases: Aliases, facts: AppFacts) -> bool:
    """A loop over a list written out in the code, a range, a module attribute, a function that returns a
    written-out list, or batches: a fixed set of things, not one query per row of data. Followed through
    pipes and the first argument of Enum/Stream calls (`@types |> Enum.map(...)`)."""
    node = enumerable
    while True:
        if node.type == "binary_operator" and (node.child_by_field_name("operator") or node).text == b"|>":
            node = node.child_by_field_name("left") or node
            continue
        remote = remote_call(node)
        if remote is not None and remote[0] in {"Enum", "Stream"} and call_args(node):
            if remote[1] in BATCHES or "chunk" in remote[1]:
                return True
            node = call_args(node)[0]
            continue
        break
    if node.type == "list" and not any(c.type == "binary_operator" for c in named(node)):
        return True  # `[a, b]`: as many items as written
    if is_literal(node) or (node.type == "unary_operator" and (node.text or b"").startswith(b"@")):
        return True
    if node.type == "binary_operator" and (node.child_by_field_name("operator") or node).text in {b"..", b"..//"}:
        return True
    remote = remote_call(node)
    if remote is not None and remote == ("Range", "new"):
        return True
    names = [(remote_call(c) or ("", call_name(c) or ""))[1] for c in walk(enumerable) if c.type == "call"]
    if any("batch" in n or "chunk" in n for n in names):
        return True
    if remote is not None:
        fact = facts.functions.get((aliases.resolve(remote[0]), remote[1]))
    else:
        name = call_name(node)
        fact = facts.functions.get((aliases.module, name)) if name is not None else None
    return fact is not None and fact.literal_list


def _pattern_names(source: ParsedSource, loop: Loop) -> set[str]:
    """The names a loop binds per item: the fn's parameters (any pattern), the for's generator pattern."""
    if loop.var == CAPTURED:
        return {CAPTURED}
    pattern: Node | None = None
    if loop.function.type == "anonymous_function":
        clause = next((c for c in named(loop.function) if c.type == "stab_clause"), None)
        pattern = clause.child_by_field_name("left") if clause is not None else None
    elif loop.kind == "for":
        generator = next((a for a in call_args(loop.node) if a.type == "binary_operator"), None)
        pattern = generator.child_by_field_name("left") if generator is not None else None
    if pattern is None:
        return set()
    return {source.text(n) for n in walk(pattern) if n.type == "identifier"}


def _reads_the_item(source: ParsedSource, call: Node, names: set[str], aliases: Aliases, facts: AppFacts) -> bool:
    """The loop iterates queries or batches, not rows: `Repo.all(query)` of the item (`query |> where(...) |>
    Repo.all()` too), or a query over a list of ids (`where: x.id in ^ids`)."""
    remote = remote_call(call)
    if remote is None or not is_repo(remote[0], aliases, facts.repos):
        return False
    args = call_args(call)
    query = args[0] if args else None
    parent = call.parent
    if (
        parent is not None
        and parent.type == "binary_operator"
        and (parent.child_by_field_name("right") or call).id == call.id
    ):
        query = parent.child_by_field_name("left")
    if query is None:
        return False
    if " in ^" in source.text(query) or any(" in ^" in source.text(a) for a in args):
        return True
    while query.type == "binary_operator" and (query.child_by_field_name("operator") or query).text == b"|>":
        query = query.child_by_field_name("left") or query
    return source.text(query) in names


def _association(
    source: ParsedSource, loop: Loop, call: Node, aliases: Aliases, facts: AppFacts
) -> tuple[str, str, str] | None:
    """(`author`, `Shop.Blog.Post`, where to preload) when `call` is `Repo.get(Mod, item.author_id)` and the
    loop's list has a schema with `belongs_to :author` on that key."""
    remote = remote_call(call)
    if remote is None or not remote[1].startswith("get") or loop.var is None:
        return None
    args = call_args(call)
    key = next((a for a in args[1:2]), None)
    if key is None or source.text(key).partition(".")[0] != loop.var or "." not in source.text(key):
        return None
    field = source.text(key).partition(".")[2]
    scope = enclosing_definition(loop.node) or source.tree.root_node
    listed = list_source(source, loop.enumerable, aliases, facts.repos, scope, facts.functions)
    schema = facts.schemas.get(listed.schema or "") if listed is not None else None
    if listed is None or schema is None:
        return None
    association = next(
        (a for a in schema.associations.values() if a.kind == "belongs_to" and a.owner_key == field), None
    )
    if association is None:
        return None
    return association.name, schema.module, _preload_where(source, loop, listed, association.name)


def _preload_where(source: ParsedSource, loop: Loop, listed: ListSource, name: str) -> str:
    if listed.query is not None:
        return f"preload: [:{name}] in the query at line {source.line(listed.query)}"
    return f"preload :{name} where {listed.what} loads the list, or Repo.preload(list, :{name}) once"


def _where(path: object, line: int, source: ParsedSource) -> str:
    text = str(path)
    base = str(source.file.path)[: len(str(source.file.path)) - len(source.file.rel)]
    return f"{text[len(base) :] if text.startswith(base) else text}:{line}"


def _one_line(text: str) -> str:
    """Arguments written over several lines, on one (no comments or multi-line strings in them)."""
    text = re.sub(r"([(\[{])\s*\n\s*", r"\1", text)
    text = re.sub(r",?\s*\n\s*([)\]}])", r"\1", text)
    return re.sub(r"\s*\n\s*", " ", text)


def _reindented(text: str, shift: int) -> str:
    """`text` with every line after the first moved `shift` columns (left when negative, as far as it has
    spaces to give)."""
    lines = text.split("\n")
    for i in range(1, len(lines)):
        line = lines[i]
        if shift >= 0:
            lines[i] = " " * shift + line if line.strip() else line
        else:
            spaces = len(line) - len(line.lstrip(" "))
            lines[i] = line[min(spaces, -shift) :]
    return "\n".join(lines)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."
