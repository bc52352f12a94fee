"""The migrations the not-null codemod writes, as `mix format` prints them.

Raw SQL quotes every identifier and is written in a sigil whose closing
delimiter does not occur in it (sigil delimiters do not nest).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ._migration import join_statements

MAX_LINE = 98
MAX_IDENTIFIER = 63  # bytes, PostgreSQL's NAMEDATALEN - 1
SIGIL_DELIMITERS = (("(", ")"), ("[", "]"), ("{", "}"), ("<", ">"), ("|", "|"), ("/", "/"))


@dataclass(frozen=True)
class Column:
    table: str
    column: str
    prefix: str | None  # the `prefix:` text as written, e.g. "\"billing\""

    @property
    def prefix_value(self) -> str | None:
        return self.prefix.strip('"').lstrip(":") if self.prefix else None

    @property
    def query_prefix(self) -> str | None:
        """The prefix as Ecto.Query's `prefix:` takes it: a string literal (`:billing` is not), else `^(...)`."""
        if not self.prefix:
            return None
        if self.prefix.startswith('"'):
            return self.prefix
        if self.prefix.startswith(":") and self.prefix[1:].replace("_", "a").isalnum():
            return f'"{self.prefix[1:]}"'
        return f"^({self.prefix})"

    @property
    def sql_table(self) -> str:
        table = quote(self.table)
        return f"{quote(self.prefix_value)}.{table}" if self.prefix_value else table

    @property
    def constraint(self) -> str:
        return constraint_name(self.table, self.column)

    def options(self) -> str:
        return f", prefix: {self.prefix}" if self.prefix else ""


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def constraint_name(table: str, column: str) -> str:
    name = f"{table}_{column}_not_null"
    if len(name.encode()) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return name.encode()[: MAX_IDENTIFIER - 9].decode("utf-8", "ignore") + "_" + digest


def sql_literal(sql: str) -> str:
    """`sql` as an Elixir sigil (or string) that compiles to exactly `sql`."""
    if "\\" not in sql and "#{" not in sql:
        for opening, closing in SIGIL_DELIMITERS:
            if closing not in sql and opening not in sql:
                return f"~s{opening}{sql}{closing}"
    escaped = sql.replace("\\", "\\\\").replace('"', '\\"').replace("#{", "\\#{")
    return f'"{escaped}"'


def check_expression(column: Column) -> str:
    return sql_literal(f"{quote(column.column)} IS NOT NULL")


def call(head: str, pairs: list[str], indent: int, close_indent: int) -> str:
    """`head` + keyword pairs on one line when it fits, else one pair a line."""
    one_line = f"{head}, {', '.join(pairs)})"
    if indent + len(one_line) <= MAX_LINE:
        return one_line
    return f"{head},\n" + ",\n".join(" " * close_indent + "  " + p for p in pairs) + "\n" + " " * close_indent + ")"


def create_constraint(column: Column, indent: int) -> str:
    """`create constraint(...)` at `indent`; continuation lines align as mix format does."""
    head = f"create constraint(:{column.table}, :{column.constraint}"
    pairs = [f"check: {check_expression(column)}", "validate: false"]
    if column.prefix:
        pairs.append(f"prefix: {column.prefix}")
    # mix format aligns the keywords of a paren-less call's argument two past its open paren.
    return call(head, pairs, indent, indent + len("create "))


def drop_constraint(column: Column) -> str:
    return f"drop constraint(:{column.table}, :{column.constraint}{column.options()})"


def module(name: str, body: str, attributes: str = "") -> str:
    return f"defmodule {name} do\n  use Ecto.Migration\n{attributes}\n{body}end\n"


def not_valid_constraint_migration(name: str, columns: Column | list[Column]) -> str:
    """Step 1: a CHECK (c IS NOT NULL) NOT VALID per column (create constraint rolls back in change/0)."""
    columns = columns if isinstance(columns, list) else [columns]
    body = f"  def change do\n{_body([create_constraint(c, 4) for c in columns])}\n  end\n"
    return module(name, body)


def validate_migration(name: str, columns: Column | list[Column]) -> str:
    """Step 2 per column: VALIDATE, SET NOT NULL, drop the constraint; down undoes it in reverse."""
    columns = columns if isinstance(columns, list) else [columns]
    up: list[str] = []
    down: list[str] = []
    for column in columns:
        table = column.sql_table
        up += [
            f"execute {sql_literal(f'ALTER TABLE {table} VALIDATE CONSTRAINT {quote(column.constraint)}')}",
            f"execute {sql_literal(f'ALTER TABLE {table} ALTER COLUMN {quote(column.column)} SET NOT NULL')}",
            drop_constraint(column),
        ]
    for column in reversed(columns):
        drop_not_null = f"ALTER TABLE {column.sql_table} ALTER COLUMN {quote(column.column)} DROP NOT NULL"
        down += [create_constraint(column, 4), f"execute {sql_literal(drop_not_null)}"]
    body = f"  def up do\n{_body(up)}\n  end\n\n  def down do\n{_body(down)}\n  end\n"
    return module(name, body)


def _body(statements: list[str]) -> str:
    return join_statements(["    " + s for s in statements])


@dataclass(frozen=True)
class Backfill:
    """How existing rows get their value."""

    column: Column
    primary_key: str
    # Elixir for the value, bound to `value` and pinned; None when `set_expression` is used.
    value: str | None
    # An Ecto query expression such as fragment("gen_random_uuid()"), used as is.
    set_expression: str | None = None
    # SQL of a default to set first (volatile or pre-11 defaults), dropped on rollback.
    default_sql: str | None = None


def backfill_migration(name: str, backfill: Backfill) -> str:
    column, key = backfill.column, backfill.primary_key
    field = column.column
    source = f'"{column.table}"'
    prefix = [f"prefix: {column.query_prefix}"] if column.prefix else []
    alter = f"ALTER TABLE {column.sql_table} ALTER COLUMN {quote(field)}"
    args = "value, " if backfill.value is not None else ""
    up: list[str] = []
    if backfill.default_sql is not None:
        up.append(f"    execute {sql_literal(f'{alter} SET DEFAULT {backfill.default_sql}')}\n")
        # execute/1 is queued until up/0 returns, but the backfill's queries run at once: without
        # flush() rows written meanwhile arrive without the default and the backfill chases them.
        up.append("    # execute/1 is queued until up/0 returns; the backfill runs now: set the default first.\n")
        up.append("    flush()\n")
    if backfill.value is not None:
        line = f"    value = {backfill.value}"
        up.append(line + "\n" if len(line) <= MAX_LINE else f"    value =\n      {backfill.value}\n\n")
    up.append(f"    backfill({args}nil)\n")
    if backfill.default_sql is not None:
        down = f"  def down do\n    execute {sql_literal(f'{alter} DROP DEFAULT')}\n  end\n"
    else:
        down = "  def down, do: :ok\n"
    setter = "^value" if backfill.value is not None else backfill.set_expression
    update = call(
        f"from(r in {source}",
        [*prefix, f"where: r.{key} in ^ids", f"update: [set: [{field}: {setter}]]"],
        6,
        6,
    )
    body = f"""  def up do
{"".join(up)}  end

{down}
  defp backfill({args}last_id) do
    ids =
      from(r in {source},{"".join(chr(10) + "        " + p + "," for p in prefix)}
        where: is_nil(r.{field}),
        order_by: [asc: r.{key}],
        limit: @batch_size,
        select: r.{key}
      )
      |> after_id(last_id)
      |> repo().all()

    if ids != [] do
      {update}
      |> repo().update_all([])

      Process.sleep(@throttle_ms)
      backfill({args}List.last(ids))
    end
  end

  defp after_id(query, nil), do: query
  defp after_id(query, id), do: where(query, [r], r.{key} > ^id)
"""
    attributes = (
        "\n  import Ecto.Query\n\n  @disable_ddl_transaction true\n  @disable_migration_lock true\n\n"
        "  @batch_size 1000\n  @throttle_ms 100\n"
    )
    return module(name, body, attributes)


# The start of the message of the `raise` that stands for a backfill value nobody has given yet.
PLACEHOLDER = "mir-fix: replace this raise"


def placeholder(column: Column) -> str:
    return f'raise "{PLACEHOLDER} with the {column.column} value for existing {column.table} rows"'
