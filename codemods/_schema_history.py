"""What earlier migrations say about a table: its primary key and its columns' types.

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

from ._migration import TABLE_CREATORS, literal_name

COLUMN_CALLS = frozenset({"add", "add_if_not_exists", "modify"})


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

    def primary_key(self, table: str, before: str) -> PrimaryKey | None:
        found = [key for version, name, key in self.keys if name == table and version < before]
        return found[-1] if found else None

    def column_type(self, table: str, column: str, before: str) -> str | None:
        found = [t for version, name, col, t in self.columns if (name, col) == (table, column) and version < before]
        return found[-1] if found else None


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
    return result


def _migrations(folder: Path, workspace: Workspace) -> list[tuple[str, Path, bytes]]:
    """(version, path, bytes) of the migrations in `folder` that create or alter a table, oldest first."""
    found = []
    for name in workspace.list_dir(folder):
        match = MIGRATION_VERSION.match(name)
        if match and name.endswith((".exs", ".ex")):
            raw = workspace.source(folder / name)
            if raw is not None and b"table(" in raw.content:
                found.append((match.group(1), folder / name, raw.content))
    return found


@dataclass
class _Records:
    """What one migration file declares: (table, primary key) and (table, column, type text)."""

    keys: list[tuple[str, PrimaryKey]] = field(default_factory=list)
    columns: list[tuple[str, str, str]] = field(default_factory=list)


def _file_records(path: Path, workspace: Workspace) -> _Records:
    return workspace.fact(("table-records", str(path)), lambda: _records(path, workspace))


def _records(path: Path, workspace: Workspace) -> _Records:
    records = _Records()
    source = workspace.parse(path)
    if source is not None:
        for call in calls_named(source.tree.root_node, frozenset({"alter", *TABLE_CREATORS})):
            _record(source, call, records)
    return records


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
