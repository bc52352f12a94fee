"""Which tables are partitioned (issue 12, class 4): a fact of the migrations of a folder.

PostgreSQL refuses CREATE INDEX CONCURRENTLY and DROP INDEX CONCURRENTLY on a
partitioned table ("cannot create index on partitioned table ... concurrently").
A table is partitioned when a migration creates it with PARTITION BY:
`create table(:t, options: "PARTITION BY RANGE (inserted_at)")` or raw
`execute "CREATE TABLE t (...) PARTITION BY ..."`. A partition of another
table (`PARTITION OF`) is an ordinary table unless it is partitioned again.
Computed once per folder; only files whose bytes say PARTITION BY are parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mir_fix.engine.codemod import MIGRATION_VERSION, ParsedSource, Workspace
from mir_fix.engine.elixir import call_args, call_name, calls_named, keyword_pairs

from ._migration import RAW_CREATE_TABLE, TABLE_CREATORS, literal_name

PARTITION_BY = re.compile(r"\bPARTITION\s+BY\b", re.I)


@dataclass(frozen=True)
class Partitioned:
    """A table created with PARTITION BY: where, and in which version."""

    table: str
    version: str | None
    file: str


def partitioned_before(source: ParsedSource, table: str | None, workspace: Workspace) -> Partitioned | None:
    """Where `table` was made partitioned by a migration up to `source` (this one included), if it was."""
    if table is None:
        return None
    version = source.migration_version
    made = partitioned_tables(source.file.path.parent, workspace).get(table, [])
    earlier = [p for p in made if version is None or p.version is None or p.version <= version]
    return earlier[-1] if earlier else None


def partitioned_tables(folder: Path, workspace: Workspace) -> dict[str, list[Partitioned]]:
    """Tables the migrations of `folder` create with PARTITION BY, by name.

    `create table(:t, options: "PARTITION BY ...")` and raw
    `execute "CREATE TABLE t (...) PARTITION BY ..."` count; a partition of
    another table (`PARTITION OF`) only when it is partitioned again.
    """
    return workspace.fact(("partitioned-tables", str(folder)), lambda: _partitioned(folder, workspace))


def _partitioned(folder: Path, workspace: Workspace) -> dict[str, list[Partitioned]]:
    found: dict[str, list[Partitioned]] = {}
    for name in workspace.list_dir(folder):
        if not name.endswith((".exs", ".ex")):
            continue
        raw = workspace.source(folder / name)
        if raw is None or not PARTITION_BY.search(raw.content.decode("utf-8", "replace")):
            continue
        source = workspace.parse(folder / name)
        if source is None:
            continue
        match = MIGRATION_VERSION.match(name)
        for table in _partitioned_in(source):
            found.setdefault(table, []).append(Partitioned(table, match.group(1) if match else None, name))
    return found


def _partitioned_in(source: ParsedSource) -> list[str]:
    tables = []
    for call in calls_named(source.tree.root_node, frozenset({"execute"})):
        for arg in call_args(call):
            if arg.type in {"string", "sigil"}:
                for statement in source.text(arg).split(";"):
                    created = RAW_CREATE_TABLE.search(statement)
                    if created and PARTITION_BY.search(statement, created.end()):
                        tables.append(created.group(1))
    for call in calls_named(source.tree.root_node, TABLE_CREATORS):
        args = call_args(call)
        table_args = call_args(args[0]) if args and call_name(args[0]) == "table" else []
        table = literal_name(table_args[0]) if table_args else None
        options = [
            v for arg in table_args[1:] if arg.type == "keywords" for k, v in keyword_pairs(arg) if k == "options"
        ]
        if table is not None and any(PARTITION_BY.search(source.text(v)) for v in options):
            tables.append(table)
    return tables
