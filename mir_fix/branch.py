"""`mir-fix --branch NAME`: apply on a new git branch, one commit per codemod.

The contract migrations of a NOT NULL split are a commit of their own, so they
can ship in a later deploy. The branch starts from HEAD; the user's branch is
never committed to. A dirty work tree is refused unless --allow-dirty, and
then files with uncommitted changes are left alone. On any failure the
repository goes back to the original branch, the work tree as it was, and
the new branch is deleted; on Ctrl-C too. With nothing to commit, no branch is made.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mir_fix.engine.apply import Applied, Applier, Interrupted, deferred_interrupts
from mir_fix.engine.change import PlannedChange, Status
from mir_fix.engine.codemod import Codemod

CONTRACT = "contract"


class BranchError(Exception):
    """Branch mode cannot start, or had to roll back; the message says what to do."""


class BranchInterrupted(KeyboardInterrupt):
    """Ctrl-C during --branch: everything was rolled back; the message says so."""


@dataclass
class Commit:
    message: str
    files: list[str]


@dataclass
class BranchResult:
    name: str
    original: str
    commits: list[Commit] = field(default_factory=list)
    applied: Applied = field(default_factory=Applied)
    left_alone: list[tuple[PlannedChange, str]] = field(default_factory=list)
    # False when there was nothing to commit: no branch was made (or it was deleted again).
    created: bool = False


def open_repo(base: Path) -> Any:
    import git

    try:
        return git.Repo(base, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise BranchError(f"{base} is not inside a git repository; --branch needs one") from exc


def dirty_paths(repo: Any, scopes: Sequence[Path]) -> list[str]:
    """Tracked files with uncommitted (staged or unstaged) changes, and untracked files under `scopes`."""
    root = Path(repo.working_tree_dir)
    dirty = {d.a_path for d in repo.index.diff(None)} | {d.a_path for d in repo.index.diff("HEAD")}
    real_scopes = [os.path.realpath(s) for s in scopes]
    for name in repo.untracked_files:
        full = os.path.realpath(root / name)
        if any(full == s or full.startswith(s.rstrip(os.sep) + os.sep) for s in real_scopes):
            dirty.add(name)
    return sorted(dirty)


def split_by_group(item: PlannedChange) -> dict[str, PlannedChange]:
    """A change's files by commit group; edits of existing files always belong to the main group."""
    groups: dict[str, PlannedChange] = {}
    for group in dict.fromkeys(["main", *(f.group for f in item.change.creates)]):
        creates = tuple(f for f in item.change.creates if f.group == group)
        edits = item.change.edits if group == "main" else ()
        if not creates and not edits:
            continue
        paths = {f.path for f in creates} | {f.path for f in edits}
        change = replace(item.change, edits=edits, creates=creates)
        groups[group] = PlannedChange(
            change, tuple(d for d in item.diffs if d.path in paths), item.originals if edits else ()
        )
    return groups


def commit_plan(
    changes: Sequence[PlannedChange], codemods: Sequence[Codemod]
) -> list[tuple[Codemod, str, list[PlannedChange]]]:
    """(codemod, group, changes) in commit order: codemods in order, each main before contract."""
    order = []
    for codemod in codemods:
        by_group: dict[str, list[PlannedChange]] = {}
        for item in changes:
            if item.change.codemod == codemod.id and item.status is not Status.BLOCKED and not item.change.shipped:
                for group, part in split_by_group(item).items():
                    by_group.setdefault(group, []).append(part)
        for group in sorted(by_group, key=lambda g: g == CONTRACT):
            order.append((codemod, group, by_group[group]))
    return order


def commit_message(codemod: Codemod, group: str, changes: list[PlannedChange], files: list[str]) -> str:
    if group == CONTRACT:
        lines = [
            f"mir-fix: {codemod.id} (contract): enforce the constraints of the previous commit",
            "",
            "Ship this commit in a later deploy than the code that writes these columns:",
            "until every running node writes them, new rows can still be NULL.",
        ]
    else:
        lines = [f"mir-fix: {codemod.id}: {codemod.title}"]
    lines.append("")
    lines += [f"- {c.change.summary} ({c.change.path}:{c.change.line})" for c in changes]
    waiting = [c for c in changes if c.change.questions]
    if waiting:
        lines += ["", "Needs input before these migrations can run (each raises until its value is in):"]
        lines += [f"- {q.prompt}" for c in waiting for q in c.change.questions]
    lines += ["", "Files:", *(f"  {f}" for f in files)]
    return "\n".join(lines) + "\n"


def run_branch(
    name: str,
    changes: Sequence[PlannedChange],
    codemods: Sequence[Codemod],
    base: Path,
    scopes: Sequence[Path],
    allow_dirty: bool = False,
) -> BranchResult:
    repo = open_repo(base)
    if not repo.head.is_valid():
        raise BranchError("the repository has no commit yet; commit once, then run mir-fix --branch")
    if name in [head.name for head in repo.heads]:
        raise BranchError(f"a branch named {name} already exists; choose another name or delete it")
    try:
        repo.git.check_ref_format("--branch", name)
    except Exception as exc:
        raise BranchError(f"{name} is not a valid branch name") from exc
    original = repo.head.commit.hexsha if repo.head.is_detached else repo.active_branch.name
    result = BranchResult(name, original)
    plan = commit_plan(changes, codemods)
    if not plan:
        return result
    dirty = dirty_paths(repo, scopes)
    if dirty and not allow_dirty:
        shown = ", ".join(dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise BranchError(
            f"the work tree has uncommitted changes ({shown}); commit or stash them, "
            "or pass --allow-dirty to leave those files alone"
        )
    root = Path(repo.working_tree_dir)
    dirty_real = {os.path.realpath(root / p) for p in dirty}
    # From here to the end the branch is made whole or not at all: Ctrl-C only marks the run as interrupted
    # (git runs in a session of its own, so a terminal's Ctrl-C does not kill it halfway), and the next
    # step rolls back instead.
    with deferred_interrupts() as interrupt:
        try:
            _git(root, "checkout", "-q", "-b", name)
            result.created = True
            applier = Applier(base)
            for codemod, group, parts in plan:
                if interrupt.pending:
                    raise KeyboardInterrupt
                ready = []
                for part in parts:
                    touched = [p for p in part.change.paths if os.path.realpath(base / p) in dirty_real]
                    if touched:
                        result.left_alone.append((part, f"{touched[0]} has uncommitted changes"))
                    else:
                        ready.append(part)
                try:
                    applied = applier.apply(ready)
                except Interrupted as exc:
                    result.applied.extend(exc.applied)
                    raise
                result.applied.extend(applied)
                files = applied.written + applied.created
                if not files:
                    continue
                in_repo = [os.path.relpath(base / f, root) for f in files]
                _git(root, "add", "--", *in_repo)
                message = commit_message(codemod, group, applied.changes, files)
                _git(root, "commit", "-q", "--no-verify", "-m", message, "--", *in_repo)
                result.commits.append(Commit(message, files))
            if interrupt.pending:
                raise KeyboardInterrupt
            if not result.commits:  # every change was left alone or failed: no empty branch
                _roll_back(root, name, original, base, result.applied)
                result.created = False
        except BaseException as exc:
            try:
                _roll_back(root, name, original, base, result.applied)
            except Exception as again:
                raise BranchError(
                    f"could not roll back ({_detail(again)}) after: {_detail(exc)}; "
                    f"check out {original} and delete {name} by hand"
                ) from exc
            if isinstance(exc, KeyboardInterrupt):
                raise BranchInterrupted(
                    f"rolled back: back on {original} with the work tree as it was, {name} deleted; "
                    "nothing half-written remains"
                ) from None
            raise BranchError(f"rolled back to {original} and deleted {name}: {_detail(exc)}") from exc
    return result


def _detail(exc: BaseException) -> str:
    return str(getattr(exc, "stderr", "") or exc or type(exc).__name__).strip()


class GitFailed(Exception):
    def __init__(self, args: Sequence[str], stderr: str) -> None:
        super().__init__(f"git {args[0]}: {stderr}")
        self.stderr = f"git {args[0]}: {stderr}"


def _git(root: Path, *args: str) -> str:
    """git in a session of its own: a Ctrl-C at the terminal reaches mir-fix, which stops between steps.

    SIGINT stays blocked while git is started: between fork and the child's
    setsid the child is still in the terminal's process group, and a Ctrl-C
    there would kill it halfway (the child keeps the blocked mask; a Ctrl-C
    meant for mir-fix waits until git has been started, then arrives).
    """
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process = subprocess.Popen(
            ["git", *args],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise GitFailed(args, stderr.strip() or f"exit status {process.returncode}")
    return stdout


def _roll_back(root: Path, name: str, original: str, base: Path, applied: Applied) -> None:
    """Back to `original` with the work tree as it was: what mir-fix wrote undone, `name` deleted."""
    created = [os.path.relpath(base / p, root) for p in applied.created]
    written = [os.path.relpath(base / p, root) for p in applied.written]
    if created:
        _git(root, "rm", "--cached", "--quiet", "--ignore-unmatch", "--", *created)
        for path in created:
            (root / path).unlink(missing_ok=True)
    on_branch = _git(root, "rev-parse", "--abbrev-ref", "HEAD").strip() == name
    if written and on_branch:
        _git(root, "checkout", "HEAD", "--", *written)
    if on_branch:
        _git(root, "checkout", "-q", original)
    if _git(root, "branch", "--list", name).strip():
        _git(root, "branch", "-q", "-D", name)
