"""Command-line conventions shared with ruff and ast-grep (issue 13): pipes, flags, exit codes, file selection."""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
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


# 4. .gitignore, --exclude and the `exclude` setting


def changed(args: list[str]) -> list[str]:
    code, out, err = run(["--format", "json", "--all-migrations", *args])
    assert code == 0, err
    return sorted(c["path"] for c in json.loads(out)["changes"])


def project(root: Path, folders: list[str]) -> None:
    for folder in folders:
        write_migrations(root, 1, folder)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


MIG = "20240101000000_index_t0.exs"


def test_what_git_ignores_is_left_out(repo: Path) -> None:
    project(repo, ["priv/repo/migrations", "legacy/migrations", "tmp/build/migrations", "scratch"])
    (repo / ".gitignore").write_text("/legacy/\ntmp\n")
    (repo / ".git/info/exclude").write_text("scratch/*.exs\n")
    assert changed(["."]) == [f"priv/repo/migrations/{MIG}"]
    assert changed(["--no-respect-gitignore", "."]) == [
        f"legacy/migrations/{MIG}",
        f"priv/repo/migrations/{MIG}",
        f"scratch/{MIG}",
        f"tmp/build/migrations/{MIG}",
    ]


def test_an_ignored_file_in_a_folder_git_does_not_ignore_is_left_out_and_a_tracked_one_is_not(repo: Path) -> None:
    project(repo, ["priv/repo/migrations"])
    kept = repo / "priv/repo/migrations/20240101000001_index_kept.exs"
    kept.write_text(MIGRATION.format(name="Kept", table="kept"))
    (repo / ".gitignore").write_text("*_t0.exs\n*_kept.exs\n")
    subprocess.run(["git", "add", "-f", str(kept)], check=True)  # tracked: git does not ignore it
    assert changed(["."]) == ["priv/repo/migrations/20240101000001_index_kept.exs"]


def test_a_nested_repository_has_its_own_gitignore(repo: Path) -> None:
    project(repo, ["apps/billing/priv/repo/migrations", "apps/billing/old"])
    subprocess.run(["git", "init", "-q", str(repo / "apps/billing")], check=True)
    (repo / "apps/billing/.gitignore").write_text("old/\n")
    assert changed(["."]) == [f"apps/billing/priv/repo/migrations/{MIG}"]


def test_outside_a_git_work_tree_nothing_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, ["priv/repo/migrations"])
    (tmp_path / ".gitignore").write_text("priv/\n")  # not a repository: git's rules do not apply
    assert changed(["."]) == [f"priv/repo/migrations/{MIG}"]


def test_paths_given_explicitly_are_analysed_unless_force_exclude(repo: Path) -> None:
    project(repo, ["legacy", "priv/repo/migrations"])
    (repo / ".gitignore").write_text("legacy/\n")
    assert changed([f"legacy/{MIG}"]) == [f"legacy/{MIG}"]
    assert changed(["legacy"]) == [f"legacy/{MIG}"]
    assert changed(["--force-exclude", f"legacy/{MIG}", f"priv/repo/migrations/{MIG}"]) == [
        f"priv/repo/migrations/{MIG}"
    ]
    assert changed(["--exclude", "priv", f"priv/repo/migrations/{MIG}"]) == [f"priv/repo/migrations/{MIG}"]
    assert changed(["--force-exclude", "--exclude", "priv", f"priv/repo/migrations/{MIG}"]) == []


@pytest.mark.parametrize(
    "globs, left",
    [
        (["legacy"], ["a", "priv/repo/migrations"]),  # a name: that folder anywhere
        (["*_t0.exs"], []),  # a file name anywhere
        (["priv/repo/*"], ["a", "a/legacy"]),  # relative to the working directory; `*` stays in one folder
        (["a/*"], ["priv/repo/migrations"]),  # a folder that matches goes with everything in it
        (["a/*.exs"], ["a/legacy", "priv/repo/migrations"]),
        (["**/legacy/*.exs"], ["a", "priv/repo/migrations"]),
        (["a/legacy/", "./priv"], ["a"]),  # repeatable; a trailing / and a leading ./ are fine
    ],
)
def test_exclude_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, globs: list[str], left: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, ["a", "a/legacy", "priv/repo/migrations"])
    args = [arg for glob in globs for arg in ("--exclude", glob)]
    assert changed([*args, "."]) == [f"{folder}/{MIG}" for folder in left]


def test_exclude_in_the_config_is_relative_to_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "app"
    project(root, ["priv/repo/migrations", "priv/legacy", "lib/old"])
    (root / ".mir-fix.toml").write_text('exclude = ["priv/legacy", "old"]\n')
    monkeypatch.chdir(tmp_path)
    assert changed(["app"]) == [f"app/priv/repo/migrations/{MIG}"]
    assert changed(["--exclude", "migrations", "app"]) == []  # the flag adds to the setting


@pytest.mark.parametrize("value", ['"legacy"', "[1]", '[""]'])
def test_exclude_in_the_config_must_be_a_list_of_globs(tmp_path: Path, monkeypatch, value: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".mir-fix.toml").write_text(f"exclude = {value}\n")
    code, _, err = run(["."])
    assert code == 2
    assert "`exclude` must be a list of globs" in err


def test_an_empty_exclude_flag_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["--exclude", "", "."])
    assert code == 2 and "--exclude takes a glob" in err


# 5. --quiet, --statistics, --color


def summary_line(out: str) -> str:
    return next(line for line in out.splitlines() if "needing input" in line and "files scanned" in line)


def test_quiet_prints_only_the_summary(app: Path) -> None:
    _, full, _ = run(["--all-migrations", "examples"])
    assert "---" in full and len(full.splitlines()) > 20
    code, out, _ = run(["--quiet", "--all-migrations", "examples"])
    assert code == 0
    assert out.splitlines() == [summary_line(full)]
    code, out, _ = run(["-q", "--check", "examples"])
    assert code == 1
    assert len(out.splitlines()) == 1 and "on shipped migrations" in out


def test_quiet_write_says_how_many_files_it_wrote(app: Path) -> None:
    _, full, _ = run(["--all-migrations", "examples"])
    code, out, _ = run(["--write", "--quiet", "--all-migrations", "examples"])
    assert code == 0
    summary, written = out.splitlines()
    assert summary == summary_line(full)
    assert re.fullmatch(r"wrote [1-9]\d* file\(s\), created [1-9]\d*", written)
    assert next(app.glob("shop/priv/repo/migrations/*_concurrent_indexes.exs"))


def test_quiet_still_reports_errors_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.exs").write_text(MIGRATION.format(name="B", table="b").replace("do\n    create", "do\n  ("))
    code, out, err = run(["--quiet", "--check", "."])
    assert code == 1
    assert "error: broken.exs: " in err and "1 error(s)" in out


def test_statistics_counts_changes_and_findings_by_codemod_and_status(app: Path) -> None:
    _, document, _ = run(["--format", "json", "--all-migrations", "examples"])
    counts = Counter((c["codemod"], c["status"]) for c in json.loads(document)["changes"])
    counts.update((f["codemod"], "finding") for f in json.loads(document)["findings"])
    code, out, _ = run(["--statistics", "--all-migrations", "examples"])
    assert code == 0
    table, rest = out.split("\n\n", 1)
    rows = [line.split() for line in table.splitlines()]
    assert {(codemod, status): int(count) for count, codemod, status in rows} == counts
    assert [int(count) for count, _, _ in rows] == sorted((int(count) for count, _, _ in rows), reverse=True)
    assert rest.startswith(summary_line(out)) and "---" not in rest
    _, out, _ = run(["--statistics", "examples"])
    assert re.search(r"^\d+  index-concurrently  ready, shipped$", out, re.MULTILINE)


def test_statistics_in_json(app: Path) -> None:
    _, out, _ = run(["--statistics", "--format", "json", "examples"])
    document = json.loads(out)
    counts = Counter((c["codemod"], c["status"], c.get("shipped", False)) for c in document["changes"])
    counts.update((f["codemod"], "finding", f.get("shipped", False)) for f in document["findings"])
    assert counts[("index-concurrently", "ready", True)] > 0
    assert {(r["codemod"], r["status"], r["shipped"]): r["count"] for r in document["statistics"]} == counts
    _, out, _ = run(["--format", "json", "examples"])
    assert "statistics" not in json.loads(out)
    code, _, err = run(["--statistics", "--format", "sarif", "examples"])
    assert code == 2 and "--statistics goes with --format text or json" in err


def test_statistics_counts_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    (folder / "20240101000000_raw.exs").write_text(
        "defmodule M.Raw do\n  use Ecto.Migration\n\n  def change do\n"
        "    execute \"UPDATE orders SET status = 'new' WHERE status IS NULL\"\n  end\nend\n"
    )
    _, out, _ = run(["--statistics", "--format", "json", "."])
    assert json.loads(out)["statistics"] == [
        {"codemod": "migration-hazards", "status": "finding", "shipped": False, "count": 1}
    ]


@pytest.mark.parametrize(
    "args, env, colored",
    [
        ([], {}, False),  # auto: the output is not a terminal
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the flag wins over the environment
        (["--color", "never"], {}, False),
        (["--color", "always", "--no-color"], {}, False),  # the last one counts
        (["--no-color", "--color", "always"], {}, True),
        (["--color", "auto"], {}, False),
    ],
)
def test_color(app: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str], colored: bool) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _, out, _ = run([*args, "examples"])
    assert ("\033[" in out) is colored


def test_color_auto_on_a_terminal_unless_no_color(app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mir_fix.cli import use_color

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto") and not use_color("never")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto") and use_color("always")


def test_color_takes_only_its_three_values() -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["--color", "sometimes", "."])
    assert exit_.value.code == 2


# 6. - for stdin, with --stdin-filename


def run_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, args: list[str]) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return run(args)


NEW = MIGRATION.format(name="IndexNew", table="new").encode()


def test_stdin_is_analysed_in_the_project_of_its_filename_and_nothing_is_written(
    app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = app / "shop/priv/repo/migrations"
    before = {p: p.read_bytes() for p in app.rglob("*") if p.is_file()}
    # A migration newer than every one in its folder: the one being written, so it is rewritten.
    name = "examples/shop/priv/repo/migrations/20990101000000_index_new.exs"
    code, out, _ = run_stdin(monkeypatch, NEW, ["--format", "json", "--stdin-filename", name, "-"])
    assert code == 0
    [change] = json.loads(out)["changes"]
    assert change["path"] == name and change["status"] == "ready" and "shipped" not in change
    assert "+    create index(:new, [:status], concurrently: true)" in change["files"][0]["diff"]
    # Older than the folder's newest: its context says it may have shipped.
    old = next(folder.glob("20240201110000_*.exs"))
    _, out, _ = run_stdin(monkeypatch, NEW, ["--format", "json", "--stdin-filename", str(old), "-"])
    [change] = json.loads(out)["changes"]
    assert change["shipped"] is True and "older than" in change["note"]
    assert {p: p.read_bytes() for p in app.rglob("*") if p.is_file()} == before


def test_stdin_text_is_what_is_analysed_not_the_file_on_disk(app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = "examples/shop/priv/repo/migrations/20240201110000_add_orders_status_index.exs"
    fixed = b"defmodule M do\n  use Ecto.Migration\n\n  def change do\n    :ok\n  end\nend\n"
    args = ["--check", "--all-migrations", "--stdin-filename", name, "-"]
    code, out, _ = run_stdin(monkeypatch, fixed, args)
    assert code == 0, out
    assert "0 ready, 0 needing input, 0 blocked; 0 finding(s); 0 error(s); 1 files scanned" in out
    code, out, _ = run_stdin(monkeypatch, (app.parent / name).read_bytes(), args)
    assert code == 1
    assert f"--- a/{name}\n+++ b/{name}\n" in out


def test_stdin_takes_the_config_of_its_filename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "app"
    write_migrations(root, 2)
    (root / ".mir-fix.toml").write_text('start_after = "20240101000000"\n')  # 0000 has run, 0001 has not
    monkeypatch.chdir(tmp_path)
    args = ["--format", "json", "--stdin-filename"]
    _, out, _ = run_stdin(monkeypatch, NEW, [*args, "app/priv/repo/migrations/20240101000000_index_t0.exs", "-"])
    assert json.loads(out)["changes"] == []  # left alone: start_after says it ran
    _, out, _ = run_stdin(monkeypatch, NEW, [*args, "app/priv/repo/migrations/20240101000001_index_t1.exs", "-"])
    assert len(json.loads(out)["changes"]) == 1


def test_stdin_broken_code_fails_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    broken = NEW.replace(b"do\n    create", b"do\n    create(")
    code, _, err = run_stdin(monkeypatch, broken, ["--check", "--stdin-filename", "priv/x/20240101000000_a.exs", "-"])
    assert code == 1 and "error: priv/x/20240101000000_a.exs: " in err


def test_stdin_with_force_exclude_skips_an_excluded_filename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["--format", "json", "--stdin-filename", "legacy/20240101000000_a.exs", "--exclude", "legacy"]
    _, out, _ = run_stdin(monkeypatch, NEW, [*args, "-"])
    assert len(json.loads(out)["changes"]) == 1  # given explicitly
    _, out, _ = run_stdin(monkeypatch, NEW, [*args, "--force-exclude", "-"])
    assert json.loads(out)["changes"] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["-"], "give --stdin-filename PATH"),
        (["-", "lib"], "give no other PATH"),
        (["--stdin-filename", "a.exs", "lib"], "give no other PATH"),
        (["--write", "--stdin-filename", "a.exs", "-"], "dry run only"),
        (["--since", "HEAD", "--stdin-filename", "a.exs", "-"], "dry run only"),
        (["--stdin-filename", "a.heex", "-"], "give an .ex or .exs file"),
    ],
)
def test_stdin_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib").mkdir()
    code, _, err = run_stdin(monkeypatch, NEW, args)
    assert code == 2 and message in err
    assert list(tmp_path.rglob("*")) == [tmp_path / "lib"]


def test_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mir_fix.cli", "--stdin-filename", "priv/repo/migrations/20240101000000_a.exs", "-"],
        input=NEW, cwd=tmp_path, capture_output=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"+    create index(:new, [:status], concurrently: true)" in result.stdout
    assert list(tmp_path.iterdir()) == []


# 7. Paths said once, diff headers of absolute paths, what --write --format json wrote

VOLATILE_DEFAULT = (
    "defmodule M.AddCode do\n  use Ecto.Migration\n\n  def change do\n    alter table(:orders) do\n"
    '      add :code, :string, null: false, default: fragment("gen()")\n    end\n  end\nend\n'
)


def test_a_blocked_reason_does_not_repeat_the_location_of_its_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_migrations(tmp_path, 0)
    rel = "priv/repo/migrations/20240101000000_add_code.exs"
    (tmp_path / rel).write_text(VOLATILE_DEFAULT)
    _, out, _ = run(["--format", "json", "."])
    [change] = json.loads(out)["changes"]
    assert change["status"] == "blocked" and change["path"] == rel
    assert change["reason"].startswith("cannot tell whether the default")
    for args in (["--no-color"], ["--format", "github"], ["--format", "sarif"]):
        _, out, _ = run([*args, "."])
        assert f"{rel}:{change['line']}: cannot" not in out and "cannot tell whether the default" in out, args


def test_diff_headers_of_files_outside_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [path] = write_migrations(tmp_path / "app", 1)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    _, out, _ = run(["--no-color", str(tmp_path / "app")])
    name = str(path).lstrip("/")
    assert f"\n--- a/{name}\n+++ b/{name}\n" in out
    assert "a//" not in out and "b//" not in out


def test_write_in_json_lists_the_files_written_and_created(app: Path) -> None:
    code, out, _ = run(["--write", "--format", "json", "--all-migrations", "examples"])
    assert code == 0
    document = json.loads(out)
    modified = {f["path"] for c in document["changes"] if c["status"] != "blocked" for f in c["files"]
                if f["action"] == "modify"}  # fmt: skip
    created = {f["path"] for c in document["changes"] for f in c["files"] if f["action"] == "create"}
    assert set(document["written"]) == modified and set(document["created"]) == created and created
    assert all((app.parent / path).is_file() for path in document["created"])
    _, out, _ = run(["--format", "json", "examples"])
    assert "written" not in json.loads(out), "a dry run writes nothing and says nothing of it"


# The pre-commit hook: the staged files it is given, each analysed in its project


def hook_definition() -> dict[str, str]:
    """The keys of the one hook in .pre-commit-hooks.yaml (flat `key: value` lines; no YAML library needed)."""
    text = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook: dict[str, str] = {}
    for line in text.splitlines():
        match = re.fullmatch(r"(?:- |  )(\w+): (.*)", line)
        if match:
            hook[match.group(1)] = match.group(2).strip()
    return hook


def run_hook(root: Path, staged: list[str]) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs for `staged`: the files `files:` matches, appended to `entry` and `args`."""
    hook = hook_definition()
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mir-fix"
    args = shlex.split(hook.get("args", "[]").strip("[]").replace(",", " "))
    files = [name for name in staged if re.search(hook["files"], name)]
    return subprocess.run(
        [sys.executable, "-m", "mir_fix.cli", *entry[1:], *args, *files],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def shop_repo(tmp_path: Path) -> Path:
    from .cli import EXAMPLES

    root = tmp_path / "shop"
    shutil.copytree(EXAMPLES / "shop", root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "shop"], cwd=root, check=True
    )
    return root


def test_the_hook_passes_the_staged_files_and_runs_only_on_elixir_and_heex() -> None:
    hook = hook_definition()
    assert hook["id"] == "mir-fix"
    assert hook.get("pass_filenames", "true") == "true"
    assert hook["files"] == r"\.(ex|exs|heex)$"
    assert "--check" in hook["entry"] and "--force-exclude" in hook["entry"]
    assert [n for n in ("a.ex", "b.exs", "c.html.heex", "README.md", "x.exs.orig") if re.search(hook["files"], n)] == [
        "a.ex",
        "b.exs",
        "c.html.heex",
    ]


def test_the_hook_checks_the_staged_files_in_their_project_not_the_whole_tree(shop_repo: Path) -> None:
    whole = subprocess.run(
        [sys.executable, "-m", "mir_fix.cli", "--check", "."], cwd=shop_repo, capture_output=True, text=True
    )
    assert whole.returncode == 1  # the tree has footguns the staged files below do not touch
    # A new migration (the newest: not shipped) and an edit to a LiveView whose list assign should be a stream:
    # the hook fails on them, and says nothing about the migrations and modules that were not staged.
    new = "priv/repo/migrations/20240401000000_index_orders_customer.exs"
    (shop_repo / new).write_text(
        "defmodule Shop.Repo.Migrations.IndexOrdersCustomer do\n  use Ecto.Migration\n\n"
        "  def change do\n    create index(:orders, [:customer_id])\n  end\nend\n"
    )
    live = "lib/shop_web/live/order_live/index.ex"
    result = run_hook(shop_repo, [new, live])
    assert result.returncode == 1, result.stdout + result.stderr
    assert new in result.stdout and "index.html.heex" in result.stdout  # the template read through its module
    assert "20240201110000" not in result.stdout and "product_live" not in result.stdout
    assert "2 files scanned" in result.stdout


def test_the_hook_passes_an_unrelated_staged_file(shop_repo: Path) -> None:
    router = shop_repo / "lib/shop_web/router.ex"
    router.write_text(router.read_text() + "# a comment\n")
    (shop_repo / "README.md").write_text("edited\n")
    result = run_hook(shop_repo, ["lib/shop_web/router.ex", "lib/shop/repo.ex", "README.md"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 ready" in result.stdout and "2 files scanned" in result.stdout
    # An old migration edited in the commit is shown as shipped, never written, and does not fail the commit.
    old = "priv/repo/migrations/20240201110000_add_orders_status_index.exs"
    assert run_hook(shop_repo, [old]).returncode == 0


def test_the_hook_leaves_out_what_the_config_excludes(shop_repo: Path) -> None:
    (shop_repo / ".mir-fix.toml").write_text('exclude = ["lib/shop_web/live"]\n')
    result = run_hook(shop_repo, ["lib/shop_web/live/order_live/index.ex"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 files scanned" in result.stdout
