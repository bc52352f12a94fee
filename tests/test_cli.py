"""The command line end to end, on the bundled example app."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cli import EXAMPLES, run
from .golden import tree


def test_dry_run_prints_diffs_and_writes_nothing(app: Path) -> None:
    before = tree(app)
    code, out, _ = run(["examples"])
    assert code == 0
    assert "+    create index(:orders, [:status], concurrently: true)" in out
    assert "dry run: nothing written" in out
    assert tree(app) == before


def test_each_guarded_event_of_the_example_gets_its_own_token(app: Path) -> None:
    """The checkout's "save" form and "place_order" button: one token each, never a shared one."""
    _, out, _ = run(["--select", "idempotent-events", "--no-color", "examples"])
    assert "+    socket = assign(socket, :save_idempotency_key, Ecto.UUID.generate())" in out
    assert "+    socket = assign(socket, :place_order_idempotency_key, Ecto.UUID.generate())" in out
    assert '+      <input type="hidden" name="save_idempotency_key" value={@save_idempotency_key} />' in out
    # The button is laid out one attribute per line, as HTMLFormatter would once it is too long.
    token = "phx-value-place_order_idempotency_key={@place_order_idempotency_key}"
    assert f'+      phx-click="place_order"\n+      {token}' in out
    assert '+  def handle_event("place_order", %{"place_order_idempotency_key" => key}, socket)' in out
    assert ":idempotency_key" not in out and '"idempotency_key"' not in out


def test_check_exits_1_when_there_is_something_to_fix(app: Path) -> None:
    code, _, _ = run(["--check", "examples"])
    assert code == 1


def test_check_fails_on_an_unanswered_placeholder_then_passes_once_it_is_filled(app: Path) -> None:
    assert run(["--write", "--all-migrations", "examples"])[0] == 0
    code, out, _ = run(["--check", "--no-color", "--all-migrations", "examples"])
    assert code == 1, out
    backfill = next(app.glob("shop/priv/repo/migrations/*_backfill_currency.exs"))
    rel = backfill.relative_to(app.parent).as_posix()
    assert f"{rel}:13: not-null: unanswered backfill value" in out
    assert "replace this raise with the currency value for existing orders rows" in out
    assert run(["--check", "examples"])[0] == 1, "a placeholder fails whatever the migration scope"
    text = backfill.read_text()
    placeholder = 'raise "mir-fix: replace this raise with the currency value for existing orders rows"'
    backfill.write_text(text.replace(placeholder, '"EUR"'))
    # The example keeps one finding no codemod fixes (the generator's broadcast of a whole struct).
    code, out, _ = run(["--check", "--all-migrations", "--ignore", "pubsub-payloads", "examples"])
    assert code == 0, out
    assert run(["--check", "--all-migrations", "examples"])[0] == 1


def test_write_then_every_file_parses_with_elixir(app: Path) -> None:
    from .oracles import elixir_rejects

    run(["--write", "--all-migrations", "examples"])
    assert elixir_rejects(sorted(app.rglob("*.ex*"))) == {}


def test_write_applies_and_reports_each_file(app: Path) -> None:
    code, out, _ = run(["--write", "--all-migrations", "examples"])
    assert code == 0
    migration = app / "shop/priv/repo/migrations/20240201110000_add_orders_status_index.exs"
    assert "concurrently: true" in migration.read_text()
    assert f"wrote {migration.relative_to(app.parent).as_posix()}" in out
    created = list(migration.parent.glob("*_concurrent_indexes.exs"))
    assert len(created) == 1
    assert "created " in out


def test_json_follows_the_schema(app: Path) -> None:
    code, out, _ = run(["--format", "json", "examples"])
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"changes", "findings", "errors"}
    assert document["changes"], "the example app has footguns"
    for change in document["changes"]:
        assert {"codemod", "status", "summary", "files"} <= set(change)
        assert change["status"] in {"ready", "needs-input", "blocked"}
        if change["status"] == "blocked":
            assert change["reason"]
        for file in change["files"]:
            assert set(file) == {"path", "action", "diff"}
            assert file["action"] in {"modify", "create"}
    for finding in document["findings"]:
        assert set(finding) == {"codemod", "path", "line", "message"}


def test_list_and_explain() -> None:
    code, out, _ = run(["--list"])
    assert code == 0 and out.startswith("index-concurrently")
    code, out, _ = run(["--explain", "index-concurrently"])
    assert code == 0
    assert "Fix safety" in out and "concurrently: true" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--select", "no-such-codemod", "."], "unknown codemod no-such-codemod"),
        (["--explain", "nope"], "unknown codemod or check nope"),
        (["does/not/exist"], "no such file or folder"),
        (["--config", "missing.toml", "."], "no such file"),
        (["--interactive", "."], "needs a terminal on stdin"),
        (["--branch", "fix", "--write", "."], "do not combine"),
        (["--allow-dirty", "."], "goes with --branch"),
        (["--branch", "fix", "."], "not inside a git repository"),
        (["--jobs", "-1", "."], "--jobs"),
    ],
)
def test_usage_errors_exit_2_with_a_sentence(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(args)
    assert code == 2
    assert message in err


def test_ignore_skips_a_codemod(app: Path) -> None:
    code, out, _ = run(
        ["--format", "json", "--ignore", "index-concurrently,not-null,streams,idempotent-events", "examples"]
    )
    assert code == 0
    assert json.loads(out)["changes"] == []


def test_jobs_gives_the_same_plan_as_one_process(app: Path) -> None:
    _, one, _ = run(["--format", "json", "examples"])
    _, two, _ = run(["--format", "json", "--jobs", "2", "examples"])
    assert json.loads(one) == json.loads(two)


def test_start_after_in_config_leaves_shipped_migrations_alone(app: Path) -> None:
    (app / ".mir-fix.toml").write_text('start_after = "20240205000000"\n')
    _, out, _ = run(["--format", "json", "examples"])
    paths = [c["path"] for c in json.loads(out)["changes"]]
    assert paths and not any("20240201110000" in p for p in paths)


MIGRATIONS = "examples/shop/priv/repo/migrations"
OLD = f"{MIGRATIONS}/20240201110000_add_orders_status_index.exs"


def new_migration(app: Path, version: str = "20240401000000") -> Path:
    path = app / f"shop/priv/repo/migrations/{version}_index_orders_region.exs"
    path.write_text(
        "defmodule Shop.Repo.Migrations.IndexOrdersRegion do\n  use Ecto.Migration\n\n"
        "  def change do\n    create index(:orders, [:region])\n  end\nend\n"
    )
    return path


def test_dry_run_shows_older_migrations_marked_shipped(app: Path) -> None:
    new_migration(app)
    _, out, _ = run(["--format", "json", "examples"])
    migrations = {c["path"]: c for c in json.loads(out)["changes"] if c["path"].startswith(MIGRATIONS)}
    newest = migrations.pop(f"{MIGRATIONS}/20240401000000_index_orders_region.exs")
    assert "shipped" not in newest and "assumed not yet deployed" in newest["note"]
    assert migrations and all(c["shipped"] and c["files"] for c in migrations.values())
    assert "older than 20240401000000_index_orders_region.exs" in migrations[OLD]["note"]
    _, text, _ = run(["--no-color", "examples"])
    assert "index-concurrently [ready, shipped] " + OLD in text
    assert "4 on shipped migrations (shown, not written)" in text
    assert "`mir-fix init`" in text and "--all-migrations" in text and "--since REF" in text


def test_write_leaves_shipped_migrations_alone_and_says_how_to_choose(app: Path) -> None:
    new = new_migration(app)
    before = tree(app)
    code, out, _ = run(["--write", "--no-color", "examples"])
    assert code == 0
    after = tree(app)
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert [p for p in changed if "/migrations/" in p] == [new.relative_to(app).as_posix()]
    assert any(p.startswith("shop/lib/") for p in changed), "LiveViews are not migrations"
    assert "so no mode writes them" in out and "mir-fix init" in out


def test_check_does_not_fail_on_shipped_migrations(app: Path) -> None:
    select = ["--select", "index-concurrently,not-null"]
    code, out, _ = run(["--check", *select, "examples"])
    assert code == 0, out
    assert run(["--check", *select, "--all-migrations", "examples"])[0] == 1
    new_migration(app)
    assert run(["--check", *select, "examples"])[0] == 1


def test_findings_in_shipped_migrations_are_marked_and_do_not_fail_check(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    (folder / "20240101000000_raw_index.exs").write_text(
        "defmodule M.Repo.Migrations.RawIndex do\n  use Ecto.Migration\n\n  def change do\n"
        "    execute \"UPDATE orders SET status = 'new' WHERE status IS NULL\"\n  end\nend\n"
    )
    (folder / "20240201000000_noop.exs").write_text(
        "defmodule M.Repo.Migrations.Noop do\n  use Ecto.Migration\n\n  def change do\n  end\nend\n"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["--check", "--format", "json", "."])
    assert code == 0
    (finding,) = json.loads(out)["findings"]
    assert finding["shipped"] is True and finding["check"] == "operation_update"
    assert run(["--check", "--all-migrations", "."])[0] == 1


def test_init_writes_start_after_then_only_newer_migrations_are_rewritten(app: Path) -> None:
    code, out, _ = run(["init", "examples"])
    assert code == 0, out
    config = app / ".mir-fix.toml"
    assert 'start_after = "20240315120000"' in config.read_text()
    assert "wrote examples/.mir-fix.toml" in out
    _, out, _ = run(["--format", "json", "examples"])
    assert not [c for c in json.loads(out)["changes"] if c["path"].startswith(MIGRATIONS)]
    new_migration(app)
    _, out, _ = run(["--format", "json", "examples"])
    migrations = [c for c in json.loads(out)["changes"] if c["path"].startswith(MIGRATIONS)]
    assert [c["path"] for c in migrations] == [f"{MIGRATIONS}/20240401000000_index_orders_region.exs"]
    assert "note" not in migrations[0] and "shipped" not in migrations[0]


def test_init_refuses_to_overwrite_and_to_guess(app: Path, tmp_path: Path) -> None:
    config = app / ".mir-fix.toml"
    config.write_text("pg_version = 15\n")
    code, _, err = run(["init", "examples"])
    assert code == 2 and "already exists" in err and "20240315120000" in err
    assert config.read_text() == "pg_version = 15\n"
    (tmp_path / "empty").mkdir()
    code, _, err = run(["init", str(tmp_path / "empty")])
    assert code == 2 and "found no migration" in err
    assert not (tmp_path / "empty" / ".mir-fix.toml").exists()


def test_a_folder_named_init_is_still_analysed(app: Path) -> None:
    shutil.move(app, app.parent / "init")
    code, out, _ = run(["--format", "json", "./init"])
    assert code == 0 and json.loads(out)["changes"]
    assert not (app.parent / "init" / ".mir-fix.toml").exists()


def test_start_after_from_excellent_migrations_config(app: Path) -> None:
    config = app / "shop/config/test.exs"
    config.write_text(config.read_text() + '\nconfig :excellent_migrations,\n  start_after: "20240205000000"\n')
    _, out, _ = run(["--format", "json", "examples"])
    paths = sorted(c["path"] for c in json.loads(out)["changes"] if c["path"].startswith(MIGRATIONS))
    assert paths == [
        f"{MIGRATIONS}/20240210120000_add_products_sku_index_and_archived_at.exs",
        f"{MIGRATIONS}/20240301090000_add_currency_to_orders.exs",
        f"{MIGRATIONS}/20240310100000_require_product_name.exs",
    ]
    (app / ".mir-fix.toml").write_text('start_after = "20240305000000"\n')  # mir-fix's own setting comes first
    _, out, _ = run(["--format", "json", "examples"])
    paths = sorted(c["path"] for c in json.loads(out)["changes"] if c["path"].startswith(MIGRATIONS))
    assert paths == [f"{MIGRATIONS}/20240310100000_require_product_name.exs"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def commit_all(app: Path) -> None:
    git(app, "init", "-q")
    git(app, "add", "-A")
    git(app, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init")


def test_since_rewrites_migrations_added_since_the_ref_not_ones_only_edited(app: Path) -> None:
    """A migration that existed at REF has shipped, however it was edited since; one added since has not."""
    commit_all(app)
    git(app, "tag", "base")
    new_migration(app, "20240101000000")  # older than others, but added since the ref: not shipped
    git(app, "add", "-A")
    git(app, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "add")
    untracked = new_migration(app, "20240102000000")
    untracked.write_text(untracked.read_text().replace("IndexOrdersRegion", "IndexOrdersRegionAgain"))
    old = app.parent / OLD
    before = old.read_text() + "# edited\n"  # existed at the ref, edited (committed or not) since: shipped
    old.write_text(before)
    _, out, _ = run(["--format", "json", "--since", "base", "examples"])
    changes = {c["path"]: c for c in json.loads(out)["changes"]}
    assert sorted(changes) == sorted(
        [
            OLD,
            f"{MIGRATIONS}/20240101000000_index_orders_region.exs",
            f"{MIGRATIONS}/20240102000000_index_orders_region.exs",
        ]
    )
    assert changes[OLD]["shipped"] is True and "existed at the --since ref" in changes[OLD]["note"]
    code, out, _ = run(["--write", "--since", "base", "examples"])
    assert code == 0, out
    for version in ("20240101000000", "20240102000000"):
        assert (
            "concurrently: true" in (app / f"shop/priv/repo/migrations/{version}_index_orders_region.exs").read_text()
        )
    assert old.read_text() == before
    assert run(["--check", "--since", "base", "examples"])[0] == 0


def test_start_after_wins_over_since(app: Path) -> None:
    """start_after says which migrations have run; a shipped one edited since the ref has still run."""
    (app / ".mir-fix.toml").write_text('start_after = "20240205000000"\n')
    commit_all(app)
    old = app.parent / OLD
    old.write_text(old.read_text() + "# edited\n")
    new_migration(app)
    _, out, _ = run(["--format", "json", "--since", "HEAD", "examples"])
    paths = [c["path"] for c in json.loads(out)["changes"]]
    assert paths == [f"{MIGRATIONS}/20240401000000_index_orders_region.exs"]


def test_since_limits_to_files_changed_since_a_ref(app: Path) -> None:
    commit_all(app)
    new_migration(app)
    _, out, _ = run(["--format", "json", "--since", "HEAD", "examples"])
    paths = [c["path"] for c in json.loads(out)["changes"]]
    assert paths == ["examples/shop/priv/repo/migrations/20240401000000_index_orders_region.exs"]


def test_console_script_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "mir_fix.cli", "--list"], capture_output=True, text=True, check=True)
    assert "index-concurrently" in result.stdout


def test_two_codemods_splitting_one_migration_take_distinct_versions(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    (folder / "20240501000000_add_kind_to_coupons.exs").write_text(
        "defmodule Shop.Repo.Migrations.AddKindToCoupons do\n  use Ecto.Migration\n\n  def change do\n"
        "    alter table(:coupons) do\n      add :kind, :string, null: false\n    end\n\n"
        "    create index(:coupons, [:kind])\n  end\nend\n"
    )
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(["--format", "json", "."])
    statuses = sorted(c["status"] for c in json.loads(out)["changes"])
    assert statuses == ["needs-input", "ready"]
    run(["--write", "."])
    versions = [p.name.split("_", 1)[0] for p in folder.iterdir()]
    assert len(versions) == len(set(versions)) == 5
    _, again, _ = run(["--format", "json", "."])
    assert json.loads(again)["changes"] == []


def test_the_readme_dry_run_example_is_what_mir_fix_prints(app: Path) -> None:
    """The README's first diff block, line numbers and summary included, is the tool's own output."""
    readme = (EXAMPLES.parent / "README.md").read_text()
    example = readme.split("```diff\n", 1)[1].split("```", 1)[0]
    _, out, _ = run(["--all-migrations", "--no-color", "examples/"])
    assert example in out
