"""Column types as PostgreSQL stores them, and whether ALTER COLUMN ... TYPE rewrites the table.

Ecto's migration types map to PostgreSQL types the way ecto_sql's Postgres
connection writes them (`:string` is `varchar(255)` unless `size:`,
`:utc_datetime` and `:naive_datetime` are `timestamp(0)`, `:map` is `jsonb`,
`:id` is `integer`...). The verdicts below were measured on PostgreSQL 15
(relfilenode of the table and of an index on the column, before and after):

    varchar(n) -> text, varchar, varchar(m >= n); text -> varchar   no rewrite, indexes kept
    numeric(p,s) -> numeric(p' >= p, s), numeric                    no rewrite, indexes kept
    varchar/text <-> citext (no length limit on the new type)       no rewrite, indexes rebuilt
    timestamp -> timestamptz, timestamp(0) -> timestamptz           no rewrite when the session time zone
                                                                     is UTC (PostgreSQL 12+), indexes rebuilt
    timestamp(n) -> timestamptz(m), m < 6 (say (0) -> (0))             rewrite, even in UTC
    varchar(n) -> varchar(m < n), numeric scale changes,
    integer -> bigint, any other pair                               rewrite
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import MIGRATION_VERSION, ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, calls_named, keyword_pairs, named

from ._migration import literal_name, migration_modules

# Ecto type -> PostgreSQL type name (typmods come from options).
_ECTO = {
    "string": "varchar",
    "text": "text",
    "citext": "citext",
    "integer": "integer",
    "id": "integer",
    "serial": "integer",
    "bigint": "bigint",
    "bigserial": "bigint",
    "identity": "bigint",
    "smallint": "smallint",
    "float": "float8",
    "decimal": "numeric",
    "numeric": "numeric",
    "boolean": "boolean",
    "binary": "bytea",
    "uuid": "uuid",
    "binary_id": "uuid",
    "map": "jsonb",
    "jsonb": "jsonb",
    "json": "json",
    "date": "date",
    "time": "time(0)",
    "time_usec": "time",
    "naive_datetime": "timestamp(0)",
    "utc_datetime": "timestamp(0)",
    "naive_datetime_usec": "timestamp",
    "utc_datetime_usec": "timestamp",
    "timestamp": "timestamp",
    "timestamptz": "timestamptz",
    "varchar": "varchar",
}
_ZERO_PRECISION = frozenset({"time", "naive_datetime", "utc_datetime"})
_USEC = frozenset({"time_usec", "naive_datetime_usec", "utc_datetime_usec"})


@dataclass(frozen=True)
class ColumnType:
    """A PostgreSQL column type: `varchar(255)`, `numeric(10,2)`, `timestamp(0)`, `text[]`."""

    name: str
    typmod: tuple[int, ...] = ()
    array: bool = False
    # False for a type ecto_sql passes through as written (`:inet`, `:ltree`): mir-fix knows only that it is that type.
    known: bool = True

    def __str__(self) -> str:
        mod = f"({','.join(str(m) for m in self.typmod)})" if self.typmod else ""
        return f"{self.name}{mod}{'[]' if self.array else ''}"


def ecto_type(kind: Node, options: dict[str, Node]) -> ColumnType | None:
    """The PostgreSQL type of an Ecto migration type and its options; None when mir-fix cannot read it."""
    array = False
    if kind.type == "tuple":
        items = named(kind)
        if len(items) != 2 or items[0].text != b":array":
            return None
        kind, array = items[1], True
    if kind.type != "atom":
        return None
    atom = (kind.text or b"").decode()[1:]
    known = atom in _ECTO
    name = _ECTO.get(atom, atom)
    size, precision, scale = (_int(options.get(k)) for k in ("size", "precision", "scale"))
    typmod: tuple[int, ...] = ()
    if "(" in name:
        name, typmod = name.split("(")[0], (0,)
    if atom in _USEC and precision is not None:
        typmod = (precision,)
    elif atom not in _ZERO_PRECISION and atom not in _USEC:
        if size is not None:
            typmod = (size,)
        elif precision is not None:
            typmod = (precision, scale or 0)
        elif atom == "string":
            typmod = (255,)
    return ColumnType(name, typmod, array, known)


def _int(node: Node | None) -> int | None:
    if node is None or node.type != "integer":
        return None
    try:
        return int((node.text or b"").decode().replace("_", ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Rewrite:
    """What ALTER COLUMN ... TYPE old -> new costs."""

    rewrites: bool | None  # None: depends on the session time zone
    indexes_rebuilt: bool
    why: str


def rewrite(old: ColumnType, new: ColumnType, pg_version: int, *, utc: bool = False) -> Rewrite:
    """`utc`: the migration sets its session time zone to UTC (`SET LOCAL timezone TO 'UTC'`)."""
    if old == new:
        return Rewrite(False, False, "the type does not change")
    if not (old.known and new.known):
        return Rewrite(None, True, f"mir-fix does not know whether PostgreSQL rewrites {old} to {new}")
    if old.array != new.array:
        return Rewrite(True, True, "a change to or from an array type rewrites the table")
    strings = {"varchar", "text"}
    if old.name in strings and new.name in strings:
        if new.name == "text" or not new.typmod:
            return Rewrite(False, False, "removing a length limit is catalog-only")
        if old.name == "varchar" and old.typmod and new.typmod[0] >= old.typmod[0]:
            return Rewrite(False, False, "raising a varchar length limit is catalog-only")
        return Rewrite(True, True, "a shorter (or new) length limit checks and rewrites every row")
    if {old.name, new.name} <= strings | {"citext"}:
        if new.typmod:
            return Rewrite(True, True, f"a length limit on {new} checks and rewrites every row")
        return Rewrite(False, True, "citext shares text's storage, but every index on the column is rebuilt")
    if old.name == new.name == "numeric":
        if not new.typmod:
            return Rewrite(False, False, "removing a numeric's precision is catalog-only")
        if old.typmod and new.typmod[1:] == old.typmod[1:] and new.typmod[0] >= old.typmod[0]:
            return Rewrite(False, False, "raising a numeric's precision with the same scale is catalog-only")
        return Rewrite(True, True, "a new numeric scale, or a lower precision, rewrites every row")
    if old.name == "timestamp" and new.name == "timestamptz":
        if pg_version < 12:
            return Rewrite(True, True, "before PostgreSQL 12, timestamp to timestamptz rewrites the table")
        if new.typmod and new.typmod != (6,):
            return Rewrite(True, True, f"timestamp to {new} rewrites the table even in UTC (measured on PostgreSQL 15)")
        if utc:
            return Rewrite(False, True, "in a UTC session timestamp to timestamptz keeps the rows as they are")
        return Rewrite(
            None,
            True,
            "timestamp to timestamptz is catalog-only only when the migration's session time zone is UTC "
            "(`SET LOCAL timezone TO 'UTC'`); otherwise every row is rewritten; every index on the column is rebuilt",
        )
    same_time = old.name == new.name and old.name in {"timestamp", "timestamptz", "time"}
    if same_time and (not new.typmod or (old.typmod and new.typmod[0] >= old.typmod[0])):
        return Rewrite(False, False, "raising a timestamp's precision is catalog-only")
    return Rewrite(True, True, f"{old} to {new} rewrites every row and rebuilds the column's indexes")


# --- what earlier migrations declared ---------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    """A column as the newest older migration declared it (`add`, `modify`, or `timestamps()`)."""

    type: ColumnType | None
    where: str


def declared_before(source: ParsedSource, table: str, column: str, workspace: Workspace) -> Declared | None:
    """The column's type after the migrations of the folder older than `source` (None: no migration says)."""
    version = source.migration_version
    if version is None:
        return None
    folder = source.file.path.parent
    found: Declared | None = None
    name, columns = table.encode(), (column.encode(), b"timestamps")
    for other_version, path in _older(folder, workspace):
        if other_version >= version:
            break
        raw = workspace.source(path)
        if raw is None or name not in raw.content or not any(c in raw.content for c in columns):
            continue  # only a file naming the table and the column (or calling timestamps()) can declare it
        declared = _declarations(path, workspace).get((table, column))
        if declared is not None:
            found = declared
    return found


def _older(folder: Path, workspace: Workspace) -> list[tuple[str, Path]]:
    def compute() -> list[tuple[str, Path]]:
        versions = []
        for name in workspace.list_dir(folder):
            match = MIGRATION_VERSION.match(name)
            if match and name.endswith((".exs", ".ex")):
                versions.append((match.group(1), folder / name))
        return sorted(versions)

    return workspace.fact(("hazard-migrations", str(folder)), compute)


def _declarations(path: Path, workspace: Workspace) -> dict[tuple[str, str], Declared]:
    def compute() -> dict[tuple[str, str], Declared]:
        raw = workspace.source(path)
        if raw is None or b"table(" not in raw.content:
            return {}
        source = workspace.parse(path)
        if source is None:
            return {}
        found: dict[tuple[str, str], Declared] = {}
        # What up/0 and change/0 leave: down/0 restores the type from before (say, text again after citext).
        deploy = [m.functions[f] for m in migration_modules(source) for f in ("change", "up") if f in m.functions]
        calls = [
            c for node in deploy for c in calls_named(node, frozenset({"create", "create_if_not_exists", "alter"}))
        ]
        for call in sorted(calls, key=lambda c: c.start_byte):
            args = call_args(call)
            if not args or call_name(args[0]) != "table":
                continue
            table_args = call_args(args[0])
            table = literal_name(table_args[0]) if table_args else None
            if table is None:
                continue
            for statement in block_body(call) or []:
                where = f"{source.file.rel}:{source.line(statement)}"
                for column, kind in column_declarations(statement):
                    found[(table, column)] = Declared(kind, where)
        return found

    return workspace.fact(("hazard-declarations", str(path)), compute)


def column_declarations(statement: Node) -> list[tuple[str, ColumnType | None]]:
    """(column, type) for `add`/`add_if_not_exists`/`modify :c, type, opts` and `timestamps(...)`."""
    name = call_name(statement)
    args = call_args(statement)
    if name in {"add", "add_if_not_exists", "modify"} and len(args) >= 2:
        column = literal_name(args[0])
        if column is None:
            return []
        return [(column, ecto_type(args[1], keyword_options(args[2:])))]
    if name == "timestamps":
        options = keyword_options(args)
        kind = options.get("type")
        # Without `type:`, the repo's `migration_timestamps:` config decides: unknown here.
        column_type = ecto_type(kind, options) if kind is not None else None
        names = []
        for key, default in (("inserted_at", "inserted_at"), ("updated_at", "updated_at")):
            value = options.get(key)
            if value is None:
                names.append(default)
            elif value.type == "atom" and value.text != b":false":
                names.append((value.text or b"").decode()[1:])
        return [(n, column_type) for n in names]
    return []


def keyword_options(args: list[Node]) -> dict[str, Node]:
    """The `key: value` pairs of the trailing keyword arguments (or a literal keyword list)."""
    pairs: dict[str, Node] = {}
    for arg in args:
        items = [arg] if arg.type == "keywords" else [c for c in named(arg) if c.type == "keywords"]
        if arg.type not in {"keywords", "list"}:
            continue
        for item in items:
            pairs.update({k: v for k, v in keyword_pairs(item) if k is not None})
    return pairs


def from_option(value: Node) -> tuple[Node, dict[str, Node]] | None:
    """The old type and options of `from: :type` or `from: {:type, opts}`."""
    if value.type == "tuple":
        items = named(value)
        if len(items) == 2 and items[1].type in {"keywords", "list"}:
            return items[0], keyword_options([items[1]])
        return (value, {}) if len(items) == 2 and items[0].text == b":array" else None
    return value, {}
