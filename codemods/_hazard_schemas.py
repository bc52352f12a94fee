"""The app's Ecto schemas: which module maps a table, and which of its columns the running code reads.

A column a migration drops or renames is safe to touch only once no running
node loads it: Ecto selects every schema field, so a field still in
`schema "table"` makes every query of that schema fail after the drop.
Read once per app (Workspace.fact) from `.ex` files under the app (or
umbrella) that `use Ecto.Schema` (or a module that does) and call `schema`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, calls_named, module_definitions

from ._hazard_types import column_declarations, keyword_options
from ._migration import literal_name
from ._repo_facts import app_roots

ASSOCIATIONS = frozenset({"belongs_to"})
# schema "orders" do / schema("orders") do: files without it are not parsed
SCHEMA_CALL = re.compile(rb'^\s*schema\s*\(?\s*"', re.M)
FIELDS = frozenset({"field", "embeds_one", "embeds_many"})


@dataclass(frozen=True)
class SchemaField:
    name: str  # the field as the code names it
    column: str  # the column it maps to (`source:`, `foreign_key:`)
    line: int
    loaded: bool  # False for `load_in_query: false`


@dataclass(frozen=True)
class Schema:
    module: str
    path: str  # as displayed
    line: int
    columns: dict[str, SchemaField] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def schemas_of(source: ParsedSource, table: str, workspace: Workspace) -> list[Schema]:
    """The schema modules of the app holding `source` that map `table`."""
    roots = app_roots(source.file.path, workspace)
    if not roots:
        return []
    root = roots[-1]
    return workspace.fact(("hazard-schemas", str(root)), lambda: _read(root, workspace)).get(table, [])


def _read(root: Path, workspace: Workspace) -> dict[str, list[Schema]]:
    found: dict[str, list[Schema]] = {}
    for path in workspace.walk(root, (".ex",)):
        raw = workspace.source(path)
        content = raw.content if raw is not None else b""
        if b"schema" not in content or b"Ecto.Migration" in content or not SCHEMA_CALL.search(content):
            continue
        parsed = workspace.parse(path)
        if parsed is None:
            continue
        for module in module_definitions(parsed.tree.root_node):
            for call in block_body(module) or []:
                schema = _schema(parsed, module, call)
                if schema is not None:
                    found.setdefault(schema[0], []).append(schema[1])
    return found


def _schema(source: ParsedSource, module: Node, call: Node) -> tuple[str, Schema] | None:
    if call_name(call) != "schema":
        return None
    args = call_args(call)
    table = literal_name(args[0]) if args else None
    body = block_body(call)
    if table is None or body is None:
        return None
    name = source.text(call_args(module)[0])
    columns: dict[str, SchemaField] = {}
    for statement in calls_named(call, FIELDS | ASSOCIATIONS | frozenset({"timestamps"})):
        for item in _fields(source, statement):
            columns.setdefault(item.column, item)
    return table, Schema(name, source.file.rel, source.line(call), columns)


def _fields(source: ParsedSource, statement: Node) -> list[SchemaField]:
    kind = call_name(statement)
    args = call_args(statement)
    line = source.line(statement)
    if kind == "timestamps":
        return [SchemaField(c, c, line, True) for c, _ in column_declarations(statement)]
    if not args:
        return []
    name = literal_name(args[0])
    if name is None:
        return []
    options = keyword_options(args[1:])
    if options.get("virtual") is not None and options["virtual"].text == b"true":
        return []
    loaded = not (options.get("load_in_query") is not None and options["load_in_query"].text == b"false")
    if kind in ASSOCIATIONS:
        if options.get("define_field") is not None and options["define_field"].text == b"false":
            return []
        key = options.get("foreign_key")
        column = literal_name(key) if key is not None else f"{name}_id"
        return [SchemaField(name, column or f"{name}_id", line, loaded)]
    source_option = options.get("source")
    column = literal_name(source_option) if source_option is not None else name
    return [SchemaField(name, column or name, line, loaded)]
