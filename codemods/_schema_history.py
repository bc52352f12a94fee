"""What earlier migrations say about a table: its primary key and its columns' types.

Read from the migration files beside the one being rewritten, older versions
only, and computed once per folder and process.
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


def history(folder: Path, workspace: Workspace) -> TableHistory:
    return workspace.fact(("table-history", str(folder)), lambda: _read(folder, workspace))


def _read(folder: Path, workspace: Workspace) -> TableHistory:
    result = TableHistory()
    for name in workspace.list_dir(folder):
        match = MIGRATION_VERSION.match(name)
        if not match or not name.endswith((".exs", ".ex")):
            continue
        raw = workspace.source(folder / name)
        if raw is None or b"table(" not in raw.content:
            continue
        source = workspace.parse(folder / name)
        if source is None:
            continue
        for call in calls_named(source.tree.root_node, frozenset({"alter", *TABLE_CREATORS})):
            _record(source, match.group(1), call, result)
    return result


def _record(source: ParsedSource, version: str, call: Node, result: TableHistory) -> None:
    args = call_args(call)
    if not args or call_name(args[0]) != "table":
        return
    table_args = call_args(args[0])
    table = literal_name(table_args[0]) if table_args else None
    body = block_body(call)
    if table is None or body is None:
        return
    if call_name(call) in TABLE_CREATORS:
        result.keys.append((version, table, _primary_key(source, table_args, body)))
    for statement in body:
        if call_name(statement) in COLUMN_CALLS:
            column_args = call_args(statement)
            if len(column_args) >= 2:
                column = literal_name(column_args[0])
                if column is not None:
                    kind = re.sub(r"\s+", " ", source.text(column_args[1]))
                    result.columns.append((version, table, column, kind))


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
