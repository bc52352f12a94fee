"""SQL and Elixir text shared by validate-constraints and column-default.

Identifiers are quoted the way ecto_sql quotes them; Elixir defaults become
the SQL ecto_sql's PostgreSQL connection writes for them (`default_type/2`);
raw SQL goes into a string or sigil that compiles to exactly that SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import Context
from mir_fix.engine.elixir import call_args, call_name, named

from ._migration import migration_modules
from ._not_null_text import MAX_LINE, quote, sql_literal

# Backslash escapes whose value is one character, as Elixir reads them in strings and ~s sigils.
ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "s": " ", "'": "'"}
SIGIL_CLOSE = {"(": ")", "[": "]", "{": "}", "<": ">", "|": "|", "/": "/", '"': '"', "'": "'"}


def table_sql(table: str, prefix: str | None) -> str:
    """`"billing"."orders"`, as ecto_sql's quote_name(prefix, name) writes it."""
    return f"{quote(prefix)}.{quote(table)}" if prefix else quote(table)


@dataclass(frozen=True)
class StringValue:
    """The value of a string or sigil literal, and where its text sits in the file."""

    value: str
    inner_start: int  # first byte after the opening delimiter
    inner_end: int  # the closing delimiter's first byte


def string_value(node: Node) -> StringValue | None:
    """`"..."`, `\"\"\"...\"\"\"` or `~s(...)`/`~S(...)` without interpolation, with the escapes it may hold.

    None for anything else (a charlist, an interpolation, an escape whose
    value this does not know, a sigil with modifiers).
    """
    text = (node.text or b"").decode("utf-8", "replace")
    if any(c.type == "interpolation" for c in node.named_children):
        return None
    raw = True
    if node.type == "string":
        opening = '"""' if text.startswith('"""') else '"'
        raw = False
    elif node.type == "sigil":
        match = re.match(r"~([sS])(\"\"\"|'''|[(\[{<|/\"'])", text)
        if match is None:
            return None
        raw = match.group(1) == "S"
        delimiter = match.group(2)
        close = delimiter if len(delimiter) == 3 else SIGIL_CLOSE[delimiter]
        if not text.endswith(close):
            return None  # modifiers after the closing delimiter
        opening = "~" + match.group(1) + delimiter
    else:
        return None
    close_len = 3 if opening.endswith('"""') or opening.endswith("'''") else 1
    inner = text[len(opening) : len(text) - close_len]
    value = inner if raw else _unescape(inner)
    if value is None:
        return None
    start = node.start_byte + len(opening.encode())
    return StringValue(value, start, node.end_byte - close_len)


def _unescape(text: str) -> str | None:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 >= len(text) or text[i + 1] not in ESCAPES:
                return None
            out.append(ESCAPES[text[i + 1]])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def execute_statement(up: str, down: str | None, column: int) -> str:
    """`execute "up", "down"` at `column`, as mix format prints it (the second argument aligned when it wraps)."""
    head = f"execute {sql_literal(up)}"
    if down is None:
        return head
    second = sql_literal(down) if down else '""'
    one_line = f"{head}, {second}"
    if column + len(one_line) <= MAX_LINE:
        return one_line
    return f"{head},\n{' ' * (column + len('execute '))}{second}"


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

    return ctx.workspace.fact(("constraint-migration-modules", str(folder)), compute)


# --- defaults, as ecto_sql writes them ---------------------------------------------------------


class UnknownDefault(ValueError):
    """A default whose SQL mir-fix cannot write exactly as ecto_sql would."""


def default_sql(node: Node) -> str:
    """The SQL ecto_sql's PostgreSQL adapter writes after DEFAULT for the Elixir literal `node`.

    Strings are single-quoted with '' doubling, numbers and booleans as
    `to_string/1` prints them, nil is NULL, `fragment("...")` is its SQL as
    is. Anything else (maps, lists, atoms, variables, attributes, floats whose
    printed form mir-fix cannot be sure of) raises UnknownDefault.
    """
    text = (node.text or b"").decode("utf-8", "replace")
    if node.type == "nil":
        return "NULL"
    if node.type == "boolean":
        return text
    if node.type == "integer":
        return str(_integer(text))
    if node.type == "float":
        return _float(text)
    if node.type == "unary_operator" and text.startswith("-"):
        operand = named(node)
        if len(operand) == 1 and operand[0].type in {"integer", "float"}:
            value = default_sql(operand[0])
            return value if value == "0" else "-" + value
    if node.type in {"string", "sigil"}:
        string = string_value(node)
        if string is None or "\x00" in string.value:
            raise UnknownDefault(f"cannot read the string `{text}`")
        return "'" + string.value.replace("'", "''") + "'"
    if call_name(node) == "fragment":
        args = call_args(node)
        sql = string_value(args[0]) if len(args) == 1 else None
        if sql is None:
            raise UnknownDefault(f"cannot read `{text}`")
        return sql.value
    raise UnknownDefault(f"`{text}` is not a default mir-fix can write as SQL")


def _integer(text: str) -> int:
    try:
        return int(text.replace("_", ""), 0)
    except ValueError:
        if re.fullmatch(r"\?.", text):
            return ord(text[1])
        raise UnknownDefault(f"cannot read the integer `{text}`") from None


def _float(text: str) -> str:
    """Elixir's shortest printed form, for the floats where it is plain decimal notation."""
    value = float(text.replace("_", ""))
    printed = repr(value)
    # Erlang prints 1000.0 as 1.0e3 and tiny or huge values with exponents; those are left to a person.
    if "e" in printed or "inf" in printed or "nan" in printed:
        raise UnknownDefault(f"cannot be sure how ecto_sql prints the float `{text}`")
    whole, _, fraction = printed.partition(".")
    if fraction == "0" and whole.rstrip("-").endswith("0") and whole.strip("-") != "0":
        raise UnknownDefault(f"cannot be sure how ecto_sql prints the float `{text}`")
    if value != 0 and abs(value) < 0.001:
        raise UnknownDefault(f"cannot be sure how ecto_sql prints the float `{text}`")
    return printed
