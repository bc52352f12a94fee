"""`mir-fix --branch NAME`: apply on a new git branch, one commit per codemod.

The contract migrations of a NOT NULL split are a commit of their own, so they
can ship in a later deploy. The branch starts from HEAD; the user's branch is
never committed to. A dirty work tree is refused unless --allow-dirty, and
then files with uncommitted changes are left alone. On any failure the
repository goes back to the original branch, the work tree as it was, and
the new branch is deleted.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mir_fix.engine.apply import Applied, Applier
from mir_fix.engine.change import PlannedChange, Status
from mir_fix.engine.codemod import Codemod

CONTRACT = "contract"


class BranchError(Exception):
    """Branch mode cannot start, or had to roll back; the message says what to do."""


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
    dirty = dirty_paths(repo, scopes)
    if dirty and not allow_dirty:
        shown = ", ".join(dirty[:5]) + (" ..." if len(dirty) > 5 else "")
        raise BranchError(
            f"the work tree has uncommitted changes ({shown}); commit or stash them, "
            "or pass --allow-dirty to leave those files alone"
        )
    root = Path(repo.working_tree_dir)
    dirty_real = {os.path.realpath(root / p) for p in dirty}
    original = repo.head.commit.hexsha if repo.head.is_detached else repo.active_branch.name
    result = BranchResult(name, original)
    repo.create_head(name).checkout()
    pending_written: list[str] = []
    pending_created: list[str] = []
    try:
        applier = Applier(base)
        for codemod, group, parts in commit_plan(changes, codemods):
            ready = []
            for part in parts:
                touched = [p for p in part.change.paths if os.path.realpath(base / p) in dirty_real]
                if touched:
                    result.left_alone.append((part, f"{touched[0]} has uncommitted changes"))
                else:
                    ready.append(part)
            applied = applier.apply(ready)
            result.applied.extend(applied)
            files = applied.written + applied.created
            if not files:
                continue
            pending_written, pending_created = list(applied.written), list(applied.created)
            in_repo = [os.path.relpath(base / f, root) for f in files]
            repo.git.add("--", *in_repo)
            message = commit_message(codemod, group, applied.changes, files)
            repo.git.commit("--no-verify", "-m", message, "--", *in_repo)
            pending_written, pending_created = [], []
            result.commits.append(Commit(message, files))
    except Exception as exc:
        _roll_back(repo, name, original, base, pending_written, pending_created)
        detail = getattr(exc, "stderr", "") or str(exc)
        raise BranchError(f"rolled back to {original} and deleted {name}: {str(detail).strip()}") from exc
    return result


def _roll_back(repo: Any, name: str, original: str, base: Path, written: list[str], created: list[str]) -> None:
    root = Path(repo.working_tree_dir)
    for path in created:
        rel = os.path.relpath(base / path, root)
        repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", rel)
        (base / path).unlink(missing_ok=True)
    if written:
        repo.git.checkout("HEAD", "--", *(os.path.relpath(base / p, root) for p in written))
    repo.git.checkout(original)
    repo.delete_head(name, force=True)
