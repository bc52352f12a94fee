"""index-concurrently: build and drop indexes without locking the table.

Why it exists
    A plain CREATE INDEX holds a SHARE lock on the table until the whole index
    is built: every INSERT, UPDATE and DELETE waits (10 s of stalled writes on
    30M rows, measured on PostgreSQL 15; 0.044 s with CONCURRENTLY). DROP INDEX
    takes an ACCESS EXCLUSIVE lock. Linters report this; mir-fix rewrites it.

What it does
    In every module that `use Ecto.Migration` (wherever it lives), for
    `create`, `create_if_not_exists`, `drop` and `drop_if_exists` of `index`
    or `unique_index` on a table the migration does not create itself:
    - adds `concurrently: true` to the index options, keeping `name:`,
      `where:`, `prefix:`, `using:` and the rest as they were;
    - adds `@disable_ddl_transaction true` and `@disable_migration_lock true`
      after `use Ecto.Migration`. When the repo's `migration_lock:` is
      `:pg_advisory_lock`, `nil` or `false` in every environment (config.exs,
      the env file it imports, runtime.exs), only the first: with the table
      lock (the default), a concurrent build with only
      `@disable_ddl_transaction` waits on the lock's idle transaction forever;
    - leaves alone migrations of a repo whose adapter is not PostgreSQL
      (SQLite3, MyXQL, Tds), with one finding per repo, and blocks when it
      cannot tell which of repos with different adapters runs a migration;
    - when the migration also does other work (alter, create table, execute,
      ...), moves the index operations to a new migration one second later,
      `<version+1>_<name>_concurrent_indexes.exs`, so the rest keeps its
      transaction. In up/down migrations the matching down operation moves too;
    - does the same for index operations already marked `concurrently: true`
      in a migration without `@disable_ddl_transaction` (excellent_migrations'
      index_concurrently_without_disable_ddl_transaction): inside the
      migration's transaction they fail ("CREATE INDEX CONCURRENTLY cannot run
      inside a transaction block");
    - treats raw SQL the same way: `execute "CREATE [UNIQUE] INDEX ..."` and
      `execute "DROP INDEX ..."` (in "...", heredocs, ~s/~S sigils; both
      sides of `execute up_sql, down_sql`) get CONCURRENTLY right after INDEX,
      every other byte as it was, and the attributes, or move to the new
      migration. The statement's head is read by a small SQL tokenizer
      (quoted and schema-qualified names, IF [NOT] EXISTS, USING, lower-case
      keywords); an interpolation after the head (in a WHERE clause) is fine.
      A DROP INDEX of down/0 moves with the CREATE INDEX it undoes (same
      name, given or PostgreSQL's default `<table>_<columns>_idx`).

Example
    before                                  after
      def change do                           @disable_ddl_transaction true
        create index(:orders, [:status])      @disable_migration_lock true
      end
                                              def change do
                                                create index(:orders, [:status], concurrently: true)
                                              end

What it refuses (blocked, with the line)
    - options in a variable, a module attribute or a call;
    - index operations inside loops, conditions or helpers;
    - a split that would reorder an index across an operation it may depend
      on (a rename, a type change, raw SQL, a removed column);
    - up/down migrations whose moved index has no clear counterpart;
    - a split of a migration whose file name has no timestamp, or that lies
      outside the folders Ecto's migrator scans (`priv/<repo>/migrations`, a
      repo's `priv:`, `.mir-fix.toml`'s `migrations_paths`): the new file
      would never run;
    - an index on a partitioned table (created with PARTITION BY in an
      earlier migration), which PostgreSQL cannot build or drop
      concurrently; the reason gives the ON ONLY / ATTACH PARTITION recipe;
    - a drop and a re-create of the same index in one migration (raw SQL:
      also a dropped constraint whose name the new index takes): run
      concurrently, the table has no index (no uniqueness) in between;
    - a unique raw index built after a drop of an index or constraint of its
      table (or a DROP INDEX that names no table): nothing enforces
      uniqueness in between if what was dropped did; build first, then drop;
    - raw SQL it cannot edit safely: several statements in one string
      (ecto_sql cannot run them: "cannot insert multiple commands into a
      prepared statement"), an interpolated index or table name, a head it
      cannot read, DROP INDEX of several indexes or with CASCADE (PostgreSQL
      refuses both concurrently), a DROP INDEX that may be on a partitioned
      table (the folder has some, and the index's table is not known).
    It leaves alone index operations of down/0 that undo no up/0 target
    (rollback only; also the second argument of execute/2 when the first
    builds no index), indexes on tables or materialized views created in the
    same migration, explicit `concurrently: false`, `CREATE INDEX ... ON ONLY`
    (the partition recipe's parent index, which builds no index data), an
    interpolation where CONCURRENTLY would go (`CREATE INDEX #{maybe} name`:
    the author decides), lines marked `# mir-fix: ignore` or
    `# excellent_migrations:safety-assured-for-next-line index_not_concurrently`,
    and migrations up to `start_after`. Raw index SQL that is not a literal
    argument of a top-level `execute` (built in a loop, joined with `<>`, run
    by `execute fn -> repo().query!(...) end`) is reported as a finding.

Fix safety
    Only migrations that have not run in production are rewritten: a
    migration that has run does not run again, and the file a split adds
    would run on the next deploy and fail ("relation already exists"). Those
    newer than `start_after` (.mir-fix.toml, or excellent_migrations' config),
    those changed since `--since REF`, or all with `--all-migrations`; with
    none of these, only the newest migration of each folder, and the older
    ones are shown marked shipped, never written. `mir-fix init` sets
    `start_after` to the newest migration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, NewFile, Status
from mir_fix.engine.codemod import Blocked, Codemod, Context, ParsedSource
from mir_fix.engine.edit import Edit, apply_edits
from mir_fix.engine.elixir import (
    arguments_node,
    block_body,
    call_args,
    call_name,
    calls_named,
    has_parens,
    keyword_pairs,
    layout,
    line_end,
    named,
    open_ended,
    starts_line,
    walk,
)

from ._lock_facts import Locks, migration_locks
from ._migration import (
    DDL,
    LOCK,
    MigrationModule,
    attribute_edit,
    attribute_is_true,
    camelize,
    literal_name,
    migration_modules,
    new_migration_path,
    next_free_version,
    reindent,
    removal_edits,
    render_module,
    repo_of,
    require_discovered,
    shares_line,
    statement_lines,
    tables_created,
    uses_local_names,
)
from ._migration_scope import migration_scope
from ._partition_facts import partitioned_before, partitioned_tables
from ._raw_sql import dropped_constraint
from ._raw_sql_execute import (
    RawIndexOperation,
    literal_statements,
    raw_index_operations,
    relations_created,
    unread_index_sql,
)
from ._repo_facts import app_repos, by_database

# create index(:t, [:c]) / create(unique_index(...)) / drop_if_exists index(...)
INDEX_VERBS = frozenset({"create", "create_if_not_exists", "drop", "drop_if_exists"})
INDEX_BUILDERS = frozenset({"index", "unique_index"})
# execute "CREATE [UNIQUE] INDEX name ON table ..." without CONCURRENTLY
RAW_CREATE = re.compile(
    r"\bCREATE\s+(?:UNIQUE\s+)?INDEX\b(?!\s+(?:CONCURRENTLY|#\{))(?:.*?\bON\s+(?:ONLY\s+)?\"?(\w+)\"?)?",
    re.I | re.S,
)
RAW_DROP = re.compile(r"\bDROP\s+INDEX\b(?!\s+(?:CONCURRENTLY|#\{))", re.I)
MAX_LINE = 98
SPLIT_SUFFIX = "concurrent_indexes"


@dataclass(frozen=True)
class IndexOperation:
    """`create index(...)` (or drop, or the _if_ forms) standing as a statement of change/up/down."""

    statement: Node
    verb: str
    builder: Node
    function: str
    table: str | None
    options: Node | None
    # False when the builder's arguments are not (table, columns[, options]), e.g. `index(:t, name: :x)`.
    well_formed: bool = True

    @property
    def creates(self) -> bool:
        return self.verb.startswith("create")

    def concurrently(self, source: ParsedSource) -> str | None:
        """The literal text of the `concurrently:` option, or None when absent."""
        for key, value in self._pairs():
            if key == "concurrently":
                return source.text(value)
        return None

    def _pairs(self) -> list[tuple[str | None, Node]]:
        if self.options is None:
            return []
        if self.options.type == "keywords":
            return keyword_pairs(self.options)
        if self.options.type == "list":
            return [p for child in named(self.options) if child.type == "keywords" for p in keyword_pairs(child)]
        return []

    def option_text(self, source: ParsedSource, key: str) -> str | None:
        return next((source.text(v) for k, v in self._pairs() if k == key), None)

    def append_anchor(self) -> Node | None:
        """The node after which `, concurrently: true` goes (None for an empty option list)."""
        if self.options is None:
            return call_args(self.builder)[-1]
        if self.options.type == "keywords":
            return named(self.options)[-1]
        items = named(self.options) if self.options.type == "list" else []
        return named(items[0])[-1] if items and items[0].type == "keywords" else None

    def columns(self, source: ParsedSource) -> str:
        args = call_args(self.builder)
        return re.sub(r"\s+", "", source.text(args[1])) if len(args) > 1 else ""


def index_operation(statement: Node, function: str) -> IndexOperation | None:
    verb = call_name(statement)
    if verb not in INDEX_VERBS:
        return None
    args = call_args(statement)
    if len(args) != 1 or call_name(args[0]) not in INDEX_BUILDERS:
        return None
    builder = args[0]
    builder_args = call_args(builder)
    table = literal_name(builder_args[0]) if builder_args else None
    options = builder_args[2] if len(builder_args) > 2 else None
    well_formed = len(builder_args) in (2, 3) and builder_args[1].type != "keywords"
    return IndexOperation(statement, verb, builder, function, table, options, well_formed)


# An index operation of either form: the Ecto DSL, or raw SQL in an execute.
Operation = IndexOperation | RawIndexOperation


class IndexConcurrently(Codemod):
    id = "index-concurrently"
    title = "Build and drop indexes concurrently so writes keep flowing"
    # Every index operation, raw CREATE/DROP INDEX and `concurrently:` option has the word in it.
    prefilter = (b"index", b"INDEX", b"Index")
    requires = (b"Ecto.Migration",)
    assured_checks = frozenset({"index_not_concurrently"})
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
        items: list[Change | Finding] = [scope.mark(f) for f in self._raw_sql_findings(source, module)]
        try:
            change = self._module_change(source, module, ctx)
        except Blocked as blocked:
            change = self._change(source, module, Status.BLOCKED, "cannot add concurrently safely")
            change = replace(change.blocked(str(blocked)), line=blocked.line or self._first_index_line(source, module))
        if change is not None:
            items.append(scope.mark(change))
        return items

    def _first_index_line(self, source: ParsedSource, module: MigrationModule) -> int:
        """Where a reason about the module as a whole is reported: its first index operation a comment can target."""
        ops: list[Operation] = [*self._operations(module), *raw_index_operations(module)]
        lines = [source.line(op.statement) for op in ops]
        return min(lines or [source.line(module.node)])

    # --- planning one module ----------------------------------------------------------

    def _module_change(self, source: ParsedSource, module: MigrationModule, ctx: Context) -> Change | None:
        created = tables_created(module) | relations_created(module)
        dsl = list(self._operations(module))
        raw = raw_index_operations(module)
        operations: list[Operation] = sorted([*dsl, *raw], key=lambda op: op.statement.start_byte)
        self._refuse_stray_builders(source, module, dsl, created)
        candidates: list[Operation] = [op for op in dsl if self._is_target(source, op, created)]
        earlier = _earlier_index_tables(source, ctx) if any(not op.creates for op in raw) else {}
        candidates += [op for op in raw if self._is_raw_target(source, op, created, operations, earlier)]
        # Already concurrent: they fail inside a transaction ("CREATE INDEX CONCURRENTLY cannot run
        # inside a transaction block"), so they need the attributes, or a migration of their own.
        running = [
            op
            for op in operations
            if op.concurrently(source) == "true"
            and not self.ignores_line(source, source.line(op.statement))
            and not (isinstance(op, RawIndexOperation) and (op.computed or self._raw_problem(source, op)))
        ]
        deploy = {id(op.statement) for op in self._deploy_targets(source, candidates + running)}
        targets = [op for op in candidates if id(op.statement) in deploy]
        running = [op for op in running if id(op.statement) in deploy]
        if not targets and not running:
            return None
        self._refuse_partitioned(source, targets + running, operations, ctx, earlier)
        locks = self._locks(source, module, ctx)
        wanted = [DDL, LOCK] if locks.needs_lock_attribute else [DDL]
        if attribute_is_true(module, DDL) is False or attribute_is_true(module, LOCK) is False:
            raise Blocked(
                f"{source.file.rel} sets a migration attribute to false; decide by hand whether "
                "this migration may run outside a transaction"
            )
        missing = [a for a in wanted if attribute_is_true(module, a) is None]
        if not targets and not missing:
            return None  # written concurrent, outside a transaction, by its author: theirs to order
        bound = {id(op.statement) for op in targets + running}
        self._refuse_recreate(source, module, operations, bound, earlier)
        moved = set(id(op.statement) for op in targets)
        concurrent = [op for op in operations if op.concurrently(source) == "true" or id(op.statement) in moved]
        others = self._other_statements(module, concurrent)
        if not others or attribute_is_true(module, DDL):
            return self._in_place(source, module, targets, missing, locks)
        ordered = sorted(targets + running, key=lambda op: op.statement.start_byte)
        return self._split(source, module, operations, ordered, wanted, ctx)

    def _raw_problem(self, source: ParsedSource, op: RawIndexOperation) -> str | None:
        problem = op.problem()
        if problem is None:
            return None
        raise Blocked(
            f"the raw index statement at {source.file.rel}:{source.line(op.statement)} cannot take "
            f"CONCURRENTLY as it is: {problem}; then run mir-fix again, or mark it `# mir-fix: ignore`",
            line=source.line(op.statement),
        )

    def _is_raw_target(
        self,
        source: ParsedSource,
        op: RawIndexOperation,
        created: set[str],
        ops: list[Operation],
        earlier: dict[str, str],
    ) -> bool:
        """A raw CREATE/DROP INDEX to make concurrent: not suppressed, not left to the author, on a table not new."""
        if self.ignores_line(source, source.line(op.statement)) or op.computed or op.main.only:
            return False
        table = _table_of(source, op, ops, earlier)
        if table is not None and table.lower() in {t.lower() for t in created}:
            return False
        if op.concurrently(source) == "true":
            return False
        self._raw_problem(source, op)
        return True

    def _refuse_partitioned(
        self,
        source: ParsedSource,
        ops: list[Operation],
        every: list[Operation],
        ctx: Context,
        earlier: dict[str, str],
    ) -> None:
        """PostgreSQL builds and drops no index CONCURRENTLY on a partitioned table: block with the recipe."""
        for op in ops:
            table = _table_of(source, op, every, earlier)
            where = f"{source.file.rel}:{source.line(op.statement)}"
            if table is None and isinstance(op, RawIndexOperation):
                if op.concurrently(source) != "true":  # CONCURRENTLY written by the author is theirs
                    self._refuse_unknown_table(source, op, where, ctx)
                continue
            made = partitioned_before(source, table, ctx.workspace)
            if made is None:
                continue
            why = (
                f"`{table}` is a partitioned table (created with PARTITION BY in {made.file}), and PostgreSQL "
                f"cannot {'build' if op.creates else 'drop'} an index CONCURRENTLY on a partitioned table"
            )
            raw = isinstance(op, RawIndexOperation)
            attach = "`# mir-fix: ignore`"
            if op.creates:
                name = _op_name(source, op) or "parent_idx"
                columns = _recipe_columns(source, op)
                plain = "without CONCURRENTLY" if raw else "without `concurrently`"
                raise Blocked(
                    f"{why} (the index at {where}). To build it without blocking writes, in a migration with "
                    f"@disable_ddl_transaction: `CREATE INDEX {name} ON ONLY {table} ({columns})` (the parent's "
                    "index, invalid until every partition has one), then `CREATE INDEX CONCURRENTLY` on each "
                    f"partition, then `ALTER INDEX {name} ATTACH PARTITION <partition index>` for each; or build "
                    f"a plain index ({plain}), which blocks writes to every partition while it "
                    f"builds, and mark the line {attach}",
                    line=source.line(op.statement),
                )
            plain = "without CONCURRENTLY" if raw else "without `concurrently`"
            raise Blocked(
                f"{why} (the drop at {where}); a plain drop ({plain}), which locks every partition "
                f"for the moment it takes, is the only way; mark that line {attach}",
                line=source.line(op.statement),
            )

    def _refuse_unknown_table(self, source: ParsedSource, op: RawIndexOperation, where: str, ctx: Context) -> None:
        """A raw DROP INDEX names no table: when the folder has partitioned tables, it may be one of theirs."""
        version = source.migration_version
        tables = sorted(
            table
            for table, made in partitioned_tables(source.file.path.parent, ctx.workspace).items()
            if any(version is None or p.version is None or p.version <= version for p in made)
        )
        if tables:
            raise Blocked(
                f"the DROP INDEX at {where} names the index `{op.main.name}` but not its table, and "
                f"{', '.join(f'`{t}`' for t in tables)} {'is' if len(tables) == 1 else 'are'} partitioned: PostgreSQL "
                "cannot drop a partitioned table's index CONCURRENTLY. If the index is on an ordinary table, add "
                "CONCURRENTLY and the @disable_ddl_transaction/@disable_migration_lock attributes by hand; "
                "otherwise mark the line `# mir-fix: ignore`",
                line=source.line(op.statement),
            )

    def _refuse_recreate(
        self,
        source: ParsedSource,
        module: MigrationModule,
        ops: list[Operation],
        concurrent: set[int],
        earlier: dict[str, str],
    ) -> None:
        """A drop then a create of the same index, run without a transaction, leaves the table without it between.

        Inside a transaction nobody sees the gap; once the migration runs
        concurrently, queries (and, for a unique index, writes) do. A dropped
        constraint whose name the new index takes (its backing index) counts.
        """
        for function in ("change", "up"):
            in_function = [op for op in ops if op.function == function]
            drops: list[tuple[Node, Operation | None, str | None, str | None]] = [
                (op.statement, op, None, _table_of(source, op, ops, earlier)) for op in in_function if not op.creates
            ]
            drops += [(s, None, name, table) for s, name, table in _constraint_drops(source, module, function)]
            for statement, drop, constraint, dropped_from in drops:
                for create in (op for op in in_function if op.creates):
                    later = create.statement.start_byte > statement.end_byte
                    bound = {id(create.statement)} | ({id(drop.statement)} if drop is not None else set())
                    if not later or not bound & concurrent:
                        continue
                    name = _op_name(source, create) or "<name>"
                    same_index = drop is not None and _same_index(source, drop, create)
                    if same_index or (constraint is not None and constraint.lower() == name.lower()):
                        raise Blocked(
                            _recreate_reason(source, statement, create, name, constraint is not None),
                            line=source.line(create.statement),
                        )
                    same_table = dropped_from is None or (
                        create.table is not None and dropped_from.lower() == create.table.lower()
                    )
                    # Between DSL operations only, the same-index rule above stands (as it always has).
                    dsl_pair = isinstance(drop, IndexOperation) and isinstance(create, IndexOperation)
                    if _is_unique(create) and same_table and not dsl_pair:
                        raise Blocked(
                            _unique_gap_reason(source, statement, create, dropped_from),
                            line=source.line(create.statement),
                        )

    def _locks(self, source: ParsedSource, module: MigrationModule, ctx: Context) -> Locks:
        """The repo's migration lock per environment; the repo from the module's name, else its folder or the app's."""
        repos = tuple(r.name for r in app_repos(source.file.path, ctx.workspace) if r.name[:1].isupper())
        return migration_locks(source, repo_of(module), ctx.workspace, repos)

    def _deploy_targets(self, source: ParsedSource, targets: list[Operation]) -> list[Operation]:
        """Targets in change/0 and up/0; one in down/0 only as the undoing of an up/0 target.

        down/0 runs on rollback only: an index it builds or drops on its own is
        left as it is (and never fails `--check`).
        """
        ups = [op for op in targets if op.function == "up"]
        return [
            op
            for op in targets
            if op.function != "down" or any(u.creates != op.creates and _same_index(source, u, op) for u in ups)
        ]

    def _operations(self, module: MigrationModule) -> Iterator[IndexOperation]:
        for function in module.functions:
            for statement in module.body(function):
                op = index_operation(statement, function)
                if op is not None:
                    yield op

    def _refuse_stray_builders(
        self, source: ParsedSource, module: MigrationModule, ops: list[IndexOperation], created: set[str]
    ) -> None:
        """Refuse index operations mir-fix cannot see whole: in loops, conditions or helpers.

        Builders that no create/drop verb runs (`rename(index(...), to: ...)`, a
        bare `index(...)`) lock nothing and are ignored.
        """
        known = {op.builder for op in ops}
        for verb in calls_named(module.node, INDEX_VERBS):
            args = call_args(verb)
            if len(args) != 1 or call_name(args[0]) not in INDEX_BUILDERS or args[0] in known:
                continue
            builder = args[0]
            builder_args = call_args(builder)
            table = literal_name(builder_args[0]) if builder_args else None
            if table in created or b"concurrently:" in (builder.text or b""):
                continue
            if self.ignores_line(source, source.line(verb)):
                continue
            raise Blocked(
                f"the index operation at {source.file.rel}:{source.line(verb)} is not a top-level "
                "statement of change/up/down (it is in a loop, a condition or a helper); add "
                "`concurrently: true` and the @disable_ddl_transaction/@disable_migration_lock "
                "attributes by hand, or mark it with `# mir-fix: ignore`",
                line=source.line(verb),
            )

    def _is_target(self, source: ParsedSource, op: IndexOperation, created: set[str]) -> bool:
        if op.table is None and created:
            raise Blocked(
                f"the table of the index at {source.file.rel}:{source.line(op.statement)} is not a "
                "literal, so mir-fix cannot tell whether this migration creates it",
                line=source.line(op.statement),
            )
        if op.table in created or self.ignores_line(source, source.line(op.statement)):
            return False
        if not op.well_formed:
            raise Blocked(
                f"`{source.text(op.builder)}` at {source.file.rel}:{source.line(op.statement)} does not have "
                f"the shape index(table, columns, options); give it its column list, then run mir-fix again",
                line=source.line(op.statement),
            )
        anchor = op.append_anchor()
        if anchor is not None and open_ended(anchor):
            raise Blocked(
                f"the index at {source.file.rel}:{source.line(op.statement)} ends in a call without parentheses "
                f"(`{source.text(anchor)}`), which would take `concurrently: true` as its own argument; add the "
                "parentheses, then run mir-fix again",
                line=source.line(op.statement),
            )
        concurrently = op.concurrently(source)
        if concurrently in {"true", "false"}:
            return False
        if concurrently is not None:
            raise Blocked(
                f"`concurrently: {concurrently}` at {source.file.rel}:{source.line(op.statement)} is "
                "not a literal; set it to true by hand",
                line=source.line(op.statement),
            )
        if op.options is not None and not _literal_options(op.options):
            raise Blocked(
                f"the index options at {source.file.rel}:{source.line(op.statement)} are not a literal "
                f"keyword list (`{source.text(op.options)}`); add `concurrently: true` where they are "
                "built, and @disable_ddl_transaction/@disable_migration_lock to the module",
                line=source.line(op.statement),
            )
        return True

    def _other_statements(self, module: MigrationModule, concurrent: list[Operation]) -> list[Node]:
        keep = {id(op.statement) for op in concurrent}
        ours = {op.statement for op in concurrent}
        return [
            s for function in module.functions for s in module.body(function) if id(s) not in keep and s not in ours
        ]

    # --- the three kinds of change ------------------------------------------------------

    def _in_place(
        self,
        source: ParsedSource,
        module: MigrationModule,
        targets: list[Operation],
        missing: list[str],
        locks: Locks,
    ) -> Change:
        # dict.fromkeys: two wrapped statements in a row ask for the same blank line between them.
        edits = list(dict.fromkeys(e for op in targets for e in self._concurrently_edits(source, op, None)))
        if missing:
            edits.append(attribute_edit(source, module, missing))
        attributes = f"@{' true and @'.join(missing)} true"
        if targets:
            also = f" and {attributes}" if missing else ""
            summary = f"add {_what(targets)} in {module.name}{also}"
        elif DDL in missing:
            summary = (
                f"add {attributes} to {module.name}: its concurrent index operations cannot run inside a "
                "transaction block"
            )
        else:
            summary = f"add {attributes} to {module.name}: {locks.why()}"
        change = self._change(source, module, Status.READY, summary, targets[0].statement if targets else None)
        return replace(change, edits=(FileEdits(source.file.rel, tuple(edits)),))

    def _split(
        self,
        source: ParsedSource,
        module: MigrationModule,
        ops: list[Operation],
        targets: list[Operation],
        wanted: list[str],
        ctx: Context,
    ) -> Change:
        version = source.migration_version
        if version is None:
            raise Blocked(
                f"{source.file.rel} also does other work, so its indexes must move to a new migration, "
                "but its file name has no timestamp to place one after it; move the index operations "
                "to a new migration with `concurrently: true` by hand"
            )
        if "change" in module.functions and ("up" in module.functions or "down" in module.functions):
            raise Blocked(f"{source.file.rel} defines change/0 and up/0 or down/0; split it by hand")
        require_discovered(
            source, ctx, "it also does other work, so its indexes must move to a new migration: move them"
        )
        moved = self._moved_operations(source, module.functions, ops, targets)
        for op in moved:
            self._check_movable(source, module, op)
        self._check_order(source, module, moved)
        content = source.file.content
        removals: list[Edit] = []
        functions: list[tuple[str, list[str]]] = []
        for function in ("change", "up", "down"):
            in_function = [op for op in moved if op.function == function]
            if not in_function:
                continue
            definition = module.functions[function]
            removals += removal_edits(content, definition, [op.statement for op in in_function])
            functions.append((function, [self._moved_text(source, op) for op in in_function]))
        new_version = next_free_version(source.file.path.parent, version, ctx.workspace, ctx.claimed)
        ctx.claimed.add(new_version)
        path = new_migration_path(source, new_version, SPLIT_SUFFIX)
        name = module.name + camelize(SPLIT_SUFFIX)
        text = render_module(name, wanted, functions)
        rel = ctx.workspace.display(path)
        made_concurrent = ""
        if not all(op.concurrently(source) == "true" for op in moved):
            made_concurrent = " with concurrently: true" if _all_dsl(moved) else " made concurrent"
            if not any(isinstance(op, IndexOperation) for op in moved):
                made_concurrent = " with CONCURRENTLY"
        change = self._change(
            source,
            module,
            Status.READY,
            f"move {_count(len(moved), _noun(moved))} of {module.name} to the new migration "
            f"{path.name}{made_concurrent}; the rest keeps its transaction",
            targets[0].statement,
        )
        return replace(change, edits=(FileEdits(source.file.rel, tuple(removals)),), creates=(NewFile(rel, text),))

    def _moved_operations(
        self,
        source: ParsedSource,
        module_functions: dict[str, Node],
        ops: list[Operation],
        targets: list[Operation],
    ) -> list[Operation]:
        """The targets, plus in up/down migrations the operation that undoes each one."""
        moved = {id(op.statement): op for op in targets}
        if not any(op.function in {"up", "down"} for op in targets):
            return targets
        for op in targets:
            other_side = "down" if op.function == "up" else "up"
            if other_side not in module_functions:
                continue  # an irreversible migration stays irreversible
            partners = [
                o for o in ops if o.function == other_side and o.creates != op.creates and _same_index(source, o, op)
            ]
            if len(partners) != 1:
                raise Blocked(
                    f"the index at {source.file.rel}:{source.line(op.statement)} must move to a new "
                    f"migration, but it has no matching operation in {other_side}/0 (found "
                    f"{len(partners)}); move it and its counterpart by hand",
                    line=source.line(op.statement),
                )
            partner = partners[0]
            if self.ignores_line(source, source.line(partner.statement)):
                raise Blocked(
                    f"the counterpart at {source.file.rel}:{source.line(partner.statement)} is suppressed",
                    line=source.line(op.statement),
                )
            moved[id(partner.statement)] = partner
        return sorted(moved.values(), key=lambda op: op.statement.start_byte)

    def _check_movable(self, source: ParsedSource, module: MigrationModule, op: Operation) -> None:
        where = f"{source.file.rel}:{source.line(op.statement)}"
        if isinstance(op, RawIndexOperation):
            self._check_raw_movable(source, module, op, where)
            return
        local = uses_local_names(op.builder, module.defined)
        if local is not None:
            raise Blocked(
                f"the index at {where} refers to `{source.text(local)}`, which would not exist in a "
                "new migration module; move it by hand",
                line=source.line(op.statement),
            )
        if shares_line(source.file.content, op.statement):
            raise Blocked(
                f"the index at {where} shares its line with other code; put it on its own line",
                line=source.line(op.statement),
            )
        for node in walk(op.statement):
            if node.type == "string" and b"\n" in (node.text or b"") and not (node.text or b"").startswith(b'"""'):
                raise Blocked(
                    f"the index at {where} holds a multi-line string; move it by hand", line=source.line(op.statement)
                )

    def _check_order(self, source: ParsedSource, module: MigrationModule, moved: list[Operation]) -> None:
        """Moving an index to a later migration runs it after everything that followed it.

        (and rolls back a moved `down` operation before everything that preceded
        it). That is harmless across new columns or other tables, and wrong
        across a rename, a type change, raw SQL or anything mir-fix cannot read.
        """
        moved_ids = {op.statement.id for op in moved}
        for op in moved:
            body = [s for s in module.body(op.function) if s.id not in moved_ids]
            if op.function == "down":
                # Rolling back runs the new migration's down first: before what preceded the op.
                jumped = [s for s in body if s.end_byte < op.statement.start_byte]
            else:
                jumped = [s for s in body if s.start_byte > op.statement.end_byte]
            for statement in jumped:
                if _may_depend(source, statement, op.table, names_table=op.table is not None):
                    raise Blocked(
                        f"the index at {source.file.rel}:{source.line(op.statement)} must move to a new "
                        "migration, which would reorder it with the operation at line "
                        f"{source.line(statement)} (`{_first_line(source, statement)}`); that could change "
                        "what the index covers or make it fail, so split this migration by hand",
                        line=source.line(op.statement),
                    )

    # --- text --------------------------------------------------------------------------

    def _concurrently_edits(self, source: ParsedSource, op: Operation, column: int | None) -> list[Edit]:
        """Edits adding `concurrently: true` (CONCURRENTLY to raw SQL); `column` is where the statement will stand."""
        if isinstance(op, RawIndexOperation):
            return self._raw_edits(source, op, column)
        content = source.file.content
        args = call_args(op.builder)
        options = op.options
        if options is None:
            edit = Edit.insert(args[-1].end_byte, ", concurrently: true")
        elif options.type == "keywords":
            edit = _append_pair(content, named(options)[-1])
        elif options.type == "list":
            items = named(options)
            edit = (
                _append_pair(content, named(items[0])[-1])
                if items
                else Edit.insert(options.start_byte + 1, "concurrently: true")
            )
        else:  # pragma: no cover - refused by _is_target
            raise Blocked("options are not a literal keyword list")
        wrapped = self._wrap(source, op, column)
        return [wrapped] if wrapped is not None else [edit]

    def _wrap(self, source: ParsedSource, op: IndexOperation, column: int | None) -> Edit | None:
        """Lay out `verb builder(args,\\n kw,\\n concurrently: true\\n)` when the line grows too long."""
        content = source.file.content
        statement = op.statement
        if b"\n" in (statement.text or b"") or has_parens(statement) or op.options is None:
            return None
        if op.options.type != "keywords":
            return None
        place = layout(content, statement.start_byte)
        start_column = place.column if column is None else column
        tail = content[statement.end_byte : line_end(content, statement.end_byte)].decode()
        one_line = start_column + len(source.text(statement)) + len(", concurrently: true") + len(tail)
        if one_line <= MAX_LINE:
            return None
        args = call_args(op.builder)
        head = content[statement.start_byte : op.options.start_byte].decode().rstrip()
        if start_column + len(head) > MAX_LINE:
            return None
        builder_column = place.column + (op.builder.start_byte - statement.start_byte)
        pairs = [source.text(p) for p in named(op.options)] + ["concurrently: true"]
        indent = " " * (builder_column + 2)
        text = ",\n" + ",\n".join(indent + p for p in pairs) + "\n" + " " * builder_column + ")"
        return Edit(args[1].end_byte, op.builder.end_byte, text)

    def _check_raw_movable(
        self, source: ParsedSource, module: MigrationModule, op: RawIndexOperation, where: str
    ) -> None:
        for side in op.sides:
            local = uses_local_names(side.literal.node, module.defined)
            if local is not None:
                raise Blocked(
                    f"the raw index statement at {where} interpolates `{source.text(local)}`, which would not "
                    "exist in a new migration module; move it by hand",
                    line=source.line(op.statement),
                )
        if shares_line(source.file.content, op.statement):
            raise Blocked(
                f"the raw index statement at {where} shares its line with other code; put it on its own line",
                line=source.line(op.statement),
            )
        column = layout(source.file.content, op.statement.start_byte).column
        if column != 4 and any(side.literal.multiline_plain for side in op.sides):
            raise Blocked(
                f"the raw index statement at {where} holds a string that spans lines, whose text would change "
                "if it moved to another indentation; move it by hand",
                line=source.line(op.statement),
            )

    def _raw_edits(self, source: ParsedSource, op: RawIndexOperation, column: int | None) -> list[Edit]:
        """CONCURRENTLY after each INDEX; a line grown too long laid out as `mix format` would.

        `execute "up", "down"` breaks after the comma, the second argument
        under the first; `execute(...)` puts each argument on a line of its
        own. A lone string without parentheses stays long: so does mix format.
        With `column` None the statement stays where it is, and a statement
        that now spans lines gets the blank lines mix format puts around it.
        """
        content = source.file.content
        inserts = op.edits()
        statement = op.statement
        if b"\n" in (statement.text or b""):
            return inserts
        place = layout(content, statement.start_byte)
        start_column = place.column if column is None else column
        tail = content[statement.end_byte : line_end(content, statement.end_byte)].decode()
        grown = start_column + len(source.text(statement)) + sum(len(e.text) for e in inserts) + len(tail)
        args = call_args(statement)
        if grown <= MAX_LINE:
            return inserts
        if has_parens(statement):
            opening = arguments_node(statement)
            assert opening is not None
            pieces = []
            for arg in args:
                shifted = [
                    Edit(e.start - arg.start_byte, e.end - arg.start_byte, e.text)
                    for e in inserts
                    if arg.start_byte <= e.start <= arg.end_byte
                ]
                pieces.append(apply_edits(content[arg.start_byte : arg.end_byte], shifted).decode())
            indent = " " * (place.column + 2)
            text = "(\n" + ",\n".join(indent + p for p in pieces) + "\n" + " " * place.column + ")"
            wrapped = [Edit(opening.start_byte, opening.end_byte, text)]
        elif len(args) == 2:
            first_column = place.column + len(content[statement.start_byte : args[0].start_byte].decode())
            wrapped = [*inserts, Edit(args[0].end_byte, args[1].start_byte, ",\n" + " " * first_column)]
        else:
            return inserts
        return wrapped + (_blank_lines_around(content, statement) if column is None else [])

    def _moved_text(self, source: ParsedSource, op: Operation) -> str:
        """The statement with its comments, concurrently added, re-indented to four spaces."""
        content = source.file.content
        start, end = statement_lines(content, op.statement)
        first_code = start + len(content[start:end]) - len(content[start:end].lstrip(b" \t"))
        column = layout(content, first_code).column
        edits = [] if op.concurrently(source) == "true" else self._concurrently_edits(source, op, 4)
        shifted = [Edit(e.start - first_code, e.end - first_code, e.text) for e in edits]
        piece = content[first_code : line_end(content, op.statement.end_byte)]
        text = apply_edits(piece, shifted).decode()
        return "    " + reindent(text, column, 4)

    # --- findings ----------------------------------------------------------------------

    def _raw_sql_findings(self, source: ParsedSource, module: MigrationModule) -> Iterator[Finding]:
        """Raw index DDL mir-fix cannot rewrite (not a literal argument of a top-level execute): reported."""
        created = {t.lower() for t in tables_created(module) | relations_created(module)}
        for call in unread_index_sql(source, module):
            line = source.line(call)
            if self.ignores_line(source, line):
                continue
            sql = "\n".join(source.text(n) for n in walk(call) if n.type in {"string", "sigil"})
            creates = list(RAW_CREATE.finditer(sql))
            if creates and not all(m.group(1) and m.group(1).lower() in created for m in creates):
                yield Finding(
                    self.id,
                    source.file.rel,
                    line,
                    "raw CREATE INDEX without CONCURRENTLY locks writes to the table, and mir-fix cannot rewrite "
                    "SQL built at run time or run by a function; use `create index(..., concurrently: true)` or "
                    "add CONCURRENTLY with @disable_ddl_transaction and @disable_migration_lock",
                )
            if RAW_DROP.search(sql):
                yield Finding(
                    self.id,
                    source.file.rel,
                    line,
                    "raw DROP INDEX without CONCURRENTLY locks the table, and mir-fix cannot rewrite SQL built at "
                    "run time or run by a function; use DROP INDEX CONCURRENTLY with @disable_ddl_transaction and "
                    "@disable_migration_lock",
                )

    def _change(
        self,
        source: ParsedSource,
        module: MigrationModule,
        status: Status,
        summary: str,
        at: Node | None = None,
    ) -> Change:
        return Change(
            codemod=self.id,
            status=status,
            summary=summary,
            path=source.file.rel,
            line=source.line(at if at is not None else module.node),
            migration_version=source.migration_version,
        )


def _dsl_operations(module: MigrationModule) -> Iterator[IndexOperation]:
    for function in module.functions:
        for statement in module.body(function):
            op = index_operation(statement, function)
            if op is not None:
                yield op


def _recreate_reason(source: ParsedSource, drop: Node, create: Operation, name: str, constraint: bool) -> str:
    lost = "no index, and no uniqueness," if _is_unique(create) else "no index"
    what = f"drops the constraint {name}, whose name the index that line" if constraint else "drops the index that line"
    if isinstance(create, RawIndexOperation):
        unique = "UNIQUE " if _is_unique(create) else ""
        advice = (
            f"`CREATE {unique}INDEX CONCURRENTLY {name}_new ...`, then `DROP INDEX CONCURRENTLY {name}` (or the "
            f"constraint), then `ALTER INDEX {name}_new RENAME TO {name}`"
        )
    else:
        advice = (
            f"`name: :{name}_new, concurrently: true`, then drop the old one concurrently, then "
            f'`execute "ALTER INDEX {name}_new RENAME TO {name}"`'
        )
    return (
        f"{source.file.rel}:{source.line(drop)} {what} {source.line(create.statement)} creates again ({name}); run "
        f"concurrently, outside a transaction, the table has {lost} between the two. Create the new index first "
        f"under another name: {advice}, in that order; or keep this migration in its transaction and mark both "
        "lines `# mir-fix: ignore`"
    )


def _constraint_drops(
    source: ParsedSource, module: MigrationModule, function: str
) -> list[tuple[Node, str, str | None]]:
    """(statement, constraint, table) for each raw ALTER TABLE ... DROP CONSTRAINT or drop constraint(...)."""
    found: list[tuple[Node, str, str | None]] = []
    for statement in module.body(function):
        name = call_name(statement)
        args = call_args(statement)
        if name == "execute" and args:
            for sql in literal_statements(args[0]):
                dropped = dropped_constraint(sql)
                if dropped is not None:
                    found.append((statement, dropped[1].name, dropped[0].name))
        elif name in {"drop", "drop_if_exists"} and len(args) == 1 and call_name(args[0]) == "constraint":
            constraint_args = call_args(args[0])
            table = literal_name(constraint_args[0]) if constraint_args else None
            constraint = literal_name(constraint_args[1]) if len(constraint_args) > 1 else None
            if constraint is not None:
                found.append((statement, constraint, table))
    return found


def _unique_gap_reason(source: ParsedSource, drop: Node, create: Operation, table: str | None) -> str:
    on = f"`{table}`" if table is not None else "a table mir-fix cannot tell from the DROP INDEX"
    return (
        f"{source.file.rel}:{source.line(drop)} drops an index or constraint of {on} before line "
        f"{source.line(create.statement)} builds a unique index on `{create.table}`; run concurrently, outside a "
        "transaction, nothing enforces uniqueness between the two if what was dropped did, and rows written then "
        "can make the unique build fail. Build the new unique index first, then drop the old one (reorder the "
        "statements), then run mir-fix again; or keep this migration in its transaction and mark both lines "
        "`# mir-fix: ignore`"
    )


def _blank_lines_around(content: bytes, statement: Node) -> list[Edit]:
    """The blank lines mix format keeps around a statement that spans lines, where its block has none."""
    edits = []
    first = statement  # with the comments right above it
    while (previous := first.prev_named_sibling) is not None and previous.type == "comment":
        if previous.end_point[0] != first.start_point[0] - 1:
            break
        first = previous
    start = content.rfind(b"\n", 0, first.start_byte) + 1
    if start > 0 and first.prev_named_sibling is not None:
        above = content[content.rfind(b"\n", 0, start - 1) + 1 : start - 1].strip()
        if above and not above.endswith(b"do"):
            edits.append(Edit.insert(start, "\n"))
    # At the start of the line below, where the next statement's own blank line would go: one, not two.
    newline = content.find(b"\n", statement.end_byte)
    if newline != -1 and statement.next_named_sibling is not None:
        below = content[newline + 1 : line_end(content, newline + 1)].strip()
        if below and below != b"end":
            edits.append(Edit.insert(newline + 1, "\n"))
    return edits


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _literal_options(options: Node) -> bool:
    if options.type == "keywords":
        return True
    if options.type == "list":
        items = named(options)
        return not items or (len(items) == 1 and items[0].type == "keywords")
    return False


def _append_pair(content: bytes, last_pair: Node) -> Edit:
    if starts_line(content, last_pair.start_byte):
        indent = layout(content, last_pair.start_byte).indent
        return Edit.insert(last_pair.end_byte, f",\n{indent}concurrently: true")
    return Edit.insert(last_pair.end_byte, ", concurrently: true")


SAFE_ALTERS = frozenset({"add", "add_if_not_exists", "timestamps"})


def _may_depend(source: ParsedSource, statement: Node, table: str | None, names_table: bool = True) -> bool:
    """Whether an index on `table` built (or dropped) after `statement` could differ from one before it.

    `names_table` is False for a raw DROP INDEX, which names no table: any
    change to any table may then be to its table (a removed column drops it).
    """
    name = call_name(statement)
    if name == "flush":
        return False
    args = call_args(statement)
    target = args[0] if args else None
    target_name = call_name(target) if target is not None else None
    target_table = literal_name(call_args(target)[0]) if target is not None and call_args(target) else None
    if target_table is None:
        return True
    if name in {"create", "create_if_not_exists"} and target_name == "table":
        return False  # a new table
    if not names_table:
        return True
    if target_table != table:
        return name not in {"alter", "create", "create_if_not_exists", "drop", "drop_if_exists"}
    if name == "alter" and target_name == "table":
        body = block_body(statement) or []
        return not all(call_name(s) in SAFE_ALTERS for s in body)
    return True


def _first_line(source: ParsedSource, node: Node) -> str:
    return source.text(node).split("\n", 1)[0].strip()


def _same_index(source: ParsedSource, a: Operation, b: Operation) -> bool:
    """The two operations name one index: the same name (given, or the default), or the same columns."""
    if isinstance(a, IndexOperation) and isinstance(b, IndexOperation):
        if a.table != b.table:
            return False
        name_a, name_b = _index_name(source, a), _index_name(source, b)
        if name_a is not None and name_b is not None:
            return name_a == name_b
        return a.columns(source) == b.columns(source)
    if a.table is not None and b.table is not None and a.table.lower() != b.table.lower():
        return False
    name_a, name_b = _op_name(source, a), _op_name(source, b)
    return name_a is not None and name_b is not None and name_a.lower() == name_b.lower()


def _is_unique(op: Operation) -> bool:
    if isinstance(op, RawIndexOperation):
        return op.main.unique
    unique_option = any(key == "unique" and value.text == b"true" for key, value in op._pairs())
    return call_name(op.builder) == "unique_index" or unique_option


def _op_name(source: ParsedSource, op: Operation) -> str | None:
    return op.name if isinstance(op, RawIndexOperation) else _index_name(source, op)


def _table_of(source: ParsedSource, op: Operation, ops: list[Operation], earlier: dict[str, str]) -> str | None:
    """The operation's table; for a raw DROP INDEX, that of the index by its name, made here or earlier."""
    if op.table is not None or op.creates:
        return op.table
    name = _op_name(source, op)
    if name is None:
        return None
    tables = {o.table for o in ops if o.creates and (_op_name(source, o) or "").lower() == name.lower()}
    if tables:
        return tables.pop() if len(tables) == 1 else None
    return earlier.get(name.lower())


def _earlier_index_tables(source: ParsedSource, ctx: Context) -> dict[str, str]:
    """Index name (lower case) -> its table, for indexes the older migrations of the folder create.

    What a raw DROP INDEX, which names no table, drops. A name created on two
    tables over time is left out (unknown).
    """
    folder = source.file.path.parent
    version = source.migration_version

    def compute() -> dict[str, tuple[str, str | None]]:
        found: dict[str, tuple[str, str | None]] = {}
        for name in ctx.workspace.list_dir(folder):
            raw = ctx.workspace.source(folder / name) if name.endswith((".exs", ".ex")) else None
            if (
                raw is None
                or b"Ecto.Migration" not in raw.content
                or b"ndex" not in raw.content.replace(b"NDEX", b"ndex")
            ):
                continue
            parsed = ctx.workspace.parse(folder / name)
            if parsed is None:
                continue
            for module in migration_modules(parsed):
                ops: list[Operation] = [*_dsl_operations(module), *raw_index_operations(module)]
                for op in ops:
                    index = _op_name(parsed, op) if op.creates and op.function != "down" else None
                    if index is None or op.table is None:
                        continue
                    key = index.lower()
                    entry = (op.table, parsed.migration_version)
                    if key in found and found[key][0].lower() != op.table.lower():
                        entry = ("", None)  # two tables: unknown
                    found[key] = entry
        return found

    every = ctx.workspace.fact(("index-tables", str(folder)), compute)
    return {
        name: table
        for name, (table, made) in every.items()
        if table and (version is None or made is None or made < version)
    }


def _recipe_columns(source: ParsedSource, op: Operation) -> str:
    if isinstance(op, RawIndexOperation):
        columns = op.sides[0].columns[0]
        return ", ".join(columns) if columns else "..."
    names = [literal_name(c) for c in _column_nodes(op)]
    return ", ".join(n for n in names if n) if names and all(names) else "..."


def _noun(ops: list[Operation]) -> str:
    if all(isinstance(op, RawIndexOperation) for op in ops):
        return "raw index statement"
    return "index operation"


def _all_dsl(ops: list[Operation]) -> bool:
    return all(isinstance(op, IndexOperation) for op in ops)


def _what(targets: list[Operation]) -> str:
    """`concurrently: true to 2 index operations`, `CONCURRENTLY to 1 raw index statement`, or both."""
    dsl = sum(1 for op in targets if isinstance(op, IndexOperation))
    raw = len(targets) - dsl
    parts = []
    if dsl:
        parts.append(f"concurrently: true to {_count(dsl, 'index operation')}")
    if raw:
        parts.append(f"CONCURRENTLY to {_count(raw, 'raw index statement')}")
    return " and ".join(parts)


def _index_name(source: ParsedSource, op: IndexOperation) -> str | None:
    """The index's name: its `name:` option, else Ecto's default `<table>_<columns>_index` for literal columns."""
    for key, value in op._pairs():
        if key == "name":
            return literal_name(value)
    if op.table is None:
        return None
    names = [literal_name(c) for c in _column_nodes(op)]
    if not names or any(n is None for n in names):
        return None
    parts = [re.sub(r"[^\w]", "_", p).rstrip("_") for p in [op.table, *(n or "" for n in names), "index"]]
    return "_".join(parts)


def _column_nodes(op: IndexOperation) -> list[Node]:
    args = call_args(op.builder)
    if len(args) < 2:
        return []
    return named(args[1]) if args[1].type == "list" else [args[1]]
