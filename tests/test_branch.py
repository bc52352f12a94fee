"""--branch on real git repositories in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .cli import EXAMPLES, run


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {
        "GIT_AUTHOR_NAME": "Dev",
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "Dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
    }.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLES / "shop", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "initial")
    monkeypatch.chdir(root)
    return root


def files_at(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_branch_commits_once_per_codemod_with_the_contract_apart(repo: Path) -> None:
    main_head = git(repo, "rev-parse", "main")
    code, out, err = run(["--branch", "mir-fix/safety", "--all-migrations", "."])
    assert code == 0, err
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "mir-fix/safety"
    assert git(repo, "rev-parse", "main") == main_head
    assert git(repo, "status", "--porcelain") == ""
    subjects = git(repo, "log", "--format=%s", "main..mir-fix/safety").splitlines()
    assert subjects == [
        "mir-fix: idempotent-events: Guard writing handle_event clauses against double submits",
        "mir-fix: streams: Keep LiveView collections in streams, not in every process's assigns",
        "mir-fix: not-null (contract): enforce the constraints of the previous commit",
        "mir-fix: not-null: Add NOT NULL by expand, batched backfill and contract",
        "mir-fix: index-concurrently: Build and drop indexes concurrently so writes keep flowing",
    ]
    contract = git(repo, "show", "--stat", "--format=%B", "HEAD~2")
    assert "Ship this commit in a later deploy" in contract
    assert "_validate_" in contract and "_backfill_" not in contract.split("Files:")[1]
    assert "Needs input" in git(repo, "show", "--format=%B", "--no-patch", "HEAD~3")
    assert "5 commit(s)" in out


def test_branch_commits_nothing_for_shipped_migrations(repo: Path) -> None:
    code, out, err = run(["--branch", "mir-fix/safety", "."])
    assert code == 0, err
    changed = git(repo, "diff", "--name-only", "main..mir-fix/safety").splitlines()
    assert changed and not [p for p in changed if "/migrations/" in p]
    assert "so no mode writes them" in out and "mir-fix init" in out


def test_dirty_work_tree_is_refused_and_nothing_changes(repo: Path) -> None:
    migration = repo / "priv/repo/migrations/20240201110000_add_orders_status_index.exs"
    migration.write_text(migration.read_text() + "# local edit\n")
    before = files_at(repo)
    code, _, err = run(["--branch", "mir-fix/safety", "--all-migrations", "."])
    assert code == 2
    assert "uncommitted changes" in err and "--allow-dirty" in err
    assert files_at(repo) == before
    assert "mir-fix/safety" not in git(repo, "branch")


def test_untracked_file_inside_the_paths_counts_as_dirty(repo: Path) -> None:
    (repo / "lib/scratch.ex").write_text("defmodule Scratch do\nend\n")
    code, _, err = run(["--branch", "mir-fix/safety", "--all-migrations", "."])
    assert code == 2 and "lib/scratch.ex" in err


def test_allow_dirty_leaves_dirty_files_alone(repo: Path) -> None:
    migration = repo / "priv/repo/migrations/20240201110000_add_orders_status_index.exs"
    edited = migration.read_text() + "# local edit\n"
    migration.write_text(edited)
    code, out, _ = run(["--branch", "mir-fix/safety", "--allow-dirty", "--all-migrations", "."])
    assert code == 0
    assert migration.read_text() == edited
    assert "left alone" in out
    assert (
        git(repo, "status", "--porcelain").strip()
        == "M priv/repo/migrations/20240201110000_add_orders_status_index.exs"
    )


def test_an_existing_branch_name_is_refused(repo: Path) -> None:
    git(repo, "branch", "taken")
    code, _, err = run(["--branch", "taken", "."])
    assert code == 2 and "already exists" in err


def test_a_failure_rolls_back_to_the_original_branch(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mir_fix.branch

    calls = []
    real = mir_fix.branch.commit_message

    def fail_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(mir_fix.branch, "commit_message", fail_on_second)
    before = files_at(repo)
    code, _, err = run(["--branch", "mir-fix/safety", "--all-migrations", "."])
    assert code == 2 and "rolled back" in err and "disk full" in err
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert "mir-fix/safety" not in git(repo, "branch")
    assert git(repo, "status", "--porcelain") == ""
    assert files_at(repo) == before


def test_nothing_to_commit_creates_no_branch(repo: Path) -> None:
    assert run(["--branch", "mir-fix/first", "--all-migrations", "."])[0] == 0
    head = git(repo, "rev-parse", "HEAD")
    code, out, err = run(["--branch", "mir-fix/second", "--all-migrations", "."])
    assert code == 0, err
    assert "nothing to do" in out and "no branch was created" in out
    assert "mir-fix/second" not in git(repo, "branch")
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "mir-fix/first"
    assert git(repo, "rev-parse", "HEAD") == head and git(repo, "status", "--porcelain") == ""


def test_ctrl_c_at_random_points_of_a_branch_run_leaves_the_repository_as_it_was(tmp_path: Path) -> None:
    """A real SIGINT to mir-fix's whole process group, as a terminal's Ctrl-C sends it, git children too."""
    import os
    import random
    import signal
    import sys
    import time

    from .test_interrupt import make_project, mir_fix, snapshot

    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Dev",
        "GIT_AUTHOR_EMAIL": "dev@example.com",
        "GIT_COMMITTER_NAME": "Dev",
        "GIT_COMMITTER_EMAIL": "dev@example.com",
    }
    template = tmp_path / "template"
    make_project(template, 150)
    git(template, "init", "-q", "-b", "main")
    git(template, "add", "-A")
    subprocess.run(["git", "commit", "-qm", "initial"], cwd=template, env=env, check=True)
    before = snapshot(template)
    command = mir_fix("--branch", "mir-fix/safety", "--all-migrations", ".")

    def start(root: Path) -> subprocess.Popen[bytes]:
        shutil.copytree(template, root, symlinks=True)
        return subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )

    def branch_made(root: Path, process: subprocess.Popen[bytes]) -> float:
        while process.poll() is None and not (root / ".git/refs/heads/mir-fix/safety").exists():
            time.sleep(0.002)
        return time.monotonic()

    began = time.monotonic()
    baseline = start(tmp_path / "baseline")
    made = branch_made(tmp_path / "baseline", baseline)
    assert baseline.wait() == 0
    total, working = time.monotonic() - began, time.monotonic() - made
    seed = int(os.environ.get("MIR_FIX_INTERRUPT_SEED", str(random.randrange(1 << 30))))
    print(f"MIR_FIX_INTERRUPT_SEED={seed}", file=sys.stderr)
    rng = random.Random(seed)
    outcomes = []
    for index in range(6):
        root = tmp_path / f"run{index}"
        process = start(root)
        if index % 3 == 0:  # anywhere, the analysis included
            time.sleep(rng.uniform(0.3, 1.0) * total)
        else:  # once the branch exists: while applying, committing
            branch_made(root, process)
            time.sleep(rng.uniform(0.0, working))
        os.killpg(process.pid, signal.SIGINT)
        _, err = (s.decode() for s in process.communicate(timeout=60))
        outcomes.append(process.returncode)
        finished = git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "mir-fix/safety"
        if process.returncode == 0 or (finished and process.returncode == -signal.SIGINT):
            # It had finished (the signal came as the interpreter was exiting): the branch is whole.
            assert git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "mir-fix/safety"
            assert git(root, "status", "--porcelain") == ""
            continue
        if process.returncode == -signal.SIGINT:
            # The signal came while Python was still importing mir-fix, before it handles SIGINT: nothing has
            # started, and the checks below say so.
            assert "KeyboardInterrupt" in err and "mir_fix" not in err.split("KeyboardInterrupt")[-1], err
        else:
            assert process.returncode == 130, err
            assert "nothing half-written remains" in err, err  # "rolled back" too once the branch was made
        assert git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
        assert "mir-fix/safety" not in git(root, "branch")
        assert git(root, "status", "--porcelain") == ""
        assert snapshot(root) == before
        assert not (root / ".git" / "mir-fix-journal.json").exists()
    print(f"exit codes: {outcomes}", file=sys.stderr)
