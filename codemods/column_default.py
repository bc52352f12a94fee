"""column-default: change a column's default without restating its type.

Why it exists
    `modify :c, :t, default: v` is how Ecto changes a default, but ecto_sql
    writes it as `ALTER COLUMN c TYPE t, ALTER COLUMN c SET DEFAULT v`: the
    type is restated even when it does not change. ALTER COLUMN TYPE takes an
    ACCESS EXCLUSIVE lock (no reads, no writes) and, unless PostgreSQL can
    tell the type is binary-compatible, rewrites the table and rebuilds its
    indexes. SET DEFAULT alone changes only the catalog: it takes its lock for
    a moment and touches no row.

What it does
    In change/0 or up/0 of every module that `use Ecto.Migration`, for
    `modify :c, :t, default: v` (optionally with `from:`) inside
    `alter table(...)` of a table the migration does not create, when `:t`
    is the type the column already has (from `from:`, else from the
    migrations before it, with the same `size:`, `precision:` and `scale:`):
    the modify becomes
      execute "ALTER TABLE t ALTER COLUMN c SET DEFAULT <v>", "<undo>"
    with `<v>` written as ecto_sql writes it (strings single-quoted with ''
    doubling, numbers and booleans as printed, nil as NULL, `fragment("...")`
    as its SQL). The undo restores the default the column had before: the
    `default:` of `from:`, else the one the earlier migrations gave it
    (DROP DEFAULT when they gave none). In up/0 the execute has no undo (down/0
    says how to roll back). When the alter held only modifies of defaults it is
    replaced; otherwise they leave it and the executes follow it.

Example
    before
      alter table(:orders) do
        modify :status, :string, default: "new"
      end
    after
      execute ~s(ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'new'),
              ~s(ALTER TABLE "orders" ALTER COLUMN "status" DROP DEFAULT)

What it refuses (blocked, with the line)
    - a column whose type no earlier migration shows (add `from: {:t, default: old}`);
    - a default it cannot write exactly as ecto_sql would (maps, lists,
      atoms, variables, module attributes, floats printed with an exponent);
    - in change/0, a column whose default before the migration it cannot
      tell (set by raw SQL, or not a literal): state it with `from:`;
    - a modify that also sets other options (`size:`, `comment:`, `null: true`);
    - a prefix, table or column name that is not a literal;
    - a migration outside the folders Ecto's migrator scans (tenant
      migrations run with a prefix, which the raw SQL would not follow).
    It leaves alone a modify that changes the type (the type change is the
    point, and migration-hazards reports it), one with `null: false`
    (not-null's), references (validate-constraints'), tables created in the
    same migration, statements of down/0, lines marked `# mir-fix: ignore` or
    `# excellent_migrations:safety-assured-for-next-line column_type_changed`,
    and migrations of a repo that is not PostgreSQL (one finding per repo).

Fix safety
    The schema after the migration is the same as with the modify (the
    oracle compares pg_dump output on PostgreSQL). Only migrations that have
    not run in production are rewritten: those newer than `start_after`,
    those changed since `--since REF`, or all with `--all-migrations`; with
    none of these, only the newest migration of each folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, Status
from mir_fix.engine.codemod import MIGRATION_VERSION, Blocked, Codemod, Context, ParsedSource, Workspace
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import block_body, call_args, call_name, do_block, keyword_pairs, layout, line_end, named

from ._constraint_sql import UnknownDefault, default_sql, execute_statement, table_sql
from ._migration import (
    TABLE_CREATORS,
    MigrationModule,
    join_statements,
    literal_name,
    migration_modules,
    removal_edits,
    require_discovered,
    statement_lines,
    tables_created,
)
from ._migration_scope import migration_scope
from ._not_null_text import quote
from ._repo_facts import by_database

DEPLOY_FUNCTIONS = ("change", "up")
CHECK = "column_type_changed"
# Options that change the SQL type ecto_sql writes for a type (`:string` is varchar(255) without size:).
TYPE_OPTIONS = ("size", "precision", "scale")
NO_DEFAULT = "<none>"  # the column had no default
UNKNOWN = "<unknown>"  # mir-fix cannot tell the column's default


@dataclass(frozen=True)
class DefaultChange:
    """`modify :c, :t, default: v` inside `alter table(...)` of an existing table."""

    statement: Node
    alter: Node
    function: str
    table: str
    prefix: str | None
    column: str
    kind: Node
    pairs: dict[str, Node]


@dataclass
class ColumnState:
    """What the migrations before say about one column: its type, type options and default."""

    kind: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    default: str = NO_DEFAULT


class ColumnDefault(Codemod):
    id = "column-default"
    title = "Set a column's default with SET DEFAULT instead of a modify that restates its type"
    prefilter = (b"default:",)
    requires = (b"Ecto.Migration", b"modify")
    assured_checks = frozenset({CHECK})
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        if not migration_scope(source, ctx).shown:
            return
        for module in migration_modules(source):
            yield from by_database(self, source, module, ctx, self._module_items)

    def _module_items(self, source: ParsedSource, module: MigrationModule, ctx: Context) -> list[Change | Finding]:
        """What this codemod proposes for one migration module, as if it runs on PostgreSQL."""
        scope = migration_scope(source, ctx)
        if not scope.shown:
            return []
        items: list[Change | Finding] = []
        created = tables_created(module)
        for function in DEPLOY_FUNCTIONS:
            for alter in module.body(function):
                ready: list[tuple[DefaultChange, str]] = []
                for target in self._targets(source, alter, function, created):
                    try:
                        statement = self._statement(source, module, target, ctx)
                    except _LeftAlone:
                        continue
                    except Blocked as blocked:
                        items.append(scope.mark(self._base(source, target).blocked(str(blocked))))
                        continue
                    ready.append((target, statement))
                if ready:
                    try:
                        items.append(scope.mark(self._change(source, alter, ready)))
                    except Blocked as blocked:
                        items.append(scope.mark(self._base(source, ready[0][0]).blocked(str(blocked))))
        return items

    # --- targets ------------------------------------------------------------------------------

    def _targets(self, source: ParsedSource, alter: Node, function: str, created: set[str]) -> Iterator[DefaultChange]:
        args = call_args(alter)
        if call_name(alter) != "alter" or not args or call_name(args[0]) != "table":
            return
        table_args = call_args(args[0])
        table = literal_name(table_args[0]) if table_args else None
        if table is None or table in created:
            return
        for statement in block_body(alter) or []:
            column_args = call_args(statement)
            if call_name(statement) != "modify" or len(column_args) != 3 or column_args[2].type != "keywords":
                continue
            pairs = {k: v for k, v in keyword_pairs(column_args[2]) if k is not None}
            if "default" not in pairs or call_name(column_args[1]) == "references":
                continue
            null = pairs.get("null")
            if null is not None and null.text == b"false":
                continue  # NOT NULL: not-null's
            lines = {source.line(statement), source.line(alter)}
            if any(self.ignores_line(source, line) for line in lines):
                continue
            column = literal_name(column_args[0]) or ""
            prefix = _prefix(source, table_args[1:])
            yield DefaultChange(statement, alter, function, table, prefix, column, column_args[1], pairs)

    # --- planning -----------------------------------------------------------------------------

    def _statement(self, source: ParsedSource, module: MigrationModule, target: DefaultChange, ctx: Context) -> str:
        """The `execute` that replaces the modify, at the alter's indentation."""
        where = f"{source.file.rel}:{source.line(target.statement)}"
        if not target.column:
            raise Blocked(f"{where}: the column name is not a literal")
        if target.prefix == UNKNOWN:
            raise Blocked(f"{where}: the table's prefix is not a literal")
        extra = sorted(set(target.pairs) - {"default", "from"})
        if extra:
            raise Blocked(
                f"{where}: the modify also sets {', '.join(extra)}; split that into its own modify, then run "
                "mir-fix again"
            )
        before = self._before(source, module, target, ctx)
        new_type = _normalize(source.text(target.kind))
        if before.kind is None:
            raise Blocked(
                f"{where}: no earlier migration shows the type of {target.table}.{target.column}, so the modify "
                f"may change it; if it does not, add `from: {{{source.text(target.kind)}, default: <old default>}}` "
                "and run mir-fix again"
            )
        if before.kind != new_type or any(before.options.get(o) is not None for o in TYPE_OPTIONS):
            raise _LeftAlone()  # a real type change (or a size the modify drops): not a default change
        try:
            require_discovered(source, ctx, "set the default")
        except Blocked:
            raise Blocked(
                f"{where}: {source.file.rel} is not run from a folder Ecto's migrator scans (priv/<repo>/migrations, "
                "a repo's priv:, or .mir-fix.toml's migrations_paths); such migrations are often run with a prefix "
                "(a tenant's schema), which raw SQL naming the table would not follow: set the default by hand"
            ) from None
        try:
            new_default = default_sql(target.pairs["default"])
        except UnknownDefault as unknown:
            raise Blocked(f"{where}: {unknown}; set the default with execute and SET DEFAULT by hand") from None
        column = f"ALTER TABLE {table_sql(target.table, target.prefix)} ALTER COLUMN {quote(target.column)}"
        up = f"{column} SET DEFAULT {new_default}"
        indent = layout(source.file.content, target.alter.start_byte).column
        if target.function == "up":
            return execute_statement(up, None, indent)
        if before.default == UNKNOWN:
            raise Blocked(
                f"{where}: mir-fix cannot tell the default {target.column} had before this migration, which "
                f"rolling back must restore; state it with `from: {{{source.text(target.kind)}, default: <old>}}`"
            )
        down = f"{column} DROP DEFAULT" if before.default == NO_DEFAULT else f"{column} SET DEFAULT {before.default}"
        return execute_statement(up, down, indent)

    def _before(
        self, source: ParsedSource, module: MigrationModule, target: DefaultChange, ctx: Context
    ) -> ColumnState:
        """The column as `from:` states it, else as the earlier migrations left it."""
        old = target.pairs.get("from")
        known = column_history(source, module, target, ctx)
        if old is None:
            return known
        old_type, old_options = old, None
        if old.type == "tuple":
            items = named(old)
            if len(items) != 2 or items[1].type != "keywords":
                return ColumnState()
            old_type, old_options = items
        state = ColumnState(_normalize(source.text(old_type)), {}, known.default if known.kind else UNKNOWN)
        for key, value in keyword_pairs(old_options) if old_options is not None else []:
            if key in TYPE_OPTIONS:
                state.options[key] = source.text(value)
            elif key == "default":
                state.default = _sql_or_unknown(value)
        return state

    def _change(self, source: ParsedSource, alter: Node, ready: list[tuple[DefaultChange, str]]) -> Change:
        content = source.file.content
        body = block_body(alter) or []
        targets = [t for t, _ in ready]
        place = layout(content, alter.start_byte)
        executes = [s for _, s in ready]
        table_args = call_args(call_args(alter)[0])
        table_options = {k for a in table_args[1:] if a.type == "keywords" for k, _ in keyword_pairs(a) if k}
        others = sorted(table_options - {"prefix"})
        if len(targets) == len(body) and others:
            raise Blocked(
                f"{source.file.rel}:{source.line(alter)}: table(...) also sets {', '.join(others)}, which the alter "
                "would no longer do; give the modify an alter of its own"
            )
        if len(targets) == len(body):
            comments = self._inner_comments(source, alter, targets)
            statements = [
                (place.indent if i else "") + comments.get(t.statement.id, "") + s
                for i, (t, s) in enumerate(zip(targets, executes, strict=True))
            ]
            start = place.line_start + len(place.indent)
            edits: tuple[Edit, ...] = (Edit(start, alter.end_byte, join_statements(statements)),)
        else:
            if do_block(alter) is None:
                raise Blocked(
                    f"{source.file.rel}:{source.line(alter)}: the alter is not a do-block; move the modify into "
                    "an alter of its own"
                )
            removals = removal_edits(content, alter, [t.statement for t in targets])
            text = (
                "\n\n"
                + place.indent
                + join_statements([(place.indent if i else "") + s for i, s in enumerate(executes)])
            )
            edits = (*removals, Edit.insert(line_end(content, alter.end_byte), text))
        columns = ", ".join(f"{t.table}.{t.column}" for t in targets)
        return replace(
            self._base(source, targets[0]),
            status=Status.READY,
            summary=f"set the default of {columns} with SET DEFAULT instead of a modify that restates the type "
            "(an ACCESS EXCLUSIVE lock, and a rewrite unless PostgreSQL sees the type unchanged)",
            edits=(FileEdits(source.file.rel, edits),),
        )

    def _inner_comments(self, source: ParsedSource, alter: Node, targets: list[DefaultChange]) -> dict[int, str]:
        """The comment lines right above each modify, to stand above its execute."""
        block = do_block(alter)
        if block is None:
            return {}
        comments = [c for c in block.named_children if c.type == "comment"]
        indent = layout(source.file.content, alter.start_byte).indent
        placed: dict[int, str] = {}
        count = 0
        for target in targets:
            start, _ = statement_lines(source.file.content, target.statement)
            own = [c for c in comments if c.start_byte >= start and c.end_byte <= target.statement.start_byte]
            count += len(own)
            text = "".join(source.text(c) + "\n" + indent for c in own)
            placed[target.statement.id] = text
        if count != len(comments):
            raise Blocked(
                f"{source.file.rel}:{source.line(alter)}: the alter holds comments mir-fix cannot place; move the "
                "modify by hand"
            )
        return placed

    def _base(self, source: ParsedSource, target: DefaultChange) -> Change:
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"default of {target.table}.{target.column}",
            path=source.file.rel,
            line=source.line(target.statement),
            migration_version=source.migration_version,
            check=CHECK,
        )


class _LeftAlone(Blocked):
    """Not a change of the default only: no change, no finding."""


# --- what earlier migrations did to the column -----------------------------------------------


def column_history(source: ParsedSource, module: MigrationModule, target: DefaultChange, ctx: Context) -> ColumnState:
    """The column's type, type options and default after the migrations older than `source`, then the
    statements of the target's function before its alter."""
    state = ColumnState()
    folder = source.file.path.parent
    version = source.migration_version or ""
    for _, path in _older_migrations(folder, version, target.table, ctx.workspace):
        parsed = ctx.workspace.parse(path)
        if parsed is None:
            state = ColumnState(state.kind, state.options, UNKNOWN)
            continue
        for older in migration_modules(parsed):
            for function in DEPLOY_FUNCTIONS:
                _apply(parsed, older.body(function), target, state)
    earlier = [s for s in module.body(target.function) if s.end_byte <= target.alter.start_byte]
    _apply(source, earlier, target, state)
    return state


def _older_migrations(folder: Path, version: str, table: str, workspace: Workspace) -> list[tuple[str, Path]]:
    found = []
    for name in workspace.list_dir(folder):
        match = MIGRATION_VERSION.match(name)
        if match is None or not name.endswith((".exs", ".ex")) or (version and match.group(1) >= version):
            continue
        raw = workspace.source(folder / name)
        if raw is not None and table.encode() in raw.content:
            found.append((match.group(1), folder / name))
    return sorted(found)


def _apply(source: ParsedSource, statements: list[Node], target: DefaultChange, state: ColumnState) -> None:
    """Update `state` with what `statements` do to the target's column."""
    column_word = re.compile(rf"(?<![\w$]){re.escape(target.column)}(?![\w$])")
    for statement in statements:
        name = call_name(statement)
        args = call_args(statement)
        if name == "execute":
            sql = " ".join(source.text(a) for a in args)
            if column_word.search(sql) and re.search(r"\bDEFAULT\b", sql, re.I):
                state.default = UNKNOWN
            if column_word.search(sql) and re.search(r"\bRENAME\b|\bTYPE\b|\bDROP\s+COLUMN\b", sql, re.I):
                state.kind = None
            continue
        if name == "rename" and column_word.search(source.text(statement)):
            state.kind, state.default = None, UNKNOWN
            continue
        if name not in {"alter", "drop", "drop_if_exists", *TABLE_CREATORS} or not args:
            continue
        if call_name(args[0]) != "table":
            continue
        table_args = call_args(args[0])
        if not table_args or literal_name(table_args[0]) != target.table:
            continue
        if name in {"drop", "drop_if_exists"}:
            state.kind, state.options, state.default = None, {}, NO_DEFAULT
            continue
        for inner in block_body(statement) or []:
            _apply_column(source, inner, target, state)


def _apply_column(source: ParsedSource, statement: Node, target: DefaultChange, state: ColumnState) -> None:
    verb = call_name(statement)
    args = call_args(statement)
    if not args or literal_name(args[0]) != target.column:
        return
    if verb in {"remove", "remove_if_exists"}:
        state.kind, state.options, state.default = None, {}, NO_DEFAULT
        return
    if verb not in {"add", "add_if_not_exists", "modify"} or len(args) < 2:
        return
    options = args[2] if len(args) > 2 else None
    pairs = dict(keyword_pairs(options)) if options is not None and options.type == "keywords" else {}
    if options is not None and options.type != "keywords":
        state.kind, state.default = None, UNKNOWN
        return
    state.kind = _normalize(source.text(args[1]))
    state.options = {k: source.text(v) for k, v in pairs.items() if k in TYPE_OPTIONS}
    if "default" in pairs:
        state.default = _sql_or_unknown(pairs["default"])
    elif verb != "modify":
        state.default = NO_DEFAULT


def _sql_or_unknown(node: Node) -> str:
    try:
        return default_sql(node)
    except UnknownDefault:
        return UNKNOWN


def _prefix(source: ParsedSource, options: list[Node]) -> str | None:
    for node in options:
        if node.type != "keywords":
            return UNKNOWN
        for key, value in keyword_pairs(node):
            if key == "prefix":
                if value.type == "nil":
                    return None
                return literal_name(value) or UNKNOWN
    return None


def _normalize(text: str) -> str:
    return re.sub(r"\s+", "", text)
