"""validate-constraints: add foreign keys and check constraints NOT VALID, validate them in a later migration.

Why it exists
    Adding a foreign key or a CHECK constraint to a populated table scans
    every row to prove the constraint holds. A foreign key takes a SHARE ROW
    EXCLUSIVE lock on both tables for the whole scan (no INSERT, UPDATE or
    DELETE on either), a CHECK an ACCESS EXCLUSIVE lock (not even reads), and
    an Ecto migration is one transaction, so the lock lasts until it commits.
    Added NOT VALID, the constraint holds for new rows at once and the lock
    lasts a moment; `ALTER TABLE ... VALIDATE CONSTRAINT` then checks the
    existing rows under a SHARE UPDATE EXCLUSIVE lock, which lets reads and
    writes go on. The VALIDATE must run in a later migration: in the same one
    the ADD's lock is still held while it scans.

What it does
    In every module that `use Ecto.Migration`, in change/0 or up/0, on a table
    the migration does not create itself:
    - `add`, `add_if_not_exists` or `modify :c, references(...)` inside
      `alter table(...)` gets `validate: false` in its references options
      (ecto_sql then writes `... FOREIGN KEY ... NOT VALID`);
    - `create constraint(:t, :name, check: "...")` gets `validate: false`;
    - raw `execute "ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY ..."` or
      `... CHECK (...)` gets NOT VALID at the end of its SQL;
    and each gets a new migration one second later,
    `<version+1>_<name>_validate_<constraint>.exs`, holding
    `execute "ALTER TABLE t VALIDATE CONSTRAINT c", ""` (VALIDATE has nothing
    to undo: rolling back runs the empty statement, then the original's own
    rollback drops the constraint). The constraint's name is ecto_sql's:
    `name:` when given, else `<table>_<column>_fkey`; the table's `prefix:`
    qualifies the table, and every identifier is quoted.
    It also reports a constraint added NOT VALID (`validate: false`, or raw
    SQL) that no later migration of the folder validates (existing rows stay
    unchecked), and one validated in the same migration (the ADD's lock is
    held through the scan).

Example
    before
      alter table(:orders) do
        add :user_id, references(:users, on_delete: :delete_all)
      end
    after
      alter table(:orders) do
        add :user_id, references(:users, on_delete: :delete_all, validate: false)
      end
    plus ..._validate_orders_user_id_fkey.exs right after it:
      def change do
        execute ~s(ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_id_fkey"), ""
      end

What it refuses (blocked, with the line)
    - options, names, columns or a prefix in a variable, an attribute or a call;
    - `modify ... references(...)` that may change the column's type (no
      `from: references(...)` with the same `type:`), or that sets other
      options: the type change rewrites the table whatever the constraint does;
    - a foreign key on a partitioned table: PostgreSQL (17 and older) cannot
      add one NOT VALID;
    - raw SQL holding several statements or actions, interpolation, or an ADD
      CONSTRAINT it cannot read;
    - a migration whose file name has no timestamp, or that lies outside the
      folders Ecto's migrator scans: the VALIDATE migration would never run.
    It leaves alone constraints on tables created in the same migration,
    `validate: false` already there, `exclude:` constraints (PostgreSQL has no
    NOT VALID for them), statements of down/0, lines marked
    `# mir-fix: ignore` or `# excellent_migrations:safety-assured-for-next-line
    column_reference_added` (or `check_constraint_added`), and migrations of a
    repo that is not PostgreSQL (one finding per repo).

Fix safety
    Rows that violate the constraint make the VALIDATE migration fail, as the
    original would have; new rows are checked from the first migration on.
    Only migrations that have not run in production are rewritten: those newer
    than `start_after` (.mir-fix.toml, or excellent_migrations' config), those
    changed since `--since REF`, or all with `--all-migrations`; with none of
    these, only the newest migration of each folder, and the older ones are
    shown marked shipped, never written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from tree_sitter import Node

from mir_fix.engine.change import Change, FileEdits, Finding, NewFile, Status
from mir_fix.engine.codemod import Blocked, Codemod, Context, ParsedSource
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    has_parens,
    keyword_pairs,
    layout,
    line_end,
    named,
    starts_line,
)

from ._constraint_sql import StringValue, execute_statement, existing_modules, string_value, table_sql
from ._migration import (
    DDL,
    MigrationModule,
    attribute_is_true,
    camelize,
    literal_name,
    migration_modules,
    new_migration_path,
    next_free_version,
    render_module,
    require_discovered,
    statement_lines,
    tables_created,
)
from ._migration_scope import migration_scope
from ._not_null_text import MAX_LINE, call
from ._partition_facts import partitioned_before
from ._repo_facts import by_database
from ._schema_history import history

DEPLOY_FUNCTIONS = ("change", "up")
COLUMN_VERBS = frozenset({"add", "add_if_not_exists", "modify"})
REFERENCE = "column_reference_added"
CHECK = "check_constraint_added"
IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
# ALTER TABLE [IF EXISTS] [ONLY] t [DROP CONSTRAINT x, ...] ADD CONSTRAINT c FOREIGN KEY ... | CHECK (...) [NOT VALID]
RAW_ADD = re.compile(
    rf"^\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?P<only>ONLY\s+)?(?P<table>{IDENT}(?:\s*\.\s*{IDENT})?)\s+"
    rf"(?:DROP\s+CONSTRAINT\s+(?:IF\s+EXISTS\s+)?{IDENT}\s*,\s*)*"
    rf"ADD\s+CONSTRAINT\s+(?P<name>{IDENT})\s+(?P<kind>FOREIGN\s+KEY|CHECK)\b(?P<rest>.*?)[\s;]*$",
    re.I | re.S,
)
RAW_MENTION = re.compile(r"\bADD\s+(?:CONSTRAINT\s+\S+\s+)?(?:FOREIGN\s+KEY|CHECK)\b", re.I)
NOT_VALID = re.compile(r"\bNOT\s+VALID\b", re.I)
RAW_TABLE = re.compile(rf"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:{IDENT}\s*\.\s*)?({IDENT})", re.I)


@dataclass(frozen=True)
class ConstraintAddition:
    """A foreign key or check constraint that a deploy function of a migration adds to an existing table."""

    statement: Node  # what a suppression comment targets: the add/modify line, the create, the execute
    outer: Node  # the statement of change/0 or up/0 that holds it
    function: str
    check: str  # the excellent_migrations check: column_reference_added | check_constraint_added
    table: str  # the table's bare name
    sql_table: str  # the table as ALTER TABLE ... VALIDATE names it
    sql_name: str  # the constraint as VALIDATE CONSTRAINT names it
    name: str  # the constraint's bare name, for file and module names
    not_valid: bool  # added NOT VALID already
    edits: tuple[Edit, ...] = ()  # what makes it NOT VALID
    problem: str | None = None  # why mir-fix cannot make it NOT VALID

    @property
    def noun(self) -> str:
        return "foreign key" if self.check == REFERENCE else "check constraint"


class ValidateConstraints(Codemod):
    id = "validate-constraints"
    title = "Add foreign keys and check constraints NOT VALID and validate them in a later migration"
    prefilter = (b"references", b"constraint", b"CONSTRAINT")
    requires = (b"Ecto.Migration",)
    assured_checks = frozenset({REFERENCE, CHECK})
    checks: ClassVar[dict[str, str]] = {
        REFERENCE: "A foreign key added to a populated table scans it while both tables are locked against "
        "writes. Add it with `validate: false` (NOT VALID) and validate it in a later migration with "
        '`execute "ALTER TABLE t VALIDATE CONSTRAINT t_c_fkey", ""`; mir-fix validate-constraints does both.',
        CHECK: "A check constraint added to a populated table scans it under an ACCESS EXCLUSIVE lock. Create it "
        "with `validate: false` (NOT VALID) and validate it in a later migration with "
        '`execute "ALTER TABLE t VALIDATE CONSTRAINT name", ""`; mir-fix validate-constraints does both.',
    }
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
        for addition in _one_blank_line(source, list(self._additions(source, module, created, ctx))):
            if self._ignored(source, addition):
                continue
            if addition.not_valid:
                finding = self._validation_finding(source, module, addition, ctx)
                if finding is not None:
                    items.append(scope.mark(finding))
                continue
            change = self._base(source, addition)
            try:
                items.append(scope.mark(self._plan(source, module, addition, ctx, change)))
            except Blocked as blocked:
                items.append(scope.mark(change.blocked(str(blocked))))
        return items

    def _ignored(self, source: ParsedSource, addition: ConstraintAddition) -> bool:
        lines = {source.line(addition.statement), source.line(addition.outer)}
        return any(self.ignores_line(source, line) for line in lines)

    # --- what the migration adds ------------------------------------------------------------

    def _additions(
        self, source: ParsedSource, module: MigrationModule, created: set[str], ctx: Context
    ) -> Iterator[ConstraintAddition]:
        # down/0 runs on rollback: what it adds back is what up/0 removed, never rewritten.
        for function in DEPLOY_FUNCTIONS:
            for statement in module.body(function):
                name = call_name(statement)
                if name == "alter":
                    yield from self._references(source, statement, function, created, ctx)
                elif name == "create":
                    found = self._check_constraint(source, statement, function, created)
                    if found is not None:
                        yield found
                elif name == "execute":
                    found = self._raw(source, statement, function, created)
                    if found is not None:
                        yield found

    def _references(
        self, source: ParsedSource, alter: Node, function: str, created: set[str], ctx: Context
    ) -> Iterator[ConstraintAddition]:
        args = call_args(alter)
        if not args or call_name(args[0]) != "table":
            return
        table_args = call_args(args[0])
        table = literal_name(table_args[0]) if table_args else None
        if table is None or table in created:
            return
        prefix, prefix_problem = _prefix(source, table_args[1:])
        for statement in block_body(alter) or []:
            column_args = call_args(statement)
            if call_name(statement) not in COLUMN_VERBS or len(column_args) < 2:
                continue
            reference = column_args[1]
            if call_name(reference) != "references":
                continue
            column = literal_name(column_args[0])
            options, pairs, problem = _options(source, reference)
            validate = pairs.get("validate")
            if validate is not None and validate.text not in {b"true", b"false"}:
                continue  # validate: computed; nothing to say
            name_node = pairs.get("name")
            name = literal_name(name_node) if name_node is not None else f"{table}_{column}_fkey"
            if problem is None and column is None:
                problem = f"the column `{source.text(column_args[0])}` is not a literal name"
            if problem is None and name_node is not None and name is None:
                problem = f"the constraint name `{source.text(name_node)}` is not a literal"
            problem = problem or prefix_problem
            if problem is None and call_name(statement) == "modify":
                problem = _modify_problem(
                    source,
                    statement,
                    pairs,
                    history(source.file.path.parent, table, ctx.workspace).column_type(
                        table, column or "", source.migration_version or ""
                    ),
                )
            if problem is None and not has_parens(reference):
                problem = f"`{source.text(reference)}` has no parentheses"
            name = name or "constraint"
            edits: tuple[Edit, ...] = ()
            if problem is None and (validate is None or validate.text == b"true"):
                edits = tuple(_validate_false(source, statement, reference, options, validate))
            yield ConstraintAddition(
                statement,
                alter,
                function,
                REFERENCE,
                table,
                table_sql(table, prefix),
                table_sql(name, None),
                name,
                validate is not None and validate.text == b"false",
                edits,
                problem,
            )

    def _check_constraint(
        self, source: ParsedSource, create: Node, function: str, created: set[str]
    ) -> ConstraintAddition | None:
        args = call_args(create)
        if len(args) != 1 or call_name(args[0]) != "constraint":
            return None
        constraint = args[0]
        constraint_args = call_args(constraint)
        if len(constraint_args) < 2:
            return None
        table = literal_name(constraint_args[0])
        if table is not None and table in created:
            return None
        options = constraint_args[2] if len(constraint_args) > 2 else None
        pairs = _pairs(options) if options is not None else {}
        if "check" not in pairs:
            return None  # exclude: constraints cannot be NOT VALID
        validate = pairs.get("validate")
        if validate is not None and validate.text not in {b"true", b"false"}:
            return None
        name = literal_name(constraint_args[1])
        problem = None
        if table is None:
            problem = f"the table `{source.text(constraint_args[0])}` is not a literal name"
        elif name is None:
            problem = f"the constraint name `{source.text(constraint_args[1])}` is not a literal"
        elif options is None or not _literal_options(options) or len(constraint_args) > 3:
            problem = "its options are not a literal keyword list"
        prefix, prefix_problem = (None, None)
        if options is not None and "prefix" in pairs:
            prefix, prefix_problem = _prefix(source, [options])
        problem = problem or prefix_problem
        edits: tuple[Edit, ...] = ()
        if problem is None and options is not None and (validate is None or validate.text == b"true"):
            edits = tuple(_validate_false(source, create, constraint, options, validate))
        return ConstraintAddition(
            create,
            create,
            function,
            CHECK,
            table or "table",
            table_sql(table or "table", prefix),
            table_sql(name or "constraint", None),
            name or "constraint",
            validate is not None and validate.text == b"false",
            edits,
            problem,
        )

    def _raw(self, source: ParsedSource, execute: Node, function: str, created: set[str]) -> ConstraintAddition | None:
        args = call_args(execute)
        if not args or args[0].type not in {"string", "sigil"}:
            return None
        text = source.text(args[0])
        if not RAW_MENTION.search(text):
            return None
        string = string_value(args[0])
        match = RAW_ADD.match(string.value) if string is not None else None
        problem = None
        if string is None:
            problem = "its SQL has interpolation or escapes mir-fix cannot read"
        elif match is None:
            problem = "mir-fix reads only `ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY ...` or `... CHECK (...)`"
        if match is None:
            value = string.value if string is not None else text
            altered = RAW_TABLE.search(value)
            if NOT_VALID.search(value) or (altered is not None and _bare(altered.group(1)) in created):
                return None
            check = REFERENCE if re.search(r"FOREIGN\s+KEY", value, re.I) else CHECK
            return ConstraintAddition(
                execute, execute, function, check, "table", "table", "constraint", "constraint", False, (), problem
            )
        rest = match.group("rest")
        check = REFERENCE if match.group("kind").upper().startswith("FOREIGN") else CHECK
        table_text = re.sub(r"\s*\.\s*", ".", match.group("table"))
        table = _bare(table_text.rsplit(".", 1)[-1])
        if table in created:
            return None
        name = match.group("name")
        not_valid = NOT_VALID.search(rest) is not None
        if not not_valid:
            if ";" in rest or _top_level_comma(rest):
                problem = "its SQL does more than add one constraint; give the constraint an execute of its own"
            elif match.group("only") and check == CHECK:
                problem = "ALTER TABLE ONLY cannot add a CHECK constraint NOT VALID to a partitioned table"
        edits: tuple[Edit, ...] = ()
        if problem is None and not not_valid and string is not None:
            edit = _append_not_valid(source, string)
            if edit is None:
                problem = "its SQL ends in an escape sequence"
            edits = (edit,) if edit is not None else ()
        return ConstraintAddition(
            execute, execute, function, check, table, table_text, name, _bare(name), not_valid, edits, problem
        )

    # --- planning -----------------------------------------------------------------------------

    def _plan(
        self, source: ParsedSource, module: MigrationModule, addition: ConstraintAddition, ctx: Context, change: Change
    ) -> Change:
        where = f"{source.file.rel}:{source.line(addition.statement)}"
        if addition.problem is not None:
            raise Blocked(
                f"{where}: {addition.problem}; add the {addition.noun} NOT VALID and validate it in a "
                "later migration by hand"
            )
        if addition.check == REFERENCE:
            made = partitioned_before(source, addition.table, ctx.workspace)
            if made is not None:
                raise Blocked(
                    f"{where}: {addition.table} is a partitioned table (PARTITION BY in {made.file}), and "
                    "PostgreSQL 17 and older cannot add a foreign key NOT VALID to a partitioned table; add it "
                    "to each partition NOT VALID and validate those, then add it to the parent, or keep it as "
                    "it is and mark the line `# mir-fix: ignore`"
                )
        version = source.migration_version
        if version is None:
            raise Blocked(
                f"{where}: the migration's file name has no timestamp to place the VALIDATE migration after it; "
                "add it by hand"
            )
        require_discovered(source, ctx, "add the VALIDATE migration")
        part = "validate_" + re.sub(r"\W", "_", addition.name.lower())
        name = module.name + camelize(part)
        if name in existing_modules(source.file.path.parent, ctx):
            raise Blocked(f"{where}: a migration module {name} exists already; validate {addition.name} by hand")
        new_version = next_free_version(source.file.path.parent, version, ctx.workspace, ctx.claimed)
        jumped = _touching_between(source, addition.table, version, new_version, ctx)
        if jumped is not None:
            raise Blocked(
                f"{where}: the VALIDATE migration would get version {new_version}, after {jumped}, which also "
                f"names {addition.table} and might change the constraint first; add the {addition.noun} NOT VALID "
                "and validate it in a later migration by hand"
            )
        ctx.claimed.add(new_version)
        path = new_migration_path(source, new_version, part)
        sql = f"ALTER TABLE {addition.sql_table} VALIDATE CONSTRAINT {addition.sql_name}"
        text = render_module(name, [], [("change", ["    " + execute_statement(sql, "", 4)])])
        return replace(
            change,
            status=Status.READY,
            summary=f"add the {addition.noun} {addition.name} on {addition.table} NOT VALID and validate it in "
            f"the new migration {path.name}",
            edits=(FileEdits(source.file.rel, addition.edits),),
            creates=(NewFile(ctx.workspace.display(path), text),),
        )

    def _validation_finding(
        self, source: ParsedSource, module: MigrationModule, addition: ConstraintAddition, ctx: Context
    ) -> Finding | None:
        """A constraint added NOT VALID: validated in the same migration, or by no later one."""
        pattern = re.compile(rf"VALIDATE\s+CONSTRAINT\s+{_name_pattern(addition.name)}", re.I)
        line = source.line(addition.statement)
        later = [s for s in module.body(addition.function) if s.start_byte > addition.outer.end_byte]
        # Without the DDL transaction each statement commits on its own: VALIDATE then runs without the ADD's lock.
        validated_here = any(pattern.search(source.text(s)) for s in later)
        if validated_here and attribute_is_true(module, DDL):
            return None
        if validated_here:
            return Finding(
                self.id,
                source.file.rel,
                line,
                f"the {addition.noun} {addition.name} is added NOT VALID and validated in the same migration, "
                "which is one transaction: the lock the ADD takes is held while VALIDATE scans the table; move "
                "the VALIDATE to a new migration",
                check=addition.check,
            )
        if _validated_later(source, pattern, ctx):
            return None
        return Finding(
            self.id,
            source.file.rel,
            line,
            f"the {addition.noun} {addition.name} is added NOT VALID and no later migration validates it: "
            "existing rows are never checked; add a migration with "
            f'`execute "ALTER TABLE {addition.sql_table.replace(chr(34), "")} VALIDATE CONSTRAINT '
            f'{addition.name}", ""`',
        )

    def _base(self, source: ParsedSource, addition: ConstraintAddition) -> Change:
        return Change(
            codemod=self.id,
            status=Status.BLOCKED,
            summary=f"{addition.noun} {addition.name} on {addition.table}",
            path=source.file.rel,
            line=source.line(addition.statement),
            migration_version=source.migration_version,
            check=addition.check,
        )


# --- reading options ----------------------------------------------------------------------------


def _pairs(options: Node) -> dict[str, Node]:
    if options.type == "keywords":
        return {k: v for k, v in keyword_pairs(options) if k is not None}
    if options.type == "list":
        return {k: v for c in named(options) if c.type == "keywords" for k, v in keyword_pairs(c) if k is not None}
    return {}


def _literal_options(options: Node) -> bool:
    if options.type == "keywords":
        return True
    if options.type == "list":
        items = named(options)
        return not items or (len(items) == 1 and items[0].type == "keywords")
    return False


def _options(source: ParsedSource, reference: Node) -> tuple[Node | None, dict[str, Node], str | None]:
    """references(...)'s options node, its pairs, and why they cannot be read."""
    args = call_args(reference)
    if not args:
        return None, {}, "references(...) names no table"
    options = args[1] if len(args) > 1 else None
    if options is None:
        return None, {}, None
    if len(args) > 2 or not _literal_options(options):
        return options, {}, f"the references options `{source.text(options)}` are not a literal keyword list"
    return options, _pairs(options), None


def _prefix(source: ParsedSource, option_nodes: list[Node]) -> tuple[str | None, str | None]:
    """The `prefix:` of table(...)/constraint(...), and why it cannot be read."""
    for node in option_nodes:
        if node.type not in {"keywords", "list"}:
            return None, f"the table options `{source.text(node)}` are not a literal keyword list"
        value = _pairs(node).get("prefix")
        if value is None:
            continue
        if value.type == "nil":
            return None, None
        name = literal_name(value)
        if name is None:
            return None, f"the prefix `{source.text(value)}` is not a literal"
        return name, None
    return None, None


def _modify_problem(source: ParsedSource, statement: Node, pairs: dict[str, Node], known: str | None) -> str | None:
    """Why `modify :c, references(...)` may do more than change the constraint.

    ecto_sql writes it as ALTER COLUMN c TYPE <the reference's type>: harmless
    (no rewrite) when that is the type the column has, from `from:` or from
    the migration that added the column (`known`, its type as written).
    """
    args = call_args(statement)
    options = args[2] if len(args) > 2 else None
    extra = _pairs(options) if options is not None else {}
    if options is not None and (not _literal_options(options) or len(args) > 3):
        return "the modify's options are not a literal keyword list"
    null = extra.get("null")
    others = sorted(k for k in set(extra) - {"from", "null"}) + (
        ["null: false"] if null is not None and null.text != b"true" else []
    )
    if others:
        return f"the modify also sets {', '.join(others)}"
    new_type = _reference_type(source.text(pairs["type"]) if "type" in pairs else None)
    old = extra.get("from")
    if old is not None and call_name(old) == "references":
        old_pairs = _pairs(call_args(old)[1]) if len(call_args(old)) > 1 else {}
        old_text = source.text(old_pairs["type"]) if "type" in old_pairs else None
    elif old is not None:
        old_text = source.text(old) if old.type == "atom" else "?"
    elif known is not None and known.startswith("references("):
        match = re.search(r"\btype:\s*(:\w+)", known)
        old_text = match.group(1) if match else None
    elif known is not None and re.fullmatch(r":\w+", known):
        old_text = known
    else:
        return (
            "the modify restates the column's type and mir-fix cannot tell whether it changes (add "
            "`from: references(...)` with the old reference)"
        )
    old_type = _reference_type(old_text)
    if old_type != new_type or old_type == "?":
        return (
            f"the modify may change the column's type ({old_text or 'the default'} to "
            f"{source.text(pairs['type']) if 'type' in pairs else 'the default'}); a type change rewrites the table"
        )
    return None


# The column type ecto_sql writes for a reference's `type:` (reference_column_type/2).
REFERENCE_TYPES = {
    ":bigserial": "bigint",
    ":bigint": "bigint",
    ":identity": "bigint",
    ":serial": "integer",
    ":integer": "integer",
    ":id": "integer",
    ":uuid": "uuid",
    ":binary_id": "uuid",
}


def _reference_type(text: str | None) -> str | None:
    """`bigint` for `:bigserial`; None for no `type:` (the repo's default, the same for both sides)."""
    if text is None:
        return None
    return REFERENCE_TYPES.get(text, text if re.fullmatch(r":\w+", text) else "?")


# --- edits ----------------------------------------------------------------------------------


def _validate_false(
    source: ParsedSource, statement: Node, builder: Node, options: Node | None, validate: Node | None
) -> list[Edit]:
    """`validate: false` in `builder`'s options (or `true` turned to `false`), laid out as mix format would."""
    content = source.file.content
    if validate is not None:
        return [Edit(validate.start_byte, validate.end_byte, "false")]
    if options is None:
        insert = Edit.insert(call_args(builder)[-1].end_byte, ", validate: false")
    elif options.type == "keywords":
        insert = _append_pair(content, named(options)[-1])
    else:
        items = named(options)
        first = items[0] if items else None
        insert = (
            _append_pair(content, named(first)[-1])
            if first is not None
            else Edit.insert(options.start_byte + 1, "validate: false")
        )
    return _wrapped(source, statement, options, insert) or [insert]


def _append_pair(content: bytes, last_pair: Node) -> Edit:
    if starts_line(content, last_pair.start_byte):
        indent = layout(content, last_pair.start_byte).indent
        return Edit.insert(last_pair.end_byte, f",\n{indent}validate: false")
    return Edit.insert(last_pair.end_byte, ", validate: false")


def _wrapped(source: ParsedSource, statement: Node, options: Node | None, insert: Edit) -> list[Edit] | None:
    """The statement laid over lines as mix format does, when `validate: false` makes its line too long.

    None when it still fits, or when mix format would break it in a way
    mir-fix does not reproduce (the line is then left long).
    """
    content = source.file.content
    if b"\n" in (statement.text or b"") or has_parens(statement) or "\n" in insert.text:
        return None
    tail = content[statement.end_byte : line_end(content, statement.end_byte)].strip()
    if tail:
        return None
    column = layout(content, statement.start_byte).column
    start = statement.start_byte
    text = source.text(statement)
    offset = len(content[start : insert.start].decode("utf-8"))
    if column + len(text) + len(insert.text) <= MAX_LINE:
        return None
    verb = call_name(statement) or ""
    args = call_args(statement)
    if verb == "create":
        if options is None or options.type != "keywords":
            return None
        head = content[start : named(options)[0].start_byte].decode().rstrip().rstrip(",")
        pairs = [source.text(p) for p in named(options)] + ["validate: false"]
        laid = call(head, pairs, column, column + len(verb) + 1)
    else:
        grown = text[:offset] + insert.text + text[offset:]
        arguments = grown[len(verb) + 1 :]
        texts = [source.text(a) for a in args]
        changed = next(i for i, a in enumerate(args) if a.start_byte <= insert.start <= a.end_byte)
        texts[changed] = _grow(source, args[changed], insert)
        if arguments != ", ".join(texts):
            return None  # comments or odd spacing between the arguments
        two = f"{verb} {texts[0]}, {texts[1]},"
        if len(texts) > 2 and column + len(two) <= MAX_LINE:
            laid = two + "\n" + " " * (column + 2) + ", ".join(texts[2:])
        else:
            align = " " * (column + len(verb) + 1)
            laid = f"{verb} {texts[0]}," + ",".join(f"\n{align}{t}" for t in texts[1:])
        if any(column + len(line) > MAX_LINE for line in laid.split("\n")[1:]):
            return None
    return [Edit(start, statement.end_byte, laid), *_blank_lines(content, statement)]


def _grow(source: ParsedSource, node: Node, insert: Edit) -> str:
    text = source.text(node)
    offset = len(source.file.content[node.start_byte : insert.start].decode("utf-8"))
    return text[:offset] + insert.text + text[offset:]


def _blank_lines(content: bytes, statement: Node) -> list[Edit]:
    """mix format sets a statement spread over lines apart from its neighbours in a block by blank lines."""
    edits = []
    first_line, _ = statement_lines(content, statement)
    previous = _sibling(statement, before=True)
    if previous is not None and first_line >= 2 and content[first_line - 2 : first_line - 1] != b"\n":
        edits.append(Edit.insert(first_line, "\n"))
    following = _sibling(statement, before=False)
    end = line_end(content, statement.end_byte)
    if following is not None and content[end + 1 : end + 2] != b"\n" and content[end : end + 2] != b"\r\n":
        edits.append(Edit.insert(end, "\n"))
    return edits


def _one_blank_line(source: ParsedSource, additions: list[ConstraintAddition]) -> list[ConstraintAddition]:
    """Drop the blank line after a wrapped statement when the next one is wrapped too (it adds its own before)."""
    content = source.file.content
    wrapped = {a.statement.id for a in additions if any("\n" in e.text and e.text != "\n" for e in a.edits)}
    kept = []
    for addition in additions:
        following = _sibling(addition.statement, before=False)
        after = line_end(content, addition.statement.end_byte)
        if following is not None and following.id in wrapped:
            edits = tuple(e for e in addition.edits if not (e.text == "\n" and e.start == after))
            addition = replace(addition, edits=edits)
        kept.append(addition)
    return kept


def _sibling(statement: Node, before: bool) -> Node | None:
    node = statement.prev_named_sibling if before else statement.next_named_sibling
    while node is not None and node.type == "comment" and before:
        node = node.prev_named_sibling
    return node


def _append_not_valid(source: ParsedSource, string: StringValue) -> Edit | None:
    content = source.file.content
    inner = content[string.inner_start : string.inner_end]
    trimmed = inner.rstrip(b" \t\r\n;")
    if trimmed.endswith(b"\\"):
        return None
    return Edit.insert(string.inner_start + len(trimmed), " NOT VALID")


# --- raw SQL --------------------------------------------------------------------------------


def _bare(identifier: str) -> str:
    return identifier[1:-1].replace('""', '"') if identifier.startswith('"') else identifier.lower()


def _top_level_comma(sql: str) -> bool:
    depth = 0
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            return True
    return False


def _name_pattern(name: str) -> str:
    return rf'(?:"{re.escape(name)}"|{re.escape(name)}\b)'


def _touching_between(source: ParsedSource, table: str, version: str, new_version: str, ctx: Context) -> str | None:
    """A migration of the folder between the two versions whose text names `table`."""
    folder = source.file.path.parent
    word = re.compile(rf"(?<![\w$]){re.escape(table)}(?![\w$])")
    for name in ctx.workspace.list_dir(folder):
        match = re.match(r"^(\d+)_", name)
        if match is None or not int(version) < int(match.group(1)) < int(new_version):
            continue
        raw = ctx.workspace.source(folder / name)
        if raw is not None and word.search(raw.content.decode("utf-8", "replace")):
            return name
    return None


def _validated_later(source: ParsedSource, pattern: re.Pattern[str], ctx: Context) -> bool:
    """Whether a newer migration of the folder validates the constraint."""
    version = source.migration_version or ""
    return any(v > version and pattern.search(text) for v, text in _validating_migrations(source.file.path.parent, ctx))


_VALIDATE = re.compile(rb"(?i)validate")


def _validating_migrations(folder: Path, ctx: Context) -> list[tuple[str, str]]:
    """(version, text) of the folder's migrations that say VALIDATE in any case, read once per folder."""

    def compute() -> list[tuple[str, str]]:
        found = []
        for name in ctx.workspace.list_dir(folder):
            match = re.match(r"^(\d+)_", name)
            if match is None or not name.endswith((".exs", ".ex")):
                continue
            raw = ctx.workspace.source(folder / name)
            if raw is not None and _VALIDATE.search(raw.content):
                found.append((match.group(1), raw.content.decode("utf-8", "replace")))
        return found

    return ctx.workspace.fact(("validating-migrations", str(folder)), compute)
