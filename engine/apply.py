"""Writing accepted changes: one mechanism for --write, --interactive and --branch.

Every edit stays relative to the file as it was planned. The applier keeps,
per file, the original and the edits it has written so far; a later change to
the same file is merged with them, never re-derived. A file that changed on
disk behind mir-fix's back is left alone, and a merge that would parse worse
than the original drops every change that touches that file, so no change is
ever half-applied.

Each change is written whole or not at all, through a journal (writer.apply_whole), and Ctrl-C is held
back while a change is being written: an interrupted run leaves whole changes only, and a killed one
leaves a journal that the next run's start finishes or rolls back (recover_interrupted).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .change import FileError, PlannedChange, Status
from .edit import Edit, OverlapError, apply_edits
from .planner import Unsafe, checked, digest
from .source import SourceError, SourceFile, load_source
from .writer import JournalBusy, Planned, apply_whole, journal_candidates, journal_path, pending, recover

# Changes written under one journal, with one flush of the disk: Ctrl-C waits for at most this many.
BATCH = 32


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
        self.journal = journal_path(base)
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
        """Each change whole or not at all (see writer.apply_whole); Ctrl-C waits for the batch being written.

        Changes go in batches of BATCH under one journal: a batch is put in place whole or not at all, so each
        of its changes is too, and the disk is flushed once a batch rather than once a change. A batch that
        fails is rolled back and its changes are tried one by one, so only the failing one is left out.
        """
        with deferred_interrupts() as interrupt:
            for start in range(0, len(chosen), BATCH):
                if interrupt.pending:
                    break
                batch = chosen[start : start + BATCH]
                if not self._write_batch(batch, merged, result, quiet=len(batch) > 1):
                    for item in batch:
                        self._write_batch([item], merged, result, quiet=False)
        if interrupt.pending:
            raise Interrupted(result)

    def _write_batch(
        self, batch: list[PlannedChange], merged: dict[str, bytes], result: Applied, *, quiet: bool
    ) -> bool:
        """Write `batch` whole; False (nothing written, nothing reported when `quiet`) when it could not be."""
        saved = {path: list(edits) for path, edits in self.done.items()}
        files: dict[str, Planned] = {}
        labels = []
        try:
            for item in batch:
                self._prepare(item, merged, files)
                labels.append(f"{item.change.codemod}: {item.change.summary} ({item.change.path}:{item.change.line})")
            apply_whole(self.journal, list(files.values()), "; ".join(labels), len(labels))
        except _NotApplied as exc:
            self.done = saved
            if not quiet:
                result.errors.append(exc.error)
            return False
        except OSError as exc:
            self.done = saved
            if not quiet:
                result.errors.append(self._os_error(exc, batch[0]))
            return False
        for item in batch:
            for file_edits in item.change.edits:
                if file_edits.path not in result.written:
                    result.written.append(file_edits.path)
            result.created += [f.path for f in item.change.creates]
            result.changes.append(item)
        return True

    def _prepare(self, item: PlannedChange, merged: dict[str, bytes], files: dict[str, Planned]) -> None:
        """Add the files `item` writes to `files` (the content before the batch stays the one to go back to)."""
        for file_edits in item.change.edits:
            path = file_edits.path
            original = self.originals[path]
            try:
                after = apply_edits(original.content, [*self.done.get(path, []), *file_edits.edits], original.newline)
                if after != merged[path]:  # not the final state of the file, yet written: it must parse too
                    checked(path, original.content, after)
            except (Unsafe, OverlapError) as exc:
                raise _NotApplied(FileError(path, f"{item.change.codemod}: not applied: {exc}")) from exc
            before = files[path].old if path in files else original.to_disk(self._current(path))
            files[path] = Planned(self.base / path, original.to_disk(after), original.mode, before)
            self.done.setdefault(path, []).extend(file_edits.edits)
        newline = self.originals[item.change.edits[0].path].newline if item.change.edits else "\n"
        for new_file in item.change.creates:
            target = self.base / new_file.path
            try:
                os.makedirs(target.parent, exist_ok=True)
            except OSError as exc:
                error = FileError(new_file.path, f"could not be created: {exc.strerror}", unreadable=True)
                raise _NotApplied(error) from exc
            files[new_file.path] = Planned(target, new_file.text.replace("\n", newline).encode("utf-8"))

    def _os_error(self, exc: OSError, item: PlannedChange) -> FileError:
        if isinstance(exc, JournalBusy):
            return FileError(item.change.path, f"not applied: {exc.strerror}", unreadable=True)
        name = self._display(exc.filename, item)
        if isinstance(exc, FileExistsError):
            return FileError(
                name,
                f"was not created: a file of that name appeared; nothing of {item.change.path}'s change was "
                "written, run mir-fix again",
            )
        return FileError(
            name, f"could not be written: {exc.strerror}; nothing of this change was written", unreadable=True
        )

    def _display(self, filename: object, item: PlannedChange) -> str:
        """The change's own name for a file an OSError names (its temporary copy or itself)."""
        if isinstance(filename, str):
            for path in item.change.paths:
                target = os.path.abspath(self.base / path)
                folder, name = os.path.split(target)
                if filename == target or (
                    os.path.dirname(filename) == folder and os.path.basename(filename).startswith(f".{name}.")
                ):
                    return path
        return item.change.path


class _NotApplied(Exception):
    def __init__(self, error: FileError) -> None:
        super().__init__(error.message)
        self.error = error


class Interrupted(KeyboardInterrupt):
    """Ctrl-C while changes were being written: `applied` holds every change written whole before it."""

    def __init__(self, applied: Applied) -> None:
        super().__init__()
        self.applied = applied


@dataclass
class _Interrupt:
    pending: bool = False


@contextmanager
def deferred_interrupts() -> Iterator[_Interrupt]:
    """Within the block, SIGINT only sets `pending`; the caller stops at a safe point and raises.

    Outside the main thread signals cannot be caught there, so nothing is deferred (nor needed).
    """
    state = _Interrupt()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def note(signum: int, frame: object) -> None:
        state.pending = True

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)


def recover_interrupted(starts: list[Path]) -> list[str]:
    """Finish or roll back any change an interrupted (or killed) run left half-written; what was done, said."""
    messages = []
    for journal in journal_candidates(starts):
        with deferred_interrupts():
            recovered = recover(journal)
        if recovered is None:
            continue
        if recovered.busy:
            messages.append(f"another mir-fix is writing changes ({journal}); its changes may show as stale")
            continue
        batch = f"a batch of {recovered.changes} change(s)"
        if recovered.unresolved:
            messages.append(
                f"a previous run was stopped while writing {batch} ({recovered.change}), and files of it were changed"
                " since: nothing of it was rolled back. Check that each migration and the file its index (or"
                " backfill) moved to are both there or both not, then delete the copies named below:"
            )
            messages += [f"  {line}" for line in recovered.unresolved]
            continue
        what = "finished it" if recovered.finished else "rolled it back"
        messages.append(f"a previous run was stopped while writing {batch}; {what}: {recovered.change}")
    return messages


def interrupted_runs(starts: list[Path]) -> list[str]:
    """What a dry run says (writing nothing) of journals an interrupted or running mir-fix left here."""
    messages = []
    for journal in journal_candidates(starts):
        found = pending(journal)
        if found is None:
            continue
        if found.busy:
            messages.append(f"another mir-fix is writing changes here ({journal}); run again once it is done")
            continue
        messages.append(
            f"an interrupted mir-fix run left a journal ({journal}): a batch of changes may be half-written"
            f" ({found.change})"
        )
        messages += [f"  {path}" for path in found.paths]
    if messages:
        messages.append(
            "nothing was analysed or written; `mir-fix --write` (or --interactive or --branch) finishes or rolls"
            " back that batch first"
        )
    return messages


def apply(accepted: list[PlannedChange], base: Path) -> Applied:
    """Write every accepted change at once (the --write mode)."""
    return Applier(base).apply(accepted)
