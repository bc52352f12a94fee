"""Nothing half-written, ever: Ctrl-C, a kill or a full disk in the middle of writing changes.

Each change of these projects rewrites one migration and creates the migration its index moves to.
After any interruption, every change must be all or nothing: the migration as it was and no new
file, or the migration rewritten and its new file there with its full content. Real signals are sent
to real `mir-fix` processes at random points (the seed is printed; MIR_FIX_INTERRUPT_SEED replays one).
"""

from __future__ import annotations

import datetime
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mir_fix.engine import writer
from mir_fix.engine.apply import recover_interrupted

from .cli import run

MIGRATIONS = "priv/repo/migrations"
STRAY = (".mir-fix-new", ".mir-fix-old", "mir-fix-journal")


def make_project(root: Path, count: int) -> None:
    """`count` migrations that each create an index and alter a table: each needs a split."""
    folder = root / MIGRATIONS
    folder.mkdir(parents=True)
    (root / "mix.exs").write_text("defmodule App.MixProject do\n  use Mix.Project\nend\n")
    start = datetime.datetime(2024, 1, 1)
    for i in range(count):
        version = (start + datetime.timedelta(seconds=10 * i)).strftime("%Y%m%d%H%M%S")
        (folder / f"{version}_add_thing{i}.exs").write_text(
            f"defmodule App.Repo.Migrations.AddThing{i} do\n  use Ecto.Migration\n\n  def change do\n"
            f"    create index(:things{i}, [:name])\n\n    alter table(:things{i}) do\n"
            "      add :archived_at, :utc_datetime\n    end\n  end\nend\n"
        )


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


class Expected:
    """The project before any write and after a complete --write, change by change."""

    def __init__(self, before: dict[str, bytes], after: dict[str, bytes]) -> None:
        self.before, self.after = before, after
        created = [p for p in after if p not in before]
        self.pairs = {}
        for path in before:
            if path.startswith(MIGRATIONS):
                stem = Path(path).stem.split("_", 1)[1]
                (new,) = [p for p in created if Path(p).stem.split("_", 1)[1] == f"{stem}_concurrent_indexes"]
                self.pairs[path] = new
        assert len(self.pairs) == len(created), "one new file per migration"

    def check(self, root: Path) -> set[str]:
        """The migrations whose change was applied; fails on any change applied in part, or any stray file."""
        now = snapshot(root)
        stray = [p for p in now if any(s in p for s in STRAY)]
        assert not stray, f"left behind: {stray[:5]}"
        applied = set()
        for migration, new in self.pairs.items():
            if now[migration] == self.before[migration] and new not in now:
                continue
            assert now[migration] == self.after[migration], f"{migration}: neither as it was nor rewritten"
            assert now.get(new) == self.after[new], f"{migration} was rewritten but {new} is missing or partial"
            applied.add(migration)
        assert set(now) == set(self.before) | {self.pairs[m] for m in applied}, "an unexpected file"
        return applied


def mir_fix(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from mir_fix.cli import main; sys.exit(main())", *args]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected, float, float]:
    """300 migrations, what a full --write makes of them, and when its write phase starts and lasts."""
    base = tmp_path_factory.mktemp("interrupt")
    template = base / "template"
    make_project(template, int(os.environ.get("MIR_FIX_INTERRUPT_MIGRATIONS", "300")))
    full = base / "full"
    shutil.copytree(template, full)
    started = time.monotonic()
    process = subprocess.Popen(mir_fix("--write", "--all-migrations", "."), cwd=full, stdout=subprocess.DEVNULL)
    first = wait_for_first_write(full, process)
    assert process.wait() == 0
    ended = time.monotonic()
    return template, Expected(snapshot(template), snapshot(full)), first - started, ended - first


def wait_for_first_write(root: Path, process: subprocess.Popen[bytes]) -> float:
    folder = root / MIGRATIONS
    while process.poll() is None:
        if any(name.endswith("_concurrent_indexes.exs") for name in os.listdir(folder)):
            break
        time.sleep(0.002)
    return time.monotonic()


def seeded() -> random.Random:
    seed = int(os.environ.get("MIR_FIX_INTERRUPT_SEED", str(random.randrange(1 << 30))))
    print(f"MIR_FIX_INTERRUPT_SEED={seed}")
    return random.Random(seed)


def test_ctrl_c_at_random_points_of_a_large_write_leaves_whole_changes_only(
    template: tuple[Path, Expected, float, float], tmp_path: Path
) -> None:
    source, expected, analysis, writing = template
    rng = seeded()
    # Most points fall while changes are written; two during the analysis, which must write nothing.
    delays = [("analysis", rng.uniform(0.7, 0.95) * analysis) for _ in range(2)]
    delays += [("writing", rng.uniform(0.0, writing)) for _ in range(8)]
    counts = []
    for index, (phase, delay) in enumerate(delays):
        root = tmp_path / f"run{index}"
        shutil.copytree(source, root)
        process = subprocess.Popen(
            mir_fix("--write", "--all-migrations", "."), cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        if phase == "writing":
            wait_for_first_write(root, process)
            time.sleep(delay)
        else:
            time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = (s.decode() for s in process.communicate(timeout=60))
        applied = expected.check(root)
        if process.returncode == -signal.SIGINT:  # as the interpreter started or exited: all or nothing
            assert applied in (set(), set(expected.pairs)), err
            counts.append(len(applied))
            continue
        if process.returncode == 0:  # it had finished
            assert applied == set(expected.pairs)
            counts.append(len(applied))
            continue
        assert process.returncode == 130, err
        assert "nothing half-written remains" in err, err
        reported = {line.removeprefix("wrote ") for line in out.splitlines() if line.startswith("wrote ")}
        assert reported == applied, "the message lists exactly the changes applied"
        if phase == "analysis" and not applied:
            assert out == ""
        counts.append(len(applied))
    print(f"changes applied when interrupted: {counts} of {len(expected.pairs)}")
    assert any(0 < c < len(expected.pairs) for c in counts), "no interruption fell inside the write phase"


def test_a_kill_at_random_points_is_finished_or_rolled_back_on_the_next_start(
    template: tuple[Path, Expected, float, float], tmp_path: Path
) -> None:
    source, expected, _, writing = template
    rng = seeded()
    journals = 0
    for index in range(6):
        root = tmp_path / f"run{index}"
        shutil.copytree(source, root)
        process = subprocess.Popen(
            mir_fix("--write", "--all-migrations", "."), cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        wait_for_first_write(root, process)
        time.sleep(rng.uniform(0.0, writing))
        process.kill()
        process.wait()
        journals += (root / writer.PLAIN_JOURNAL_NAME).exists()
        # A dry run writes nothing and stops (exit 2) on a journal; --write recovers first (one unrelated file here).
        left = (root / writer.PLAIN_JOURNAL_NAME).exists()
        dry = subprocess.run(mir_fix("mix.exs"), cwd=root, capture_output=True, text=True, timeout=60)
        assert dry.returncode == (2 if left else 0), dry.stderr
        recovered = subprocess.run(mir_fix("--write", "mix.exs"), cwd=root, capture_output=True, text=True, timeout=60)
        assert recovered.returncode == 0, recovered.stderr
        expected.check(root)
        if index == 0:  # and the next --write completes the job
            done = subprocess.run(mir_fix("--write", "--all-migrations", "."), cwd=root, capture_output=True)
            assert done.returncode == 0
            assert expected.check(root) == set(expected.pairs)
    print(f"kills that left a change half-written (then recovered): {journals} of 6")


# Deterministic: a hard kill at every step of writing two changes, and a full disk at each step.


def two_migrations(tmp_path: Path) -> tuple[Path, Expected]:
    root = tmp_path / "proj"
    make_project(root, 2)
    full = tmp_path / "full"
    shutil.copytree(root, full)
    os.chdir(full)
    assert run(["--write", "--all-migrations", "."])[0] == 0
    os.chdir(tmp_path)
    return root, Expected(snapshot(root), snapshot(full))


STEPS = ("link", "replace", "_write_new")


def killed_at(root: Path, step: int) -> bool:
    """Run --write in a child that dies (os._exit) at its `step`-th file operation; True if it got there."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.chdir(root)
            calls = [0]

            def dying(real: Any) -> Any:
                def call(*args: Any, **kwargs: Any) -> Any:
                    calls[0] += 1
                    if calls[0] == step:
                        os._exit(137)
                    return real(*args, **kwargs)

                return call

            os.link, os.replace = dying(os.link), dying(os.replace)
            writer._write_new = dying(writer._write_new)
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                os.dup2(null.fileno(), 2)
            from mir_fix.cli import main

            main(["--write", "--all-migrations", "."])
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 137


def test_a_kill_at_every_step_is_recovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source, expected = two_migrations(tmp_path)
    outcomes = []
    for step in range(1, 40):
        root = tmp_path / f"kill{step}"
        shutil.copytree(source, root)
        if not killed_at(root, step):
            assert expected.check(root) == set(expected.pairs)
            break
        messages = recover_interrupted([root])
        assert not (root / writer.PLAIN_JOURNAL_NAME).exists()
        outcomes.append((step, len(expected.check(root)), bool(messages)))
    assert len(outcomes) >= 8, outcomes
    assert any(m for _, _, m in outcomes), "some kill left a journal to recover"


def test_a_change_found_whole_with_its_journal_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kill after the last file of a change is in place but before its journal is gone: finished, not undone."""
    monkeypatch.chdir(tmp_path)
    source, expected = two_migrations(tmp_path)
    root = tmp_path / "late"
    shutil.copytree(source, root)
    real_unlink = writer._unlink

    def stop_before_journal(path: str) -> None:
        if path.endswith(writer.PLAIN_JOURNAL_NAME):
            raise SystemExit("killed")
        real_unlink(path)

    os.chdir(root)
    try:
        writer._unlink = stop_before_journal
        with pytest.raises(SystemExit):
            run(["--write", "--all-migrations", "."])
    finally:
        writer._unlink = real_unlink
        os.chdir(tmp_path)
    assert (root / writer.PLAIN_JOURNAL_NAME).exists()
    messages = recover_interrupted([root])
    assert any("finished it" in m for m in messages), messages
    assert expected.check(root) == set(expected.pairs)  # both changes went in one batch, kept whole


def test_a_full_disk_leaves_out_the_change_it_hits_and_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, expected = two_migrations(tmp_path)
    real = writer._write_new
    for failing in sorted({name for pair in expected.pairs.items() for name in pair}):
        root = tmp_path / f"full{len(list(tmp_path.iterdir()))}"
        shutil.copytree(source, root)

        def full_disk(path: str, data: bytes, mode: int, failing: str = failing) -> int:
            if os.path.basename(path).startswith(f".{Path(failing).name}."):
                raise OSError(errno.ENOSPC, "No space left on device", path)
            return real(path, data, mode)

        monkeypatch.setattr(writer, "_write_new", full_disk)
        monkeypatch.chdir(root)
        code, _, err = run(["--write", "--all-migrations", "."])
        assert code == 2 and "No space left on device" in err and "nothing of this change was written" in err
        assert len(expected.check(root)) == 1
        monkeypatch.setattr(writer, "_write_new", real)
        assert run(["--write", "--all-migrations", "."])[0] == 0
        assert expected.check(root) == set(expected.pairs)


def test_the_journal_is_kept_in_the_git_folder_and_never_left_behind(app: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=app, check=True)
    assert writer.journal_path(app / "shop") == app / ".git" / writer.JOURNAL_NAME
    assert writer.journal_path(app.parent) == app.parent / writer.PLAIN_JOURNAL_NAME
    code, _, _ = run(["--write", "--all-migrations", "examples"])
    assert code == 0
    assert not list(app.parent.rglob("*mir-fix-journal*")) and not list(app.parent.rglob("*.mir-fix-*"))


def test_a_dry_run_or_check_leaves_a_leftover_journal_untouched_and_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dry run is the default and never writes: not even to finish or roll back an interrupted run (SPEC §2)."""
    monkeypatch.chdir(tmp_path)
    source, expected = two_migrations(tmp_path)
    for step in range(1, 40):  # the first kill that leaves the tree half-written under a journal
        root = tmp_path / f"kill{step}"
        shutil.copytree(source, root)
        assert killed_at(root, step)
        left = snapshot(root)
        if (root / writer.PLAIN_JOURNAL_NAME).exists() and any(p.endswith("_indexes.exs") for p in left):
            break
    assert any(".mir-fix-new" in p for p in left), "temp files are left too"
    monkeypatch.chdir(root)
    stamps = {p: os.stat(root / p).st_mtime_ns for p in left}
    for argv in ([], ["--check"], ["--all-migrations", "."], ["mix.exs"]):
        code, _, err = run(argv)
        assert code == 2, (argv, err)
        assert "interrupted mir-fix run left a journal" in err and writer.PLAIN_JOURNAL_NAME in err, err
        assert "mir-fix --write" in err and MIGRATIONS in err, err
        assert snapshot(root) == left, argv
        assert {p: os.stat(root / p).st_mtime_ns for p in left} == stamps
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(["-", "--stdin-filename", "mix.exs"])
    assert code == 2 and "left a journal" in err, err
    assert snapshot(root) == left
    code, _, err = run(["--write", "--all-migrations", "."])
    assert code == 0, err
    assert expected.check(root) == set(expected.pairs)


# A batch all in place but killed before its cleanup is finished, whatever the user did to its files since.


def killed_before_cleanup(root: Path) -> None:
    """Run --write in a child that dies (os._exit) once every file is in place, before the first cleanup."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.chdir(root)
            real = writer._unlink

            def dying(path: str) -> None:
                if path.endswith((".mir-fix-old", ".mir-fix-new")):
                    os._exit(137)
                real(path)

            writer._unlink = dying
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                os.dup2(null.fileno(), 2)
            from mir_fix.cli import main

            main(["--write", "--all-migrations", "."])
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 137


@pytest.mark.parametrize("editor", ["in-place", "rename"])
def test_a_finished_batch_edited_since_is_finished_not_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> None:
    monkeypatch.chdir(tmp_path)
    source, expected = two_migrations(tmp_path)
    root = tmp_path / "late"
    shutil.copytree(source, root)
    killed_before_cleanup(root)
    assert (root / writer.PLAIN_JOURNAL_NAME).exists()
    migration, new = next(iter(expected.pairs.items()))
    edited = expected.after[new] + b"# filled in by the user\n"
    if editor == "in-place":
        with open(root / new, "r+b") as handle:
            handle.write(edited)
    else:  # write a copy, rename it over the file
        (root / f"{new}.swp").write_bytes(edited)
        os.replace(root / f"{new}.swp", root / new)
    (root / migration).write_bytes(expected.after[migration] + b"# and this\n")
    messages = recover_interrupted([root])
    assert any("finished it" in m and "batch of 2 change(s)" in m for m in messages), messages
    assert (root / new).read_bytes() == edited
    assert (root / migration).read_bytes() == expected.after[migration] + b"# and this\n"
    now = snapshot(root)
    assert not [p for p in now if any(s in p for s in STRAY)]
    assert set(now) == set(expected.after)


@pytest.mark.parametrize("editor", ["in-place", "rename"])
def test_a_half_written_batch_edited_since_is_left_whole_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> None:
    """Rolling back would delete the user's edit of a new file, or keep it beside a restored migration: neither."""
    monkeypatch.chdir(tmp_path)
    source, expected = two_migrations(tmp_path)
    for step in range(1, 40):  # the first kill after a new file is in place
        root = tmp_path / f"kill{step}"
        shutil.copytree(source, root)
        assert killed_at(root, step)
        created = [p for p in snapshot(root) if p.endswith("_indexes.exs")]
        if created:
            break
    assert (root / writer.PLAIN_JOURNAL_NAME).exists()
    edited = expected.after[created[0]] + b"# filled in by the user\n"
    if editor == "in-place":
        with open(root / created[0], "r+b") as handle:
            handle.write(edited)
    else:
        (root / "copy").write_bytes(edited)
        os.replace(root / "copy", root / created[0])
    left = {p: b for p, b in snapshot(root).items() if ".mir-fix-new" not in p and "journal" not in p}
    messages = recover_interrupted([root])
    text = "\n".join(messages)
    assert "nothing of it was rolled back" in text, text
    assert f"{created[0]}: created by mir-fix, then changed since" in text, text
    for migration in expected.pairs:
        assert migration in text
    assert not (root / writer.PLAIN_JOURNAL_NAME).exists()
    assert snapshot(root) == left  # nothing rolled back; only the temporary copies are gone
