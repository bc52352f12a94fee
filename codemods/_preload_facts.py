"""What the preload and pubsub-payloads codemods know about an app's Ecto code.

Read once per app (Workspace.fact) from its Elixir files: which modules are
repos, which are schemas and their associations, and which functions read
the repo (so that `Blog.get_post!(id)` in a loop counts as a query). Per file:
aliases, and what an expression is known to be (a list of structs loaded by
one query, of which schema).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    calls_named,
    captures,
    keyword_pairs,
    module_definitions,
    module_name,
    named,
    remote_call,
    walk,
)

from ._repo_facts import app_roots, repos_in

# Repo functions that run a query and return what it read.
REPO_READS = frozenset(
    {"get", "get!", "get_by", "get_by!", "one", "one!", "all", "exists?", "aggregate", "preload", "reload", "reload!"}
)
# Repo functions that write: a loop that writes per item is a batch of work, not an N+1 read.
REPO_WRITES = frozenset(
    {
        "insert", "insert!", "update", "update!", "delete", "delete!", "insert_all", "update_all", "delete_all",
        "insert_or_update", "insert_or_update!", "transaction", "transact",
    }
)  # fmt: skip
# Repo functions whose result (`{:ok, struct}` or a struct) holds a whole struct.
STRUCT_RESULTS = frozenset(
    {
        "get", "get!", "get_by", "get_by!", "one", "one!", "insert", "insert!", "update", "update!",
        "insert_or_update", "insert_or_update!", "delete", "delete!", "reload", "reload!", "preload",
    }
)  # fmt: skip
# Enum functions whose result is a sublist (or reordering) of their first argument: same structs, still a list.
SUBLIST = frozenset(
    {"filter", "reject", "sort", "sort_by", "take", "drop", "uniq", "uniq_by", "reverse", "take_while", "drop_while"}
)
ASSOCIATIONS = frozenset({"belongs_to", "has_many", "has_one", "many_to_many"})
# Ecto.Query macros: calling them builds a query and has no effect.
QUERY_MACROS = frozenset(
    {
        "from", "where", "or_where", "select", "select_merge", "order_by", "preload", "join", "limit", "offset",
        "group_by", "having", "distinct", "dynamic", "subquery", "exclude", "lock", "windows", "with_cte",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Association:
    name: str
    kind: str  # belongs_to | has_many | has_one | many_to_many
    related: str  # the related module as written
    owner_key: str | None  # belongs_to's foreign key (`author_id`)


@dataclass(frozen=True)
class Schema:
    module: str
    path: Path
    associations: dict[str, Association]


@dataclass(frozen=True)
class Function:
    """What a def of the app does with the repo (any arity, any clause)."""

    module: str
    name: str
    path: Path
    line: int
    read: str | None  # the first Repo read it calls (`Repo.get!`), directly
    list_of: str | None  # it returns a list loaded by Repo.all of this schema (`Shop.Blog.Post`; "" unknown)
    preloads: bool  # its text mentions preload
    struct_result: str | None = None  # it returns the result of this Repo call (`Repo.insert`): a whole struct
    writes: bool = False  # it calls a Repo write
    literal_list: bool = False  # it returns a list written out in the code (a fixed set: types, providers)
    calls: frozenset[tuple[str, str]] = frozenset()  # the app functions it may call (module, name)


@dataclass
class AppFacts:
    repos: set[str] = field(default_factory=set)
    schemas: dict[str, Schema] = field(default_factory=dict)
    functions: dict[tuple[str, str], Function] = field(default_factory=dict)
    # Tags of messages sent to one process (`send(pid, {:saved, post})`, `send(self(), {Form, msg})`), aliases
    # resolved: a handle_info for one of them is not fed by a broadcast.
    sent_tags: set[str] = field(default_factory=set)


def app_facts(path: Path, workspace: Workspace) -> AppFacts:
    """The facts of the app (the umbrella, when there is one) holding `path`."""
    roots = app_roots(path, workspace)
    root = roots[-1] if roots else path.parent
    return workspace.fact(("preload-app", str(root)), lambda: _read_app(root, workspace))


def _read_app(root: Path, workspace: Workspace) -> AppFacts:
    facts = AppFacts(repos={r.name for r in repos_in(root, workspace)})
    modules: list[tuple[ParsedSource, Node, str, list[Node], Aliases]] = []
    for path in workspace.walk(root, (".ex",)):
        if "test" in path.relative_to(root).parts:
            continue
        source = workspace.source(path)
        wanted = source is not None and (b"Repo" in source.content or b"schema" in source.content)
        if source is None or not (wanted or SENT.search(source.content)):
            continue
        parsed = workspace.parse(path)
        if parsed is None:
            continue
        for module in module_definitions(parsed.tree.root_node):
            args = call_args(module)
            name = module_name(args[0]) if args else None
            body = block_body(module)
            if name is None or body is None:
                continue
            aliases = Aliases.of(parsed, module, name)
            _read_schema(parsed, name, body, aliases, facts)
            modules.append((parsed, module, name, body, aliases))
    # A module of the app named like a repo that is no schema: a facade over the Ecto repo (hexpm's Hexpm.Repo
    # delegates to Hexpm.RepoBase), or a read replica. Known before any function is read.
    facts.repos |= {m[2] for m in modules if m[2].split(".")[-1].endswith("Repo") and m[2] not in facts.schemas}
    for parsed, module, name, body, aliases in modules:
        _read_functions(parsed, name, body, aliases, facts)
        _read_sends(parsed, module, aliases, facts)
    _propagate_writes(facts)
    return facts


SENT = re.compile(rb"\bsend(_after|_update|_update_after)?\(")
SENDS = frozenset({"send", "send_after", "send_update", "send_update_after"})


def _read_sends(source: ParsedSource, module: Node, aliases: Aliases, facts: AppFacts) -> None:
    if b"send" not in (module.text or b""):
        return
    for node in calls_in(module):
        remote = remote_call(node)
        name = remote[1] if remote is not None else call_name(node)
        args = call_args(node) if name in SENDS else []
        if len(args) >= 2:
            tag = message_tag(source, args[1], aliases)
            if tag is not None:
                facts.sent_tags.add(tag)


def message_tag(source: ParsedSource, pattern: Node, aliases: Aliases) -> str | None:
    """`:saved` for `{:saved, post}` or `:tick`; `Shop.Form` for `{Shop.Form, msg}` or `{__MODULE__, msg}`."""
    node = pattern
    if node.type == "binary_operator" and _operator(node) == "=":  # `{:x, _} = msg` / `msg = {:x, _}`
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        node = left if left is not None and left.type != "identifier" else (right or node)
    if node.type in {"atom", "quoted_atom"}:
        return source.text(node)
    if node.type == "tuple":
        items = named(node)
        if items and items[0].type in {"atom", "quoted_atom"}:
            return source.text(items[0])
        if items and (items[0].type == "alias" or source.text(items[0]) == "__MODULE__"):
            return aliases.resolve(source.text(items[0]))
        return None
    if node.type == "map":
        struct = next((c for c in named(node) if c.type == "struct"), None)
        return aliases.resolve(source.text(struct).lstrip("%")) if struct is not None else None
    return None


def _callees(source: ParsedSource, definition: Node, aliases: Aliases) -> frozenset[tuple[str, str]]:
    found = set()
    for node in calls_in(definition):
        remote = remote_call(node)
        if remote is not None:
            found.add((aliases.resolve(remote[0]), remote[1]))
            continue
        name = call_name(node)
        if name is not None:
            found.add((aliases.module, name))
    return frozenset(found)


def calls_in(node: Node) -> list[Node]:
    """Every call under `node`, in source order (a tree-sitter query: C speed, not a walk in Python)."""
    return captures(node, "(call) @call", "call")


def _propagate_writes(facts: AppFacts) -> None:
    """A function that calls an app function that writes (`persist!`, `Access.create_context`) writes too."""
    changed = True
    while changed:
        changed = False
        for key, function in list(facts.functions.items()):
            if function.writes:
                continue
            if any(facts.functions.get(c, function).writes for c in function.calls if c != key):
                facts.functions[key] = replace(function, writes=True)
                changed = True


def _read_schema(source: ParsedSource, name: str, body: list[Node], aliases: Aliases, facts: AppFacts) -> None:
    for statement in body:
        if call_name(statement) not in {"schema", "typed_schema"}:
            continue
        found = {}
        for item in calls_in(statement):
            kind = call_name(item)
            args = call_args(item) if kind in ASSOCIATIONS else []
            if len(args) < 2 or args[0].type != "atom":
                continue
            assoc = source.text(args[0]).lstrip(":")
            related = aliases.resolve(source.text(args[1]))
            owner_key = None
            if kind == "belongs_to":
                owner_key = f"{assoc}_id"
                for extra in args[2:]:
                    for key, value in keyword_pairs(extra) if extra.type == "keywords" else []:
                        if key == "foreign_key" and value.type == "atom":
                            owner_key = source.text(value).lstrip(":")
            found[assoc] = Association(assoc, kind or "", related, owner_key)
        facts.schemas[name] = Schema(name, source.file.path, found)


def _read_functions(source: ParsedSource, name: str, body: list[Node], aliases: Aliases, facts: AppFacts) -> None:
    for statement in body:
        if call_name(statement) not in {"def", "defp"}:
            continue
        head = call_args(statement)
        head_node = head[0] if head else None
        if head_node is not None and head_node.type == "binary_operator":
            head_node = head_node.child_by_field_name("left")
        function = call_name(head_node) if head_node is not None else None
        if head_node is not None and head_node.type == "identifier":
            function = source.text(head_node)
        if function is None:
            continue
        calls = _repo_calls(source, statement, aliases, facts.repos)
        read = next((r for r in calls if r[1] in REPO_READS), None)
        writes = any(r[1] in REPO_WRITES for r in calls)
        statements = block_body(statement) or []
        last = statements[-1] if statements else None
        written_out = last is not None and (
            last.type == "list" or (last.type == "unary_operator" and (last.text or b"").startswith(b"@"))
        )
        literal_list = written_out and all(c.type != "binary_operator" for c in named(last))  # type: ignore[arg-type]
        listed = list_source(source, statements[-1], aliases, facts.repos, statement) if statements else None
        key = (name, function)
        previous = facts.functions.get(key)
        fact = Function(
            name,
            function,
            source.file.path,
            source.line(statement),
            f"{read[0]}.{read[1]}" if read else None,
            (listed.schema or "") if listed else None,
            b"preload" in (statement.text or b""),
            struct_result(source, statements[-1], aliases, facts.repos) if statements else None,
            writes,
            literal_list,
            _callees(source, statement, aliases),
        )
        if previous is not None:  # several clauses: a read in any; a list only when every clause says so
            fact = Function(
                name,
                function,
                previous.path,
                previous.line,
                previous.read or fact.read,
                previous.list_of if previous.list_of == fact.list_of else None,
                previous.preloads or fact.preloads,
                previous.struct_result or fact.struct_result,
                previous.writes or fact.writes,
                previous.literal_list and fact.literal_list,
                previous.calls | fact.calls,
            )
        facts.functions[key] = fact


def _repo_calls(source: ParsedSource, node: Node, aliases: Aliases, repos: set[str]) -> list[tuple[str, str]]:
    found = []
    for item in calls_in(node):
        remote = remote_call(item)
        if remote is not None and is_repo(remote[0], aliases, repos):
            found.append(remote)
    return found


class Aliases:
    """The aliases of one module: `Repo` -> `Shop.Repo` for `alias Shop.Repo`."""

    def __init__(self, module: str, names: dict[str, str]) -> None:
        self.module = module
        self.names = names

    @classmethod
    def of(cls, source: ParsedSource, module: Node, name: str) -> Aliases:
        names: dict[str, str] = {}
        for item in calls_named(module, frozenset({"alias"})):
            args = call_args(item)
            if not args:
                continue
            target = source.text(args[0])
            short = None
            if len(args) > 1 and args[1].type == "keywords":
                short = next((source.text(v) for k, v in keyword_pairs(args[1]) if k == "as"), None)
            multi = re.fullmatch(r"([\w.]+)\.\{([\w.,\s]+)\}", target)
            if multi:
                for part in multi.group(2).split(","):
                    part = part.strip()
                    if part:
                        names[part.split(".")[-1]] = f"{multi.group(1)}.{part}"
            elif re.fullmatch(r"[\w.]+", target):
                target = target.replace("__MODULE__", name)
                names[short or target.split(".")[-1]] = target
        return cls(name, names)

    def resolve(self, written: str) -> str:
        if written == "__MODULE__":
            return self.module
        if written.startswith("__MODULE__."):
            return self.module + written[len("__MODULE__") :]
        first, _, rest = written.partition(".")
        full = self.names.get(first)
        if full is None:
            return written
        return f"{full}.{rest}" if rest else full


def is_repo(written: str, aliases: Aliases, repos: set[str]) -> bool:
    """`Repo` names an Ecto repo: one of the app's `use Ecto.Repo` modules, or, when the app shows none, a
    module whose name has a segment ending in Repo."""
    full = aliases.resolve(written)
    if repos:
        # A bare `Repo` no alias of the module names comes from a `use` (DataCase, `use MyApp, :context`): the
        # app's repo of that name, when it has one.
        return full in repos or (full == written == "Repo" and any(r.split(".")[-1] == "Repo" for r in repos))
    return any(part.endswith("Repo") for part in full.split("."))


@dataclass(frozen=True)
class ListSource:
    """An expression known to be a list of structs that one query loaded."""

    what: str  # how it is known, for messages: `Repo.all(...)`, `Blog.list_posts/0`
    schema: str | None  # the schema module, when known
    query: Node | None = None  # a local `from(...)` the list comes from, when it is one
    preloads: bool = False  # something on the way mentions preload
    at: tuple[Path, int] | None = None  # the app function's definition, when it comes from one


def list_source(
    source: ParsedSource,
    node: Node,
    aliases: Aliases,
    repos: set[str],
    scope: Node | None = None,
    functions: dict[tuple[str, str], Function] | None = None,
    depth: int = 0,
) -> ListSource | None:
    """What `node` is, when it is evidently a list of structs of one query: `Repo.all(q)`, a pipe into it,
    a sublist of one (Enum.filter...), a `Repo.preload` of one, a variable bound to one before `node` in
    `scope`, or a call of an app function known to return one."""
    if depth > 6:
        return None

    def again(inner: Node) -> ListSource | None:
        return list_source(source, inner, aliases, repos, scope, functions, depth + 1)

    if node.type == "block" and len(named(node)) == 1:
        return again(named(node)[0])
    if node.type == "binary_operator" and _operator(node) == "|>":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return None
        remote = remote_call(right)
        if remote is not None and is_repo(remote[0], aliases, repos) and remote[1] == "all":
            return _all(source, right, left, node, aliases, scope)
        if remote is not None and (
            (remote[0] == "Enum" and remote[1] in SUBLIST)
            or (is_repo(remote[0], aliases, repos) and remote[1] == "preload")
        ):
            inner = again(left)
            return _preloading(inner, right) if inner and remote[1] == "preload" else inner
        return None
    remote = remote_call(node)
    if remote is not None:
        args = call_args(node)
        if is_repo(remote[0], aliases, repos):
            if remote[1] == "all" and args:
                return _all(source, node, args[0], node, aliases, scope)
            if remote[1] == "preload" and args:
                inner = again(args[0])
                return _preloading(inner, node) if inner else None
            return None
        if remote[0] == "Enum" and remote[1] in SUBLIST and args:
            return again(args[0])
        function = (functions or {}).get((aliases.resolve(remote[0]), remote[1]))
        if function is not None and function.list_of is not None:
            return ListSource(
                f"{remote[0]}.{remote[1]}",
                function.list_of or None,
                None,
                function.preloads,
                (function.path, function.line),
            )
        return None
    name = call_name(node)
    if name is not None and name not in QUERY_MACROS:
        function = (functions or {}).get((aliases.module, name))
        if function is not None and function.list_of is not None:
            at = (function.path, function.line)
            return ListSource(f"{name}/{len(call_args(node))}", function.list_of or None, None, function.preloads, at)
        return None
    if node.type == "identifier" and scope is not None:
        bound = binding_before(node, scope)
        return again(bound) if bound is not None else None
    return None


def struct_result(source: ParsedSource, node: Node, aliases: Aliases, repos: set[str]) -> str | None:
    """`Repo.insert` when `node` is a Repo call whose result holds a whole struct, or a pipe ending in one."""
    if node.type == "binary_operator" and _operator(node) == "|>":
        right = node.child_by_field_name("right")
        return struct_result(source, right, aliases, repos) if right is not None else None
    remote = remote_call(node)
    if remote is not None and is_repo(remote[0], aliases, repos) and remote[1] in STRUCT_RESULTS:
        return f"{remote[0]}.{remote[1]}"
    return None


def _all(
    source: ParsedSource, call: Node, query: Node, whole: Node, aliases: Aliases, scope: Node | None
) -> ListSource | None:
    """`Repo.all(query)`: a list of the query's schema's structs, unless the query selects something else (a
    `select:` gives maps, tuples or fields). A query held by a variable is read where it is bound."""
    bound = binding_before(query, scope) if query.type == "identifier" and scope is not None else None
    seen = bound if bound is not None else query
    if b"select" in (seen.text or b""):
        return None
    preloads = _mentions(whole) or _mentions(seen)
    return ListSource(source.text(call), query_schema(source, seen, aliases), _from(query), preloads)


def _preloading(inner: ListSource, call: Node) -> ListSource:
    return ListSource(inner.what, inner.schema, inner.query, True, inner.at)


def _mentions(node: Node) -> bool:
    return b"preload" in (node.text or b"")


def _from(node: Node) -> Node | None:
    """The `from(...)` call that `node` is, when it is one (`from p in Post, where: ...`)."""
    if call_name(node) == "from":
        return node
    return None


def _operator(node: Node) -> str:
    operator = node.child_by_field_name("operator")
    return (operator.text or b"").decode() if operator is not None else ""


def query_schema(source: ParsedSource, query: Node, aliases: Aliases) -> str | None:
    """The schema a query reads: `Post`, `from p in Post, ...`, `Post |> where(...)`."""
    if query.type == "alias":
        return aliases.resolve(source.text(query))
    if call_name(query) == "from":
        args = call_args(query)
        if args and args[0].type == "binary_operator" and _operator(args[0]) == "in":
            right = args[0].child_by_field_name("right")
            return query_schema(source, right, aliases) if right is not None else None
        return None
    if query.type == "binary_operator" and _operator(query) == "|>":
        left = query.child_by_field_name("left")
        return query_schema(source, left, aliases) if left is not None else None
    if call_name(query) in QUERY_MACROS:
        args = call_args(query)
        return query_schema(source, args[0], aliases) if args else None
    return None


def binding_before(use: Node, scope: Node) -> Node | None:
    """The value last bound to the variable `use` by a plain `name = value` statement of a body that holds
    `use`, before it; None when there is none (a parameter, a pattern, a binding in a branch)."""
    name = use.text
    current = use
    while current.parent is not None and current.id != scope.id:
        parent = current.parent
        if parent.type in {"do_block", "body", "block", "source"}:
            for sibling in reversed(named(parent)):
                if sibling.start_byte >= current.start_byte:
                    continue
                if sibling.type == "binary_operator" and _operator(sibling) == "=":
                    left = sibling.child_by_field_name("left")
                    if left is not None and left.type == "identifier" and left.text == name:
                        return sibling.child_by_field_name("right")
                if _binds(sibling, name):
                    return None
        current = parent
    return None


def _binds(statement: Node, name: bytes | None) -> bool:
    """The statement binds `name` in some other way (a pattern): the value is unknown."""
    if statement.type != "binary_operator" or _operator(statement) != "=":
        return False
    left = statement.child_by_field_name("left")
    return left is not None and any(n.type == "identifier" and n.text == name for n in walk(left))


def enclosing_definition(node: Node) -> Node | None:
    """The `def`/`defp` call holding `node`."""
    current = node.parent
    while current is not None:
        if call_name(current) in {"def", "defp", "defmacro", "defmacrop"}:
            return current
        current = current.parent
    return None


def enclosing_module(source: ParsedSource, node: Node) -> tuple[str, Node] | None:
    found = None
    for module in module_definitions(source.tree.root_node):
        if module.start_byte <= node.start_byte < module.end_byte:
            args = call_args(module)
            name = module_name(args[0]) if args else None
            if name is not None:
                found = (name, module)
    return found


def in_test_or_priv(source: ParsedSource) -> bool:
    """Test code and scripts (seeds, migrations) run once or against fixtures: not request paths."""
    parts = Path(source.file.rel).parts
    return source.file.path.suffix != ".ex" or "test" in parts or "priv" in parts
