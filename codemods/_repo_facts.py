"""Facts about the app's Ecto repos: which database each repo talks to (issue 12, class 2).

The migration codemods are PostgreSQL codemods: `concurrently: true` raises
on ecto_sqlite3, and `create constraint ... validate: false` means nothing to
MySQL. So before rewriting a migration they ask which database it runs on.

The evidence, read once per app (Workspace.fact):

- every `use Ecto.Repo, otp_app: ..., adapter: Ecto.Adapters.X` in the app's
  Elixir files (an umbrella's apps too when the migration's own app defines
  no repo), keyed by the module that says it;
- when no repo module is found, the adapter deps of mix.exs: `:postgrex`,
  `:ecto_sqlite3`, `:myxql`, `:tds`.

A migration belongs to the repo its module is named after
(`Shop.Repo.Migrations.AddX` -> `Shop.Repo`), else to the repo whose default
migrations folder holds it (`priv/repo/migrations` -> `*.Repo`), else to the
app's repos as a whole. The verdict:

- POSTGRES: its repo uses Ecto.Adapters.Postgres, or every repo of the app
  does, or the deps name only postgrex; and, by choice, when there is no
  evidence at all (no mix.exs, no repo, no adapter dep): mir-fix keeps the
  behaviour it always had and assumes PostgreSQL, since a partial tree (a
  lone migrations folder) is the common way it is pointed at PostgreSQL apps;
- OTHER: its repo, or every repo (or adapter dep) of the app, is not
  PostgreSQL. The codemods skip the migration, with one finding per repo;
- UNSURE: repos or deps disagree and the migration cannot be tied to one
  repo, or the adapter is not one mir-fix knows. The codemods block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from mir_fix.engine.change import Change, Finding, Status
from mir_fix.engine.codemod import Codemod, Context, ParsedSource, Workspace
from mir_fix.engine.elixir import block_body, call_args, call_name, keyword_pairs, module_definitions, module_name

from ._migration import MigrationModule, migration_modules
from ._migration_scope import skipped_checks, skips

POSTGRES = "Ecto.Adapters.Postgres"
OTHER_ADAPTERS = frozenset({"Ecto.Adapters.SQLite3", "Ecto.Adapters.MyXQL", "Ecto.Adapters.Tds", "Ecto.Adapters.MySQL"})
# mix.exs dep -> the adapter it brings
ADAPTER_DEPS = {
    "postgrex": POSTGRES,
    "ecto_sqlite3": "Ecto.Adapters.SQLite3",
    "myxql": "Ecto.Adapters.MyXQL",
    "tds": "Ecto.Adapters.Tds",
}
DEP = re.compile(rb"\{\s*:(postgrex|ecto_sqlite3|myxql|tds)\b")


class Database(Enum):
    POSTGRES = "postgres"
    OTHER = "other"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Repo:
    name: str  # `Shop.Repo`, or the app's mix.exs when only deps were read
    adapter: str  # `Ecto.Adapters.SQLite3`, or the adapter text when not a known alias
    path: Path  # where it is said
    line: int

    @property
    def database(self) -> Database:
        if self.adapter == POSTGRES:
            return Database.POSTGRES
        return Database.OTHER if self.adapter in OTHER_ADAPTERS else Database.UNSURE


@dataclass(frozen=True)
class Verdict:
    database: Database
    repo: Repo | None = None  # the repo the migration runs on, when known
    reason: str = ""  # for OTHER and UNSURE: what mir-fix read


ASSUMED = Verdict(Database.POSTGRES)


def app_roots(path: Path, workspace: Workspace) -> list[Path]:
    """Folders holding a mix.exs above `path`, nearest first (the app, then an umbrella root)."""
    return [folder for folder in workspace.ancestors(path) if workspace.exists(folder / "mix.exs")]


def repos_in(root: Path, workspace: Workspace) -> tuple[Repo, ...]:
    """Every `use Ecto.Repo` module under `root` (deps and builds skipped)."""

    def compute() -> tuple[Repo, ...]:
        found: list[Repo] = []
        for path in workspace.walk(root, (".ex", ".exs")):
            source = workspace.source(path)
            if source is None or b"Ecto.Repo" not in source.content or path.name == "mix.exs":
                continue
            parsed = workspace.parse(path)
            if parsed is not None:
                found += _repo_modules(parsed, path)
        return tuple(found)

    return workspace.fact(("repos", str(root)), compute)


def _repo_modules(source: ParsedSource, path: Path) -> list[Repo]:
    found = []
    for module in module_definitions(source.tree.root_node):
        args = call_args(module)
        name = module_name(args[0]) if args else None
        if name is None:
            continue
        for statement in block_body(module) or []:
            use_args = call_args(statement) if call_name(statement) == "use" else []
            if not use_args or source.text(use_args[0]) != "Ecto.Repo":
                continue
            adapter = next(
                (
                    source.text(v)
                    for a in use_args[1:]
                    if a.type == "keywords"
                    for k, v in keyword_pairs(a)
                    if k == "adapter"
                ),
                "(no adapter given)",
            )
            found.append(Repo(name, adapter, path, source.line(statement)))
    return found


def adapter_deps(root: Path, workspace: Workspace) -> tuple[Repo, ...]:
    """The adapter deps of `root`/mix.exs, each as a nameless repo."""
    source = workspace.source(root / "mix.exs")
    if source is None:
        return ()
    found = []
    for number, line in enumerate(source.content.split(b"\n"), 1):
        for match in DEP.finditer(line.split(b"#", 1)[0]):
            dep = match.group(1).decode()
            found.append(Repo(f"the :{dep} dependency", ADAPTER_DEPS[dep], root / "mix.exs", number))
    return tuple(found)


def app_repos(path: Path, workspace: Workspace) -> tuple[Repo, ...]:
    """The repos of the app holding `path`: its own, else its umbrella's, else its adapter deps."""

    def compute() -> tuple[Repo, ...]:
        roots = app_roots(path, workspace)
        for root in roots:
            repos = repos_in(root, workspace)
            if repos:
                return repos
        for root in roots:
            deps = adapter_deps(root, workspace)
            if deps:
                return deps
        return ()

    return workspace.fact(("app-repos", str(path.parent)), compute)


def migration_database(source: ParsedSource, module_name: str, workspace: Workspace) -> Verdict:
    """Which database the migration module `module_name` in `source` runs on."""
    path = source.file.path
    repos = app_repos(path, workspace)
    if not repos:
        return ASSUMED
    named = {r.name: r for r in repos}
    head, sep, _ = module_name.partition(".Migrations.")
    repo = named.get(head) if sep else None
    if repo is None:
        repo = _repo_of_folder(path, repos)
    if repo is None:
        kinds = {r.database for r in repos}
        names = ", ".join(f"{r.name} ({r.adapter})" for r in repos)
        only = repos[0] if len(repos) == 1 else None
        if kinds == {Database.POSTGRES}:
            return Verdict(Database.POSTGRES, only)
        if kinds == {Database.OTHER}:
            return Verdict(Database.OTHER, only, f"the app's repos are not PostgreSQL: {names}")
        return Verdict(
            Database.UNSURE,
            None,
            "mir-fix cannot tell which repo runs this migration, and the app's repos do not all use "
            f"PostgreSQL: {names}; name the module after its repo (`<Repo>.Migrations.<Name>`) or keep it in "
            "that repo's priv/<repo>/migrations",
        )
    where = f"{workspace.display(repo.path)}:{repo.line}"
    if repo.database is Database.POSTGRES:
        return Verdict(Database.POSTGRES, repo)
    if repo.database is Database.OTHER:
        return Verdict(Database.OTHER, repo, f"{repo.name} uses {repo.adapter} ({where})")
    return Verdict(
        Database.UNSURE,
        repo,
        f"{repo.name} uses the adapter `{repo.adapter}` ({where}), which mir-fix does not know to be PostgreSQL",
    )


def _repo_of_folder(path: Path, repos: tuple[Repo, ...]) -> Repo | None:
    """The repo whose default migrations folder (`priv/<last segment, underscored>/migrations`) holds `path`."""
    parts = path.parts
    if len(parts) < 4 or parts[-2] != "migrations" or parts[-4] != "priv":
        return None
    folder = parts[-3]
    matches = [r for r in repos if r.name[:1].isupper() and _underscore(r.name.rsplit(".", 1)[-1]) == folder]
    return matches[0] if len(matches) == 1 else None


def _underscore(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


# --- what a PostgreSQL codemod does with a migration, by its database ------------------------

Item = Change | Finding
# The changes and findings a codemod makes for one migration module, as if on PostgreSQL.
ModuleItems = Callable[[ParsedSource, MigrationModule, Context], list[Item]]


def by_database(
    codemod: Codemod, source: ParsedSource, module: MigrationModule, ctx: Context, items: ModuleItems
) -> list[Item]:
    """`items` for a PostgreSQL migration; blocked ones when unsure; one finding per repo otherwise."""
    verdict = migration_database(source, module.name, ctx.workspace)
    skipped = skipped_checks(source, ctx)
    found = [i for i in items(source, module, ctx) if not skips(i, skipped, codemod.assured_checks)]
    if verdict.database is Database.POSTGRES:
        return found
    if verdict.database is Database.UNSURE:
        return [
            i.blocked(f"not sure this migration runs on PostgreSQL: {verdict.reason}")
            if isinstance(i, Change) and i.status is not Status.BLOCKED
            else i
            for i in found
        ]
    if not _would_change(found):
        return []
    first = first_skipped(codemod, source, verdict, ctx, items)
    if first is None or first[0] != (str(source.file.path), module.name):
        return []
    line = next(i.line for i in found if not i.shipped)
    count = first[1]
    which = "this migration" if count == 1 else f"this migration and {count - 1} more of the repo's"
    return [
        Finding(
            codemod.id,
            source.file.rel,
            line,
            f"{codemod.id} leaves {which} alone: {verdict.reason}, and {codemod.other_database_reason}",
        )
    ]


def _would_change(found: list[Item]) -> bool:
    return any(not i.shipped for i in found)


def _repo_key(verdict: Verdict) -> str:
    return verdict.repo.name if verdict.repo is not None else verdict.reason


def first_skipped(
    codemod: Codemod, source: ParsedSource, verdict: Verdict, ctx: Context, items: ModuleItems
) -> tuple[tuple[str, str], int] | None:
    """The first migration (by path, then module) of the repo the codemod would change, and how many would be.

    Computed from the files alone, so every process picks the same one and the
    finding is given once per repo.
    """
    workspace = ctx.workspace
    roots = app_roots(source.file.path, workspace)
    key = _repo_key(verdict)

    def compute() -> tuple[tuple[str, str], int] | None:
        probe = Context(ctx.options, workspace)
        hits: list[tuple[str, str]] = []
        for path in workspace.walk(roots[-1], (".ex", ".exs")) if roots else [source.file.path]:
            text = workspace.source(path)
            if text is None or not codemod.wants(text.content):
                continue
            parsed = source if path == source.file.path else workspace.parse(path)
            if parsed is None or codemod.ignores_file(parsed):
                continue
            for module in migration_modules(parsed):
                other = migration_database(parsed, module.name, workspace)
                if other.database is not Database.OTHER or _repo_key(other) != key:
                    continue
                if _would_change(items(parsed, module, probe)):
                    hits.append((str(path), module.name))
        return (min(hits), len(hits)) if hits else None

    # Per app too: two apps of one workspace may each have a repo of the same name.
    app = str(roots[-1]) if roots else str(source.file.path)
    return workspace.fact(("database-skip", codemod.id, key, app), compute)
