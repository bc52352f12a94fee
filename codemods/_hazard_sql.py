"""What a raw SQL string in a migration does, statement by statement (migration-hazards' `execute` checks).

mir-fix cannot see what raw SQL locks in general, so it sorts each statement
into one of three bins:

- safe: catalog-only or lock-light statements that a running app does not
  notice (CREATE/DROP INDEX CONCURRENTLY, VALIDATE CONSTRAINT, ADD CONSTRAINT
  ... NOT VALID, SET/DROP DEFAULT, DROP CONSTRAINT, COMMENT ON, functions,
  types, extensions, triggers, views, grants, SET/SELECT ...);
- another codemod's: plain CREATE/DROP INDEX (index-concurrently), SET NOT
  NULL (not-null), ADD CONSTRAINT FOREIGN KEY/CHECK without NOT VALID
  (validate-constraints): reported there, not here;
- a hazard with a name (TRUNCATE ... CASCADE, REINDEX without CONCURRENTLY,
  a data write, a dropped column...), else `raw_sql_executed`: mir-fix
  cannot tell what it locks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

# Interpolations (`#{...}`) become this name: a statement built at run time is read as far as its words go.
INTERPOLATED = "__interpolated__"
OTHERS = "others"  # another codemod reports it
SAFE = "safe"

_NAME = r'(?:"[^"]+"|[\w$]+|' + INTERPOLATED + r")"
_QUALIFIED = rf"(?:{_NAME}\.)?({_NAME})"
ALTER_TABLE = re.compile(rf"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?{_QUALIFIED}\s*(.*)$", re.I | re.S)
DROP_TABLE = re.compile(rf"^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_QUALIFIED}", re.I)
_VOLATILE_CALL = re.compile(r"\w+\s*\(", re.I)
_CONSTANT_FUNCTIONS = re.compile(r"\b(now|current_timestamp|current_date|transaction_timestamp)\s*\(", re.I)


@dataclass(frozen=True)
class Statement:
    """One SQL statement and what migration-hazards makes of it."""

    kind: str  # SAFE, OTHERS, or a check name
    text: str
    table: str | None = None  # the existing table it acts on, when it names one
    detail: str = ""  # for a check: what the statement does, in words


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def sql_text(node: Node) -> str | None:
    """The SQL of a string or `~s`/`~S` sigil literal (interpolations replaced); None for anything else."""
    if node.type == "sigil":
        name = next((c for c in node.children if c.type == "sigil_name"), None)
        if name is None or name.text not in {b"s", b"S"}:
            return None
    elif node.type != "string":
        return None
    parts = []
    for child in node.named_children:
        text = (child.text or b"").decode("utf-8", "replace")
        if child.type == "quoted_content":
            parts.append(text)
        elif child.type == "escape_sequence":
            parts.append(_ESCAPES.get(text[1:], text[1:]))
        elif child.type == "interpolation":
            parts.append(INTERPOLATED)
    return "".join(parts)


# What `;` inside does not split: comments (dropped), quoted strings and names, dollar-quoted bodies.
_TOKEN = re.compile(r"(--[^\n]*|/\*.*?\*/)|'(?:[^']|'')*'|\"[^\"]*\"|\$(\w*)\$.*?\$\2\$|(;)", re.S)


def statements(sql: str) -> list[str]:
    """`sql` split on `;` outside quotes, dollar quotes and comments; comments dropped, blanks skipped."""
    found: list[str] = []
    current: list[str] = []
    at = 0
    for match in _TOKEN.finditer(sql):
        current.append(sql[at : match.start()])
        at = match.end()
        if match.group(1):
            current.append(" ")
        elif match.group(3):
            found.append("".join(current))
            current = []
        else:
            current.append(match.group(0))
    current.append(sql[at:])
    found.append("".join(current))
    return [s.strip() for s in found if s.strip()]


def unquote(name: str) -> str | None:
    """The table a (quoted) SQL name means; None when it is built at run time."""
    if INTERPOLATED in name:
        return None
    return name[1:-1] if name.startswith('"') and name.endswith('"') else name.lower()


def classify(statement: str) -> Statement:
    """What one statement is: SAFE, OTHERS, or the check that reports it."""
    text = re.sub(r"\s+", " ", statement).strip()
    upper = text.upper()
    words = upper.split(" ")
    first = words[0]
    two = " ".join(words[:2])

    if first in {"BEGIN", "COMMIT", "ROLLBACK", "END", "ABORT"} or two == "START TRANSACTION":
        return Statement("transaction_nesting", text, detail=f"`{first}` inside a migration")
    if first in {"SET", "RESET", "SHOW", "SELECT", "VALUES", "GRANT", "REVOKE", "COMMENT", "ANALYZE", "NOTIFY"}:
        return Statement(SAFE, text)
    if first == "INSERT":
        return Statement("operation_insert", text, _written_table(upper, text, "INTO"))
    if first == "UPDATE":
        return Statement("operation_update", text, _written_table(upper, text, "UPDATE"))
    if first == "DELETE":
        return Statement("operation_delete", text, _written_table(upper, text, "FROM"))
    if first == "WITH":
        for verb, check in (
            ("INSERT", "operation_insert"),
            ("UPDATE", "operation_update"),
            ("DELETE", "operation_delete"),
        ):
            if re.search(rf"\)\s*{verb}\b", upper):
                return Statement(check, text)
        return Statement(SAFE, text)
    if first == "TRUNCATE":
        if re.search(r"\bCASCADE\b", upper):
            return Statement("ban_truncate_cascade", text)
        return Statement("operation_delete", text, detail="TRUNCATE empties the table")
    if first == "REINDEX":
        if "CONCURRENTLY" in upper:
            return Statement(SAFE, text)
        return Statement("require_concurrent_reindex", text)
    if first == "VACUUM":
        return Statement("raw_sql_executed", text) if re.search(r"\bFULL\b", upper) else Statement(SAFE, text)
    if first == "CLUSTER" or first == "LOCK":
        return Statement("raw_sql_executed", text)
    if first == "REFRESH":
        return Statement(SAFE if "CONCURRENTLY" in upper else "raw_sql_executed", text)
    if first == "CREATE":
        return _create(upper, text)
    if first == "DROP":
        return _drop(upper, text)
    if first == "ALTER":
        if two == "ALTER TABLE":
            return _alter_table(text)
        if two in {"ALTER INDEX", "ALTER SEQUENCE", "ALTER TYPE", "ALTER FUNCTION", "ALTER PROCEDURE"}:
            return Statement(SAFE, text)
        if two in {"ALTER PUBLICATION", "ALTER SCHEMA", "ALTER ROLE", "ALTER USER", "ALTER EXTENSION", "ALTER POLICY"}:
            return Statement(SAFE, text)
        if two in {"ALTER SYSTEM", "ALTER TEXT", "ALTER VIEW", "ALTER DOMAIN", "ALTER TRIGGER", "ALTER DEFAULT"}:
            return Statement(SAFE, text)
        if two == "ALTER DATABASE" and " SET " in f" {upper} ":
            return Statement(SAFE, text)
    if first in {"DO", "CALL"}:
        return Statement("raw_sql_executed", text)
    return Statement("raw_sql_executed", text)


def _written_table(upper: str, text: str, keyword: str) -> str | None:
    match = re.search(rf"\b{keyword}\s+(?:ONLY\s+)?{_QUALIFIED}", text, re.I)
    return unquote(match.group(1)) if match else None


# CREATE statements that build nothing on an existing table's rows.
_SAFE_CREATE = re.compile(
    r"^CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED|RECURSIVE|MATERIALIZED|TRUSTED|"
    r"CONSTRAINT|DEFAULT)\s+)*"
    r"(TABLE|SCHEMA|SEQUENCE|EXTENSION|FUNCTION|PROCEDURE|TYPE|DOMAIN|TRIGGER|EVENT\s+TRIGGER|VIEW|"
    r"AGGREGATE|CAST|COLLATION|OPERATOR|ROLE|USER|POLICY|PUBLICATION|SUBSCRIPTION|RULE|LANGUAGE|"
    r"TEXT\s+SEARCH|STATISTICS|SERVER|FOREIGN|USER\s+MAPPING)\b"
)


def _create(upper: str, text: str) -> Statement:
    index = re.match(r"^CREATE\s+(?:UNIQUE\s+)?INDEX\b(\s+CONCURRENTLY\b)?", upper)
    if index:
        return Statement(SAFE if index.group(1) else OTHERS, text)
    if _SAFE_CREATE.match(upper):
        return Statement(SAFE, text)
    return Statement("raw_sql_executed", text)


def _drop(upper: str, text: str) -> Statement:
    index = re.match(r"^DROP\s+INDEX\b(\s+CONCURRENTLY\b)?", upper)
    if index:
        return Statement(SAFE if index.group(1) else OTHERS, text)
    table = DROP_TABLE.match(text)
    if table:
        return Statement("table_dropped", text, unquote(table.group(1)))
    if re.match(r"^DROP\s+(FUNCTION|PROCEDURE|TYPE|TRIGGER|CONSTRAINT|SEQUENCE|DOMAIN|EXTENSION|POLICY|RULE|"
                r"AGGREGATE|CAST|OPERATOR|PUBLICATION|ROLE|USER|STATISTICS)\b", upper):  # fmt: skip
        return Statement(SAFE, text)
    return Statement("raw_sql_executed", text)


def _alter_table(text: str) -> Statement:
    match = ALTER_TABLE.match(text)
    if match is None:
        return Statement("raw_sql_executed", text)
    table, rest = unquote(match.group(1)), match.group(2)
    kinds = [_action(action.strip()) for action in _actions(rest)]
    order = ["raw_sql_executed", "column_type_changed", "column_removed", "column_renamed", "table_renamed",
             "not_null_dropped", "adding_primary_key_constraint", "disallow_unique_constraint",
             "require_concurrent_partition_detach", OTHERS, SAFE]  # fmt: skip
    kind = min(kinds, key=order.index) if kinds else "raw_sql_executed"
    return Statement(kind, text, table)


def _actions(rest: str) -> list[str]:
    """The comma-separated actions of an ALTER TABLE, commas inside parentheses or quotes kept."""
    actions: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    for char in rest:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            actions.append("".join(current))
            current = []
            continue
        current.append(char)
    actions.append("".join(current))
    return [a for a in actions if a.strip()]


def _action(action: str) -> str:
    upper = action.upper()
    if re.match(r"^RENAME\s+TO\b", upper):
        return "table_renamed"
    if re.match(r"^RENAME\s+CONSTRAINT\b", upper):
        return SAFE
    if re.match(r"^RENAME\b", upper):
        return "column_renamed"
    if re.match(r"^DROP\s+(COLUMN\b|(?!CONSTRAINT\b)\w)", upper):
        return "column_removed"
    if re.match(r"^DROP\s+CONSTRAINT\b", upper):
        return SAFE
    if re.match(r"^VALIDATE\s+CONSTRAINT\b", upper):
        return SAFE
    if re.match(r"^DETACH\s+PARTITION\b", upper):
        return SAFE if re.search(r"\b(CONCURRENTLY|FINALIZE)\b", upper) else "require_concurrent_partition_detach"
    if re.match(r"^ATTACH\s+PARTITION\b", upper):
        return "raw_sql_executed"
    if re.match(r"^ADD\s+(CONSTRAINT\s+\S+\s+)?(PRIMARY\s+KEY|UNIQUE)\b", upper):
        if re.search(r"\bUSING\s+INDEX\b", upper):
            return SAFE
        return "adding_primary_key_constraint" if "PRIMARY" in upper.split("(")[0] else "disallow_unique_constraint"
    if re.match(r"^ADD\s+CONSTRAINT\b|^ADD\s+(CHECK|FOREIGN\s+KEY|EXCLUDE)\b", upper):
        if re.search(r"\bNOT\s+VALID\s*$", upper):
            return SAFE
        return "raw_sql_executed" if re.search(r"\bEXCLUDE\b", upper) else OTHERS
    if re.match(r"^ADD\b", upper):
        return _add_column(upper)
    alter = re.match(r"^ALTER\s+(?:COLUMN\s+)?\S+\s+(.*)$", upper)
    if alter:
        change = alter.group(1)
        if re.match(
            r"^(SET\s+DEFAULT|DROP\s+DEFAULT|SET\s+STATISTICS|SET\s+STORAGE|SET\s+COMPRESSION|SET\s*\()", change
        ):
            return SAFE
        if re.match(r"^(SET\s+DATA\s+)?TYPE\b", change):
            return "column_type_changed"
        if re.match(r"^DROP\s+NOT\s+NULL\b", change):
            return "not_null_dropped"
        if re.match(r"^SET\s+NOT\s+NULL\b", change):
            return OTHERS
        return "raw_sql_executed"
    if re.match(
        r"^(ENABLE|DISABLE|FORCE|NO\s+FORCE)\s+(ROW\s+LEVEL|TRIGGER|ALWAYS|REPLICA|RULE)|^OWNER\s+TO\b|"
        r"^REPLICA\s+IDENTITY\b|^SET\s*\(|^RESET\s*\(|^SET\s+SCHEMA\b|^CLUSTER\s+ON\b|^SET\s+WITHOUT\s+CLUSTER\b",
        upper,
    ):
        return SAFE
    return "raw_sql_executed"


def _add_column(upper: str) -> str:
    """ADD [COLUMN]: catalog-only unless it fills every row (a volatile default, a stored expression, a key).

    A new column is NULL (or its constant default) in every row, so NOT NULL
    with a constant default and REFERENCES have nothing to check (PostgreSQL 11+).
    """
    if re.search(r"\b(PRIMARY\s+KEY|UNIQUE|GENERATED\s+ALWAYS\s+AS\s*\(|SERIAL|BIGSERIAL|SMALLSERIAL)\b", upper):
        return "raw_sql_executed"
    default = re.search(r"\bDEFAULT\b(.*)$", upper)
    if default and _VOLATILE_CALL.search(default.group(1)) and not _CONSTANT_FUNCTIONS.search(default.group(1)):
        return "raw_sql_executed"
    if re.search(r"\bNOT\s+NULL\b", upper) and default is None:
        return "raw_sql_executed"  # fails on a table with rows
    return SAFE
