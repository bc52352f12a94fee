"""The repo's migration lock, in every environment that runs migrations (issue 12, class 3).

`mix ecto.migrate` takes a lock before it runs migrations. With the default
table lock (`:table_lock`, or no `migration_lock:` at all) it holds a
transaction open on schema_migrations, and a concurrent index build, which
waits for every older transaction, waits on it forever unless the migration
also sets `@disable_migration_lock true`. With `:pg_advisory_lock`, or with
no lock (`nil`, `false`), `@disable_ddl_transaction true` alone is right.

The setting is read for the repo, in each of dev, test and prod, the way
Config evaluates it: config/config.exs, then the environment's file when
config.exs imports it (`import_config "#{config_env()}.exs"`), then
config/runtime.exs (top level, or inside `if config_env() == :env`). Both
`config :app, Repo, migration_lock: ...` and `config :app, Repo, [...]`
count. A setting mir-fix cannot read (a call, a condition it cannot
evaluate) counts as unknown.

Which repo's setting: the repo the migration's module is named after
(`Shop.Repo.Migrations.AddX`), else the repo whose migrations folder holds it
(its `priv:` in config, else the default `priv/<repo>/migrations`), else the
app's only repo. When none of these ties it to one repo and the app has two
or more, or mir-fix finds no repo and the config names two or more that set
`priv:` or `migration_lock:`, the lock counts as the table lock: some repo
(one that never sets `migration_lock:`) keeps it, and "when unsure, add both".

Only one attribute is added when every environment runs without the table
lock. When they disagree (say, the advisory lock set in prod.exs only, so dev
and test keep the table lock), both are added: `@disable_migration_lock true`
is right under every lock, while the single attribute hangs wherever the
table lock is in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource, Workspace
from mir_fix.engine.elixir import call_args, call_name, calls_named, keyword_pairs, named

ENVIRONMENTS = ("dev", "test", "prod")


class Lock(Enum):
    TABLE = "the table lock"
    ADVISORY = "the advisory lock"
    NONE = "no migration lock"
    UNKNOWN = "a migration lock mir-fix cannot read"


VALUES = {":pg_advisory_lock": Lock.ADVISORY, ":table_lock": Lock.TABLE, "nil": Lock.NONE, "false": Lock.NONE}


@dataclass(frozen=True)
class Locks:
    by_env: dict[str, Lock]
    reason: str = ""  # why, when it is not one repo's setting

    @property
    def needs_lock_attribute(self) -> bool:
        """Whether `@disable_migration_lock true` must go with `@disable_ddl_transaction true`."""
        return any(lock in {Lock.TABLE, Lock.UNKNOWN} for lock in self.by_env.values())

    def why(self) -> str:
        """Which environments keep a lock that a concurrent build must not run under."""
        held = {env: lock for env, lock in self.by_env.items() if lock in {Lock.TABLE, Lock.UNKNOWN}}
        if not held:
            return ""
        if self.reason:
            return self.reason
        if set(held.values()) == {Lock.TABLE} and len(set(self.by_env.values())) == 1:
            return "under the default table lock a concurrent build with only @disable_ddl_transaction waits forever"
        parts = ", ".join(f"{lock.value} in {env}" for env, lock in held.items())
        return f"@disable_migration_lock true as well: {parts}"


TABLE_EVERYWHERE = Locks(dict.fromkeys(ENVIRONMENTS, Lock.TABLE))
# The repo is not known, and not every candidate is known to run without the table lock.
UNKNOWN_REPO = Locks(
    dict.fromkeys(ENVIRONMENTS, Lock.UNKNOWN),
    "@disable_migration_lock true as well: mir-fix cannot tell which of the app's repos runs this migration, "
    "and a repo that does not set migration_lock: keeps the table lock",
)


def find_config(path: Path, workspace: Workspace) -> Path | None:
    """`config/` of the app (or umbrella) holding `path`, not past a git root."""
    for folder in workspace.ancestors(path):
        if workspace.exists(folder / "config" / "config.exs"):
            return folder / "config"
    return None


def migration_locks(
    source: ParsedSource, repo: str | None, workspace: Workspace, app_repos: tuple[str, ...] = ()
) -> Locks:
    """The migration lock in each environment of `repo`, else of the repo the migration's folder belongs to.

    `app_repos` are the repo modules of the app (`use Ecto.Repo`). With no
    repo known, one of several repos, or repos the config names but mir-fix
    cannot tell apart, the lock is unknown (both attributes).
    """
    folder = source.file.path.parent
    config = workspace.fact(("config-folder", str(folder)), lambda: find_config(source.file.path, workspace))
    if config is None:
        return TABLE_EVERYWHERE
    if repo is None:
        candidates = app_repos or configured_repos(config, workspace)
        repo = repo_of_folder(source.file.path, candidates, config, workspace)
        if repo is None and len(candidates) > 1:
            return UNKNOWN_REPO
        if repo is None and candidates:
            repo = candidates[0]
    return workspace.fact(("migration-locks", str(config), repo or ""), lambda: _locks(config, repo, workspace))


def repo_of_folder(path: Path, repos: tuple[str, ...], config: Path, workspace: Workspace) -> str | None:
    """The one repo of `repos` whose migrations folder (`<priv>/migrations` of an app above `path`) holds `path`.

    A repo's priv is its `priv:` in config (any environment), else
    `priv/<last segment of its name, underscored>`. Two repos sharing the
    folder tie it to neither.
    """
    privs = priv_folders(config, workspace)
    ancestors = list(workspace.ancestors(path))
    matches = []
    for repo in repos:
        folders = privs.get(repo) or ("priv/" + _underscore(repo.rsplit(".", 1)[-1]),)
        if any(path.parent == root / folder.strip("/") / "migrations" for folder in folders for root in ancestors):
            matches.append(repo)
    return matches[0] if len(matches) == 1 else None


def configured_repos(config: Path, workspace: Workspace) -> tuple[str, ...]:
    """Modules the config gives `priv:` or `migration_lock:` (`config :app, Mod, ...`), in order: repos, surely."""
    return tuple(dict.fromkeys(alias for alias, key, _ in _repo_settings(config, workspace) if key in REPO_KEYS))


def priv_folders(config: Path, workspace: Workspace) -> dict[str, tuple[str, ...]]:
    """Each module's `priv:` values in the config (string literals), any environment."""
    found: dict[str, tuple[str, ...]] = {}
    for alias, key, value in _repo_settings(config, workspace):
        if key == "priv" and value is not None:
            found[alias] = (*found.get(alias, ()), value)
    return found


REPO_KEYS = frozenset({"priv", "migration_lock"})


def _repo_settings(config: Path, workspace: Workspace) -> tuple[tuple[str, str, str | None], ...]:
    """(module, key, string value or None) of every `config :app, Module, key: value` in config/*.exs."""

    def compute() -> tuple[tuple[str, str, str | None], ...]:
        found = []
        for name in sorted(workspace.list_dir(config)):
            parsed = workspace.parse(config / name) if name.endswith(".exs") else None
            if parsed is None:
                continue
            for call in calls_named(parsed.tree.root_node, frozenset({"config"})):
                args = call_args(call)
                if len(args) < 3 or args[1].type != "alias":
                    continue
                for key, value in _pairs(args[2:]):
                    if key is None:
                        continue
                    text = parsed.text(value)
                    literal = text[1:-1] if value.type == "string" and "#{" not in text else None
                    found.append((parsed.text(args[1]), key, literal))
        return tuple(found)

    return workspace.fact(("repo-settings", str(config)), compute)


def _pairs(args: list[Node]) -> list[tuple[str | None, Node]]:
    pairs: list[tuple[str | None, Node]] = []
    for arg in args:
        if arg.type == "keywords":
            pairs += keyword_pairs(arg)
        elif arg.type == "list":
            pairs += [p for child in named(arg) if child.type == "keywords" for p in keyword_pairs(child)]
    return pairs


def _underscore(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _locks(config: Path, repo: str | None, workspace: Workspace) -> Locks:
    base = workspace.parse(config / "config.exs")
    if base is None:
        return Locks(dict.fromkeys(ENVIRONMENTS, Lock.UNKNOWN))
    imports_env = b"import_config" in base.file.content
    runtime = workspace.parse(config / "runtime.exs") if workspace.exists(config / "runtime.exs") else None
    by_env = {}
    for env in ENVIRONMENTS:
        lock = _last(_settings(base, repo, env), Lock.TABLE)
        if imports_env and workspace.exists(config / f"{env}.exs"):
            env_file = workspace.parse(config / f"{env}.exs")
            lock = Lock.UNKNOWN if env_file is None else _last(_settings(env_file, repo, env), lock)
        if runtime is not None:
            lock = _last(_settings(runtime, repo, env), lock)
        by_env[env] = lock
    return Locks(by_env)


def _last(settings: list[Lock], current: Lock) -> Lock:
    return settings[-1] if settings else current


def _settings(config: ParsedSource, repo: str | None, env: str) -> list[Lock]:
    """The `migration_lock:` values `config` sets for `repo` in `env`, in order."""
    found = []
    for call in calls_named(config.tree.root_node, frozenset({"config"})):
        args = call_args(call)
        if len(args) < 3 or args[1].type != "alias":
            continue
        if repo is not None and config.text(args[1]) != repo:
            continue
        condition = _condition(config, call, env)
        if condition is False:
            continue
        for key, value in _pairs(args[2:]):
            if key == "migration_lock":
                lock = VALUES.get(config.text(value), Lock.UNKNOWN)
                found.append(lock if condition else Lock.UNKNOWN)
    return found


def _condition(config: ParsedSource, call: Node, env: str) -> bool | None:
    """True when `call` runs in `env`, False when it does not, None when mir-fix cannot tell."""
    node = call.parent
    while node is not None:
        if node.type == "call" and call_name(node) in {"if", "unless", "case", "cond"}:
            args = call_args(node)
            test = config.text(args[0]).replace(" ", "") if args else ""
            if call_name(node) == "if" and test.startswith(("config_env()==", "config_env()!=")):
                runs = (test == f"config_env()==:{env}") or (
                    test.startswith("config_env()!=") and test != f"config_env()!=:{env}"
                )
                return runs if _in_do_branch(node, call) else not runs
            return None
        node = node.parent
    return True


def _in_do_branch(if_call: Node, call: Node) -> bool:
    """Not in the `else` of the `if`."""
    node = call.parent
    while node is not None and node != if_call:
        if node.type == "else_block":
            return False
        node = node.parent
    return True
