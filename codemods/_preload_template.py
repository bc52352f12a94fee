"""The template half of the preload codemod: associations read in a loop over an assign whose query does
not load them.

Only with evidence: the loop's assign is set (every time) from a query visible in
the module (or an app function known to return `Repo.all` of a schema), the
schema's association is declared in the app, and nothing on the way mentions
preload. Then either `preload: [...]` goes into the local `from(...)`, or a
finding names the association and the query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, Status
from mir_fix.engine.codemod import Blocked, Context, ParsedSource
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    keyword_key,
    keyword_pairs,
    layout,
    named,
    open_ended,
    walk,
)
from mir_fix.engine.heex import Template

from ._liveview import LiveModule, TemplateProblem, live_modules, template_of
from ._preload_facts import Aliases, AppFacts, ListSource, binding_before, list_source
from ._stream_template import eex_body, find_loops, loop_keys

if TYPE_CHECKING:
    from mir_fix.engine.codemod import Codemod

# Query keys with which adding preload: would fail or change the rows (select: a map, a union...).
NO_PRELOAD = frozenset({"select", "select_merge", "union", "union_all", "except", "intersect", "group_by", "preload"})


@dataclass(frozen=True)
class Use:
    association: str
    line: int  # in the template's file


@dataclass(frozen=True)
class Origin:
    """Where an assign's list comes from: its query, and the local `from` to edit when there is one."""

    listed: ListSource
    query: Node | None
    where: str  # the file and line of the expression that loads the list


def template_changes(
    codemod: Codemod, source: ParsedSource, ctx: Context, app: Callable[[], AppFacts]
) -> Iterator[Change | Finding]:
    """`app` gives the app's facts, read only once a template loop reads an association (they cost a pass
    over the app)."""
    for module in live_modules(source):
        try:
            template = template_of(source, module, ctx.workspace)
        except TemplateProblem:
            continue
        text = template.file.content.decode("utf-8", "replace") + source.text(module.node)
        if "assoc_loaded?" in text or "Association.NotLoaded" in text:
            continue  # the page tells loaded from not loaded: loading it would change what renders
        aliases = Aliases.of(source, module.node, module.name)
        for key in sorted(loop_keys(template)):
            uses = _uses(template, key)
            if not uses:
                continue
            facts = app()
            origins = _origins(source, module, key, aliases, facts)
            if not origins:
                continue
            yield from _proposals(codemod, source, ctx, template, module, key, uses, origins, facts)


def _uses(template: Template, key: str) -> list[Use]:
    """Associations read in the loops over @key: `post.author.name`, `for c <- post.comments`."""
    found = []
    for loop in find_loops(template, key):
        if loop.kind not in {"for", "eex"} or not loop.var:
            continue
        if loop.kind == "for":
            element = loop.start.parent
            region = element if element is not None else loop.start
            start, end = region.start_byte, region.end_byte
        else:
            try:
                eex_body(template, loop)
            except Blocked:
                continue
            if loop.end is None:
                continue
            start, end = loop.start.start_byte, loop.end.end_byte
        body = template.tree.root_node.text or b""
        text = body[start:end].decode("utf-8", "replace")
        var = re.escape(loop.var)
        for match in re.finditer(rf"(?<![\w.@]){var}\.([a-z_]\w*)(?=\.[a-z_]|\s*\|>)|<-\s*{var}\.([a-z_]\w*)\b", text):
            name = match.group(1) or match.group(2)
            found.append(Use(name, template.line(start + len(text[: match.start()].encode()))))
    return found


def _origins(source: ParsedSource, module: LiveModule, key: str, aliases: Aliases, facts: AppFacts) -> list[Origin]:
    """Every value assigned to `key` in the module, each a known list; [] when any is not (or none is found)."""
    values: list[Node] = []
    for node in walk(module.node):
        name = call_name(node)
        if name in {"update", "stream", "assign_new", "stream_insert"} and any(
            source.text(a) == f":{key}" for a in call_args(node)
        ):
            return []
        if name != "assign":
            continue
        args = call_args(node)
        for index, arg in enumerate(args):
            if arg.type == "atom" and source.text(arg) == f":{key}" and index + 1 < len(args):
                values.append(args[index + 1])
            elif arg.type == "keywords":
                values += [v for k, v in keyword_pairs(arg) if k == key]
    if not values:
        return []
    origins = []
    for value in values:
        origin = _origin(source, module, value, aliases, facts)
        if origin is None:
            return []
        origins.append(origin)
    return origins


def _origin(source: ParsedSource, module: LiveModule, value: Node, aliases: Aliases, facts: AppFacts) -> Origin | None:
    clause = module.clause_at(value)
    scope = clause.node if clause is not None else module.node
    local = _local_function(source, module, value)
    shared = False
    if local is not None:  # a local query function (`defp list_posts`): its query is this module's to edit...
        shared = _calls(module, call_name(value) or "") > 1  # ...unless others call it for something else
        value, scope = local
    listed = list_source(source, value, aliases, facts.repos, scope, facts.functions)
    if listed is None:
        return None
    query = listed.query
    if query is None:
        query = _bound_from(source, value, scope)
    return Origin(listed, None if shared else query, f"{source.file.rel}:{source.line(value)}")


def _calls(module: LiveModule, name: str) -> int:
    """How many times the module calls its function `name` (its definitions' heads do not count)."""
    count = 0
    for node in walk(module.node):
        if call_name(node) != name and not (node.type == "identifier" and node.text == name.encode()):
            continue
        head = node.parent.parent if node.parent is not None and node.parent.type == "arguments" else None
        if head is not None and call_name(head) in {"def", "defp"}:
            continue
        if node.type == "identifier" and node.parent is not None and node.parent.type == "call":
            continue  # the name of a call, counted as the call
        count += 1
    return count


def _local_function(source: ParsedSource, module: LiveModule, value: Node) -> tuple[Node, Node] | None:
    """The last expression of the one local function without arguments that `value` calls (`list_posts()`)."""
    name = call_name(value)
    if name is None or call_args(value):
        return None
    clauses = [c for c in module.clauses if c.name == name]
    if len(clauses) != 1 or clauses[0].args:
        return None
    body = block_body(clauses[0].node) or []
    return (body[-1], clauses[0].node) if body else None


def _bound_from(source: ParsedSource, value: Node, scope: Node) -> Node | None:
    """`query` in `Repo.all(query)` bound by `query = from(...)` (used once): that `from`."""
    for node in walk(value):
        if node.type == "identifier":
            bound = binding_before(node, scope)
            if bound is not None and call_name(bound) == "from":
                uses = [n for n in walk(scope) if n.type == "identifier" and n.text == node.text]
                return bound if len(uses) == 2 else None
    return None


def _proposals(
    codemod: Codemod,
    source: ParsedSource,
    ctx: Context,
    template: Template,
    module: LiveModule,
    key: str,
    uses: list[Use],
    origins: list[Origin],
    facts: AppFacts,
) -> Iterator[Change | Finding]:
    missing: dict[str, Use] = {}
    schemas = set()
    for use in uses:
        for origin in origins:
            schema = facts.schemas.get(origin.listed.schema or "")
            if schema is None or use.association not in schema.associations:
                return  # an unknown schema, or a field that is no association: no evidence
            if origin.listed.preloads:
                return
            schemas.add(schema.module)
        missing.setdefault(use.association, use)
    if not missing or len(schemas) != 1:
        return
    names = sorted(missing)
    atoms = ", ".join(f":{n}" for n in names)
    first = missing[names[0]]
    reads = ", ".join(f"{n} (line {missing[n].line})" for n in names)
    where = f"{template.file.rel}"
    summary = f"preload {atoms} in the query of @{key} in {module.name}"
    for origin in origins:
        query = origin.query
        line = source.line(query) if query is not None else source.line(module.node)
        if query is not None and codemod.ignores_line(source, line):
            continue
        edit = (
            _preload_edit(source, query, names)
            if query is not None and query.start_byte >= module.node.start_byte
            else None
        )
        if edit is None:
            if codemod.ignores_line(source, first.line) and where == source.file.rel:
                continue
            yield Finding(
                codemod.id,
                where,
                first.line,
                f"the loop over @{key} reads {reads} of each item, but @{key} comes from {_origin_text(ctx, origin)}, "
                f"which does not preload {atoms}: Ecto does not load associations lazily, so each item holds "
                "%Ecto.Association.NotLoaded{} unless it is loaded one by one elsewhere (N+1); preload "
                f"{atoms} in that query (preload: [...]) or with one Repo.preload of the list",
            )
            continue
        yield Change(
            codemod.id, Status.READY, summary, source.file.rel, line, edits=(FileEdits(source.file.rel, (edit,)),)
        )


def _preload_edit(source: ParsedSource, query: Node, names: list[str]) -> Edit | None:
    """`preload: [...]` added as the last keyword of `from(...)`, as mix format would lay it out."""
    args = call_args(query)
    if not args or len(args) > 2:
        return None
    keywords = args[1] if len(args) == 2 else None
    if keywords is not None and (
        keywords.type != "keywords" or any(keyword_key(p) in NO_PRELOAD for p in named(keywords))
    ):
        return None
    last = keywords if keywords is not None else args[0]
    if open_ended(last):
        return None
    value = "[" + ", ".join(f":{n}" for n in names) + "]"
    pairs = named(keywords) if keywords is not None else []
    content = source.file.content
    if len(pairs) > 1 and all(
        content.count(b"\n", pairs[i].end_byte, pairs[i + 1].start_byte) for i in range(len(pairs) - 1)
    ):
        indent = layout(content, pairs[-1].start_byte).indent
        return Edit.insert(pairs[-1].end_byte, f",\n{indent}preload: {value}")
    if b"\n" in content[args[0].start_byte : last.end_byte] and pairs:
        return None
    return Edit.insert(last.end_byte, f", preload: {value}")


def _origin_text(ctx: Context, origin: Origin) -> str:
    listed = origin.listed
    if listed.at is not None:
        return f"{listed.what} ({ctx.workspace.display(listed.at[0])}:{listed.at[1]})"
    what = " ".join(listed.what.split()).replace("( ", "(")
    return f"`{what if len(what) <= 50 else what[:47] + '...'}` ({origin.where})"
