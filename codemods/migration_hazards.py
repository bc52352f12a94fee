"""migration-hazards: what excellent_migrations, squawk and strong_migrations catch that has no safe rewrite.

Why it exists
    Some migration steps break a running app or lock a populated table, and
    no edit of the migration alone makes them safe: the fix spans deploys
    (drop a column only after the code that reads it is gone) or needs a
    person's judgement (what raw SQL locks). mir-fix reports them as
    findings, each naming the check (excellent_migrations' name where it has
    one, so its suppression comments and `skip_checks` apply) and saying what
    to do instead. `mir-fix --explain <check>` gives the recipe of one check.

What it reports
    In up/0 and change/0 of every module that `use Ecto.Migration`, on tables
    the migration does not create itself (down/0 runs on rollback only and is
    never reported):
    - column_removed, column_renamed, table_renamed, table_dropped: the running
      code may still read the column or table; the finding names the Ecto
      schema field that still maps it, when the app has one;
    - column_type_changed: `modify` to another type, saying whether PostgreSQL
      rewrites the table for that pair (read from `from:` or the migrations
      before). A change it knows to be catalog-only (varchar(n) to text, a
      longer varchar, more numeric precision) is not reported, nor a modify
      that only changes `null:` or `default:` (not-null and column-default own
      those), nor a `references(...)` type (validate-constraints);
    - not_null_dropped: `modify ..., null: true`;
    - operation_insert / operation_update / operation_delete: data written
      inside a schema migration (Repo calls, raw INSERT/UPDATE/DELETE), except a
      batched data migration outside the DDL transaction (what not-null writes);
    - raw_sql_executed: `execute` SQL mir-fix cannot classify. Statements it can
      tell are safe (CREATE/DROP INDEX CONCURRENTLY, VALIDATE CONSTRAINT, ADD
      CONSTRAINT ... NOT VALID, SET/DROP DEFAULT, DROP CONSTRAINT, functions,
      types, extensions, triggers, views, comments, grants, SET) are not
      reported; those another codemod reports (plain CREATE/DROP INDEX, SET NOT
      NULL, a FOREIGN KEY or CHECK without NOT VALID) are left to it; some get
      squawk's rule name: ban_truncate_cascade, require_concurrent_reindex,
      require_concurrent_partition_detach, adding_primary_key_constraint,
      disallow_unique_constraint, transaction_nesting;
    - json_column_added (`:json`, use `:map`), many_columns_index (a non-unique
      index over more than 3 columns), column_added_with_default (before
      PostgreSQL 11 only), identifier_too_long (names over 63 bytes, Ecto's
      default index and foreign key names included), prefer_identity (serial
      columns), prefer_bigint (integer primary keys and references);
    - lock_timeout_missing: a migration with one of the hazards above that
      locks an existing table, when neither the migration nor the repo's
      config sets lock_timeout.

Example
    alter table(:orders) do
      remove :legacy_total
    end
    -> priv/repo/migrations/20240301_drop_legacy_total.exs:5: migration-hazards [column_removed]:
       orders.legacy_total is still a field of Shop.Orders.Order (lib/shop/orders/order.ex:9) ...

What it refuses
    Nothing is rewritten: every result is a finding. Silence one with
    `# excellent_migrations:safety-assured-for-next-line <check>` (only that
    check), `# mir-fix: ignore migration-hazards`, or `skip_checks`.
    Migrations of a repo that is not PostgreSQL are left alone, with one
    finding per repo; shipped migrations are shown marked shipped, and do not
    fail `--check`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tree_sitter import Node

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource, Workspace
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    calls_named,
    captures,
    keyword_pairs,
    module_attribute,
    named,
    remote_call,
)

from . import _hazard_sql as sql
from ._hazard_schemas import schemas_of
from ._hazard_types import ColumnType, declared_before, ecto_type, from_option, keyword_options, rewrite
from ._lock_facts import find_config
from ._migration import RAW_CREATE_TABLE, MigrationModule, attribute_is_true, literal_name, migration_modules
from ._migration_scope import migration_scope
from ._repo_facts import by_database

MAX_IDENTIFIER = 63
DEPLOY_FUNCTIONS = ("change", "up")
INSERTS = frozenset({"insert", "insert!", "insert_all", "insert_or_update", "insert_or_update!"})
UPDATES = frozenset({"update", "update!", "update_all"})
DELETES = frozenset({"delete", "delete!", "delete_all"})
QUERIES = frozenset({"query", "query!"})
# `Repo.insert(...)`, `MyApp.Repo.update_all(...)`, `repo().delete_all(...)`: any call on a dot
REMOTE_CALLS = "(call target: (dot right: (identifier) @name)) @call"
SERIAL = frozenset({":serial", ":bigserial", ":smallserial"})
INT4 = frozenset({":integer", ":serial", ":id"})
SET_LOCK_TIMEOUT = re.compile(rb"\block_timeout\b", re.I)
SET_UTC = re.compile(r"SET\s+(?:LOCAL\s+)?(?:timezone|TIME\s+ZONE)\s*(?:TO|=)?\s*'(?:Etc/)?UTC'", re.I)

RECIPE_COLUMN = (
    "add the new column, make the app write both, backfill existing rows in batches, switch reads to the new "
    "column, then drop the old one in a later deploy"
)

CHECKS: dict[str, str] = {
    "column_removed": (
        "A column dropped while running code still maps it: Ecto selects every schema field, so every query of "
        "that schema fails (`column ... does not exist`) from the moment the migration runs until the new code is "
        "out (multi-node deploys, or migrations run before the app restarts). Fix: remove the field from the "
        "Ecto schema (and every use) and deploy that first; drop the column in a later deploy."
    ),
    "column_renamed": (
        "A renamed column breaks the running code, which still reads and writes the old name. Fix: keep the "
        "column and rename only the schema field (`field :new_name, :type, source: :old_name`); or, to rename in "
        f"the database, {RECIPE_COLUMN}."
    ),
    "table_renamed": (
        "A renamed table breaks the running code, which still queries the old name. Fix: keep the table and "
        'rename only the schema module (`schema "old_name"`); or create the new table, write both, backfill, '
        "switch reads, and drop the old table in a later deploy (a view named after the old table can bridge the "
        "deploy while reads move)."
    ),
    "column_type_changed": (
        "Changing a column's type takes an ACCESS EXCLUSIVE lock and, for most pairs of types, rewrites the "
        "table and its indexes while reads and writes wait; the running code may also not read the new type. "
        "Catalog-only changes (varchar(n) to text or to a longer varchar, more numeric precision with the same "
        "scale) are not reported. Fix: " + RECIPE_COLUMN + "."
    ),
    "table_dropped": (
        "A dropped table breaks any running code that still queries it. Fix: remove the schema and every use "
        "of the table, deploy that, then drop the table in a later deploy."
    ),
    "operation_insert": (
        "Data inserted in a schema migration runs inside its transaction (holding the locks its DDL took) and "
        "through app modules that change over time. Fix: move it to a data migration of its own "
        "(@disable_ddl_transaction true, batched, schemaless queries through repo()), or a seed/release task."
    ),
    "operation_update": (
        "Rows updated in a schema migration are updated in one transaction that holds the DDL's locks and every "
        "updated row's lock until it commits. Fix: a separate data migration with @disable_ddl_transaction true "
        "and @disable_migration_lock true that updates in batches (keyset pagination on the primary key, "
        "repo().update_all per batch), shipped after the schema change."
    ),
    "operation_delete": (
        "Rows deleted in a schema migration are deleted in one transaction that holds the DDL's locks and every "
        "deleted row's lock until it commits. Fix: a separate data migration with @disable_ddl_transaction true "
        "that deletes in batches, shipped after the schema change."
    ),
    "raw_sql_executed": (
        "mir-fix cannot tell what this SQL locks or whether the running code survives it. Fix: check the lock each "
        "statement takes (https://www.postgresql.org/docs/current/explicit-locking.html) and the rows it touches; "
        "when it is safe, say so with `# excellent_migrations:safety-assured-for-next-line raw_sql_executed`."
    ),
    "json_column_added": (
        "PostgreSQL's json type has no equality operator, so SELECT DISTINCT, UNION and GROUP BY over rows "
        "with the column fail. Fix: use `:map` (jsonb in ecto_sql's Postgres adapter)."
    ),
    "column_added_with_default": (
        "Before PostgreSQL 11, adding a column with a default rewrites the whole table under an ACCESS EXCLUSIVE "
        "lock. Fix: add the column without a default, set the default in a second migration "
        '(`execute "ALTER TABLE t ALTER COLUMN c SET DEFAULT ..."`), and backfill existing rows in batches.'
    ),
    "not_null_dropped": (
        "Dropping NOT NULL lets NULLs in, and the running code (and other readers) may assume the column is "
        "never NULL: a pattern match or a calculation on it fails on the first NULL. Fix: make every reader "
        "handle nil (and the schema's validations allow it) in a deploy before this migration."
    ),
    "many_columns_index": (
        "A non-unique index over more than three columns rarely helps more than one over its most selective "
        "two or three, and costs every write. Fix: index the columns that narrow the rows most."
    ),
    "identifier_too_long": (
        "PostgreSQL truncates names longer than 63 bytes without an error. Two long names that share their "
        "first 63 bytes then collide, and Ecto's unique_constraint/foreign_key_constraint (which match the "
        "untruncated default name) no longer recognise the violation: the insert raises instead of returning "
        "an {:error, changeset}. Fix: give a shorter `name:` (and pass it to the changeset's constraint call)."
    ),
    "prefer_identity": (
        "serial columns own a separate sequence whose permissions and ownership need their own management. "
        "Fix: `add :id, :identity, primary_key: true` (ecto_sql 3.10+: bigint GENERATED BY DEFAULT AS IDENTITY)."
    ),
    "prefer_bigint": (
        "An integer (int4) key runs out at 2,147,483,647; changing it later rewrites the table and every "
        "table that references it. Fix: `:bigserial`/`:bigint` (Ecto's default primary key and references "
        "type) or `:identity`."
    ),
    "lock_timeout_missing": (
        "Without lock_timeout, a DDL statement that waits for a lock held by a long query queues every later "
        "query on the table behind it: the table stops answering until the lock is granted. Fix: make the "
        'migration give up fast and retry: `execute "SET LOCAL lock_timeout TO \'5s\'", "SET LOCAL lock_timeout '
        "TO '5s'\"` first in change/0 (or up/0), or `parameters: [lock_timeout: \"5s\"]` in the repo's config."
    ),
    "ban_truncate_cascade": (
        "TRUNCATE ... CASCADE also empties every table with a foreign key to it, recursively, under ACCESS "
        "EXCLUSIVE locks. Fix: name every table to truncate, or delete the rows in batches."
    ),
    "require_concurrent_reindex": (
        "REINDEX without CONCURRENTLY blocks writes to the table (and reads that use the index) until it ends. "
        "Fix: `REINDEX INDEX CONCURRENTLY ...` (PostgreSQL 12+) in a migration with @disable_ddl_transaction "
        "true and @disable_migration_lock true."
    ),
    "require_concurrent_partition_detach": (
        "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table. Fix: `DETACH PARTITION ... "
        "CONCURRENTLY` (PostgreSQL 14+) in a migration with @disable_ddl_transaction true."
    ),
    "adding_primary_key_constraint": (
        "ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait for the build. "
        "Fix: `CREATE UNIQUE INDEX CONCURRENTLY` in its own migration, then `ALTER TABLE ... ADD CONSTRAINT ... "
        "PRIMARY KEY USING INDEX ...`."
    ),
    "disallow_unique_constraint": (
        "ADD CONSTRAINT ... UNIQUE builds its index under an ACCESS EXCLUSIVE lock. Fix: `CREATE UNIQUE INDEX "
        "CONCURRENTLY` in its own migration, then `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX ...`."
    ),
    "transaction_nesting": (
        "Ecto runs each migration in a transaction: a BEGIN inside it only warns, and a COMMIT ends Ecto's "
        "transaction early, so what follows runs without one and a failure leaves the migration half applied. "
        "Fix: remove BEGIN/COMMIT; for work that must run outside a transaction, use @disable_ddl_transaction true."
    ),
}
EXCELLENT_CHECKS = frozenset(
    {
        "column_removed",
        "column_renamed",
        "table_renamed",
        "column_type_changed",
        "table_dropped",
        "operation_insert",
        "operation_update",
        "operation_delete",
        "raw_sql_executed",
        "json_column_added",
        "column_added_with_default",
        "many_columns_index",
    }
)
# Hazards that take an ACCESS EXCLUSIVE (or SHARE) lock on an existing table: with one, lock_timeout matters.
# Raw SQL mir-fix cannot classify is not known to lock anything; data writes take row locks.
LOCKING = frozenset(
    {
        "column_removed",
        "column_renamed",
        "table_renamed",
        "column_type_changed",
        "table_dropped",
        "column_added_with_default",
        "not_null_dropped",
        "ban_truncate_cascade",
        "require_concurrent_reindex",
        "require_concurrent_partition_detach",
        "adding_primary_key_constraint",
        "disallow_unique_constraint",
    }
)


@dataclass(frozen=True)
class Hazard:
    check: str
    line: int
    message: str
    # Other checks whose suppression also silences it (raw SQL: `raw_sql_executed`, what excellent_migrations says).
    also: frozenset[str] = frozenset()


@dataclass
class Migration:
    """The deploy path of one migration module: what up/0 and change/0 (and helpers they call) do."""

    source: ParsedSource
    module: MigrationModule
    workspace: Workspace
    roots: list[Node]
    created: set[str] = field(default_factory=set)
    added: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def read(cls, source: ParsedSource, module: MigrationModule, workspace: Workspace) -> Migration:
        migration = cls(source, module, workspace, _deploy_roots(module))
        for root in migration.roots:
            for call in calls_named(root, frozenset({"create", "create_if_not_exists", "alter", "execute"})):
                args = call_args(call)
                if call_name(call) == "execute":
                    for literal in (sql.sql_text(a) for a in args[:1]):
                        migration.created.update(t.lower() for t in RAW_CREATE_TABLE.findall(literal or ""))
                    continue
                table = _table_of(args)
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
        return sorted((c for root in self.roots for c in calls_named(root, names)), key=lambda n: n.start_byte)

    def remote_calls(self) -> list[Node]:
        found = [c for root in self.roots for c in captures(root, REMOTE_CALLS, "call")]
        return sorted(found, key=lambda n: n.start_byte)

    def sql(self) -> list[tuple[Node, str | None]]:
        """(call, SQL or None when not a literal) of each `execute` and repo `query` in the deploy path."""
        found: list[tuple[Node, str | None]] = []
        for call in self.calls(frozenset({"execute"})):
            args = call_args(call)
            if args and args[0].type not in {"anonymous_function"}:
                found.append((call, sql.sql_text(args[0])))
        for call in self.remote_calls():
            remote = remote_call(call)
            args = call_args(call)
            if remote and remote[1] in QUERIES and _is_repo(remote[0]) and args:
                text = sql.sql_text(args[0])
                if text is not None:
                    found.append((call, text))
        return sorted(found, key=lambda item: item[0].start_byte)


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
        for call in calls_named(node, frozenset(definitions)):
            name = call_name(call)
            if name and name not in seen:
                seen.add(name)
                roots += definitions[name]
                queue += definitions[name]
    return roots


def _table_of(args: list[Node]) -> str | None:
    if not args or call_name(args[0]) != "table":
        return None
    table_args = call_args(args[0])
    return literal_name(table_args[0]) if table_args else None


def _is_repo(left: str) -> bool:
    return left == "repo()" or "Repo" in left.split(".")


class MigrationHazards(Codemod):
    id = "migration-hazards"
    title = "Report migration steps that lock or break a running app and have no safe rewrite"
    prefilter = (b"Ecto.Migration",)
    requires = (b"Ecto.Migration",)
    assured_checks = EXCELLENT_CHECKS
    checks = CHECKS
    explain = (__doc__ or "").split("\n", 2)[2]

    def ignores_file(self, source: ParsedSource) -> bool:
        # A file-wide excellent_migrations comment names the checks it silences: each finding asks for its own.
        return source.suppressions.file_ignored(self.id)

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        if not migration_scope(source, ctx).shown:
            return
        for module in migration_modules(source):
            yield from by_database(self, source, module, ctx, self._module_items)

    def _module_items(self, source: ParsedSource, module: MigrationModule, ctx: Context) -> list[Change | Finding]:
        scope = migration_scope(source, ctx)
        if not scope.shown:
            return []
        migration = Migration.read(source, module, ctx.workspace)
        hazards = [h for h in self._hazards(migration, ctx) if not self._silenced(source, h)]
        timeout = self._lock_timeout(migration, hazards, ctx)
        if timeout is not None and not self._silenced(source, timeout):
            hazards.append(timeout)
        seen: set[tuple[str, int]] = set()
        items: list[Change | Finding] = []
        for hazard in sorted(hazards, key=lambda h: h.line):
            if (hazard.check, hazard.line) not in seen:
                seen.add((hazard.check, hazard.line))
                finding = Finding(self.id, source.file.rel, hazard.line, hazard.message, check=hazard.check)
                items.append(scope.mark(finding))
        return items

    def _silenced(self, source: ParsedSource, hazard: Hazard) -> bool:
        checks = frozenset({hazard.check}) | hazard.also
        suppressions = source.suppressions
        return suppressions.line_ignored(self.id, hazard.line, checks) or suppressions.file_ignored(self.id, checks)

    def _hazards(self, migration: Migration, ctx: Context) -> Iterator[Hazard]:
        yield from self._alters(migration, ctx)
        yield from self._creates(migration)
        yield from self._drops_and_renames(migration)
        yield from self._data_writes(migration)
        yield from self._raw_sql(migration)

    # --- alter table --------------------------------------------------------------------------

    def _alters(self, migration: Migration, ctx: Context) -> Iterator[Hazard]:
        source = migration.source
        for alter in migration.calls(frozenset({"alter"})):
            table = _table_of(call_args(alter))
            if table is None:
                continue
            existing = table not in migration.created
            for statement in block_body(alter) or []:
                verb = call_name(statement)
                args = call_args(statement)
                if not args:
                    continue
                column = literal_name(args[0])
                line = source.line(statement)
                if verb in {"add", "add_if_not_exists"}:
                    yield from self._identifiers_of_add(source, table, statement)
                    if existing:
                        yield from self._added_column(source, table, statement, ctx)
                elif not existing:
                    continue
                elif verb in {"remove", "remove_if_exists"} and column is not None:
                    if (table, column) not in migration.added:
                        yield self._removed(migration, table, column, line)
                elif verb == "modify" and column is not None and len(args) >= 2:
                    yield from self._modified(migration, table, column, statement, ctx)

    def _added_column(self, source: ParsedSource, table: str, statement: Node, ctx: Context) -> Iterator[Hazard]:
        args = call_args(statement)
        line = source.line(statement)
        column = source.text(args[0]).lstrip(":")
        options = keyword_options(args[2:])
        if len(args) >= 2 and args[1].text == b":json":
            yield Hazard(
                "json_column_added",
                line,
                f"{table}.{column} is added as json, which has no equality operator: SELECT DISTINCT, UNION and "
                "GROUP BY over these rows fail; use `:map` (jsonb) instead",
            )
        default = options.get("default")
        null = options.get("null")
        not_null = null is not None and null.text == b"false"
        volatile = default is not None and default.type == "call" and call_name(default) == "fragment"
        if ctx.options.pg_version < 11 and default is not None and not not_null and not volatile:
            yield Hazard(
                "column_added_with_default",
                line,
                f"on PostgreSQL {ctx.options.pg_version}, adding {table}.{column} with a default rewrites the "
                "whole table under an ACCESS EXCLUSIVE lock; add it without the default, set the default in "
                f'a second migration (`execute "ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT ..."`), '
                "and backfill existing rows in batches",
            )
        yield from self._int4(source, table, statement)

    def _removed(self, migration: Migration, table: str, column: str, line: int) -> Hazard:
        schemas = schemas_of(migration.source, table, migration.workspace)
        mapped = [(s, s.columns[column]) for s in schemas if column in s.columns]
        if mapped:
            schema, item = mapped[0]
            where = f"{schema.path}:{item.line}"
            return Hazard(
                "column_removed",
                line,
                f"{table}.{column} is still mapped by {schema.module} (`{item.name}` at {where}): the running code "
                f"selects it, so its queries fail from the moment this migration runs until new code is out. "
                f"Remove the field from {schema.module} (and every use) and deploy that first; drop the column "
                "in a later deploy",
            )
        return Hazard(
            "column_removed",
            line,
            f"dropping {table}.{column}: no schema in this app maps it any more, but code that is still running "
            "(the previous release, during a rolling deploy) may; run this migration only after the deploy that "
            "stopped using the column has shipped",
        )

    def _modified(
        self, migration: Migration, table: str, column: str, statement: Node, ctx: Context
    ) -> Iterator[Hazard]:
        source = migration.source
        args = call_args(statement)
        line = source.line(statement)
        options = keyword_options(args[2:])
        null = options.get("null")
        if null is not None and null.text == b"true":
            yield Hazard(
                "not_null_dropped",
                line,
                f"{table}.{column} becomes nullable: code that assumes it is never NULL (pattern matches, "
                "arithmetic, other readers of the table) breaks on the first NULL; make every reader handle nil "
                "in a deploy before this migration",
            )
        yield from self._int4(source, table, statement)
        kind = args[1]
        if kind.type == "call" and call_name(kind) == "references":
            return  # a foreign key change: validate-constraints
        new = ecto_type(kind, options)
        old, where = self._old_type(migration, table, column, options, ctx)
        if old is None and (null is not None or "default" in options):
            return  # most likely only nullability or the default changes: not-null's and column-default's
        if old is None or new is None:
            told = "" if old is not None else " (state the old type with `from:` so mir-fix can tell)"
            yield Hazard(
                "column_type_changed",
                line,
                f"changing the type of {table}.{column} to `{source.text(kind)}` takes an ACCESS EXCLUSIVE lock "
                f"and may rewrite the table and its indexes while reads and writes wait{told}; instead: "
                + RECIPE_COLUMN,
            )
            return
        verdict = rewrite(old, new, ctx.options.pg_version, utc=self._sets_utc(migration))
        if verdict.rewrites is False and not verdict.indexes_rebuilt:
            return
        change = f"{table}.{column} from {old} ({where}) to {new}"
        if verdict.rewrites:
            cost = "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait"
        elif verdict.rewrites is None:
            cost = "may rewrite the table under an ACCESS EXCLUSIVE lock"
        else:
            cost = "does not rewrite the table, but rebuilds every index on the column under an ACCESS EXCLUSIVE lock"
        yield Hazard(
            "column_type_changed",
            line,
            f"changing {change} {cost} ({verdict.why}); instead: {RECIPE_COLUMN}",
        )

    def _old_type(
        self, migration: Migration, table: str, column: str, options: dict[str, Node], ctx: Context
    ) -> tuple[ColumnType | None, str]:
        given = options.get("from")
        if given is not None:
            old = from_option(given)
            return (ecto_type(old[0], old[1]) if old else None), "its `from:`"
        declared = declared_before(migration.source, table, column, ctx.workspace)
        if declared is None:
            return None, ""
        return declared.type, f"as {declared.where} declared it"

    def _sets_utc(self, migration: Migration) -> bool:
        return any(text and SET_UTC.search(text) for _, text in migration.sql())

    # --- create table / index / constraint ----------------------------------------------------

    def _creates(self, migration: Migration) -> Iterator[Hazard]:
        source = migration.source
        for call in migration.calls(frozenset({"create", "create_if_not_exists"})):
            args = call_args(call)
            if not args:
                continue
            builder = call_name(args[0])
            line = source.line(call)
            if builder == "table":
                yield from self._created_table(source, call, args[0])
            elif builder in {"index", "unique_index"}:
                yield from self._index(source, args[0], line)
            elif builder == "constraint":
                parts = call_args(args[0])
                name = literal_name(parts[1]) if len(parts) > 1 else None
                if name is not None:
                    yield from self._too_long(line, "constraint", name, given=True)

    def _created_table(self, source: ParsedSource, call: Node, table_call: Node) -> Iterator[Hazard]:
        table_args = call_args(table_call)
        table = literal_name(table_args[0]) if table_args else None
        if table is None:
            return
        line = source.line(call)
        yield from self._too_long(line, "table", table, given=True)
        key = keyword_options(table_args[1:]).get("primary_key")
        if key is not None and key.type in {"keywords", "list"}:
            key_type = keyword_options([key]).get("type")
            if key_type is not None:
                yield from self._key_type(table, "id", source.text(key_type), line)
        body = [s for s in block_body(call) or [] if call_name(s) in {"add", "add_if_not_exists"}]
        keys = [s for s in body if _option_is_true(s, "primary_key")]
        for statement in body:
            yield from self._identifiers_of_add(source, table, statement)
            # An int4 part of a composite key (a year, a position) is no sequence that runs out.
            yield from self._int4(source, table, statement, sole_key=keys == [statement])

    def _int4(self, source: ParsedSource, table: str, statement: Node, *, sole_key: bool = False) -> Iterator[Hazard]:
        """Serial columns and int4 keys in `add`/`modify :c, type, opts`."""
        args = call_args(statement)
        if len(args) < 2:
            return
        column = source.text(args[0]).lstrip(":")
        line = source.line(statement)
        kind = source.text(args[1])
        options = keyword_options(args[2:])
        primary = options.get("primary_key")
        if kind in SERIAL:
            yield self._serial(table, column, kind, line)
        if sole_key and primary is not None and primary.text == b"true" and kind in INT4:
            yield self._int_key(table, column, kind, line, "primary key")
        if args[1].type == "call" and call_name(args[1]) == "references":
            ref_type = keyword_options(call_args(args[1])[1:]).get("type")
            if ref_type is not None and source.text(ref_type) in INT4:
                yield self._int_key(table, column, source.text(ref_type), line, "reference")

    def _key_type(self, table: str, column: str, kind: str, line: int) -> Iterator[Hazard]:
        if kind in SERIAL:
            yield self._serial(table, column, kind, line)
        if kind in INT4:
            yield self._int_key(table, column, kind, line, "primary key")

    def _serial(self, table: str, column: str, kind: str, line: int) -> Hazard:
        return Hazard(
            "prefer_identity",
            line,
            f"{table}.{column} is `{kind}`: a serial column owns a separate sequence (its own grants and "
            "ownership); use `:identity` (bigint GENERATED BY DEFAULT AS IDENTITY, ecto_sql 3.10+)",
        )

    def _int_key(self, table: str, column: str, kind: str, line: int, what: str) -> Hazard:
        return Hazard(
            "prefer_bigint",
            line,
            f"{table}.{column} is a {what} of type `{kind}` (int4), which runs out at 2,147,483,647 and is "
            "costly to widen later (the table and every referencing table are rewritten); use `:bigserial`/"
            "`:bigint` (Ecto's default) or `:identity`",
        )

    def _identifiers_of_add(self, source: ParsedSource, table: str, statement: Node) -> Iterator[Hazard]:
        args = call_args(statement)
        column = literal_name(args[0]) if args else None
        if column is None:
            return
        line = source.line(statement)
        yield from self._too_long(line, "column", column, given=True)
        if len(args) >= 2 and args[1].type == "call" and call_name(args[1]) == "references":
            name = keyword_options(call_args(args[1])[1:]).get("name")
            if name is not None:
                given = literal_name(name)
                if given is not None:
                    yield from self._too_long(line, "foreign key", given, given=True)
            else:
                yield from self._too_long(line, "foreign key", f"{table}_{column}_fkey", given=False)

    def _index(self, source: ParsedSource, builder: Node, line: int) -> Iterator[Hazard]:
        args = call_args(builder)
        table = literal_name(args[0]) if args else None
        if table is None or len(args) < 2:
            return
        options = keyword_options(args[2:])
        columns = named(args[1]) if args[1].type == "list" else [args[1]]
        name = options.get("name")
        if name is not None:
            given = literal_name(name)
            if given is not None:
                yield from self._too_long(line, "index", given, given=True)
        else:
            parts = [literal_name(c) or re.sub(r"\W", "_", sql.sql_text(c) or "") for c in columns]
            default = "_".join(p.rstrip("_") for p in [table, *parts, "index"])
            yield from self._too_long(line, "index", default, given=False)
        unique = call_name(builder) == "unique_index" or (
            options.get("unique") is not None and options["unique"].text == b"true"
        )
        if len(columns) > 3 and args[1].type == "list" and not unique:
            yield Hazard(
                "many_columns_index",
                line,
                f"a non-unique index over {len(columns)} columns of {table}: past the three most selective "
                "columns it rarely helps reads, and every write pays for it; index the columns that narrow "
                "the rows most",
            )

    def _too_long(self, line: int, what: str, name: str, *, given: bool) -> Iterator[Hazard]:
        size = len(name.encode("utf-8"))
        if size <= MAX_IDENTIFIER:
            return
        truncated = name.encode("utf-8")[:MAX_IDENTIFIER].decode("utf-8", "ignore")
        whose = "the" if given else "Ecto's default"
        yield Hazard(
            "identifier_too_long",
            line,
            f"{whose} {what} name `{name}` is {size} bytes; PostgreSQL silently truncates it to `{truncated}`, "
            "so another name sharing those 63 bytes collides, and a changeset's unique_constraint/"
            "foreign_key_constraint matching the full name no longer turns a violation into an error; give "
            "a shorter `name:`",
        )

    # --- drop / rename ------------------------------------------------------------------------

    def _drops_and_renames(self, migration: Migration) -> Iterator[Hazard]:
        source = migration.source
        for call in migration.calls(frozenset({"drop", "drop_if_exists", "rename"})):
            args = call_args(call)
            table = _table_of(args)
            if table is None or table in migration.created:
                continue
            line = source.line(call)
            if call_name(call) != "rename":
                yield self._dropped(migration, table, line)
                continue
            options = keyword_options(args[1:])
            target = options.get("to")
            if target is None:
                continue
            if len(args) >= 3 and literal_name(args[1]) is not None:
                column, new = literal_name(args[1]), literal_name(target)
                if column is None or (table, column) in migration.added:
                    continue
                yield from self._too_long(line, "column", new or "", given=True)
                yield self._column_renamed(migration, table, column, new, line)
            elif call_name(target) == "table":
                new = _table_of([target])
                yield from self._too_long(line, "table", new or "", given=True)
                yield Hazard(
                    "table_renamed",
                    line,
                    f"renaming {table} to {new} breaks the running code, which still queries {table}; keep the "
                    f"table and rename only the schema module, or create {new}, write both, backfill, switch "
                    f"reads, and drop {table} in a later deploy (a view `{table}` over the new table can bridge "
                    "the deploy while reads move)",
                )

    def _dropped(self, migration: Migration, table: str, line: int) -> Hazard:
        schemas = schemas_of(migration.source, table, migration.workspace)
        if schemas:
            where = ", ".join(f"{s.module} ({s.where})" for s in schemas)
            return Hazard(
                "table_dropped",
                line,
                f"{table} is still mapped by {where}: the running code queries it, and fails from the moment "
                "this migration runs. Remove the schema and every use of it, deploy that, then drop the table "
                "in a later deploy",
            )
        return Hazard(
            "table_dropped",
            line,
            f"dropping {table}: no schema in this app maps it any more, but code that is still running (the "
            "previous release, during a rolling deploy) may; run this migration only after the deploy that "
            "stopped using the table has shipped",
        )

    def _column_renamed(self, migration: Migration, table: str, column: str, new: str | None, line: int) -> Hazard:
        mapped = [s for s in schemas_of(migration.source, table, migration.workspace) if column in s.columns]
        still = f" ({mapped[0].module} still maps it at {mapped[0].where})" if mapped else ""
        return Hazard(
            "column_renamed",
            line,
            f"renaming {table}.{column} to {new} breaks the running code, which reads and writes {column}"
            f"{still}; keep the column and rename only the field (`field :{new}, ..., source: :{column}`), or "
            f"add {new}, make the app write both, backfill in batches, switch reads, and drop {column} in a "
            "later deploy",
        )

    # --- data ---------------------------------------------------------------------------------

    def _data_writes(self, migration: Migration) -> Iterator[Hazard]:
        if self._batched_data_migration(migration):
            return
        for call in migration.remote_calls():
            remote = remote_call(call)
            if remote is None or not _is_repo(remote[0]):
                continue
            check = _write_check(remote[1])
            if check is None:
                continue
            yield self._write(check, migration.source.line(call), f"`{remote[0]}.{remote[1]}`")

    def _batched_data_migration(self, migration: Migration) -> bool:
        """Outside the DDL transaction and in batches: the recipe for data (what not-null's backfill writes)."""
        if attribute_is_true(migration.module, "disable_ddl_transaction") is not True:
            return False
        attributes = [module_attribute(s) for s in block_body(migration.module.node) or []]
        batched = any(a is not None and "batch" in a[0] for a in attributes)
        return batched or any(k == "limit" for c in migration.calls(frozenset({"from"})) for k in _keys(c))

    def _write(self, check: str, line: int, what: str, table: str | None = None) -> Hazard:
        verb = {"operation_insert": "inserts", "operation_update": "updates", "operation_delete": "deletes"}[check]
        rows = f" {table} rows" if table else " rows"
        return Hazard(
            check,
            line,
            f"{what} {verb}{rows} inside a schema migration: in its transaction, holding the locks its DDL took "
            "and every touched row's lock until it commits. Move it to a data migration of its own "
            "(@disable_ddl_transaction true, @disable_migration_lock true, batches of a few thousand rows "
            "with repo(), no app schema modules)",
        )

    # --- raw SQL ------------------------------------------------------------------------------

    def _raw_sql(self, migration: Migration) -> Iterator[Hazard]:
        source = migration.source
        batched = self._batched_data_migration(migration)
        for call, text in migration.sql():
            line = source.line(call)
            also = frozenset({"raw_sql_executed"})
            if text is None:
                yield Hazard(
                    "raw_sql_executed",
                    line,
                    "SQL built at run time: mir-fix cannot read it, so cannot tell what it locks; check the "
                    "statement's lock and the rows it touches, then mark it safe with "
                    "`# excellent_migrations:safety-assured-for-next-line raw_sql_executed`",
                )
                continue
            unknown = []
            for statement in (sql.classify(s) for s in sql.statements(text)):
                if statement.kind in {sql.SAFE, sql.OTHERS}:
                    continue
                if statement.table is not None and statement.table in migration.created:
                    continue
                if statement.kind == "raw_sql_executed":
                    unknown.append(statement.text)
                elif statement.kind.startswith("operation_"):
                    if not batched:
                        yield self._write(statement.kind, line, "this SQL", statement.table)
                else:
                    yield self._raw_hazard(statement, line, also)
            if unknown:
                shown = unknown[0] if len(unknown[0]) <= 80 else unknown[0][:77] + "..."
                yield Hazard(
                    "raw_sql_executed",
                    line,
                    f"mir-fix cannot tell what `{shown}` locks or whether the running code survives it; check the "
                    "lock it takes and the rows it touches, then mark it safe with "
                    "`# excellent_migrations:safety-assured-for-next-line raw_sql_executed`",
                )

    def _raw_hazard(self, statement: sql.Statement, line: int, also: frozenset[str]) -> Hazard:
        table = statement.table or "the table"
        messages = {
            "table_dropped": f"DROP TABLE {table}: make sure no running code queries it (remove the schema and "
            "its uses, deploy, then drop in a later deploy)",
            "column_removed": f"a column of {table} is dropped: remove it from the Ecto schema and deploy that "
            "first; drop the column in a later deploy",
            "column_renamed": f"a column of {table} is renamed: the running code still uses the old name; "
            f"rename only the schema field (`source:`), or {RECIPE_COLUMN}",
            "table_renamed": f"{table} is renamed: the running code still queries the old name; rename only the "
            "schema module, or create, dual-write, backfill, switch reads and drop in a later deploy",
            "column_type_changed": f"a column type of {table} changes: an ACCESS EXCLUSIVE lock that may rewrite "
            f"the table; {RECIPE_COLUMN}",
            "not_null_dropped": f"a column of {table} becomes nullable: make every reader handle nil in a deploy "
            "before this migration",
            "ban_truncate_cascade": "TRUNCATE ... CASCADE also empties every table with a foreign key to it, "
            "recursively; name each table to empty, or delete in batches",
            "require_concurrent_reindex": "REINDEX without CONCURRENTLY blocks writes until it ends; use "
            "REINDEX ... CONCURRENTLY (PostgreSQL 12+) with @disable_ddl_transaction true and "
            "@disable_migration_lock true",
            "require_concurrent_partition_detach": f"DETACH PARTITION takes an ACCESS EXCLUSIVE lock on {table}; "
            "use DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) with @disable_ddl_transaction true",
            "adding_primary_key_constraint": f"ADD PRIMARY KEY builds its index on {table} under an ACCESS "
            "EXCLUSIVE lock; build it first with CREATE UNIQUE INDEX CONCURRENTLY in its own migration, then "
            "ADD CONSTRAINT ... PRIMARY KEY USING INDEX",
            "disallow_unique_constraint": f"ADD CONSTRAINT ... UNIQUE builds its index on {table} under an ACCESS "
            "EXCLUSIVE lock; build it first with CREATE UNIQUE INDEX CONCURRENTLY in its own migration, then "
            "ADD CONSTRAINT ... UNIQUE USING INDEX",
            "transaction_nesting": f"{statement.detail}: Ecto already runs the migration in a transaction, and a "
            "COMMIT ends it early (what follows runs without one); remove it, or use @disable_ddl_transaction true",
        }
        return Hazard(statement.kind, line, messages[statement.kind], also)

    # --- lock_timeout ---------------------------------------------------------------------------

    def _lock_timeout(self, migration: Migration, hazards: list[Hazard], ctx: Context) -> Hazard | None:
        """One finding per migration whose hazards lock an existing table with no lock_timeout set anywhere."""
        locking = [h for h in hazards if h.check in LOCKING]
        if not locking or self._sets_lock_timeout(migration, ctx):
            return None
        first = min(locking, key=lambda h: h.line)
        return Hazard(
            "lock_timeout_missing",
            first.line,
            "this migration locks an existing table (line "
            f"{first.line}, {first.check}) and nothing sets lock_timeout: if a long query holds the table, the "
            "DDL waits and every later query on the table queues behind it. Add "
            "`execute \"SET LOCAL lock_timeout TO '5s'\", \"SET LOCAL lock_timeout TO '5s'\"` as the first "
            'statement (or `parameters: [lock_timeout: "5s"]` in the repo\'s config) and retry on timeout',
        )

    def _sets_lock_timeout(self, migration: Migration, ctx: Context) -> bool:
        if SET_LOCK_TIMEOUT.search(migration.source.text(migration.module.node).encode()):
            return True
        config = find_config(migration.source.file.path, ctx.workspace)
        if config is None:
            return False

        def compute() -> bool:
            for name in ctx.workspace.list_dir(config):
                raw = ctx.workspace.source(config / name) if name.endswith(".exs") else None
                if raw is not None and SET_LOCK_TIMEOUT.search(raw.content):
                    return True
            return False

        return ctx.workspace.fact(("hazard-config-lock-timeout", str(config)), compute)


def _write_check(operation: str) -> str | None:
    if operation in INSERTS:
        return "operation_insert"
    if operation in UPDATES:
        return "operation_update"
    if operation in DELETES:
        return "operation_delete"
    return None


def _option_is_true(statement: Node, key: str) -> bool:
    value = keyword_options(call_args(statement)[2:]).get(key)
    return value is not None and value.text == b"true"


def _keys(call: Node) -> list[str]:
    return [k for a in call_args(call) if a.type == "keywords" for k, _ in keyword_pairs(a) if k is not None]
