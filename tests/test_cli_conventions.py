"""Command-line conventions shared with ruff and ast-grep (issue 13): pipes, flags, exit codes, file selection."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .cli import run

MIGRATION = (
    "defmodule Shop.Repo.Migrations.{name} do\n  use Ecto.Migration\n\n"
    "  def change do\n    create index(:{table}, [:status])\n  end\nend\n"
)


def write_migrations(root: Path, count: int, folder: str = "priv/repo/migrations") -> list[Path]:
    target = root / folder
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = target / f"2024010100{i:04d}_index_t{i}.exs"
        path.write_text(MIGRATION.format(name=f"IndexT{i}", table=f"t{i}"))
        paths.append(path)
    return paths


def mir_fix(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mir_fix.cli", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


# 1. A closed pipe


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--list"], 0),  # small output: the closed pipe shows when it is flushed at the end
        (["--check", "--all-migrations", "."], 1),  # large output: it shows halfway; the gate still fails
        (["--all-migrations", "."], 0),
    ],
)
def test_a_closed_pipe_ends_quietly_with_the_usual_exit_code(tmp_path: Path, args: list[str], expected: int) -> None:
    write_migrations(tmp_path, 150)  # ~100 KB of diffs, more than a pipe holds
    process = mir_fix(args, tmp_path)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head -0`: the reader is gone before mir-fix writes
    err = process.stderr.read()
    assert process.wait(timeout=120) == expected, err
    assert err == ""


def test_head_takes_the_first_line_and_mir_fix_says_nothing_more(tmp_path: Path) -> None:
    write_migrations(tmp_path, 150)
    result = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m mir_fix.cli --check --all-migrations . | head -1; '
         'echo "status ${PIPESTATUS[0]}" >&2'],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.startswith("index-concurrently [ready] ") and result.stdout.count("\n") == 1
    assert result.stderr == "status 1\n"


# 2. No abbreviated flags


@pytest.mark.parametrize(
    "args", [["--w", "."], ["--wr", "."], ["--all", "."], ["--sel", "not-null", "."], ["init", "--he"]]
)
def test_abbreviated_flags_are_refused(app: Path, args: list[str]) -> None:
    before = {p: p.read_bytes() for p in app.rglob("*") if p.is_file()}
    with pytest.raises(SystemExit) as exit_:
        run(args)
    assert exit_.value.code == 2
    assert {p: p.read_bytes() for p in app.rglob("*") if p.is_file()} == before


def test_an_abbreviated_flag_is_an_error_naming_it(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mir_fix.cli", "--w", "."], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "unrecognized arguments: --w" in result.stderr


# 3. --check fails on a file it could not analyse


@pytest.mark.parametrize(
    "content",
    [
        MIGRATION.format(name="Broken", table="a").replace("do\n    create", "do\n    create("),
        MIGRATION.format(name="Latin", table="b").encode() + "# café\n".encode("latin-1"),
    ],
    ids=["syntax-error", "not-utf8"],
)
def test_check_fails_on_a_migration_it_cannot_parse_or_decode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    path = folder / "20240101000000_broken.exs"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    code, out, err = run(["--check", "--format", "json", "."])
    assert code == 1, err
    document = json.loads(out)
    assert document["changes"] == [] and document["findings"] == []
    assert [e["path"] for e in document["errors"]] == ["priv/repo/migrations/20240101000000_broken.exs"]
    # Without --check, a broken file alone still does not change the exit code.
    assert run(["."])[0] == 0


def test_check_passes_when_every_file_parses_and_nothing_is_found(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib/a.ex").write_text("defmodule A do\n  def a, do: 1\nend\n")
    assert run(["--check", "."])[0] == 0


def test_check_exits_2_not_1_when_a_file_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    locked, _ = write_migrations(tmp_path, 2)
    real_open = open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:  # root reads any file, so refuse this one here
        if str(file) == str(locked.resolve()):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    code, _, err = run(["--check", "--all-migrations", "."])
    assert code == 2
    assert "cannot be read: Permission denied" in err
