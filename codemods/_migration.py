"""What every migration codemod needs to know about an Ecto migration module.

Finding migration modules (any module that `use Ecto.Migration`), their
`change`/`up`/`down` bodies, the tables they create, and where and how a new migration file is added (SPEC 3.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import MIGRATION_VERSION, Blocked, Context, ParsedSource, Workspace
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import (
    block_body,
    call_args,
    call_name,
    calls_named,
    layout,
    line_end,
    module_attribute,
    module_definitions,
    module_name,
    walk,
)

from ._lock_facts import find_config

MIGRATION_FUNCTIONS = ("change", "up", "down")
TABLE_CREATORS = frozenset({"create", "create_if_not_exists"})
TIMESTAMP = "%Y%m%d%H%M%S"


@dataclass(frozen=True)
class MigrationModule:
    node: Node
    name: str
    use: Node
    # change/up/down -> the `def` call; other functions are not migration steps.
    functions: dict[str, Node]
    # attribute name -> the `@name value` node, for attributes set at the top level.
    attributes: dict[str, Node]
    defined: frozenset[str]  # names of functions the module defines

    def body(self, function: str) -> list[Node]:
        definition = self.functions.get(function)
        if definition is None:
            return []
        return block_body(definition) or []


def _def_name(definition: Node) -> str | None:
    args = call_args(definition)
    if not args:
        return None
    head = args[0]
    if head.type == "identifier":
        return (head.text or b"").decode()
    if head.type == "call":
        return call_name(head)
    return None


def _def_arity(definition: Node) -> int:
    head = call_args(definition)[0]
    return len(call_args(head)) if head.type == "call" else 0


def _is_use_migration(node: Node) -> bool:
    if call_name(node) != "use":
        return False
    args = call_args(node)
    return bool(args) and args[0].type == "alias" and args[0].text == b"Ecto.Migration"


def migration_modules(source: ParsedSource) -> list[MigrationModule]:
    """Top-level modules (and modules nested in them) whose body uses Ecto.Migration."""
    found = []
    for module in module_definitions(source.tree.root_node):
        args = call_args(module)
        body = block_body(module)
        alias = module_name(args[0]) if args else None
        if alias is None or body is None:
            continue
        use = next((s for s in body if _is_use_migration(s)), None)
        if use is None:
            continue
        functions: dict[str, Node] = {}
        attributes: dict[str, Node] = {}
        defined: set[str] = set()
        for statement in body:
            name = call_name(statement)
            if name in {"def", "defp"}:
                function = _def_name(statement)
                if function:
                    defined.add(function)
                if name == "def" and function in MIGRATION_FUNCTIONS and _def_arity(statement) == 0:
                    functions[function] = statement
            attribute = module_attribute(statement)
            if attribute is not None:
                attributes.setdefault(attribute[0], statement)
        found.append(MigrationModule(module, alias, use, functions, attributes, frozenset(defined)))
    return found


def literal_name(node: Node) -> str | None:
    """`orders` for `:orders` or `"orders"`; None for anything computed."""
    text = (node.text or b"").decode()
    if node.type == "atom" and re.fullmatch(r":[A-Za-z_][\w]*[?!]?", text):
        return text[1:]
    if node.type == "string" and not any(c.type == "interpolation" for c in node.named_children):
        content = [c for c in node.named_children if c.type == "quoted_content"]
        if len(content) <= 1 and text.startswith('"') and not text.startswith('"""'):
            return (content[0].text or b"").decode() if content else ""
    return None


# execute "CREATE TABLE [IF NOT EXISTS] name (...)"
RAW_CREATE_TABLE = re.compile(
    r"\bCREATE\s+(?:(?:UNLOGGED|TEMP|TEMPORARY)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"(?:\"?\w+\"?\.)?\"?(\w+)\"?",
    re.I,
)


def tables_created(module: MigrationModule) -> set[str]:
    """Tables created anywhere in the module: `create table(:t)`, `create_if_not_exists`, raw SQL."""
    tables: set[str] = set()
    for call in calls_named(module.node, frozenset({"execute"})):
        for arg in call_args(call):
            if arg.type in {"string", "sigil"}:
                tables.update(RAW_CREATE_TABLE.findall((arg.text or b"").decode("utf-8", "replace")))
    for call in calls_named(module.node, TABLE_CREATORS):
        args = call_args(call)
        if args and call_name(args[0]) == "table":
            table_args = call_args(args[0])
            if table_args:
                name = literal_name(table_args[0])
                if name is not None:
                    tables.add(name)
    return tables


def attribute_is_true(module: MigrationModule, name: str) -> bool | None:
    """True/False for `@name true|false`; None when unset or not a boolean literal."""
    node = module.attributes.get(name)
    if node is None:
        return None
    attribute = module_attribute(node)
    value = attribute[1] if attribute else None
    if value is not None and value.type == "boolean":
        return value.text == b"true"
    return None


# --- the repo ----------------------------------------------------------------------


def repo_of(module: MigrationModule) -> str | None:
    """`Shop.Repo` for `Shop.Repo.Migrations.AddX`, the generators' naming."""
    head, sep, _ = module.name.partition(".Migrations.")
    return head if sep else None


# --- module attributes ---------------------------------------------------------------

DDL = "disable_ddl_transaction"
LOCK = "disable_migration_lock"


def attribute_edit(source: ParsedSource, module: MigrationModule, missing: list[str]) -> Edit:
    """Insert `@name true` lines: beside our attributes if one is there, else after `use`."""
    content = source.file.content
    present = [module.attributes[a] for a in (DDL, LOCK) if a in module.attributes]
    lines = [f"@{name} true" for name in missing]
    if present:
        anchor = max(present, key=lambda n: n.end_byte)
        indent = layout(content, anchor.start_byte).indent
        return Edit.insert(line_end(content, anchor.end_byte), "".join(f"\n{indent}{ln}" for ln in lines))
    indent = layout(content, module.use.start_byte).indent
    at = line_end(content, module.use.end_byte)
    after = content[at + 1 : line_end(content, at + 1)] if at < len(content) else b""
    text = "\n\n" + "\n".join(indent + ln for ln in lines)
    if after.strip():
        text += "\n"
    return Edit.insert(at, text)


# --- new migration files (SPEC 3.5) ----------------------------------------------------


def next_free_version(folder: Path, version: str, workspace: Workspace, taken: set[str]) -> str:
    names = workspace.list_dir(folder)
    used = {m.group(1) for n in names if (m := MIGRATION_VERSION.match(n))} | taken
    try:
        moment = datetime.strptime(version, TIMESTAMP)
    except ValueError:
        number = int(version) + 1
        while str(number) in used:
            number += 1
        return str(number)
    while True:
        moment += timedelta(seconds=1)
        candidate = moment.strftime(TIMESTAMP)
        if candidate not in used:
            return candidate


# Ecto.Migrator runs the `.exs` files under the folders it is given whose name is an integer, `_`, then
# anything (`Integer.parse(Path.rootname(base))` gives `{version, "_" <> name}`): dashes and dots included.
MIGRATOR_FILE = re.compile(r"^\d+_.*\.exs$")
REPO_PRIV = re.compile(rb"\bpriv:\s*\"([^\"#]+)\"")


def require_discovered(source: ParsedSource, ctx: Context, what: str) -> None:
    """Refuse new migration files that `mix ecto.migrate` would never run (issue 12, class 8).

    Ecto's migrator scans `priv/<repo>/migrations` (or `<priv>/migrations`
    for a repo configured with `priv:`) and runs timestamped `.exs` files.
    A module kept elsewhere, say in lib/ and run from a list in app code,
    would get a file beside it that nothing runs. `.mir-fix.toml`'s
    `migrations_paths` names folders the app runs this way on purpose.
    """
    path = source.file.path
    folder = path.parent.resolve()
    configured = any(str(folder) == p.rstrip("/") for p in ctx.options.migrations_paths)
    scanned = configured or _priv_migrations(folder) or folder in _repo_priv_folders(path, ctx.workspace)
    if not scanned:
        raise Blocked(
            f"{source.file.rel} is not in a folder Ecto's migrator scans (priv/<repo>/migrations, or one listed "
            f"in .mir-fix.toml's migrations_paths), so a new migration file beside it would never run; {what} "
            "by hand where the app runs it, or add its folder to migrations_paths if the app migrates it"
        )
    if not MIGRATOR_FILE.match(path.name):
        raise Blocked(
            f"{source.file.rel} is not named `<timestamp>_<name>.exs`, so Ecto's migrator would not run a "
            f"new file named after it; {what} by hand"
        )


def _priv_migrations(folder: Path) -> bool:
    return folder.name == "migrations" and folder.parent.parent.name == "priv"


def _repo_priv_folders(path: Path, workspace: Workspace) -> frozenset[Path]:
    """`<app>/<priv>/migrations` for each `priv: "..."` the app's config files set."""
    config = find_config(path, workspace)
    if config is None:
        return frozenset()

    def compute() -> frozenset[Path]:
        found: set[Path] = set()
        for name in workspace.list_dir(config):
            raw = workspace.source(config / name) if name.endswith(".exs") else None
            for priv in REPO_PRIV.findall(raw.content) if raw is not None else []:
                found.add((config.parent / priv.decode() / "migrations").resolve())
        return frozenset(found)

    return workspace.fact(("repo-priv-folders", str(config)), compute)


def new_migration_path(source: ParsedSource, version: str, suffix: str) -> Path:
    path = source.file.path
    stem = path.name.split(".", 1)[0]
    rest = stem.split("_", 1)[1] if "_" in stem else stem
    return path.with_name(f"{version}_{rest}_{suffix}{path.suffix}")


def camelize(snake: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_") if part)


def render_module(name: str, attributes: list[str], functions: list[tuple[str, list[str]]]) -> str:
    """A migration module as mix format prints it; each statement is already indented text."""
    out = [f"defmodule {name} do", "  use Ecto.Migration", ""]
    if attributes:
        out += [f"  @{a} true" for a in attributes] + [""]
    for i, (function, statements) in enumerate(functions):
        if i:
            out.append("")
        out.append(f"  def {function} do")
        out.append(join_statements(statements))
        out.append("  end")
    out.append("end")
    return "\n".join(out) + "\n"


def join_statements(statements: list[str], limit: int = 98) -> str:
    """Statements of a body, a blank line around any that spans or overflows a line (as mix format)."""

    def tall(statement: str) -> bool:
        return "\n" in statement or len(statement) > limit

    out: list[str] = []
    for i, statement in enumerate(statements):
        if i and (tall(statement) or tall(statements[i - 1])):
            out.append("")
        out.append(statement)
    return "\n".join(out)


def reindent(text: str, from_column: int, to_column: int) -> str:
    """Shift every line after the first by the change of column (first line is placed by caller)."""
    delta = to_column - from_column
    lines = text.split("\n")
    shifted = [lines[0]]
    for line in lines[1:]:
        if delta >= 0:
            shifted.append(" " * delta + line if line.strip() else line)
        else:
            strip = min(-delta, len(line) - len(line.lstrip(" ")))
            shifted.append(line[strip:])
    return "\n".join(shifted)


def statement_lines(content: bytes, node: Node) -> tuple[int, int]:
    """Byte range of the whole lines holding `node` and the comments directly above it."""
    first = node
    previous = node.prev_named_sibling
    while (
        previous is not None
        and previous.type == "comment"
        and previous.end_point[0] >= first.start_point[0] - 1
        and _alone_on_line(content, previous)
    ):
        first = previous
        previous = previous.prev_named_sibling
    start = content.rfind(b"\n", 0, first.start_byte) + 1
    end = line_end(content, node.end_byte)
    return start, min(end + 1, len(content))


def _alone_on_line(content: bytes, node: Node) -> bool:
    start = content.rfind(b"\n", 0, node.start_byte) + 1
    return content[start : node.start_byte].strip() == b""


def shares_line(content: bytes, node: Node) -> bool:
    """Another statement stands on the first or last line of `node`."""
    start = content.rfind(b"\n", 0, node.start_byte) + 1
    before = content[start : node.start_byte].strip()
    after = content[node.end_byte : line_end(content, node.end_byte)].strip()
    return bool(before) or (bool(after) and not after.startswith(b"#"))


def removal_edits(content: bytes, body_owner: Node, statements: list[Node]) -> list[Edit]:
    """Delete whole statements from a do-block, with the blank lines that would be left dangling."""
    block = next((c for c in body_owner.children if c.type == "do_block"), None)
    if block is None:
        raise ValueError("statement is not in a do block")
    lines = content.split(b"\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    first_body = block.start_point[0] + 1
    end_line = block.end_point[0]
    deleted: set[int] = set()
    for statement in statements:
        start, end = statement_lines(content, statement)
        first = content.count(b"\n", 0, start)
        last = content.count(b"\n", 0, max(start, end - 1))
        deleted.update(range(first, last + 1))

    def blank(index: int) -> bool:
        return first_body <= index < end_line and not lines[index].strip()

    for run_start, run_end in _runs(sorted(deleted)):
        before, after = run_start - 1, run_end + 1
        while after in deleted:
            after += 1
        if blank(before) and (blank(after) or after >= end_line):
            deleted.add(before)
        elif before < first_body and blank(after):
            deleted.add(after)
    return [
        Edit.delete(offsets[a], min(offsets[b] + len(lines[b]) + 1, len(content))) for a, b in _runs(sorted(deleted))
    ]


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def uses_local_names(node: Node, defined: frozenset[str]) -> Node | None:
    """The first variable, module attribute or call to a function of the module under `node`."""
    for item in walk(node):
        if item.type == "unary_operator" and item.child_count and item.children[0].type == "@":
            return item
        if item.type == "call" and call_name(item) in defined:
            return item
        if item.type == "identifier":
            parent = item.parent
            is_target = parent is not None and parent.type == "call" and parent.child_by_field_name("target") == item
            if not is_target:
                return item
    return None
