"""What the migrations of a folder say about a table: its primary key, its columns' types,
the unique indexes that cover a column, and its CHECK (c IS NOT NULL) constraints.

Read from the migration files beside the one being rewritten, older versions
only, and computed once per folder, table and process. Only the migrations
whose bytes hold the table's name are parsed: a table creation or alter that
this module can read names the table literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import MIGRATION_VERSION, ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, calls_named, keyword_pairs

from ._migration import TABLE_CREATORS, literal_name, migration_modules

COLUMN_CALLS = frozenset({"add", "add_if_not_exists", "modify"})
INDEX_CALLS = frozenset({"index", "unique_index"})
DEPLOY_FUNCTIONS = ("change", "up")
# The text of a string or sigil: "...", """...""" or ~s(...) with any delimiter.
STRING = re.compile(r'^(?:~[sS])?(?:"""(.*)"""|[("\[{<|/](.*)[)"\]}>|/])$', re.S)
# c IS NOT NULL, optionally quoted and parenthesised: the whole of a check expression.
IS_NOT_NULL = re.compile(r'\s*\(*\s*\\?"?(\w+)\\?"?\s+IS\s+NOT\s+NULL\s*\)*\s*', re.I)
TABLE_NAME = r'(?:ONLY\s+)?(?:(?:"[^"]+"|\w+)\.)?"?(\w+)"?'
RAW_VALIDATE = re.compile(rf'ALTER\s+TABLE\s+{TABLE_NAME}\s+VALIDATE\s+CONSTRAINT\s+"?(\w+)"?', re.I)
RAW_CHECK = re.compile(
    rf'ALTER\s+TABLE\s+{TABLE_NAME}\s+ADD\s+CONSTRAINT\s+"?(\w+)"?\s+CHECK\s*\(\s*"?(\w+)"?\s+IS\s+NOT\s+NULL\s*\)'
    r"(\s+NOT\s+VALID)?",
    re.I,
)
RAW_DROP = re.compile(rf'ALTER\s+TABLE\s+{TABLE_NAME}\s+DROP\s+CONSTRAINT\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?', re.I)


@dataclass(frozen=True)
class PrimaryKey:
    """The key column of a table, or why there is no single one."""

    column: str | None
    problem: str | None = None


@dataclass
class TableHistory:
    # (version, table) -> primary key as the creating migration declared it
    keys: list[tuple[str, str, PrimaryKey]] = field(default_factory=list)
    # (version, table, column, type text)
    columns: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (version, table, column) for every column a unique index covers
    unique: list[tuple[str, str, str]] = field(default_factory=list)
    # (version, event), in migration order
    checks: list[tuple[str, CheckEvent]] = field(default_factory=list)

    def primary_key(self, table: str, before: str) -> PrimaryKey | None:
        found = [key for version, name, key in self.keys if name == table and version < before]
        return found[-1] if found else None

    def column_type(self, table: str, column: str, before: str) -> str | None:
        found = [t for version, name, col, t in self.columns if (name, col) == (table, column) and version < before]
        return found[-1] if found else None

    def unique_index_on(self, table: str, column: str) -> str | None:
        """The version of a migration (older or newer) that creates a unique index covering `column`."""
        return next((v for v, name, col in self.unique if (name, col) == (table, column)), None)

    def validated_not_null(self, table: str, column: str, before: str, then: list[CheckEvent]) -> str | None:
        """The name of a validated CHECK (column IS NOT NULL) on `table` that still exists.

        After the migrations older than `before`, then the events `then` (the
        current migration's own statements before the one asked about).
        """
        events = [e for v, e in self.checks if v < before] + then
        valid: dict[str, bool] = {}
        for event in events:
            if event.table != table:
                continue
            if event.kind == "check":
                if event.column == column:
                    valid[event.name] = event.validated
                else:
                    valid.pop(event.name, None)
            elif event.kind == "validate" and event.name in valid:
                valid[event.name] = True
            elif event.kind == "drop":
                valid.pop(event.name, None)
        return next((name for name, ok in valid.items() if ok), None)


@dataclass(frozen=True)
class CheckEvent:
    """A CHECK constraint created (with the column it requires NOT NULL), validated or dropped."""

    kind: str  # check | validate | drop
    table: str
    name: str
    column: str | None = None  # check: the column of `column IS NOT NULL`, None for any other check
    validated: bool = False  # check: created without NOT VALID


def history(folder: Path, table: str, workspace: Workspace) -> TableHistory:
    """What the migrations in `folder` say about `table` (and only that table)."""
    return workspace.fact(("table-history", str(folder), table), lambda: _read(folder, table, workspace))


def _read(folder: Path, table: str, workspace: Workspace) -> TableHistory:
    result = TableHistory()
    needle = table.encode()
    for version, path, content in workspace.fact(
        ("table-migrations", str(folder)), lambda: _migrations(folder, workspace)
    ):
        if needle in content:
            recorded = _file_records(path, workspace)
            result.keys += [(version, t, key) for t, key in recorded.keys if t == table]
            result.columns += [(version, t, c, kind) for t, c, kind in recorded.columns if t == table]
            result.unique += [(version, t, c) for t, c in recorded.unique if t == table]
            result.checks += [(version, e) for e in recorded.checks if e.table == table]
    return result


def _migrations(folder: Path, workspace: Workspace) -> list[tuple[str, Path, bytes]]:
    """(version, path, bytes) of the migrations in `folder` that create or alter a table, oldest first."""
    found = []
    for name in workspace.list_dir(folder):
        match = MIGRATION_VERSION.match(name)
        if match and name.endswith((".exs", ".ex")):
            raw = workspace.source(folder / name)
            if raw is not None and any(
                word in raw.content for word in (b"table(", b"index(", b"constraint(", b"CONSTRAINT")
            ):
                found.append((match.group(1), folder / name, raw.content))
    return found


@dataclass
class _Records:
    """What one migration file declares: (table, primary key) and (table, column, type text)."""

    keys: list[tuple[str, PrimaryKey]] = field(default_factory=list)
    columns: list[tuple[str, str, str]] = field(default_factory=list)
    unique: list[tuple[str, str]] = field(default_factory=list)  # (table, column) a unique index covers
    checks: list[CheckEvent] = field(default_factory=list)  # in deploy order (change/0, up/0)


def _file_records(path: Path, workspace: Workspace) -> _Records:
    return workspace.fact(("table-records", str(path)), lambda: _records(path, workspace))


def _records(path: Path, workspace: Workspace) -> _Records:
    records = _Records()
    source = workspace.parse(path)
    if source is not None:
        # What up/change did; a down/0 that restores an older type is not the column's type.
        deploy = [m.functions[f] for m in migration_modules(source) for f in DEPLOY_FUNCTIONS if f in m.functions]
        for call in (c for node in deploy for c in calls_named(node, frozenset({"alter", *TABLE_CREATORS}))):
            _record(source, call, records)
            records.unique += _unique_columns(call)
        for module in migration_modules(source):
            for function in DEPLOY_FUNCTIONS:
                records.checks += check_events(module.body(function))
    return records


def _unique_columns(call: Node) -> list[tuple[str, str]]:
    """(table, column) for each column of `create unique_index(...)` / `create index(..., unique: true)`."""
    if call_name(call) not in TABLE_CREATORS:
        return []
    args = call_args(call)
    if not args or call_name(args[0]) not in INDEX_CALLS:
        return []
    index_args = call_args(args[0])
    table = literal_name(index_args[0]) if index_args else None
    unique = call_name(args[0]) == "unique_index" or any(
        k == "unique" and v.text == b"true" for a in index_args if a.type == "keywords" for k, v in keyword_pairs(a)
    )
    if table is None or len(index_args) < 2 or not unique:
        return []
    text = (index_args[1].text or b"").decode("utf-8", "replace")
    return [(table, column) for column in re.findall(r"\w+", text)]


def check_events(statements: list[Node]) -> list[CheckEvent]:
    """The CHECK constraints `statements` create, validate or drop, in order (Ecto calls and raw SQL)."""
    events: list[CheckEvent] = []
    for statement in statements:
        name = call_name(statement)
        args = call_args(statement)
        if name == "execute":
            if args:
                events += _raw_check_events((args[0].text or b"").decode("utf-8", "replace"))
            continue
        if name not in {"create", "drop", "drop_if_exists"} or not args or call_name(args[0]) != "constraint":
            continue
        constraint_args = call_args(args[0])
        table = literal_name(constraint_args[0]) if constraint_args else None
        constraint = literal_name(constraint_args[1]) if len(constraint_args) > 1 else None
        if table is None or constraint is None:
            continue
        if name != "create":
            events.append(CheckEvent("drop", table, constraint))
            continue
        pairs = {k: v for a in constraint_args[2:] if a.type == "keywords" for k, v in keyword_pairs(a)}
        check = pairs.get("check")
        column = not_null_column((check.text or b"").decode("utf-8", "replace")) if check is not None else None
        validate = pairs.get("validate")
        validated = validate is None or validate.text == b"true"
        events.append(CheckEvent("check", table, constraint, column, validated))
    return events


def not_null_column(literal: str) -> str | None:
    """`c` when the string or sigil `literal` is exactly `c IS NOT NULL` (quoted or parenthesised)."""
    match = STRING.match(literal.strip())
    if match is None:
        return None
    body = match.group(1) if match.group(1) is not None else match.group(2)
    check = IS_NOT_NULL.fullmatch(body)
    return check.group(1) if check else None


def _raw_check_events(sql: str) -> list[CheckEvent]:
    found: list[tuple[int, CheckEvent]] = []
    for match in RAW_CHECK.finditer(sql):
        table, name, column, not_valid = match.groups()
        found.append((match.start(), CheckEvent("check", table, name, column, not_valid is None)))
    for match in RAW_VALIDATE.finditer(sql):
        found.append((match.start(), CheckEvent("validate", match.group(1), match.group(2))))
    for match in RAW_DROP.finditer(sql):
        found.append((match.start(), CheckEvent("drop", match.group(1), match.group(2))))
    return [event for _, event in sorted(found, key=lambda item: item[0])]


def _record(source: ParsedSource, call: Node, records: _Records) -> None:
    args = call_args(call)
    if not args or call_name(args[0]) != "table":
        return
    table_args = call_args(args[0])
    table = literal_name(table_args[0]) if table_args else None
    body = block_body(call)
    if table is None or body is None:
        return
    if call_name(call) in TABLE_CREATORS:
        records.keys.append((table, _primary_key(source, table_args, body)))
    for statement in body:
        if call_name(statement) in COLUMN_CALLS:
            column_args = call_args(statement)
            if len(column_args) >= 2:
                column = literal_name(column_args[0])
                if column is not None:
                    kind = re.sub(r"\s+", " ", source.text(column_args[1]))
                    records.columns.append((table, column, kind))


def _primary_key(source: ParsedSource, table_args: list[Node], body: list[Node]) -> PrimaryKey:
    option = None
    for arg in table_args[1:]:
        if arg.type == "keywords":
            option = next((v for k, v in keyword_pairs(arg) if k == "primary_key"), option)
    if option is None or (option.type == "boolean" and option.text == b"true"):
        return PrimaryKey("id")
    if option.type == "keywords" or option.type == "list":
        pairs = keyword_pairs(option) if option.type == "keywords" else []
        name = next((literal_name(v) for k, v in pairs if k == "name"), None)
        return PrimaryKey(name) if name else PrimaryKey(None, "its primary_key: option is not a literal name")
    if option.type == "boolean":
        keys = []
        for statement in body:
            args = call_args(statement)
            is_add = call_name(statement) == "add" and args and args[-1].type == "keywords"
            if is_add and any(k == "primary_key" and v.text == b"true" for k, v in keyword_pairs(args[-1])):
                keys.append(literal_name(args[0]))
        if len(keys) == 1 and keys[0]:
            return PrimaryKey(keys[0])
        if not keys:
            return PrimaryKey(None, "the table has no primary key")
        return PrimaryKey(None, f"the table has a composite primary key ({', '.join(str(k) for k in keys)})")
    return PrimaryKey(None, f"its primary key is `{source.text(option)}`")
