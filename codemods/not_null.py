"""not-null: expand / backfill / contract instead of NOT NULL in one step.

Why it exists
    `add :c, :t, null: false` on a populated table fails outright when the
    column has no default (`column "c" contains null values`), and a volatile
    default (or any default before PostgreSQL 11) rewrites the whole table
    under an ACCESS EXCLUSIVE lock (4.8 s of stalled writes on 3M rows,
    measured). `modify :c, :t, null: false` scans the table under the same lock
    (0.92 s stalled on 30M rows); a NOT VALID check constraint validated in a
    later migration stalls writes 0.009 s.

What it does
    For `add`/`add_if_not_exists ... null: false` inside `alter table` (never
    `create table`), on a table the migration does not create:
    - no default: the add becomes nullable (expand); a new migration fills
      existing rows in batches (keyset pagination on the primary key over rows
      where the column is NULL, `repo().update_all` per batch, schemaless
      queries, @batch_size and @throttle_ms); then the contract steps. The
      value comes from a person: the change is `needs-input`, and until it is
      given the backfill holds a `raise` naming the table and column;
    - a volatile default (`fragment("gen_random_uuid()")`, `clock_timestamp()`,
      `random()`, ...), or any default before PostgreSQL 11: the add loses its
      default and NOT NULL; the backfill migration first runs SET DEFAULT, then
      fills existing rows with the same expression; then the contract steps;
    - a constant default on PostgreSQL 11 or later is already safe: left alone.
    A nullable add with a volatile default (check column_volatile_default)
    loses only its default: a new migration sets it and backfills existing
    rows with the same expression; now(), CURRENT_TIMESTAMP and
    transaction_timestamp() are stored once on PostgreSQL 11+ (left alone); a
    function it does not know is blocked rather than guessed.
    A raw `execute "ALTER TABLE [ONLY] [s.]t ALTER [COLUMN] c SET NOT NULL"`
    (execute/1, or execute/2 whose down drops that NOT NULL) in change/0 or
    up/0 becomes the NOT VALID check constraint in place, and step 2 below
    follows in a new migration; in up/0 the down/0 statement that drops the
    NOT NULL drops the constraint instead. The SET NOT NULL of the recipe
    itself (after a validated CHECK (c IS NOT NULL)) is left alone, on any
    PostgreSQL version (the migrations this codemod writes end with it).
    For `modify :c, :t, null: false` that changes only nullability (a `from:`
    with the same type, or the type the column was added with), the modify is
    replaced by the contract steps; when no migration shows the column's type,
    or the type is `references(...)` (the modify re-creates the foreign key),
    or an earlier migration gave the column size:/precision:/scale: (the
    modify without them changes the type),
    `modify :c, :t` stays where it was without `null: false` (the same DDL
    minus SET NOT NULL) and only the NOT NULL moves. The modifies of one alter
    are one change; an alter left empty gives way to the constraints in
    place, else the constraints come in new migrations. In up/0 the same
    applies, and the original down/0 keeps working: when the constraint is
    made in place, down/0 drops it (its `modify :c, :t, null: true`, whose
    DROP NOT NULL the new migration's down now does, becomes the drop).
    A modify that also sets a default (type known) leaves its default to
    `execute "ALTER TABLE t ALTER COLUMN c SET DEFAULT v"` (what column-default
    writes; rollback as the modify's: from:'s old default, else none), or,
    for a default it does not write as SQL (maps, lists), keeps
    `modify :c, :t, default: v` without null: false.
    SET NOT NULL or modify ... null: false inside a helper function that
    change/0 or up/0 calls is a finding. A modify after a validated
    CHECK (c IS NOT NULL) constraint (the safe-migrations recipe: the
    constraint added NOT VALID, validated in a later migration or earlier in
    this one) is already safe on PostgreSQL 12 or later, which uses the
    constraint instead of scanning: left alone. Before 12, SET NOT NULL scans
    anyway (the contract steps would too): a finding says so.

    Contract, each step its own migration (each migration is one transaction):
    1. `create constraint(:t, :t_c_not_null, check: ~s("c" IS NOT NULL), validate: false)`
    2. VALIDATE CONSTRAINT, SET NOT NULL (execute, never modify: modify restates
       the type), and drop the constraint, with an explicit down.
    Raw SQL quotes every identifier and honours `prefix:`; constraint names fit
    PostgreSQL's 63 bytes. Every step rolls back with `mix ecto.rollback`.

    Ship the contract migrations in a later deploy than the code that writes
    the column: until every running node writes it, new rows can still be NULL.

Example
    before
      alter table(:orders) do
        add :currency, :string, null: false
      end
    after
      alter table(:orders) do
        add :currency, :string
      end
    plus ..._backfill_currency.exs, ..._currency_not_null.exs and
    ..._validate_currency_not_null.exs right after it.

What it refuses (blocked, with the line)
    - a modify that also changes the type (from: or an earlier migration
      shows another type); the whole alter is one change and blocks with it;
    - a modify with options besides null:, from: and default:;
    - a table whose primary key is not one column; a column that is the
      primary key (`primary_key: true`) or the key the backfill would page on;
    - a later statement of the same migration that needs the column filled:
      a primary key, unique index or constraint on it, raw SQL (or other code)
      naming it; a plain index is fine;
    - without a default, a column whose value differs per row, where one
      constant is wrong: a reference (`references(...)`, a name ending in
      `_id`), a `:uuid`/`:binary_id`, a name like token, slug, url, email, key,
      or a column a unique index (in any migration of the folder) covers.
      Those need a hand-written backfill (say an UPDATE ... FROM a join);
    - a default whose volatility it cannot tell, and options it cannot read;
    - raw SET NOT NULL it cannot read as one statement with literal names
      (interpolation, several statements in one string, an ALTER TABLE with
      several actions, inside a loop), a later statement of the migration
      naming the column, or an up/0 whose down/0 neither drops that NOT NULL
      nor removes the column.
    Migrations of a repo that is not PostgreSQL are left alone, with one
    finding per repo. New migrations name the table too
    (`..._backfill_orders_account_id`) when the column alone would give two
    migration modules one name. It leaves alone statements in down/0 (rollback only: never rewritten, and
    never a reason for `--check` to fail), lines marked `# mir-fix: ignore` or
    `# excellent_migrations:safety-assured-for-next-line not_null_added` (or
    column_volatile_default; raw_sql_executed for a raw SET NOT NULL).
    `skip_checks` filters not_null_added and column_volatile_default apart.

Fix safety
    The backfill value is never guessed: until it is given, the backfill
    raises, and the `raise` is a finding, so `mir-fix --check` fails on it.
    Only migrations that have not run in production are rewritten (a
    backfill and contract split off a migration that has run would run on the
    next deploy): those newer than `start_after` (.mir-fix.toml, or
    excellent_migrations' config), those changed since `--since REF`, or all
    with `--all-migrations`; with none of these, only the newest migration of
    each folder, and the older ones are shown marked shipped, never written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, NewFile, Question, Status
from mir_fix.engine.codemod import MIGRATION_VERSION, Blocked, Codemod, Context, ParsedSource
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    calls_named,
    do_block,
    is_literal,
    keyword_pairs,
    layout,
    line_end,
    named,
    starts_line,
    walk,
)

from ._constraint_sql import UnknownDefault, default_sql
from ._migration import (
    MigrationModule,
    camelize,
    join_statements,
    literal_name,
    migration_modules,
    new_migration_path,
    next_free_version,
    removal_edits,
    require_discovered,
    tables_created,
)
from ._migration_scope import migration_scope, skipped_checks
from ._not_null_raw import MENTION, RawSetNotNull, altered_tables, down_undoes, drops_not_null, set_not_null_calls
from ._not_null_text import (
    MAX_LINE,
    PLACEHOLDER,
    Backfill,
    Column,
    backfill_migration,
    create_constraint,
    drop_constraint,
    not_valid_constraint_migration,
    placeholder,
    quote,
    sql_literal,
    validate_migration,
)
from ._repo_facts import by_database
from ._schema_history import check_events, history

ADDS = frozenset({"add", "add_if_not_exists"})
MIGRATION_STEPS = frozenset({"change", "up", "down"})
DEPLOY_FUNCTIONS = ("change", "up")
# SQL functions whose value differs per row: a default using one rewrites the table.
VOLATILE = re.compile(
    r"\b(gen_random_uuid|uuid_generate_v[14]\w*|clock_timestamp|random|timeofday|nextval|"
    r"txid_current|gen_random_bytes|uuidv[47])\s*\(",
    re.I,
)
# Evaluated once per statement: a fast default on PostgreSQL 11+.
STABLE = re.compile(
    r"^\s*(now\(\)|current_timestamp|current_date|localtimestamp|transaction_timestamp\(\)|"
    r"statement_timestamp\(\))\s*$",
    re.I,
)
RESERVED = frozenset(
    {
        "do",
        "end",
        "fn",
        "when",
        "and",
        "or",
        "not",
        "in",
        "true",
        "false",
        "nil",
        "catch",
        "rescue",
        "after",
        "else",
    }
)


@dataclass(frozen=True)
class NotNullColumn:
    """`add ... null: false` or `modify ... null: false` inside `alter table(...)`."""

    statement: Node
    verb: str
    alter: Node
    function: str
    column: Column
    kind: Node  # the type argument
    options: Node  # the keywords node
    pairs: dict[str, Node]
    # `add ... default: ...` without null: false: only the default is the hazard (column_volatile_default).
    nullable: bool = False

    @property
    def check(self) -> str:
        return "column_volatile_default" if self.nullable else "not_null_added"


class NotNull(Codemod):
    id = "not-null"
    title = "Add NOT NULL by expand, batched backfill and contract"
    prefilter = (b"null: false", b"default:", b"NOT NULL", b"not null")
    requires = (b"Ecto.Migration",)
    assured_checks = frozenset({"not_null_added", "column_added_with_default", "column_volatile_default"})
    checks: ClassVar[dict[str, str]] = {
        "not_null_added": (
            "NOT NULL added to a column of an existing table in one step: a new NOT NULL column without a "
            "default fails on a table with rows, and SET NOT NULL (modify ..., null: false, or raw SQL) "
            "scans the whole table under an ACCESS EXCLUSIVE lock. Add a CHECK (c IS NOT NULL) constraint "
            "NOT VALID, validate it in a later migration, then SET NOT NULL (PostgreSQL 12+ uses the "
            "validated constraint instead of scanning) and drop the constraint."
        ),
        "column_volatile_default": (
            "A column added to an existing table with a volatile default (gen_random_uuid(), "
            "clock_timestamp(), random(), nextval(...)) rewrites the table under an ACCESS EXCLUSIVE lock: "
            "every row gets its own value. Add the column without default, SET DEFAULT in a later "
            "migration, then fill existing rows in batches with the same expression. now() and "
            "CURRENT_TIMESTAMP are stored once on PostgreSQL 11+ and are safe."
        ),
    }
    explain = (__doc__ or "").split("\n", 2)[2]

    def wants(self, content: bytes) -> bool:
        if b"Ecto.Migration" in content and PLACEHOLDER.encode() in content:
            return True
        # Only `alter table` statements and raw ALTER TABLE SQL are rewritten.
        return super().wants(content) and (b"alter" in content or b"ALTER" in content)

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        # A placeholder fails --check wherever it is: a migration holding one has not run (it raises).
        yield from self._unanswered(source)
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
        # Skipped checks are left out before planning, so that they claim no migration versions.
        skipped = skipped_checks(source, ctx)
        modifies: dict[int, list[NotNullColumn]] = {}
        for target in self._targets(source, module, created):
            if target.check in skipped:
                continue
            if target.verb == "modify":
                modifies.setdefault(target.alter.start_byte, []).append(target)
                continue
            change = self._base(source, target)
            try:
                items.append(scope.mark(self._plan(source, module, target, ctx, ctx.claimed, change)))
            except _Safe:
                continue
            except _Finding as finding:
                line = source.line(target.statement)
                items.append(scope.mark(Finding(self.id, source.file.rel, line, str(finding), check=target.check)))
            except Blocked as blocked:
                items.append(scope.mark(change.blocked(str(blocked))))
        for group in modifies.values():
            change = self._base(source, group[0])
            try:
                findings, planned = self._plan_modifies(source, module, group, ctx, ctx.claimed, change)
                items += [scope.mark(f) for f in findings]
                if planned is not None:
                    items.append(scope.mark(planned))
            except Blocked as blocked:
                items.append(scope.mark(change.blocked(str(blocked))))
        if "not_null_added" not in skipped:
            items += [scope.mark(f) for f in self._helper_findings(source, module, created)]
        for raw in [] if "not_null_added" in skipped else self._raw_targets(source, module, created):
            change = self._raw_base(source, raw)
            try:
                items.append(scope.mark(self._plan_raw(source, module, raw, ctx, ctx.claimed, change)))
            except _Safe:
                continue
            except _Finding as finding:
                line = source.line(raw.call)
                items.append(scope.mark(Finding(self.id, source.file.rel, line, str(finding), check=change.check)))
            except Blocked as blocked:
                items.append(scope.mark(change.blocked(str(blocked))))
        return items

    def _unanswered(self, source: ParsedSource) -> Iterator[Finding]:
        """`raise "mir-fix: replace this raise with ..."` left in a migration mir-fix wrote."""
        if PLACEHOLDER.encode() not in source.file.content:
            return
        for call in calls_named(source.tree.root_node, frozenset({"raise"})):
            args = call_args(call)
            message = literal_name(args[0]) if len(args) == 1 else None
            if message is None or not message.startswith(PLACEHOLDER):
                continue
            question = message.removeprefix("mir-fix: ")
            yield Finding(
                self.id,
                source.file.rel,
                source.line(call),
                f"unanswered backfill value: this migration raises when it runs until the `raise` is replaced "
                f"by the value ({question})",
            )

    # --- finding targets ----------------------------------------------------------------

    def _targets(self, source: ParsedSource, module: MigrationModule, created: set[str]) -> Iterator[NotNullColumn]:
        # Only change/0 and up/0 are deploy paths: down/0 runs on rollback, where a column it adds
        # back is one up/0 removed, so nothing there is rewritten, blocked or reported.
        for function in DEPLOY_FUNCTIONS:
            if function not in module.functions:
                continue
            for alter in module.body(function):
                if call_name(alter) != "alter":
                    continue
                args = call_args(alter)
                if not args or call_name(args[0]) != "table":
                    continue
                table_args = call_args(args[0])
                table = literal_name(table_args[0]) if table_args else None
                if table is None or table in created:
                    continue
                prefix = None
                for arg in table_args[1:]:
                    if arg.type == "keywords":
                        prefix = next((source.text(v) for k, v in keyword_pairs(arg) if k == "prefix"), None)
                for statement in block_body(alter) or []:
                    target = self._target(source, statement, alter, function, table, prefix)
                    if target is not None:
                        yield target

    def _target(
        self,
        source: ParsedSource,
        statement: Node,
        alter: Node,
        function: str,
        table: str,
        prefix: str | None,
    ) -> NotNullColumn | None:
        verb = call_name(statement)
        if verb not in ADDS and verb != "modify":
            return None
        args = call_args(statement)
        if len(args) != 3 or args[2].type != "keywords":
            return None
        pairs = {k: v for k, v in keyword_pairs(args[2]) if k is not None}
        null = pairs.get("null")
        # A nullable add matters for its default alone (a volatile one rewrites the table).
        nullable = (null is None or null.text == b"true") and verb in ADDS and "default" in pairs
        if not nullable and (null is None or null.text != b"false"):
            return None
        if self.ignores_line(source, source.line(statement)):
            return None
        column = literal_name(args[0])
        if column is None:
            return None
        column_of = Column(table, column, prefix)
        return NotNullColumn(statement, verb, alter, function, column_of, args[1], args[2], pairs, nullable)

    def _raw_targets(self, source: ParsedSource, module: MigrationModule, created: set[str]) -> list[RawSetNotNull]:
        """`execute "ALTER TABLE ... SET NOT NULL"` in change/0 and up/0, on tables the migration does not create."""
        found = []
        # excellent_migrations reports raw SQL as raw_sql_executed: a team's assurance of it counts here.
        assured = self.assured_checks | {"raw_sql_executed"}
        for function in DEPLOY_FUNCTIONS:
            if function not in module.functions:
                continue
            for raw in set_not_null_calls(module.body(function), function):
                if raw.tables and raw.tables <= created:
                    continue
                if source.suppressions.line_ignored(self.id, source.line(raw.call), assured):
                    continue
                found.append(raw)
        return found

    def _helper_findings(self, source: ParsedSource, module: MigrationModule, created: set[str]) -> list[Finding]:
        """SET NOT NULL (raw SQL, or modify ... null: false) inside helper functions change/0 or up/0 call.

        A rewrite would have to follow the call into the helper and split what
        it does across migrations; a finding says what to do by hand.
        """
        deploy = " ".join(source.text(s) for f in DEPLOY_FUNCTIONS for s in module.body(f))
        callers = {f: " ".join(source.text(s) for s in module.body(f)) for f in DEPLOY_FUNCTIONS}
        findings = []
        for definition in block_body(module.node) or []:
            name = _helper_name(definition)
            if name is None or not re.search(rf"(?<![\w.]){re.escape(name)}(?![\w?!])", deploy):
                continue
            caller = next(f for f in DEPLOY_FUNCTIONS if re.search(rf"(?<![\w.]){re.escape(name)}\b", callers[f]))
            for node, what in _not_null_in_helper(source, definition, created):
                line = source.line(node)
                if self.ignores_line(source, line):
                    continue
                message = (
                    f"{name}/{_helper_arity(definition)} (called from {caller}/0) runs {what} on a populated "
                    "table: it scans the table under an ACCESS EXCLUSIVE lock; mir-fix does not rewrite helpers: "
                    "add a CHECK (c IS NOT NULL) constraint NOT VALID, validate it in a later migration, then SET "
                    "NOT NULL"
                )
                findings.append(Finding(self.id, source.file.rel, line, message, check="not_null_added"))
        return findings

    # --- planning -----------------------------------------------------------------------

    def _plan(
        self,
        source: ParsedSource,
        module: MigrationModule,
        target: NotNullColumn,
        ctx: Context,
        taken: set[str],
        change: Change,
    ) -> Change:
        where = f"{source.file.rel}:{source.line(target.statement)}"
        if source.migration_version is None:
            raise Blocked(
                f"{where}: the migration's file name has no timestamp to place the backfill and "
                "contract migrations after it; split it by hand"
            )
        if target.column.column in RESERVED:
            raise Blocked(f"{where}: a column named {target.column.column} cannot be used as a query field")
        if target.nullable:
            return self._plan_default(source, module, target, ctx, taken, change)
        return self._plan_add(source, module, target, ctx, taken, change)

    def _plan_add(
        self,
        source: ParsedSource,
        module: MigrationModule,
        target: NotNullColumn,
        ctx: Context,
        taken: set[str],
        change: Change,
    ) -> Change:
        where = f"{source.file.rel}:{source.line(target.statement)}"
        default = target.pairs.get("default")
        column = target.column
        with_default = None
        if default is not None:
            # Already safe (a constant default on PostgreSQL 11+): nothing below applies.
            with_default = self._default_backfill(source, target, default, ctx, where)
            if with_default is None:
                raise _Safe()
            self._check_default_kept(source, module, target, where)
        primary = target.pairs.get("primary_key")
        if primary is not None and primary.text != b"false":
            raise Blocked(
                f"{where}: {column.column} is added as the primary key: a primary key cannot be added nullable "
                "and filled later (the backfill pages on the key it would fill); leave it as it is, or add it "
                "by hand"
            )
        self._check_needed_later(source, module, target, where)
        key = self._primary_key(source, column.table, ctx, where)
        if key == column.column:
            raise Blocked(
                f"{where}: the backfill pages on {column.table}.{key}, the column it would fill, and would never "
                f"end; {column.table} has no {key} yet, so fill {column.column} by hand"
            )
        questions: tuple[Question, ...] = ()
        removed = ["null"]
        if with_default is None:
            self._check_per_row(source, module, target, ctx, where)
            value = placeholder(column)
            backfill = Backfill(column, key, value)
            questions = (
                Question(
                    f"{column.table}.{column.column}",
                    f"Value for {column.column} in existing {column.table} rows (an Elixir term such as "
                    '"EUR", 0 or false)',
                    value,
                ),
            )
            summary = f"add {column.table}.{column.column} as nullable, backfill it in batches, then contract"
        else:
            backfill = replace(with_default, primary_key=key)
            removed.append("default")
            summary = (
                f"add {column.table}.{column.column} without default and NOT NULL, set the default "
                "later, backfill it in batches, then contract"
            )
        edits = self._remove_pairs(target, removed)
        versions = self._versions(source, ctx, taken, 3)
        stem = module.name
        part = self._name_part(source, module, target.column, ctx)
        files = [
            (versions[0], f"backfill_{part}", backfill_migration(f"{stem}Backfill{camelize(part)}", backfill)),
            (
                versions[1],
                f"{part}_not_null",
                not_valid_constraint_migration(f"{stem}{camelize(part)}NotNull", column),
            ),
            (
                versions[2],
                f"validate_{part}_not_null",
                validate_migration(f"{stem}Validate{camelize(part)}NotNull", column),
            ),
        ]
        status = Status.NEEDS_INPUT if questions else Status.READY
        return replace(
            change,
            status=status,
            summary=summary + ". Ship the contract migrations in a later deploy than the code that writes the column",
            edits=(FileEdits(source.file.rel, tuple(edits)),),
            creates=self._new_files(source, ctx, files),
            questions=questions,
        )

    def _plan_modifies(
        self,
        source: ParsedSource,
        module: MigrationModule,
        group: list[NotNullColumn],
        ctx: Context,
        taken: set[str],
        change: Change,
    ) -> tuple[list[Finding], Change | None]:
        """The `modify ... null: false` statements of one alter, as one change (issue 15).

        Each column's modify leaves (its type is known to stay) or stays
        without `null: false` (no migration shows its type: the same DDL minus
        SET NOT NULL); its NOT NULL becomes the check constraint recipe. When
        the alter empties, the constraints take its place; otherwise they come
        in new migrations. In up/0 a constraint made in place is dropped by
        down/0 (which the new VALIDATE migration's down precedes).
        """
        items: list[Finding] = []
        plans: list[tuple[NotNullColumn, bool]] = []  # (target, keep the modify without null:)
        defaults: list[tuple[str, str | None]] = []  # SET DEFAULT SQL (up, down) for modifies that leave
        for target in group:
            where = f"{source.file.rel}:{source.line(target.statement)}"
            if source.migration_version is None:
                raise Blocked(
                    f"{where}: the migration's file name has no timestamp to place the contract migrations "
                    "after it; split it by hand"
                )
            try:
                self._check_recipe(source, module, target, ctx, where)
            except _Safe:
                continue
            except _Finding as finding:
                line = source.line(target.statement)
                items.append(Finding(self.id, source.file.rel, line, str(finding), check=target.check))
                continue
            extra = sorted(set(target.pairs) - {"null", "from", "default"})
            if extra:
                raise Blocked(f"{where}: the modify also sets {', '.join(extra)}; split that into its own modify first")
            known = self._check_same_type(source, target, ctx, where)
            # modify with references(...) (re)creates the foreign key too: only the NOT NULL may leave it.
            keep = not known or call_name(target.kind) == "references"
            # An earlier size:/precision:/scale: is a type the modify (without them) changes; the schema
            # history records the type alone, so the modify stays and does what it did.
            keep = keep or ("from" not in target.pairs and _sized_before(source, target.column.column, ctx))
            default = None if keep or "default" not in target.pairs else self._set_default(source, target)
            # A default mir-fix cannot write as SQL stays in the modify, which keeps its type (the same DDL).
            plans.append((target, keep or ("default" in target.pairs and default is None)))
            if default is not None and not keep:
                defaults.append(default)
        if not plans:
            return items, None
        first = plans[0][0]
        alter, function = first.alter, first.function
        content = source.file.content
        rewritten = {t.statement.start_byte for t, _ in plans}
        dropped = [t for t, keep in plans if not keep]
        siblings = [s for s in block_body(alter) or [] if s.start_byte not in rewritten and s.type != "comment"]
        body = [s for s in module.body(function) if s.type != "comment"]
        alter_empty = len(dropped) == len(plans) and not siblings
        edits: list[Edit] = []
        in_place = alter_empty and (function == "change" or body == [alter])
        indent = layout(content, alter.start_byte)
        if in_place:
            edits.append(self._replace_alter(source, alter, [t.column for t in dropped], defaults))
            if function == "up":
                edits += self._down_drops(source, module, first, dropped)
        elif alter_empty and defaults:
            edits.append(self._replace_alter(source, alter, [], defaults))
        elif alter_empty:
            edits += removal_edits(content, module.functions[function], [alter])
        else:
            if dropped:
                edits += removal_edits(content, alter, [t.statement for t in dropped])
            for target, keep in plans:
                if keep:
                    edits += self._remove_pairs(target, ["null"])
            if defaults:
                text = join_statements([indent.indent + _execute(d, indent.column) for d in defaults])
                edits.append(Edit.insert(line_end(content, alter.end_byte), "\n\n" + text))
        stem = module.name
        columns = [t.column for t, _ in plans]
        part = self._group_part(source, module, columns, ctx)
        constraint = not_valid_constraint_migration(f"{stem}{camelize(part)}NotNull", columns)
        validate = validate_migration(f"{stem}Validate{camelize(part)}NotNull", columns)
        steps = [(f"validate_{part}_not_null", validate)]
        if not in_place:
            steps.insert(0, (f"{part}_not_null", constraint))
        versions = self._versions(source, ctx, taken, len(steps))
        files = [(version, *step) for version, step in zip(versions, steps, strict=True)]
        names = ", ".join(f"{c.table}.{c.column}" for c in columns)
        summary = (
            f"make {names} NOT NULL through a NOT VALID check constraint validated in a later migration"
            if len(plans) == 1
            else f"make {names} NOT NULL through NOT VALID check constraints validated in a later migration"
        )
        kept = [t.column.column for t, keep in plans if keep]
        if kept:
            summary += (
                f" (the modify of {', '.join(kept)} stays without null: false: it may change the type or "
                "re-create a foreign key, as before)"
            )
        planned = replace(
            change,
            status=Status.READY,
            summary=summary,
            line=source.line(first.statement),
            edits=(FileEdits(source.file.rel, tuple(edits)),),
            creates=self._new_files(source, ctx, files),
        )
        return items, planned

    def _down_drops(
        self, source: ParsedSource, module: MigrationModule, first: NotNullColumn, dropped: list[NotNullColumn]
    ) -> list[Edit]:
        """down/0 drops the constraints up/0 now creates in place.

        The new VALIDATE migration's down runs first and drops the NOT NULL, so
        a down/0 statement that only undid the NOT NULL (an alter of nothing but
        `modify :c, <same type>, null: true` for these columns) becomes the
        drops; otherwise they go first in down/0.
        """
        where = f"{source.file.rel}:{source.line(first.statement)}"
        definition = module.functions.get("down")
        if definition is None:
            return []  # no rollback before, none now
        content = source.file.content
        drops = [drop_constraint(t.column) for t in dropped]
        body = [s for s in module.body("down") if s.type != "comment"]
        mirror = next((s for s in body if self._undoes_not_null(source, s, first, dropped)), None)
        if mirror is not None and starts_line(content, mirror.start_byte):
            place = layout(content, mirror.start_byte)
            text = ("\n" + place.indent).join(drops)
            return [Edit(place.line_start, line_end(content, mirror.end_byte), place.indent + text)]
        block = do_block(definition)
        if block is None:
            raise Blocked(
                f"{where}: down/0 must drop the check constraint the rewrite adds, and it is a one-line `do:`; "
                "give it a do ... end block, then run mir-fix again"
            )
        indent = layout(content, definition.start_byte).indent + "  "
        if body:
            at = layout(content, body[0].start_byte).line_start
            return [Edit.insert(at, "".join(f"{indent}{d}\n" for d in drops) + "\n")]
        at = line_end(content, block.start_byte) + 1
        return [Edit.insert(at, "".join(f"{indent}{d}\n" for d in drops))]

    def _undoes_not_null(
        self, source: ParsedSource, statement: Node, first: NotNullColumn, dropped: list[NotNullColumn]
    ) -> bool:
        """`alter table(:t) do modify :c, <type>, null: true end` for exactly the dropped columns."""
        if call_name(statement) != "alter" or source.text(
            call_args(statement)[0] if call_args(statement) else statement
        ) != source.text(call_args(first.alter)[0]):
            return False
        types = {t.column.column: _normalize(source.text(t.kind)) for t in dropped}
        seen = set()
        for inner in [s for s in block_body(statement) or [] if s.type != "comment"]:
            args = call_args(inner)
            if call_name(inner) != "modify" or len(args) < 2:
                return False
            column = literal_name(args[0])
            if column not in types or _normalize(source.text(args[1])) != types[column]:
                return False
            options = args[2] if len(args) == 3 and args[2].type == "keywords" else None
            if len(args) > 3 or (len(args) == 3 and options is None):
                return False
            pairs = dict(keyword_pairs(options)) if options is not None else {}
            if set(pairs) - {"null"} or (pairs.get("null") is not None and pairs["null"].text != b"true"):
                return False
            seen.add(column)
        return seen == set(types)

    def _plan_default(
        self,
        source: ParsedSource,
        module: MigrationModule,
        target: NotNullColumn,
        ctx: Context,
        taken: set[str],
        change: Change,
    ) -> Change:
        """A nullable add with a volatile default (or any default before PostgreSQL 11): default and backfill later."""
        where = f"{source.file.rel}:{source.line(target.statement)}"
        column = target.column
        default = target.pairs["default"]
        if call_name(default) != "fragment" and _fragment_tuple(default) is None:
            # Any other Elixir value is computed once, when the migration runs: a constant for PostgreSQL.
            # Only a value that may hold a fragment (an attribute or variable of a module using one) is unknown.
            if "fragment" in source.text(default) or (
                not is_literal(default)
                and default.type in {"identifier", "unary_operator"}
                and b"fragment" in source.text(module.node).encode()
            ):
                raise Blocked(
                    f"{where}: cannot tell whether the default `{source.text(default)}` is volatile (a table "
                    "rewrite); if it is, split the column by hand, else mark the line "
                    "`# mir-fix: ignore not-null`"
                )
            if ctx.options.pg_version >= 11:
                raise _Safe()  # a constant: stored once, no rewrite
        backfill = self._default_backfill(source, target, default, ctx, where)
        if backfill is None:
            raise _Safe()
        self._check_default_kept(source, module, target, where)
        primary = target.pairs.get("primary_key")
        if primary is not None and primary.text != b"false":
            raise Blocked(
                f"{where}: {column.column} is added as the primary key with its default: it cannot be filled "
                "later; leave it as it is, or add it by hand"
            )
        self._check_needed_later(source, module, target, where)
        key = self._primary_key(source, column.table, ctx, where)
        if key == column.column:
            raise Blocked(f"{where}: the backfill pages on {column.table}.{key}, the column it would fill")
        edits = self._remove_pairs(target, ["default"])
        versions = self._versions(source, ctx, taken, 1)
        part = self._name_part(source, module, column, ctx)
        name = f"{module.name}Backfill{camelize(part)}"
        files = [(versions[0], f"backfill_{part}", backfill_migration(name, replace(backfill, primary_key=key)))]
        return replace(
            change,
            status=Status.READY,
            summary=f"add {column.table}.{column.column} without its default, set the default in a later "
            "migration and backfill existing rows in batches with the same expression",
            edits=(FileEdits(source.file.rel, tuple(edits)),),
            creates=self._new_files(source, ctx, files),
        )

    def _plan_raw(
        self,
        source: ParsedSource,
        module: MigrationModule,
        raw: RawSetNotNull,
        ctx: Context,
        taken: set[str],
        change: Change,
    ) -> Change:
        """A raw SET NOT NULL becomes the NOT VALID check constraint in place, validated in a later migration."""
        where = f"{source.file.rel}:{source.line(raw.call)}"
        how = (
            'give it its own `execute "ALTER TABLE t ALTER COLUMN c SET NOT NULL"` with literal names, then '
            "run mir-fix again (it makes that a NOT VALID check constraint validated in a later migration)"
        )
        if raw.alter is None:
            raise Blocked(f"{where}: {raw.problem}, so mir-fix cannot rewrite this SET NOT NULL: {how}")
        if not raw.top_level:
            raise Blocked(
                f"{where}: this SET NOT NULL runs inside a loop, condition or function call of "
                f"{raw.function}/0, so mir-fix cannot rewrite it: {how}"
            )
        if source.migration_version is None:
            raise Blocked(f"{where}: the migration's file name has no timestamp to place the VALIDATE after it")
        column = raw.alter.column_of()
        body = module.body(raw.function)
        self._raw_recipe(source, module, raw, column, ctx)
        for statement in body:
            if statement.start_byte > raw.call.start_byte and re.search(
                rf"(?<![\w$]){re.escape(column.column)}(?!\w)", source.text(statement)
            ):
                raise Blocked(
                    f"{where}: line {source.line(statement)} names {column.column} after it was made NOT NULL; "
                    "with the NOT NULL moved to a later migration it would run first: split this migration by "
                    "hand, or leave it as it is"
                )
        content = source.file.content
        if not starts_line(content, raw.call.start_byte):
            raise Blocked(f"{where}: the execute shares its line with other code; put it on its own line")
        others = frozenset(r.call.start_byte for r in self._raw_targets(source, module, tables_created(module)))
        edits = [self._replace_statement(source, raw.call, lambda indent: create_constraint(column, indent), others)]
        if raw.function == "change" and raw.down is not None and not down_undoes(raw.down, column):
            raise Blocked(
                f"{where}: the down SQL of this execute does more than drop the NOT NULL; give the SET NOT NULL "
                "an execute of its own (down: the DROP NOT NULL), then run mir-fix again"
            )
        if raw.function == "up" and "down" in module.functions:
            mirrors = [s for s in module.body("down") if drops_not_null(s, column)]
            if len(mirrors) == 1 and starts_line(content, mirrors[0].start_byte):
                edits.append(self._replace_statement(source, mirrors[0], lambda _: drop_constraint(column)))
            elif mirrors or not _down_removes(source, module, column):
                raise Blocked(
                    f'{where}: down/0 has no single statement `execute "ALTER TABLE {raw.alter.table} ALTER '
                    f'COLUMN {column.column} DROP NOT NULL"` on a line of its own (nor removes the column); the '
                    "rewrite turns that into dropping the check constraint it adds. Add it, then run mir-fix again"
                )
        part = self._name_part(source, module, column, ctx)
        version = self._versions(source, ctx, taken, 1)[0]
        name = f"{module.name}Validate{camelize(part)}NotNull"
        files = [(version, f"validate_{part}_not_null", validate_migration(name, column))]
        return replace(
            change,
            status=Status.READY,
            summary=f"make {column.table}.{column.column} NOT NULL through a NOT VALID check constraint "
            "validated in a later migration, instead of a raw SET NOT NULL that scans the table under an "
            "ACCESS EXCLUSIVE lock",
            edits=(FileEdits(source.file.rel, tuple(edits)),),
            creates=self._new_files(source, ctx, files),
        )

    def _raw_recipe(
        self, source: ParsedSource, module: MigrationModule, raw: RawSetNotNull, column: Column, ctx: Context
    ) -> None:
        """The SET NOT NULL of the check-constraint recipe itself is left alone (see `_check_recipe`).

        At any PostgreSQL version: it is the recipe's own last step (the
        migrations this codemod writes end with it), and before 12 nothing
        better exists, so a finding there would fail `--check` on its own output.
        """
        before = [s for s in module.body(raw.function) if s.end_byte <= raw.call.start_byte]
        known = history(source.file.path.parent, column.table, ctx.workspace)
        name = known.validated_not_null(
            column.table, column.column, source.migration_version or "", check_events(before)
        )
        if name is not None:
            raise _Safe()

    def _replace_statement(
        self, source: ParsedSource, statement: Node, text: Callable[[int], str], rewritten: frozenset[int] = frozenset()
    ) -> Edit:
        """`statement` (alone at the start of its line) replaced by `text(column)`, anything after it kept.

        A replacement over several lines gets a blank line from the statements
        next to it, as `mix format` separates multi-line expressions (a line
        opening the block, its `end` and a comment above need none; nor a
        statement below that starts at a byte in `rewritten`: its own
        replacement puts the blank line above itself).
        """
        content = source.file.content
        place = layout(content, statement.start_byte)
        new = place.indent + text(place.column)
        if "\n" in new:
            above = content[: max(place.line_start - 1, 0)].rsplit(b"\n", 1)[-1].strip()
            if above and not above.endswith(b" do") and not above.startswith(b"#"):
                new = "\n" + new
            line_end = content.find(b"\n", statement.end_byte)
            rest = content[statement.end_byte : line_end if line_end != -1 else len(content)]
            next_line = content[line_end + 1 :].split(b"\n", 1)[0] if line_end != -1 and not rest.strip() else b""
            below = next_line.strip()
            next_start = line_end + 1 + len(next_line) - len(next_line.lstrip())
            if below and below != b"end" and not below.startswith(b"#") and next_start not in rewritten:
                new += "\n"
        return Edit(place.line_start, statement.end_byte, new)

    # --- pieces -------------------------------------------------------------------------

    def _name_part(self, source: ParsedSource, module: MigrationModule, column: Column, ctx: Context) -> str:
        """The column's name in new file and module names; `<table>_<column>` when the column alone clashes.

        Ecto refuses to run two migrations with one module name, so the table
        goes in when another column of that name in this migration gets new
        migrations too, or when a migration of the folder already has the name.
        Otherwise the names stay as short as before.
        """
        created = tables_created(module)
        same_name = {t.column.table for t in self._targets(source, module, created) if t.column.column == column.column}
        same_name |= {
            r.alter.table
            for r in self._raw_targets(source, module, created)
            if r.alter is not None and r.alter.column == column.column
        }
        taken = existing_modules(source.file.path.parent, ctx)
        stem = module.name
        plain = camelize(column.column)
        names = {f"{stem}Backfill{plain}", f"{stem}{plain}NotNull", f"{stem}Validate{plain}NotNull"}
        if len(same_name) > 1 or names & taken:
            return f"{column.table}_{column.column}"
        return column.column

    def _group_part(
        self,
        source: ParsedSource,
        module: MigrationModule,
        columns: list[Column],
        ctx: Context,
    ) -> str:
        """The name part of the migrations of one alter's modifies: the column's, or `<table>_columns` for several.

        Another alter of the same table in this migration with several modifies,
        or a migration of the folder with the name, adds the first column.
        """
        if len(columns) == 1:
            return self._name_part(source, module, columns[0], ctx)
        table = columns[0].table
        created = tables_created(module)
        alters = {
            t.alter.start_byte
            for t in self._targets(source, module, created)
            if t.verb == "modify" and t.column.table == table
        }
        part = f"{table}_columns"
        names = {f"{module.name}{camelize(part)}NotNull", f"{module.name}Validate{camelize(part)}NotNull"}
        if len(alters) > 1 or names & existing_modules(source.file.path.parent, ctx):
            part = f"{table}_{columns[0].column}_columns"
        return part

    def _check_needed_later(
        self, source: ParsedSource, module: MigrationModule, target: NotNullColumn, where: str
    ) -> None:
        """Block when a later statement of the migration needs the column filled (issue 12, class 7).

        The rewrite leaves the column NULL until the backfill migration runs:
        a primary key, unique index or constraint on it, or raw SQL (or any
        other code) naming it later in the same deploy function would then run
        on an empty column. A plain index is fine on a nullable column.
        """
        column = target.column
        for statement in module.body(target.function):
            if statement.start_byte <= target.alter.start_byte:
                continue
            why = _needs_column(source, statement, column)
            if why is not None:
                raise Blocked(
                    f"{where}: line {source.line(statement)} {why}; with the add made nullable it would run before "
                    f"the backfill fills {column.column}: split this migration by hand (the column filled before "
                    "that statement), or leave it as it is"
                )

    def _check_per_row(
        self, source: ParsedSource, module: MigrationModule, target: NotNullColumn, ctx: Context, where: str
    ) -> None:
        """Block when one constant for every existing row cannot be right (issue 12, class 9).

        References, uuids, identifiers and columns a unique index covers hold
        a value per row; the backfill question asks for one constant.
        """
        column = target.column
        why = _per_row(source, target)
        if why is None:
            known = history(source.file.path.parent, column.table, ctx.workspace)
            version = known.unique_index_on(column.table, column.column)
            if version is not None:
                why = f"covered by a unique index (migration {version})"
        if why is not None:
            raise Blocked(
                f"{where}: {column.column} is {why}, so existing rows need a value each, not one constant: add it "
                f"nullable, fill it with a hand-written backfill (for example an UPDATE ... FROM a join), then "
                "set NOT NULL (mir-fix splits a later `modify ..., null: false`)"
            )

    def _check_recipe(
        self, source: ParsedSource, module: MigrationModule, target: NotNullColumn, ctx: Context, where: str
    ) -> None:
        """Leave alone the safe-migrations recipe (issue 12, class 10).

        A CHECK (c IS NOT NULL) constraint added NOT VALID and validated
        earlier (in an earlier migration, or earlier in this one) lets
        PostgreSQL 12+ SET NOT NULL without a scan: the modify is already
        safe. PostgreSQL 11 and older scan anyway: a finding says so.
        """
        column = target.column
        before = [s for s in module.body(target.function) if s.end_byte <= target.alter.start_byte]
        known = history(source.file.path.parent, column.table, ctx.workspace)
        name = known.validated_not_null(
            column.table, column.column, source.migration_version or "", check_events(before)
        )
        if name is None:
            return
        extra = sorted(set(target.pairs) - {"null", "from", "default"})
        if extra:
            return  # the other options are what is unsafe: the usual rules apply
        self._check_same_type(source, target, ctx, where)
        if ctx.options.pg_version >= 12:
            raise _Safe()
        raise _Finding(
            f"{column.column} already has the validated check constraint {name}, but PostgreSQL "
            f"{ctx.options.pg_version} does not use it for SET NOT NULL (12 and later do): this modify still "
            f"scans {column.table} under an ACCESS EXCLUSIVE lock; keep the check constraint instead of NOT NULL "
            "until the database runs PostgreSQL 12 or later"
        )

    def _check_same_type(self, source: ParsedSource, target: NotNullColumn, ctx: Context, where: str) -> bool:
        """Whether the modify's type is known to be the column's (False: no migration shows it); a change blocks."""
        new_type = _normalize(source.text(target.kind))
        old = target.pairs.get("from")
        if old is not None:
            old_type, old_opts = old, None
            if old.type == "tuple":
                items = named(old)
                if len(items) != 2:
                    raise Blocked(f"{where}: cannot read from: `{source.text(old)}`")
                old_type, old_opts = items
            if _normalize(source.text(old_type)) != new_type:
                raise Blocked(
                    f"{where}: the modify changes the type from {source.text(old_type)} to "
                    f"{source.text(target.kind)}; a type change needs its own expand/contract"
                )
            if old_opts is not None:
                keys = {k for k, _ in keyword_pairs(old_opts)} if old_opts.type == "keywords" else {None}
                if old_opts.type == "list":
                    keys = {k for c in named(old_opts) if c.type == "keywords" for k, _ in keyword_pairs(c)}
                # A from: default is what rollback restores of the modify's own default (see _set_default).
                if keys - ({"null", "default"} if "default" in target.pairs else {"null"}):
                    raise Blocked(f"{where}: from: shows changes besides nullability; split the modify")
            return True
        folder = source.file.path.parent
        known = _added_earlier(source, target) or history(folder, target.column.table, ctx.workspace).column_type(
            target.column.table, target.column.column, source.migration_version or ""
        )
        if known is None:
            return False
        if _normalize(known) != new_type:
            raise Blocked(
                f"{where}: the modify changes the type from {known} to {source.text(target.kind)}; a type "
                "change needs its own expand/contract"
            )
        return True

    def _primary_key(self, source: ParsedSource, table: str, ctx: Context, where: str) -> str:
        key = history(source.file.path.parent, table, ctx.workspace).primary_key(table, source.migration_version or "")
        if key is None:
            return "id"  # the Ecto default; a table created elsewhere is assumed to have it
        if key.column is None:
            raise Blocked(
                f"{where}: the backfill pages on the primary key of {table}, but {key.problem}; write the "
                "backfill by hand"
            )
        return key.column

    def _default_backfill(
        self, source: ParsedSource, target: NotNullColumn, default: Node, ctx: Context, where: str
    ) -> Backfill | None:
        """The backfill for an add with a default (paging on `id` until told the key), or None when already safe."""
        key = "id"
        column = target.column
        literal = _fragment_tuple(default)
        if call_name(default) == "fragment" or literal is not None:
            args = [literal] if literal is not None else call_args(default)
            sql = literal_name(args[0]) if len(args) == 1 else None
            if sql is None:
                raise Blocked(f"{where}: cannot read the default `{source.text(default)}`")
            volatile = bool(VOLATILE.search(sql))
            if not volatile and not (STABLE.match(sql) or "(" not in sql):
                raise Blocked(
                    f"{where}: cannot tell whether the default `{sql}` is volatile; if it is, split the "
                    "column by hand, else mark the line `# mir-fix: ignore not-null`"
                )
            if not volatile and ctx.options.pg_version >= 11:
                return None
            expression = source.text(default) if literal is None else f"fragment({source.text(args[0])})"
            return Backfill(column, key, None, expression, sql)
        if not is_literal(default):
            raise Blocked(f"{where}: the default `{source.text(default)}` is not a literal")
        if ctx.options.pg_version >= 11:
            return None
        sql = _sql_constant(source.text(default))
        if sql is None:
            raise Blocked(f"{where}: cannot write the default `{source.text(default)}` as SQL; split it by hand")
        return Backfill(column, key, source.text(default), None, sql)

    def _check_default_kept(
        self, source: ParsedSource, module: MigrationModule, target: NotNullColumn, where: str
    ) -> None:
        """Block when the migration changes the column's default after adding it.

        The rewrite sets the default in the later backfill migration; a later
        `ALTER ... DROP DEFAULT` (a default that only seeds existing rows)
        would then run first, do nothing, and leave the default for good.
        """
        statements = module.body(target.function)
        end = statements[-1].end_byte if statements else target.statement.end_byte
        rest = source.file.content[target.statement.end_byte : end].decode("utf-8", "replace")
        column = re.escape(target.column.column)
        later = re.search(rf'ALTER\s+(?:COLUMN\s+)?"?{column}"?\s+(?:DROP|SET)\s+DEFAULT', rest, re.I) or re.search(
            rf"\bmodify\(?\s*:{column}\b[^\n]*\bdefault:", rest
        )
        if later is not None:
            line = source.line(target.statement) + rest[: later.start()].count("\n")
            raise Blocked(
                f"{where}: line {line} changes the default of {target.column.column} later in this migration; "
                "moving the default into the backfill migration would run that change first: split it by hand "
                "(add the column nullable, backfill, then drop or change the default after the backfill)"
            )

    def _remove_pairs(self, target: NotNullColumn, names: list[str]) -> list[Edit]:
        """Delete `name: value` pairs from the options, with the commas that joined them."""
        pairs = named(target.options)
        removed = [i for i, p in enumerate(pairs) if _pair_key(p) in names]
        kept = [i for i in range(len(pairs)) if i not in removed]
        if not kept:
            return [Edit.delete(target.kind.end_byte, pairs[-1].end_byte)]
        spans = []
        for i in removed:
            if i < len(pairs) - 1:
                spans.append((pairs[i].start_byte, pairs[i + 1].start_byte))
            else:
                previous = max(k for k in kept if k < i)
                spans.append((pairs[previous].end_byte, pairs[i].end_byte))
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [Edit.delete(start, end) for start, end in merged]

    def _replace_alter(
        self, source: ParsedSource, alter: Node, columns: list[Column], defaults: list[tuple[str, str | None]]
    ) -> Edit:
        """The alter replaced by a NOT VALID constraint per column, then the SET DEFAULTs of its modifies."""
        content = source.file.content
        place = layout(content, alter.start_byte)
        end = line_end(content, alter.end_byte)
        statements = [create_constraint(c, place.column) for c in columns]
        statements += [_execute(d, place.column) for d in defaults]
        text = join_statements([place.indent + s for s in statements])
        return Edit(place.line_start, end, text)

    def _set_default(self, source: ParsedSource, target: NotNullColumn) -> tuple[str, str | None] | None:
        """`ALTER ... SET DEFAULT v` for the modify's default, with the SQL that undoes it on rollback.

        The down is what Ecto's rollback of the modify did: change/0 with
        `from: {type, ..., default: old}` restores old; `from:` without a
        default keeps v (""); no `from:` could not roll back (None: execute/1);
        up/0 has its own down/0 (None). None when v or old cannot be written
        as SQL here (Ecto renders maps, lists and the like itself).
        """
        column = target.column
        alter = f"ALTER TABLE {column.sql_table} ALTER COLUMN {quote(column.column)} SET DEFAULT "
        value = _sql_default(source, target.pairs["default"])
        if value is None:
            return None
        old = target.pairs.get("from")
        if target.function != "change" or old is None:
            return alter + value, None
        items = named(old) if old.type == "tuple" else []
        options = items[1] if len(items) == 2 and items[1].type in {"keywords", "list"} else None
        pairs = {}
        if options is not None and options.type == "keywords":
            pairs = {k: v for k, v in keyword_pairs(options) if k is not None}
        elif options is not None:
            pairs = {k: v for c in named(options) if c.type == "keywords" for k, v in keyword_pairs(c) if k}
        if "default" not in pairs:
            return alter + value, ""
        previous = _sql_default(source, pairs["default"])
        return (alter + value, alter + previous) if previous is not None else None

    def _versions(self, source: ParsedSource, ctx: Context, taken: set[str], count: int) -> list[str]:
        versions = []
        last = source.migration_version or ""
        for _ in range(count):
            last = next_free_version(source.file.path.parent, last, ctx.workspace, taken)
            taken.add(last)
            versions.append(last)
        return versions

    def _new_files(self, source: ParsedSource, ctx: Context, files: list[tuple[str, str, str]]) -> tuple[NewFile, ...]:
        require_discovered(source, ctx, "split this migration")
        created = []
        for version, suffix, text in files:
            path = new_migration_path(source, version, suffix)
            group = "main" if suffix.startswith("backfill_") else "contract"
            created.append(NewFile(ctx.workspace.display(path), text, group))
        return tuple(created)

    def _base(self, source: ParsedSource, target: NotNullColumn) -> Change:
        what = "volatile default" if target.nullable else "NOT NULL"
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"{what} on {target.column.table}.{target.column.column}",
            path=source.file.rel,
            line=source.line(target.statement),
            migration_version=source.migration_version,
            check=target.check,
        )

    def _raw_base(self, source: ParsedSource, raw: RawSetNotNull) -> Change:
        where = f"{raw.alter.table}.{raw.alter.column}" if raw.alter is not None else "a column"
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"raw SET NOT NULL on {where}",
            path=source.file.rel,
            line=source.line(raw.call),
            migration_version=source.migration_version,
            check="not_null_added",
        )


class _Safe(Blocked):
    """The add is already safe; no change."""


class _Finding(Blocked):
    """No change, but something to say about the statement."""


# Name parts of columns whose values differ row by row.
IDENTIFIER_WORDS = frozenset(
    {"token", "slug", "url", "uri", "email", "uuid", "guid", "uid", "ulid", "key", "secret", "nonce", "hash", "digest"}
)
PER_ROW_TYPES = frozenset({":uuid", ":binary_id"})
# Calls of the migration DSL that name columns of other tables without needing them filled.
CREATORS = frozenset({"create", "create_if_not_exists"})


def _per_row(source: ParsedSource, target: NotNullColumn) -> str | None:
    """Why the column holds a value per row, from its type and name; None for a plain data column."""
    name = target.column.column
    kind = _normalize(source.text(target.kind))
    if call_name(target.kind) == "references":
        return "a reference to another table"
    if name.endswith("_id"):
        return "a reference or identifier (a name ending in _id)"
    if kind in PER_ROW_TYPES:
        return f"a {kind.lstrip(':')} column"
    words = IDENTIFIER_WORDS.intersection(name.split("_"))
    if words:
        return f"an identifier-like column ({min(words)})"
    return None


def _needs_column(source: ParsedSource, statement: Node, column: Column) -> str | None:
    """What `statement` does that needs `column` filled, or None."""
    text = source.text(statement)
    word = re.compile(rf"(?<![\w$]){re.escape(column.column)}(?!\w)")
    if word.search(text) is None:
        return None
    name = call_name(statement)
    args = call_args(statement)
    inner = args[0] if args else None
    inner_name = call_name(inner) if inner is not None else None
    inner_args = call_args(inner) if inner is not None else []
    table = literal_name(inner_args[0]) if inner_args else None
    if name in CREATORS | {"drop", "drop_if_exists"} and inner_name in {"index", "unique_index"}:
        unique = inner_name == "unique_index" or re.search(r"\bunique:\s*true\b", text) is not None
        columns = source.text(inner_args[1]) if len(inner_args) > 1 else ""
        if name in CREATORS and unique and table == column.table and word.search(columns):
            return f"creates a unique index on {column.column}"
        return None
    if name in CREATORS | {"drop", "drop_if_exists"} and inner_name == "constraint":
        if name in CREATORS and table == column.table:
            return f"creates a constraint naming {column.column}"
        return None
    if name in CREATORS | {"alter", "drop", "drop_if_exists"} and inner_name == "table":
        if name == "alter" and table == column.table:
            return f"changes {column.column} again"
        return None  # another table's column of the same name
    if name == "execute":
        return f"runs SQL naming {column.column}"
    return f"uses {column.column}"


def existing_modules(folder: Path, ctx: Context) -> frozenset[str]:
    """The names of every migration module in `folder`."""

    def compute() -> frozenset[str]:
        names: set[str] = set()
        for name in ctx.workspace.list_dir(folder):
            if name.endswith((".ex", ".exs")):
                parsed = ctx.workspace.parse(folder / name)
                if parsed is not None:
                    names.update(m.name for m in migration_modules(parsed))
        return frozenset(names)

    return ctx.workspace.fact(("migration-modules", str(folder)), compute)


def _pair_key(pair: Node) -> str | None:
    key = pair.child_by_field_name("key")
    return (key.text or b"").decode().rstrip().rstrip(":") if key is not None else None


def _is_not_null_modify(statement: Node) -> bool:
    if call_name(statement) != "modify":
        return False
    args = call_args(statement)
    return (
        bool(args)
        and args[-1].type == "keywords"
        and any(k == "null" and v.text == b"false" for k, v in keyword_pairs(args[-1]))
    )


def _helper_name(definition: Node) -> str | None:
    """The name of a `def`/`defp` that is not a migration step (change/up/down)."""
    if call_name(definition) not in {"def", "defp"}:
        return None
    args = call_args(definition)
    head = args[0] if args else None
    if head is not None and head.type == "binary_operator":  # a guard: `defp f(x) when ...`
        head = head.child_by_field_name("left")
    name = None
    if head is not None and head.type == "identifier":
        name = (head.text or b"").decode()
    elif head is not None and head.type == "call":
        name = call_name(head)
    if name is None or (name in MIGRATION_STEPS and _helper_arity(definition) == 0):
        return None
    return name


def _helper_arity(definition: Node) -> int:
    head = call_args(definition)[0]
    if head.type == "binary_operator":
        head = head.child_by_field_name("left") or head
    return len(call_args(head)) if head.type == "call" else 0


def _not_null_in_helper(source: ParsedSource, definition: Node, created: set[str]) -> list[tuple[Node, str]]:
    """SQL strings holding SET NOT NULL and `modify ... null: false` in alters of existing tables, in order."""
    found: list[tuple[Node, str]] = []
    for node in walk(definition):
        if node.type in {"string", "sigil"} and MENTION.search(source.text(node)):
            tables = altered_tables(source.text(node))
            if not (tables and tables <= created):
                found.append((node, "SET NOT NULL"))
        elif call_name(node) == "alter" and node.type == "call":
            args = call_args(node)
            table_args = call_args(args[0]) if args and call_name(args[0]) == "table" else []
            table = literal_name(table_args[0]) if table_args else None
            if table is not None and table in created:
                continue
            for statement in block_body(node) or []:
                if _is_not_null_modify(statement):
                    found.append((statement, "modify ... null: false"))
    return sorted(found, key=lambda item: item[0].start_byte)


def _sql_default(source: ParsedSource, node: Node) -> str | None:
    """A modify's `default:` as the SQL Ecto writes for it (column-default's reading); None when unsure."""
    try:
        return default_sql(node)
    except UnknownDefault:
        return None


def _execute(sql: tuple[str, str | None], column: int) -> str:
    """`execute up` or `execute up, down`, the down under the up as mix format aligns it."""
    up, down = sql
    if down is None:
        return f"execute {sql_literal(up)}"
    one_line = f"execute {sql_literal(up)}, {sql_literal(down)}"
    if column + len(one_line) <= MAX_LINE:
        return one_line
    return f"execute {sql_literal(up)},\n{' ' * (column + len('execute '))}{sql_literal(down)}"


def _down_removes(source: ParsedSource, module: MigrationModule, column: Column) -> bool:
    """down/0 drops the column's table or removes the column: a check constraint on it goes with it."""
    for statement in module.body("down"):
        args = call_args(statement)
        inner = args[0] if args else None
        if inner is None or call_name(inner) != "table":
            continue
        table_args = call_args(inner)
        if not table_args or literal_name(table_args[0]) != column.table:
            continue
        prefix = next(
            (
                source.text(v)
                for a in table_args[1:]
                if a.type == "keywords"
                for k, v in keyword_pairs(a)
                if k == "prefix"
            ),
            None,
        )
        if (prefix.strip('"') if prefix else None) != column.prefix_value:
            continue
        if call_name(statement) in {"drop", "drop_if_exists"}:
            return True
        if call_name(statement) == "alter":
            for inner_statement in block_body(statement) or []:
                removed = call_args(inner_statement)
                removes = call_name(inner_statement) in {"remove", "remove_if_exists"}
                if removes and removed and literal_name(removed[0]) == column.column:
                    return True
    return False


def _sized_before(source: ParsedSource, column: str, ctx: Context) -> bool:
    """An earlier migration of the folder adds or modifies a column of this name with size:, precision: or scale:."""
    folder = source.file.path.parent
    version = source.migration_version or ""
    sized = re.compile(
        rf"\b(?:add|add_if_not_exists|modify)\(?\s*:{re.escape(column)}\b[^\n]*\b(?:size|precision|scale):"
    )

    def compute() -> bool:
        for name in ctx.workspace.list_dir(folder):
            match = MIGRATION_VERSION.match(name)
            if match is None or match.group(1) >= version or not name.endswith((".exs", ".ex")):
                continue
            raw = ctx.workspace.source(folder / name)
            if raw is not None and sized.search(raw.content.decode("utf-8", "replace")):
                return True
        return False

    return ctx.workspace.fact(("not-null-sized-before", str(folder), version, column), compute)


def _fragment_tuple(node: Node) -> Node | None:
    """The SQL string of a `{:fragment, "sql"}` default (what fragment/1 returns), else None."""
    items = named(node) if node.type == "tuple" else []
    if len(items) == 2 and items[0].text == b":fragment":
        return items[1]
    return None


def _normalize(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sql_constant(elixir: str) -> str | None:
    if re.fullmatch(r"-?\d+(\.\d+)?", elixir.replace("_", "")):
        return elixir.replace("_", "")
    if elixir in {"true", "false"}:
        return elixir.upper()
    if re.fullmatch(r'"[^"\\#]*"', elixir):
        return "'" + elixir[1:-1].replace("'", "''") + "'"
    return None


def _added_earlier(source: ParsedSource, target: NotNullColumn) -> str | None:
    """The type an `add` of the target's column gave it earlier in the same function (an alter before the
    target's), as column-default reads it; None when no such add (or a later change of it) is there."""
    block = target.alter.parent
    if block is None:
        return None
    found: str | None = None
    for statement in block.named_children:
        if statement.end_byte > target.alter.start_byte:
            break
        if call_name(statement) != "alter":
            continue
        args = call_args(statement)
        table_args = call_args(args[0]) if args and call_name(args[0]) == "table" else []
        if not table_args or literal_name(table_args[0]) != target.column.table or len(table_args) > 1:
            continue
        for operation in block_body(statement) or []:
            op_args = call_args(operation)
            if not op_args or literal_name(op_args[0]) != target.column.column:
                continue
            verb = call_name(operation)
            if verb in {"add", "add_if_not_exists"} and len(op_args) >= 2:
                found = _normalize(source.text(op_args[1]))
            else:
                found = None  # modified, removed or renamed since: no longer known from here
    return found
