"""Which migrations mir-fix may rewrite: a fact of each migration file (SPEC 2, corrected 2026-11-30).

A migration that has run in production does not run again. Rewriting it
changes nothing there, and the files a rewrite adds (a split-off index, a
backfill) carry versions that `schema_migrations` has never seen, so the next
deploy runs them against a database that already has what they create
("relation already exists"). So a migration is rewritten only when the user
said it has not shipped, and the user says it in one of these ways, strongest
first:

- `--all-migrations`: every migration (an app never deployed);
- `start_after` in .mir-fix.toml, or else excellent_migrations' own
  `config :excellent_migrations, start_after: "..."` in config/*.exs: the
  migrations with a newer version. Older ones have run, the user said so:
  they are left alone and not shown. `--since` does not override it;
- `--since REF`: the files changed since REF are analysed, and of those the
  migrations added since REF (or untracked) are rewritten. One that existed
  at REF and was only edited since (reformatted, a comment added) has
  shipped: shown marked shipped, never written;
- none of these: mir-fix assumes only the newest migration of each folder
  (the one being written now, most likely) has not shipped, and says so in a
  note on its changes. Changes to older ones are shown by a dry run, marked
  shipped, and never written; `--check` does not fail on them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from tree_sitter import Node

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Context, ParsedSource, Workspace
from mir_fix.engine.elixir import call_args, calls_named, keyword_pairs, named

# `20240301100000_add_x.exs`: Ecto's version is the leading number of the file name.
VERSIONED = re.compile(r"^(\d+)_.+\.exs?$")
# config :excellent_migrations, start_after: "20191026080101"
EXCELLENT_APP = ":excellent_migrations"
HOW_TO_CHOOSE = "to choose: `mir-fix init`, start_after, --since REF or --all-migrations"
Item = TypeVar("Item", Change, Finding)


@dataclass(frozen=True)
class MigrationScope:
    """What mir-fix may do with one migration file."""

    shown: bool  # False: left alone unseen (start_after says it has run, or it is outside migrations_paths)
    rewrite: bool  # write modes may apply its changes
    note: str | None = None  # why it counts as shipped, or what was assumed to rewrite it

    def mark(self, item: Item) -> Item:
        """`item` as this scope shows it: marked shipped (with the reason) when it may not be rewritten."""
        if isinstance(item, Finding):
            return item if self.rewrite else replace(item, shipped=True)
        return replace(item, shipped=not self.rewrite, note=self.note or item.note)


IN_SCOPE = MigrationScope(shown=True, rewrite=True)
LEFT_ALONE = MigrationScope(shown=False, rewrite=False)


def migration_scope(source: ParsedSource, ctx: Context) -> MigrationScope:
    options = ctx.options
    path = source.file.path
    folders = options.migrations_paths
    if folders and not any(str(path).startswith(p.rstrip("/") + "/") for p in folders):
        return LEFT_ALONE
    if options.all_migrations:
        return IN_SCOPE
    version = version_of(path.name)
    start_after = options.start_after or excellent_start_after(path, ctx.workspace)
    if start_after is not None and version is not None:
        return IN_SCOPE if version > int(start_after) else LEFT_ALONE
    if options.only_paths is not None:  # only files changed since --since REF are analysed
        if options.added_paths is None or os.path.realpath(path) in options.added_paths:
            return IN_SCOPE
        return MigrationScope(
            shown=True,
            rewrite=False,
            note=f"shipped: {source.file.rel} existed at the --since ref and was only edited since, so it may have "
            "run in production; not written (start_after, or --all-migrations if it has not)",
        )
    if version is None:
        return MigrationScope(
            shown=True,
            rewrite=False,
            note=f"shipped: the file name of {source.file.rel} has no version, so mir-fix cannot tell whether "
            f"it has run in production; not written ({HOW_TO_CHOOSE})",
        )
    folder = ctx.workspace.display(path.parent)
    newest = newest_in_folder(path.parent, ctx.workspace)
    if newest is not None and version < newest[0]:
        return MigrationScope(
            shown=True,
            rewrite=False,
            note=f"shipped: older than {newest[1]}, the newest migration in {folder}, so it may have run in "
            f"production; not written ({HOW_TO_CHOOSE})",
        )
    return MigrationScope(
        shown=True,
        rewrite=True,
        note=f"assumed not yet deployed: the newest migration in {folder}, and nothing says which migrations "
        "have shipped; if this one has run in production, do not apply this change and run `mir-fix init`",
    )


def version_of(name: str) -> int | None:
    match = VERSIONED.match(name)
    return int(match.group(1)) if match else None


def newest_in_folder(folder: Path, workspace: Workspace) -> tuple[int, str] | None:
    """The highest version among the folder's migration files, and that file's name."""

    def compute() -> tuple[int, str] | None:
        versions = [(v, name) for name in workspace.list_dir(folder) if (v := version_of(name)) is not None]
        return max(versions, default=None)

    return workspace.fact(("newest-migration", str(folder)), compute)


def excellent_start_after(path: Path, workspace: Workspace) -> str | None:
    """excellent_migrations' `start_after` from config/*.exs of the app (and umbrella) holding `path`.

    Every config file counts (teams set it in config.exs, dev.exs or test.exs);
    when several set it, the latest version wins, which leaves the most
    migrations alone. A value mir-fix cannot read (say, from the environment)
    does not count.
    """

    def compute() -> str | None:
        values = [
            value
            for folder in workspace.ancestors(path)
            if (value := _start_after_in(folder / "config", workspace)) is not None
        ]
        return max(values, key=int, default=None)

    return workspace.fact(("excellent-start-after-for", str(path.parent)), compute)


def skipped_checks(source: ParsedSource, ctx: Context) -> frozenset[str]:
    """Check names not to report or fix: `skip_checks` of .mir-fix.toml, else of excellent_migrations' config.

    `config :excellent_migrations, skip_checks: [:raw_sql_executed, :not_null_added]` in any
    config/*.exs of the app (or umbrella) holding the file: every file's list counts.
    """
    if ctx.options.skip_checks is not None:
        return ctx.options.skip_checks
    workspace = ctx.workspace
    path = source.file.path

    def compute() -> frozenset[str]:
        found: set[str] = set()
        for folder in workspace.ancestors(path):
            found |= _excellent_config_in(folder / "config", workspace).skip_checks
        return frozenset(found)

    return workspace.fact(("excellent-skip-checks-for", str(path.parent)), compute)


def skips(item: Change | Finding, skipped: frozenset[str], codemod_checks: frozenset[str]) -> bool:
    """Whether `item` is about a skipped check: its own check, or else every check its codemod answers."""
    check = item.check
    if check is not None:
        return check in skipped
    return bool(codemod_checks) and codemod_checks <= skipped


@dataclass(frozen=True)
class _ExcellentConfig:
    start_after: str | None
    skip_checks: frozenset[str]


def _excellent_config_in(config: Path, workspace: Workspace) -> _ExcellentConfig:
    def compute() -> _ExcellentConfig:
        values: list[str] = []
        skip: set[str] = set()
        for name in workspace.list_dir(config):
            if name.endswith(".exs"):
                parsed = workspace.parse(config / name)
                if parsed is not None:
                    values += _start_after_values(parsed)
                    skip |= _skip_checks_values(parsed)
        return _ExcellentConfig(max(values, key=int, default=None), frozenset(skip))

    return workspace.fact(("excellent-config", str(config)), compute)


def _start_after_in(config: Path, workspace: Workspace) -> str | None:
    return _excellent_config_in(config, workspace).start_after


def _excellent_pairs(config: ParsedSource) -> list[tuple[str | None, Node]]:
    """The keyword pairs of every `config :excellent_migrations, ...` call of a config file."""
    found: list[tuple[str | None, Node]] = []
    for call in calls_named(config.tree.root_node, frozenset({"config"})):
        args = call_args(call)
        if len(args) != 2 or config.text(args[0]) != EXCELLENT_APP:
            continue
        pairs = keyword_pairs(args[1]) if args[1].type == "keywords" else []
        if args[1].type == "list":
            pairs = [p for child in named(args[1]) if child.type == "keywords" for p in keyword_pairs(child)]
        found += pairs
    return found


def _skip_checks_values(config: ParsedSource) -> set[str]:
    found = set()
    for key, value in _excellent_pairs(config):
        if key == "skip_checks" and value.type == "list":
            found |= {config.text(atom).lstrip(":") for atom in named(value) if atom.type == "atom"}
    return found


def _start_after_values(config: ParsedSource) -> list[str]:
    values = []
    for key, value in _excellent_pairs(config):
        if key == "start_after":
            digits = config.text(value).strip('"').replace("_", "")
            if value.type in {"string", "integer"} and digits.isdigit():
                values.append(digits)
    return values


def newest_migration(root: Path) -> tuple[str, str] | None:
    """The highest version of any migration under `root` (a versioned file that uses Ecto.Migration), and its path."""
    workspace = Workspace(root)
    found = []
    for path in workspace.walk(root, (".ex", ".exs")):
        version = version_of(path.name)
        if version is None:
            continue
        source = workspace.source(path)
        if source is not None and b"Ecto.Migration" in source.content:
            found.append((version, path.name.split("_", 1)[0], workspace.display(path)))
    if not found:
        return None
    _, text, where = max(found)
    return text, where
