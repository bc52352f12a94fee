"""The deploy path of a migration module: up/0 and change/0, and the module's functions they call.

down/0 runs on rollback only, so what only it reaches is never reported. Also
read here: the tables and columns the deploy path creates (safe to alter,
rename or drop in the same migration), its Repo calls, and the SQL of each
`execute` and `repo().query` (a literal, a module attribute holding one, or a
variable bound to one earlier in the same block).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, captures, module_attribute, remote_call

from . import _hazard_sql as sql
from ._migration import RAW_CREATE_TABLE, MigrationModule, literal_name

DEPLOY_FUNCTIONS = ("change", "up")
QUERIES = frozenset({"query", "query!"})
# `Repo.insert(...)`, `MyApp.Repo.update_all(...)`, `repo().delete_all(...)`: any call on a dot
REMOTE_CALLS = "(call target: (dot right: (identifier) @name)) @call"
# every local call (`alter table(...)`, `backfill(...)`), filtered by name in Python: one query for any names
LOCAL_CALLS = "(call target: (identifier)) @call"
# &up_sql/0
CAPTURES = "(unary_operator operand: (binary_operator left: (identifier))) @capture"


@dataclass
class Migration:
    """The deploy path of one migration module: what up/0 and change/0 (and helpers they call) do."""

    source: ParsedSource
    module: MigrationModule
    workspace: Workspace
    roots: list[Node]
    created: set[str] = field(default_factory=set)
    added: set[tuple[str, str]] = field(default_factory=set)
    # name -> the deploy path's local calls of that name, in source order
    by_name: dict[str, list[Node]] = field(default_factory=dict)

    @classmethod
    def read(cls, source: ParsedSource, module: MigrationModule, workspace: Workspace) -> Migration:
        migration = cls(source, module, workspace, _deploy_roots(module))
        every = sorted((c for root in migration.roots for c in captures(root, LOCAL_CALLS, "call")), key=_start)
        for call in every:
            migration.by_name.setdefault(call_name(call) or "", []).append(call)
        for root in migration.roots:
            for call in local_calls(root, frozenset({"create", "create_if_not_exists", "alter", "execute"})):
                args = call_args(call)
                if call_name(call) == "execute":
                    for literal in (sql.sql_text(a) for a in args[:1]):
                        migration.created.update(t.lower() for t in RAW_CREATE_TABLE.findall(literal or ""))
                    continue
                table = table_of(args)
                if table is None:
                    continue
                if call_name(call) != "alter":
                    migration.created.add(table)
                    continue
                for statement in block_body(call) or []:
                    column_args = call_args(statement)
                    if call_name(statement) in {"add", "add_if_not_exists"} and column_args:
                        column = literal_name(column_args[0])
                        if column is not None:
                            migration.added.add((table, column))
        return migration

    def calls(self, names: frozenset[str]) -> list[Node]:
        """The deploy path's local calls named one of `names`, in source order."""
        return sorted((c for name in names for c in self.by_name.get(name, ())), key=_start)

    def remote_calls(self) -> list[Node]:
        found = [c for root in self.roots for c in captures(root, REMOTE_CALLS, "call")]
        return sorted(found, key=lambda n: n.start_byte)

    def sql(self) -> list[tuple[Node, str | None]]:
        """(call, SQL or None when mir-fix cannot read it) of each `execute` and repo `query` in the deploy path.

        `execute(fn -> ... end)` and `execute(&up_sql/0)` are not SQL: the function's own calls are read.
        """
        found: list[tuple[Node, str | None]] = []
        for call in self.calls(frozenset({"execute"})):
            args = call_args(call)
            if args and args[0].type != "anonymous_function" and not _capture_name(args[0]):
                found.append((call, self.literal(args[0], call)))
        for call in self.remote_calls():
            remote = remote_call(call)
            args = call_args(call)
            if remote and remote[1] in QUERIES and is_repo(remote[0]) and args:
                text = self.literal(args[0], call)
                if text is not None:
                    found.append((call, text))
        return sorted(found, key=lambda item: item[0].start_byte)

    def literal(self, node: Node, call: Node) -> str | None:
        """The SQL text of `node`: a literal, a module attribute holding one, or a variable bound to one before."""
        if node.type in {"string", "sigil"}:
            return sql.sql_text(node)
        attribute = module_attribute(node)
        if attribute is not None and attribute[1] is None:
            held = self.module.attributes.get(attribute[0])
            definition = module_attribute(held) if held is not None else None
            value = definition[1] if definition is not None else None
            return sql.sql_text(value) if value is not None else None
        if node.type == "identifier":
            return self._bound(node.text or b"", call)
        return None

    def _bound(self, name: bytes, call: Node) -> str | None:
        """The literal last bound to `name` in a statement before the one holding `call`, in the same block."""
        statement = call
        while statement.parent is not None and statement.parent.type not in {"do_block", "block", "source"}:
            statement = statement.parent
        value = None
        sibling = statement.prev_named_sibling
        while sibling is not None and value is None:
            left = sibling.child_by_field_name("left") if sibling.type == "binary_operator" else None
            right = sibling.child_by_field_name("right") if left is not None else None
            if left is not None and left.type == "identifier" and left.text == name and right is not None:
                value = sql.sql_text(right) if right.type in {"string", "sigil"} else ""
            sibling = sibling.prev_named_sibling
        return value or None


def _deploy_roots(module: MigrationModule) -> list[Node]:
    """change/0 and up/0, and the module's own functions they call (transitively); never down/0 alone."""
    definitions: dict[str, list[Node]] = {}
    for statement in block_body(module.node) or []:
        if call_name(statement) in {"def", "defp"}:
            head = call_args(statement)[:1]
            name = call_name(head[0]) if head and head[0].type == "call" else None
            if head and head[0].type == "identifier":
                name = (head[0].text or b"").decode()
            if name and name not in {"change", "up", "down"}:
                definitions.setdefault(name, []).append(statement)
    roots = [module.functions[f] for f in DEPLOY_FUNCTIONS if f in module.functions]
    seen: set[str] = set()
    queue = list(roots)
    while queue and definitions:
        node = queue.pop()
        called = [call_name(c) for c in local_calls(node, frozenset(definitions))]
        captured = [_capture_name(c) for c in captures(node, CAPTURES, "capture") if not _rollback_capture(c)]
        for name in called + captured:
            if name and name in definitions and name not in seen:
                seen.add(name)
                roots += definitions[name]
                queue += definitions[name]
    return roots


def _start(node: Node) -> int:
    return node.start_byte


def local_calls(node: Node, names: frozenset[str]) -> list[Node]:
    """Local calls under `node` named one of `names` (calls_named compiles a query per set of names)."""
    return [c for c in captures(node, LOCAL_CALLS, "call") if call_name(c) in names]


def _capture_name(node: Node) -> str | None:
    """`up_sql` for `&up_sql/0`."""
    operand = node.child_by_field_name("operand") if node.type == "unary_operator" else None
    if node.type != "unary_operator" or not node.children or node.children[0].type != "&" or operand is None:
        return None
    left = operand.child_by_field_name("left") if operand.type == "binary_operator" else None
    return (left.text or b"").decode() if left is not None and left.type == "identifier" else None


def _rollback_capture(node: Node) -> bool:
    """`&down_sql/0` as the second argument of `execute(&up_sql/0, &down_sql/0)`: it runs on rollback only."""
    parent = node.parent
    call = parent.parent if parent is not None and parent.type == "arguments" else None
    return call is not None and call_name(call) == "execute" and call_args(call)[:1] != [node]


def table_of(args: list[Node]) -> str | None:
    if not args or call_name(args[0]) != "table":
        return None
    table_args = call_args(args[0])
    return literal_name(table_args[0]) if table_args else None


def is_repo(left: str) -> bool:
    return left == "repo()" or "Repo" in left.split(".")
