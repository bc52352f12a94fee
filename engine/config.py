"""Options from `.mir-fix.toml` and the command line, merged once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .discover import anchor_pattern

CONFIG_NAME = ".mir-fix.toml"
DEFAULT_PG_VERSION = 14


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Options:
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    pg_version: int = DEFAULT_PG_VERSION
    start_after: str | None = None
    migrations_paths: tuple[str, ...] = ()
    codemod_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Files changed since a git ref (absolute paths); None: no restriction.
    only_paths: frozenset[str] | None = None
    # Of those, the files added since the ref, untracked ones included (absolute paths); None: no --since.
    # A migration changed since the ref but not added has shipped: edited, not new.
    added_paths: frozenset[str] | None = None
    # The user said every migration may be rewritten (`--all-migrations`: an app never deployed).
    all_migrations: bool = False
    config_path: str | None = None
    # Globs of files and folders to leave out (see discover.anchor_pattern): `exclude` in the config, `--exclude`.
    exclude: tuple[str, ...] = ()
    # Leave out what git ignores (.gitignore, .git/info/exclude).
    respect_gitignore: bool = True
    # Leave out excluded and ignored paths even when given on the command line (`--force-exclude`).
    force_exclude: bool = False
    # Check names (excellent_migrations' names) not to report or fix; None: excellent_migrations' own
    # `skip_checks` from the app's config, when it has one.
    skip_checks: frozenset[str] | None = None
    # Report `# mir-fix: ignore` comments that silenced nothing (`--report-unused-suppressions`).
    report_unused_suppressions: bool = False

    def enabled(self, codemod_id: str) -> bool:
        if self.select is not None and codemod_id not in self.select:
            return False
        return codemod_id not in self.ignore

    def for_codemod(self, codemod_id: str) -> dict[str, Any]:
        return self.codemod_options.get(codemod_id, {})


def find_config(start: Path) -> Path | None:
    """`.mir-fix.toml` in `start` or the nearest folder above it, not past a git root."""
    current = start if start.is_dir() else start.parent
    for folder in (current, *current.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def _id_list(value: Any, key: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of codemod ids")
    return frozenset(v.strip() for v in value)


def load_config(path: Path) -> Options:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: is not valid TOML: {exc}") from exc
    options = Options(config_path=str(path))
    known = {
        "select",
        "ignore",
        "pg_version",
        "start_after",
        "migrations_paths",
        "exclude",
        "codemods",
        "skip_checks",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known: {sorted(known)} "
            "(per-codemod options go in [codemods.<id>] tables)"
        )
    if "select" in data:
        options = replace(options, select=_id_list(data["select"], "select"))
    if "ignore" in data:
        options = replace(options, ignore=_id_list(data["ignore"], "ignore"))
    if "skip_checks" in data:
        checks = data["skip_checks"]
        if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
            raise ConfigError(f'{path}: `skip_checks` must be a list of check names such as ["raw_sql_executed"]')
        options = replace(options, skip_checks=frozenset(c.strip().lstrip(":").replace("-", "_") for c in checks))
    if "pg_version" in data:
        if not isinstance(data["pg_version"], int):
            raise ConfigError(f"{path}: `pg_version` must be a whole number such as 14")
        options = replace(options, pg_version=data["pg_version"])
    if "start_after" in data:
        value = str(data["start_after"])
        if not value.isdigit():
            raise ConfigError(f"{path}: `start_after` must be a migration timestamp such as 20240101000000")
        options = replace(options, start_after=value)
    if "migrations_paths" in data:
        paths = data["migrations_paths"]
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{path}: `migrations_paths` must be a list of folders")
        base = path.parent
        options = replace(options, migrations_paths=tuple(str((base / p).resolve()) for p in paths))
    if "exclude" in data:
        globs = data["exclude"]
        if not isinstance(globs, list) or not all(isinstance(g, str) and g.strip() for g in globs):
            raise ConfigError(f'{path}: `exclude` must be a list of globs such as ["priv/legacy/**", "*_old.exs"]')
        options = replace(options, exclude=tuple(anchor_pattern(g, path.parent) for g in globs))
    if "codemods" in data:
        table = data["codemods"]
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise ConfigError(f"{path}: `[codemods.<id>]` tables hold per-codemod options")
        _check_codemod_options(path, table)
        options = replace(options, codemod_options=table)
    return options


def known_codemod_options() -> dict[str, frozenset[str]]:
    """Each codemod's id and the option names its `[codemods.<id>]` table may hold (the codemods declare them)."""
    from mir_fix.codemods import CODEMODS  # here, not at the top: the codemods import this module

    return {c.id: frozenset(getattr(c, "config_options", ())) for c in CODEMODS}


def _check_codemod_options(path: Path, table: dict[str, dict[str, Any]]) -> None:
    known = known_codemod_options()
    unknown_ids = sorted(set(table) - set(known))
    if unknown_ids:
        raise ConfigError(
            f"{path}: unknown codemod(s) {', '.join(f'[codemods.{i}]' for i in unknown_ids)}; known: {sorted(known)}"
        )
    for codemod_id, values in table.items():
        unknown = sorted(set(values) - known[codemod_id])
        if unknown:
            takes = f"known: {sorted(known[codemod_id])}" if known[codemod_id] else "it takes no options"
            raise ConfigError(f"{path}: [codemods.{codemod_id}]: unknown option(s) {', '.join(unknown)}; {takes}")
