"""The app facts the migration codemods ask for: each parser on small trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from mir_fix.codemods._migration import migration_modules
from mir_fix.codemods._repo_facts import Database, migration_database
from mir_fix.engine.codemod import Workspace

MIGRATION = "defmodule {name} do\n  use Ecto.Migration\n\n  def change do\n  end\nend\n"


def write(root: Path, files: dict[str, str]) -> None:
    (root / ".git").mkdir()
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def repo(name: str, adapter: str) -> str:
    return f"defmodule {name} do\n  use Ecto.Repo, otp_app: :shop, adapter: {adapter}\nend\n"


MIX = "defmodule Shop.MixProject do\n  use Mix.Project\n  defp deps, do: [{deps}]\nend\n"


@pytest.mark.parametrize(
    "files, migration, name, expected",
    [
        # no evidence at all: PostgreSQL assumed (today's behaviour)
        ({}, "priv/repo/migrations/1_a.exs", "Shop.Repo.Migrations.A", Database.POSTGRES),
        ({"mix.exs": MIX.format(deps="")}, "priv/repo/migrations/1_a.exs", "Shop.Repo.Migrations.A", Database.POSTGRES),
        (
            {"mix.exs": MIX.format(deps='{:ecto_sqlite3, ">= 0.0.0"}')},
            "priv/repo/migrations/1_a.exs",
            "Shop.Repo.Migrations.A",
            Database.OTHER,
        ),
        (
            {"mix.exs": MIX.format(deps='{:postgrex, ">= 0.0.0"}, {:myxql, ">= 0.0.0"}')},
            "priv/repo/migrations/1_a.exs",
            "Shop.Repo.Migrations.A",
            Database.UNSURE,
        ),
        (
            {"mix.exs": MIX.format(deps=""), "lib/repo.ex": repo("Shop.Repo", "Ecto.Adapters.Tds")},
            "priv/repo/migrations/1_a.exs",
            "Shop.Repo.Migrations.A",
            Database.OTHER,
        ),
        (
            {
                "mix.exs": MIX.format(deps=""),
                "lib/repo.ex": repo("Shop.Repo", "Ecto.Adapters.Postgres"),
                "lib/lite.ex": repo("Shop.LiteRepo", "Ecto.Adapters.SQLite3"),
            },
            "priv/lite_repo/migrations/1_a.exs",
            "Shop.Migrations.A",  # tied to Shop.LiteRepo by its folder
            Database.OTHER,
        ),
        (
            {
                "mix.exs": MIX.format(deps=""),
                "lib/repo.ex": repo("Shop.Repo", "Ecto.Adapters.Postgres"),
                "lib/lite.ex": repo("Shop.LiteRepo", "Ecto.Adapters.SQLite3"),
            },
            "priv/repo/migrations/1_a.exs",
            "Shop.Migrations.A",
            Database.POSTGRES,
        ),
        (
            {"mix.exs": MIX.format(deps=""), "lib/repo.ex": repo("Shop.Repo", "MyAdapter")},
            "priv/repo/migrations/1_a.exs",
            "Shop.Repo.Migrations.A",
            Database.UNSURE,
        ),
        # an umbrella: the repo lives in another app
        (
            {
                "mix.exs": MIX.format(deps=""),
                "apps/db/mix.exs": MIX.format(deps=""),
                "apps/db/lib/repo.ex": repo("Db.Repo", "Ecto.Adapters.SQLite3"),
                "apps/web/mix.exs": MIX.format(deps=""),
            },
            "apps/web/priv/repo/migrations/1_a.exs",
            "Web.Migrations.A",
            Database.OTHER,
        ),
    ],
)
def test_migration_database(
    tmp_path: Path, files: dict[str, str], migration: str, name: str, expected: Database
) -> None:
    write(tmp_path, {**files, migration: MIGRATION.format(name=name)})
    workspace = Workspace(tmp_path)
    source = workspace.parse(tmp_path / migration)
    assert source is not None
    (module,) = migration_modules(source)
    assert migration_database(source, module.name, workspace).database is expected


@pytest.mark.parametrize(
    "configs, needs_lock",
    [
        ({}, True),
        ({"config.exs": "config :shop, Shop.Repo, migration_lock: nil\n"}, False),
        ({"config.exs": "config :shop, Shop.Repo, [migration_lock: false]\n"}, False),
        ({"config.exs": "config :shop, Shop.Repo, migration_lock: :pg_advisory_lock\n"}, False),
        ({"config.exs": "config :shop, Shop.Repo, migration_lock: :table_lock\n"}, True),
        ({"config.exs": "config :shop, Other.Repo, migration_lock: nil\n"}, True),
        ({"config.exs": "config :shop, Shop.Repo, migration_lock: lock()\n"}, True),
        # prod.exs counts only when config.exs imports it; dev and test keep the table lock
        (
            {
                "config.exs": 'import_config "#{config_env()}.exs"\n',
                "prod.exs": "config :shop, Shop.Repo, migration_lock: :pg_advisory_lock\n",
            },
            True,
        ),
        (
            {
                "config.exs": 'config :shop, Shop.Repo, migration_lock: nil\nimport_config "#{config_env()}.exs"\n',
                "prod.exs": "config :shop, Shop.Repo, migration_lock: :table_lock\n",
            },
            True,
        ),
        (
            {
                "config.exs": "config :shop, Shop.Repo, migration_lock: :pg_advisory_lock\n",
                "runtime.exs": (
                    "if config_env() == :prod do\n  config :shop, Shop.Repo, migration_lock: :table_lock\nend\n"
                ),
            },
            True,
        ),
        (
            {
                "config.exs": "config :shop, Shop.Repo, migration_lock: :table_lock\n",
                "runtime.exs": "config :shop, Shop.Repo, migration_lock: :pg_advisory_lock\n",
            },
            False,
        ),
        (
            {
                "config.exs": "config :shop, Shop.Repo, migration_lock: :pg_advisory_lock\n",
                "runtime.exs": 'if System.get_env("X") do\n  config :shop, Shop.Repo, migration_lock: nil\nend\n',
            },
            True,
        ),
    ],
)
def test_migration_locks(tmp_path: Path, configs: dict[str, str], needs_lock: bool) -> None:
    from mir_fix.codemods._lock_facts import migration_locks

    migration = "priv/repo/migrations/1_a.exs"
    files = {f"config/{name}": "import Config\n\n" + text for name, text in configs.items()}
    write(tmp_path, {**files, migration: MIGRATION.format(name="Shop.Repo.Migrations.A")})
    workspace = Workspace(tmp_path)
    source = workspace.parse(tmp_path / migration)
    assert source is not None
    assert migration_locks(source, "Shop.Repo", workspace).needs_lock_attribute is needs_lock
