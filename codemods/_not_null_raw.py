"""Raw `execute "ALTER TABLE t ALTER COLUMN c SET NOT NULL"` for the not-null codemod.

Reads the SQL of an execute (a string or ~s/~S sigil, heredocs too) and says
which table and column it makes NOT NULL, or why it cannot tell: several
statements in one string, several actions in one ALTER TABLE, interpolation.
PostgreSQL folds unquoted identifiers to lower case; quoted ones are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from mir_fix.engine.elixir import call_args, call_name, calls_named

from ._not_null_text import Column

# SET NOT NULL anywhere in a string: the statements this module is about.
MENTION = re.compile(r"\bSET\s+NOT\s+NULL\b", re.I)
IDENTIFIER = r'(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)'
# ALTER TABLE [IF EXISTS] [ONLY] [schema.]table ALTER [COLUMN] column SET|DROP NOT NULL [;]
ALTER_NULL = re.compile(
    rf"\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:({IDENTIFIER})\s*\.\s*)?({IDENTIFIER})\s*\*?\s+"
    rf"ALTER\s+(?:COLUMN\s+)?({IDENTIFIER})\s+(SET|DROP)\s+NOT\s+NULL\s*;?\s*",
    re.I,
)
# ALTER TABLE [IF EXISTS] [ONLY] [schema.]table: the table, None when it is not a plain name.
ALTER_TABLE = re.compile(
    rf"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:(?:{IDENTIFIER})\s*\.\s*)?({IDENTIFIER}(?![#\w]))?", re.I
)
# Names an Ecto migration can write as an atom.
ATOM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\t": "\t", "\\#": "#"}


@dataclass(frozen=True)
class SqlText:
    """The SQL an argument of execute holds, or why it cannot be read."""

    text: str | None
    problem: str | None = None


def sql_text(node: Node) -> SqlText:
    """The text of a string or ~s/~S sigil argument; interpolation and other values are problems."""
    if node.type == "sigil":
        name = next((c for c in node.children if c.type == "sigil_name"), None)
        if name is None or (name.text or b"") not in {b"s", b"S"}:
            return SqlText(None, f"the SQL is a `~{(name.text or b'').decode() if name else ''}` sigil")
        if any(c.type == "sigil_modifiers" for c in node.children):
            return SqlText(None, "the sigil has modifiers")
        raw = name.text == b"S"
    elif node.type == "string":
        raw = False
    else:
        return SqlText(None, "the SQL is not a literal string")
    parts: list[str] = []
    for child in node.named_children:
        text = (child.text or b"").decode("utf-8", "replace")
        if child.type == "quoted_content":
            parts.append(text)
        elif child.type == "interpolation":
            return SqlText(None, "the SQL is interpolated (`#{...}`)")
        elif child.type == "escape_sequence" and not raw and text in ESCAPES:
            parts.append(ESCAPES[text])
        elif child.type != "sigil_name":
            return SqlText(None, f"the SQL holds `{text}`, which mir-fix does not read")
    return SqlText("".join(parts))


@dataclass(frozen=True)
class AlterNull:
    """`ALTER TABLE [schema.]table ALTER COLUMN column SET|DROP NOT NULL`."""

    schema: str | None
    table: str
    column: str
    action: str  # SET | DROP

    def column_of(self) -> Column:
        return Column(self.table, self.column, f'"{self.schema}"' if self.schema else None)


def alter_null(sql: str) -> AlterNull | str:
    """The single ALTER of `sql`, or why `sql` is more than that (a sentence fragment)."""
    match = ALTER_NULL.fullmatch(sql)
    if match is None:
        body = sql.strip().rstrip(";")
        if ";" in body:
            return "the string holds several statements"
        if re.match(r"\s*ALTER\s+TABLE\b", sql, re.I) and "," in body:
            return "the ALTER TABLE has several actions"
        return "mir-fix cannot read this SQL as one ALTER TABLE ... ALTER COLUMN ... SET NOT NULL"
    schema, table, column, action = match.groups()
    names = [_identifier(n) for n in (schema, table, column) if n is not None]
    odd = next((n for n in names if not ATOM_NAME.fullmatch(n)), None)
    if odd is not None:
        return f"the name {odd!r} cannot be written as an Elixir atom"
    return AlterNull(_identifier(schema) if schema else None, _identifier(table), _identifier(column), action.upper())


def _identifier(text: str) -> str:
    if text.startswith('"'):
        return text[1:-1].replace('""', '"')
    return text.lower()


@dataclass(frozen=True)
class RawSetNotNull:
    """An `execute` whose up SQL holds SET NOT NULL, in a deploy function (change/0 or up/0)."""

    call: Node  # the execute call
    function: str
    top_level: bool  # a statement of the function itself, not inside a loop or condition
    alter: AlterNull | None
    problem: str | None  # why it cannot be rewritten, when alter is None
    down: SqlText | None  # the second argument of execute/2
    tables: frozenset[str]  # the tables its ALTER TABLEs name, as far as they can be read


def set_not_null_calls(body: list[Node], function: str) -> list[RawSetNotNull]:
    """Every execute under `body` whose (up) SQL mentions SET NOT NULL, in source order."""
    found = []
    for statement in body:
        calls = [statement] if call_name(statement) == "execute" else []
        calls += [c for c in calls_named(statement, frozenset({"execute"})) if c != statement]
        for call in calls:
            args = call_args(call)
            if not args or args[0].type not in {"string", "sigil"}:
                continue
            if not MENTION.search((args[0].text or b"").decode("utf-8", "replace")):
                continue
            up = sql_text(args[0])
            down = sql_text(args[1]) if len(args) == 2 else None
            top = call == statement
            tables = altered_tables(
                up.text if up.text is not None else (args[0].text or b"").decode("utf-8", "replace")
            )
            if up.text is None:
                found.append(RawSetNotNull(call, function, top, None, up.problem, down, tables))
                continue
            parsed = alter_null(up.text)
            if isinstance(parsed, str):
                found.append(RawSetNotNull(call, function, top, None, parsed, down, tables))
            elif parsed.action == "SET":
                found.append(RawSetNotNull(call, function, top, parsed, None, down, tables))
    return found


def altered_tables(sql: str) -> frozenset[str]:
    """The tables `ALTER TABLE` names in `sql`; empty when one of them cannot be read (say, interpolated)."""
    names = []
    for match in ALTER_TABLE.finditer(sql):
        if match.group(1) is None:
            return frozenset()
        names.append(_identifier(match.group(1)))
    return frozenset(names)


def drops_not_null(statement: Node, column: Column) -> bool:
    """`execute "ALTER TABLE t ALTER COLUMN c DROP NOT NULL"` for exactly `column`."""
    if call_name(statement) != "execute":
        return False
    args = call_args(statement)
    if len(args) != 1:
        return False
    text = sql_text(args[0]).text
    parsed = alter_null(text) if text is not None else None
    return isinstance(parsed, AlterNull) and parsed.action == "DROP" and parsed.column_of() == column


def down_undoes(down: SqlText, column: Column) -> bool:
    """The down SQL of execute/2 is empty or drops exactly this NOT NULL."""
    if down.text is None:
        return False
    if not down.text.strip():
        return True
    parsed = alter_null(down.text)
    return isinstance(parsed, AlterNull) and parsed.action == "DROP" and parsed.column_of() == column
