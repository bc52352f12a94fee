"""Writing accepted changes: one mechanism for --write, --interactive and --branch.

Every edit stays relative to the file as it was planned. The applier keeps,
per file, the original and the edits it has written so far; a later change to
the same file is merged with them, never re-derived. A file that changed on
disk behind mir-fix's back is left alone, and a merge that would parse worse
than the original drops every change that touches that file, so no change is
ever half-applied.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .change import FileError, PlannedChange, Status
from .edit import Edit, OverlapError, apply_edits
from .planner import Unsafe, checked, digest
from .source import SourceError, SourceFile, load_source
from .writer import create_file, replace_file


@dataclass
class Applied:
    changes: list[PlannedChange] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def extend(self, other: Applied) -> None:
        self.changes += other.changes
        self.written += [p for p in other.written if p not in self.written]
        self.created += other.created
        self.errors += other.errors


class Applier:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.originals: dict[str, SourceFile] = {}
        self.done: dict[str, list[Edit]] = {}

    def apply(self, accepted: Iterable[PlannedChange]) -> Applied:
        """Write `accepted` (blocked ones are ignored) together; what fails is reported, not written."""
        result = Applied()
        chosen = []
        for item in accepted:
            if item.status is Status.BLOCKED:
                continue
            stale = self._stale(item)
            if stale:
                result.errors.append(FileError(item.change.path, f"{item.change.codemod}: not applied, {stale}"))
            else:
                chosen.append(item)
        while True:
            merged, failed = self._merge(chosen, result)
            if not failed:
                break
            chosen = [item for item in chosen if not set(item.change.paths) & failed]
        self._write(chosen, merged, result)
        return result

    def _current(self, path: str) -> bytes:
        """What the file holds if only mir-fix wrote to it since it was planned."""
        original = self.originals[path]
        return apply_edits(original.content, self.done.get(path, []), original.newline)

    def _stale(self, item: PlannedChange) -> str | None:
        for path, sha in item.originals:
            try:
                on_disk = load_source(self.base / path, path)
            except SourceError as exc:
                return f"{path} {exc}"
            if path not in self.originals:
                if digest(on_disk.content) != sha:
                    return f"{path} changed since mir-fix read it; run mir-fix again"
                self.originals[path] = on_disk
            elif on_disk.content != self._current(path):
                return f"{path} changed since mir-fix wrote it; run mir-fix again"
        return None

    def _merge(self, chosen: list[PlannedChange], result: Applied) -> tuple[dict[str, bytes], set[str]]:
        edits: dict[str, list[Edit]] = {}
        for item in chosen:
            for file_edits in item.change.edits:
                edits.setdefault(file_edits.path, list(self.done.get(file_edits.path, []))).extend(file_edits.edits)
        merged: dict[str, bytes] = {}
        failed: set[str] = set()
        for path, path_edits in edits.items():
            original = self.originals[path]
            try:
                after = apply_edits(original.content, path_edits, original.newline)
                checked(path, original.content, after)
            except (Unsafe, OverlapError) as exc:
                result.errors.append(FileError(path, f"changes not applied together: {exc}"))
                failed.add(path)
                continue
            merged[path] = after
        return merged, failed

    def _write(self, chosen: list[PlannedChange], merged: dict[str, bytes], result: Applied) -> None:
        failed: set[str] = set()
        for path, content in merged.items():
            original = self.originals[path]
            try:
                replace_file(self.base / path, original.to_disk(content), original.mode)
            except OSError as exc:
                result.errors.append(FileError(path, f"could not be written: {exc.strerror}", unreadable=True))
                failed.add(path)
                continue
            result.written.append(path)
        for item in chosen:
            if set(item.change.paths) & failed:
                continue
            for file_edits in item.change.edits:
                self.done.setdefault(file_edits.path, []).extend(file_edits.edits)
            newline = self.originals[item.change.edits[0].path].newline if item.change.edits else "\n"
            for new_file in item.change.creates:
                target = self.base / new_file.path
                try:
                    os.makedirs(target.parent, exist_ok=True)
                    create_file(target, new_file.text.replace("\n", newline).encode("utf-8"))
                    result.created.append(new_file.path)
                except FileExistsError:
                    result.errors.append(
                        FileError(new_file.path, "was not created: a file of that name appeared; run mir-fix again")
                    )
                except OSError as exc:
                    result.errors.append(
                        FileError(new_file.path, f"could not be created: {exc.strerror}", unreadable=True)
                    )
            result.changes.append(item)


def apply(accepted: list[PlannedChange], base: Path) -> Applied:
    """Write every accepted change at once (the --write mode)."""
    return Applier(base).apply(accepted)
