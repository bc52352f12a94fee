"""Bad input gets a clear error and nothing is lost (SPEC 5)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from .cli import run as run_cli

MIGRATION = (
    "defmodule Shop.Repo.Migrations.{name} do\n  use Ecto.Migration\n\n"
    "  def change do\n    create index(:{table}, [:status])\n  end\nend\n"
)


def migration(name: str, table: str) -> str:
    return MIGRATION.format(name=name, table=table)


@pytest.fixture
def messy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "app"
    folder = root / "priv/repo/migrations"
    folder.mkdir(parents=True)
    (folder / "20240101000000_broken.exs").write_text(
        migration("Broken", "a").replace("do\n    create", "do\n    create(")
    )
    (folder / "20240101000001_latin1.exs").write_bytes(migration("Latin", "b").encode() + "# café\n".encode("latin-1"))
    (folder / "20240101000002_empty.exs").write_bytes(b"")
    (folder / "20240101000003_crlf.exs").write_bytes(migration("Crlf", "c").replace("\n", "\r\n").encode())
    (folder / "20240101000004_bom.exs").write_bytes(b"\xef\xbb\xbf" + migration("Bom", "d").encode())
    (folder / "20240101000005_locked.exs").write_text(migration("Locked", "e"))
    (folder / "20240101000006_tabs.exs").write_text(migration("Tabs", "f").replace("    create", "\t\tcreate"))
    (root / "lib").mkdir()
    os.symlink(root, root / "lib" / "loop")  # a folder loop
    os.symlink(root / "lib" / "b.ex", root / "lib" / "a.ex")  # a file loop
    os.symlink(root / "lib" / "a.ex", root / "lib" / "b.ex")
    outside = tmp_path / "outside.exs"
    outside.write_text(migration("Outside", "g"))
    os.symlink(outside, folder / "20240101000007_outside.exs")  # points out of the project
    os.symlink(folder / "20240101000003_crlf.exs", root / "lib" / "inside_link.exs")

    real_open = open

    def unreadable(file: Any, *args: Any, **kwargs: Any) -> Any:  # root reads any file, so refuse this one here
        if str(file).endswith("_locked.exs"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", unreadable)
    monkeypatch.setattr(Path, "read_bytes", lambda self: unreadable(self, "rb").read())
    monkeypatch.chdir(root)
    return root


def run(args: list[str]) -> tuple[int, dict[str, Any]]:
    code, out, _ = run_cli([*args, "--format", "json"])
    return code, json.loads(out)


def snapshot(root: Path) -> dict[str, bytes]:
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if not path.is_symlink() and not name.endswith("_locked.exs"):
                files[str(path.relative_to(root))] = path.read_bytes()
    return files


def test_each_bad_file_is_reported_and_the_unreadable_one_exits_2(messy: Path) -> None:
    code, document = run(["."])
    assert code == 2
    errors = {e["path"].rsplit("/", 1)[-1]: e["message"] for e in document["errors"]}
    assert "does not parse" in errors["20240101000000_broken.exs"]
    assert "not valid UTF-8" in errors["20240101000001_latin1.exs"]
    assert "cannot be read" in errors["20240101000005_locked.exs"]
    assert set(errors) == {
        "20240101000000_broken.exs",
        "20240101000001_latin1.exs",
        "20240101000005_locked.exs",
    }
    changed = sorted(c["path"].rsplit("/", 1)[-1] for c in document["changes"])
    assert changed == ["20240101000003_crlf.exs", "20240101000004_bom.exs", "20240101000006_tabs.exs"]


def test_write_changes_only_what_it_means_to_and_keeps_bom_and_crlf(messy: Path, tmp_path: Path) -> None:
    before = snapshot(messy)
    outside = (tmp_path / "outside.exs").read_bytes()
    code, _ = run(["--write", "--all-migrations", "."])
    assert code == 2
    after = snapshot(messy)
    folder = "priv/repo/migrations/"
    changed = sorted(k for k in after if before.get(k) != after[k])
    assert changed == [
        folder + "20240101000003_crlf.exs",
        folder + "20240101000004_bom.exs",
        folder + "20240101000006_tabs.exs",
    ]
    crlf = after[folder + "20240101000003_crlf.exs"]
    assert b"concurrently: true" in crlf and crlf.count(b"\n") == crlf.count(b"\r\n")
    bom = after[folder + "20240101000004_bom.exs"]
    assert bom.startswith(b"\xef\xbb\xbf") and bom.count(b"\xef\xbb\xbf") == 1
    assert (tmp_path / "outside.exs").read_bytes() == outside
    assert (messy / folder / "20240101000007_outside.exs").is_symlink()


def test_a_second_write_proposes_nothing(messy: Path) -> None:
    run(["--write", "--all-migrations", "."])
    _, document = run(["--all-migrations", "."])
    assert [c for c in document["changes"] if c["status"] != "blocked"] == []
