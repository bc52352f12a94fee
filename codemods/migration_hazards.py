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
      before; measured on PostgreSQL 15). A change it knows to be
      catalog-only (varchar(n) to text, a longer varchar, more numeric
      precision, the same type restated with other `null:`/`default:`, which
      not-null and column-default own) is not reported; a modify whose old type
      no migration shows may change the type, and is reported, whatever its
      options. A `references(...)` type is validate-constraints';
    - not_null_dropped: `modify ..., null: true` (unless `from:` says it was
      nullable), raw DROP NOT NULL;
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
    - json_column_added (`:json` added to an existing table: use `:map`; a new
      table has no queries to break yet), many_columns_index (a non-unique
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
    -> priv/repo/migrations/20240301000000_remove_legacy_total.exs:6: migration-hazards [column_removed]:
       orders.legacy_total is still mapped by Shop.Orders.Order (`legacy_total` at
       lib/shop/orders/order.ex:7): the running code selects it, ... Remove the field from
       Shop.Orders.Order ... and deploy that first; drop the column in a later deploy

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
from dataclasses import replace

from tree_sitter import Node

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    captures,
    keyword_pairs,
    module_attribute,
    named,
    remote_call,
)

from . import _hazard_sql as sql
from ._hazard_checks import CHECKS, EXCELLENT_CHECKS, LOCKING, RECIPE_COLUMN, Hazard
from ._hazard_migration import Migration, is_repo, table_of
from ._hazard_schemas import schemas_of
from ._hazard_types import ColumnType, declared_before, ecto_type, from_option, keyword_options, rewrite
from ._lock_facts import find_config
from ._migration import MigrationModule, attribute_is_true, literal_name, migration_modules
from ._migration_scope import migration_scope, skipped_checks
from ._repo_facts import by_database

MAX_IDENTIFIER = 63
INSERTS = frozenset({"insert", "insert!", "insert_all", "insert_or_update", "insert_or_update!"})
UPDATES = frozenset({"update", "update!", "update_all"})
DELETES = frozenset({"delete", "delete!", "delete_all"})
SERIAL = frozenset({":serial", ":bigserial", ":smallserial"})
INT4 = frozenset({":integer", ":serial", ":id"})
# A key that numbers itself from an int4 sequence; an :integer key without one holds what the app gives it (a year).
INT4_SEQUENCE = ":serial"
SET_LOCK_TIMEOUT = re.compile(rb"\block_timeout\b", re.I)
STRINGS = "[(string) (sigil)] @literal"
SET_UTC = re.compile(r"SET\s+(?:LOCAL\s+)?(?:timezone|TIME\s+ZONE)\s*(?:TO|=)?\s*'(?:Etc/)?UTC'", re.I)


class MigrationHazards(Codemod):
    id = "migration-hazards"
    title = "Report migration steps that lock or break a running app and have no safe rewrite"
    prefilter = (b"Ecto.Migration",)
    requires = (b"Ecto.Migration",)
    assured_checks = EXCELLENT_CHECKS
    checks = CHECKS
    other_database_reason = "its lock and rewrite rules are PostgreSQL's"
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
        # lock_timeout_missing goes with a reported locking hazard: not one silenced or skipped (`skip_checks`).
        skipped = skipped_checks(source, ctx)
        timeout = self._lock_timeout(migration, [h for h in hazards if h.check not in skipped], ctx)
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
        yield from self._dropped_indexes(migration)
        yield from self._data_writes(migration)
        yield from self._raw_sql(migration)

    # --- alter table --------------------------------------------------------------------------

    def _alters(self, migration: Migration, ctx: Context) -> Iterator[Hazard]:
        source = migration.source
        for alter in migration.calls(frozenset({"alter"})):
            table = table_of(call_args(alter))
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
        loaded = [(s, f) for s, f in mapped if f.loaded]
        if mapped and not loaded:
            schema, item = mapped[0]
            return Hazard(
                "column_removed",
                line,
                f"{table}.{column} is still a field of {schema.module} (`{item.name}` at {schema.path}:{item.line}) "
                "with load_in_query: false: queries do not select it, but an insert or update that sets it fails "
                f"once the column is gone. Remove the field from {schema.module} (and every write of it) and deploy "
                "that first; drop the column in a later deploy",
            )
        if loaded:
            schema, item = loaded[0]
            where = f"{schema.path}:{item.line}"
            return Hazard(
                "column_removed",
                line,
                f"{table}.{column} is still mapped by {schema.module} (`{item.name}` at {where}): the running code "
                f"selects it, so its queries fail from the moment this migration runs until new code is out. "
                f"Remove the field from {schema.module} (and every use; or first mark it `load_in_query: false` "
                "and stop writing it) and deploy that first; drop the column in a later deploy",
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
        given = options.get("from")
        was = from_option(given) if given is not None else None
        was_null = was[1].get("null") if was is not None else None
        already_nullable = was_null is not None and was_null.text == b"true"  # from: {:type, null: true}
        if null is not None and null.text == b"true" and not already_nullable:
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
        if old is None or new is None:
            # A modify restates the type: when mir-fix cannot see the old one, it may be a change.
            told = "" if old is not None else " (no `from:` and no earlier migration says what it was)"
            only = (
                "; if only `null:` or `default:` changes, state the same type in `from:` and this goes away"
                if old is None and (null is not None or "default" in options)
                else ""
            )
            yield Hazard(
                "column_type_changed",
                line,
                f"`modify` of {table}.{column} as `{source.text(kind)}` may change its type{told}: an ACCESS "
                f"EXCLUSIVE lock that may rewrite the table and its indexes while reads and writes wait; to change "
                f"the type: {RECIPE_COLUMN}{only}",
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
                yield from self._not_concurrently(migration, args[0], line, "builds")
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
        if sole_key and primary is not None and primary.text == b"true" and kind == INT4_SEQUENCE:
            yield self._int_key(table, column, kind, line, "primary key")
        if args[1].type == "call" and call_name(args[1]) == "references":
            ref_type = keyword_options(call_args(args[1])[1:]).get("type")
            if ref_type is not None and source.text(ref_type) in INT4:
                yield self._int_key(table, column, source.text(ref_type), line, "reference")

    def _key_type(self, table: str, column: str, kind: str, line: int) -> Iterator[Hazard]:
        if kind in SERIAL:
            yield self._serial(table, column, kind, line)
        if kind == INT4_SEQUENCE:
            yield self._int_key(table, column, kind, line, "primary key")

    def _serial(self, table: str, column: str, kind: str, line: int) -> Hazard:
        return Hazard(
            "prefer_identity",
            line,
            f"{table}.{column} is `{kind}`: a serial column owns a separate sequence (its own grants and "
            "ownership); use `:identity` (bigint GENERATED BY DEFAULT AS IDENTITY, ecto_sql 3.10+)",
        )

    def _int_key(self, table: str, column: str, kind: str, line: int, what: str) -> Hazard:
        if what == "reference":
            message = (
                f"{table}.{column} references with type `{kind}` (int4): it cannot hold a key past 2,147,483,647 "
                "(Ecto's default keys are bigint), and widening it later rewrites the table; use the referenced "
                "key's type (`:bigint`, Ecto's default)"
            )
        else:
            message = (
                f"{table}.{column} numbers rows from an int4 sequence (`{kind}`), which runs out at 2,147,483,647; "
                "widening it later rewrites the table and every table that references it; use `:bigserial` "
                "(Ecto's default) or `:identity`"
            )
        return Hazard("prefer_bigint", line, message)

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

    def _dropped_indexes(self, migration: Migration) -> Iterator[Hazard]:
        for call in migration.calls(frozenset({"drop", "drop_if_exists"})):
            args = call_args(call)
            if args and call_name(args[0]) in {"index", "unique_index"}:
                yield from self._not_concurrently(migration, args[0], migration.source.line(call), "drops")

    def _not_concurrently(self, migration: Migration, builder: Node, line: int, verb: str) -> Iterator[Hazard]:
        """`concurrently: false` written out on an existing table: index-concurrently leaves a person's choice
        alone, and excellent_migrations reports it as index_not_concurrently; so does this."""
        args = call_args(builder)
        table = literal_name(args[0]) if args else None
        option = keyword_options(args[2:]).get("concurrently") if len(args) > 2 else None
        if table is None or table in migration.created or option is None or option.text != b"false":
            return
        yield Hazard(
            "index_not_concurrently",
            line,
            f"`concurrently: false` {verb} this index of {table} under a lock that blocks writes to the table "
            "(SHARE to build, ACCESS EXCLUSIVE to drop) for as long as it takes; if the table is small or "
            "offline, say so with `# excellent_migrations:safety-assured-for-next-line index_not_concurrently`, "
            "else make it `concurrently: true` (mir-fix adds the module attributes it needs)",
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
            table = table_of(args)
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
                new = table_of([target])
                yield from self._too_long(line, "table", new or "", given=True)
                mapped = schemas_of(source, table, migration.workspace)
                still = f" ({mapped[0].module} maps it at {mapped[0].where})" if mapped else ""
                yield Hazard(
                    "table_renamed",
                    line,
                    f"renaming {table} to {new} breaks the running code, which still queries {table}{still}; keep the "
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
            if remote is None or not is_repo(remote[0]):
                continue
            check = _write_check(remote[1])
            if check is None:
                continue
            yield self._write(migration, check, migration.source.line(call), f"`{remote[0]}.{remote[1]}`")

    def _batched_data_migration(self, migration: Migration) -> bool:
        """Outside the DDL transaction and in batches: the recipe for data (what not-null's backfill writes)."""
        if attribute_is_true(migration.module, "disable_ddl_transaction") is not True:
            return False
        attributes = [module_attribute(s) for s in block_body(migration.module.node) or []]
        batched = any(a is not None and "batch" in a[0] for a in attributes)
        return batched or any(k == "limit" for c in migration.calls(frozenset({"from"})) for k in _keys(c))

    def _write(self, migration: Migration, check: str, line: int, what: str, table: str | None = None) -> Hazard:
        verb = {"operation_insert": "inserts", "operation_update": "updates", "operation_delete": "deletes"}[check]
        rows = f" {table} rows" if table else " rows"
        if attribute_is_true(migration.module, "disable_ddl_transaction"):
            return Hazard(
                check,
                line,
                f"{what} {verb}{rows} in one statement: outside a transaction here, but it still holds every touched "
                "row's lock until it ends, and a large table makes it long. Write it in batches of a few thousand "
                "rows (keyset pagination on the primary key, repo() per batch, no app schema modules)",
            )
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
                        write = self._write(migration, statement.kind, line, "this SQL", statement.table)
                        yield replace(write, also=also)
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
        # SQL that sets it, anywhere in the module (an execute, an after_begin callback), not a comment about it
        literals = captures(migration.module.node, STRINGS, "literal")
        if any(SET_LOCK_TIMEOUT.search(node.text or b"") for node in literals):
            return True
        config = find_config(migration.source.file.path, ctx.workspace)
        if config is None:
            return False

        def compute() -> bool:
            for name in ctx.workspace.list_dir(config):
                raw = ctx.workspace.source(config / name) if name.endswith(".exs") else None
                code = b"\n".join(line.split(b"#", 1)[0] for line in raw.content.split(b"\n")) if raw else b""
                if SET_LOCK_TIMEOUT.search(code):  # parameters: [lock_timeout: "5s"], an after_connect SET
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
