"""Atomic writes: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary_copy(path: Path, data: bytes, mode: int) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".mir-fix")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def replace_file(path: Path, data: bytes, mode: int | None) -> None:
    """Replace an existing file whole, keeping its permissions; a crash leaves the old file."""
    tmp = _temporary_copy(path, data, mode if mode is not None else _default_mode())
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def create_file(path: Path, data: bytes) -> None:
    """Create a new file; fails with FileExistsError rather than overwrite one."""
    tmp = _temporary_copy(path, data, _default_mode())
    try:
        os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# --- Changes applied whole: a journal, written before a change touches anything ---------------------------
#
# A change creates files and edits others; a crash (or a kill) between two of those writes would leave the
# project half-changed: a migration with its index moved out and no new migration holding it. So every file
# of a change is written beside its target first, the journal names each of those files, and only then are
# they put in place (new files first). An edited file keeps its old content under a hard link until the whole
# change is in place, so rolling back is a rename: it needs no disk space. The journal is deleted last; when
# one is found on the next start, the interrupted change is finished if every file already holds its new
# content, and rolled back otherwise.
#
# Whether it was finished is read from the steps that ran, never from what the files hold now (the user may
# have edited them since): once every file is in place, a line is added to the journal (_IN_PLACE) before
# anything is cleaned up. With it, recovery only removes the temporary copies and backups. Without it, the
# batch is rolled back, but only where each file still holds what mir-fix put there: if the user changed one,
# nothing of the batch is rolled back and every file of it is reported.

JOURNAL_NAME = "mir-fix-journal.json"  # inside the git folder
PLAIN_JOURNAL_NAME = ".mir-fix-journal.json"  # in the base folder, outside git
_JOURNAL_VERSION = 2
_IN_PLACE = b"\n#in-place\n"  # appended once every file of the batch is in place (version 2)


class JournalBusy(OSError):
    """Another mir-fix process is applying a change under the same journal."""


def git_dir(folder: Path) -> Path | None:
    """The git folder of the work tree holding `folder`, if any (a linked work tree's too)."""
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                line = dot_git.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if line.startswith("gitdir:"):
                target = Path(line[len("gitdir:") :].strip())
                target = target if target.is_absolute() else candidate / target
                return target if target.is_dir() else None
            return None
    return None


def journal_path(base: Path) -> Path:
    """Where changes applied under `base` are journaled: in the git folder when there is one.

    There, git never shows it as untracked (so --branch never takes it for a dirty tree) and no
    tree walk finds it; outside git it is a hidden non-source file in the base folder.
    """
    folder = Path(os.path.abspath(base))
    found = git_dir(folder)
    return found / JOURNAL_NAME if found is not None else folder / PLAIN_JOURNAL_NAME


def journal_candidates(starts: list[Path]) -> list[Path]:
    """Every journal a run from these folders (and the paths it was given) could have left."""
    seen: dict[str, None] = {}
    for start in starts:
        folder = Path(os.path.abspath(start))
        if not folder.is_dir():
            folder = folder.parent
        for candidate in (folder, *folder.parents):
            seen.setdefault(str(candidate / PLAIN_JOURNAL_NAME))
            found = git_dir(candidate)
            if found is not None:
                seen.setdefault(str(found / JOURNAL_NAME))
    journals = [Path(p) for p in seen if os.path.lexists(p)]
    for journal in seen:  # a journal a run was killed while writing, before it was in place
        where, name = os.path.split(journal)
        with contextlib.suppress(OSError):
            journals += [Path(where, n) for n in os.listdir(where) if n.startswith(f"{name}.") and n.endswith(".tmp")]
    return journals


@dataclass(frozen=True)
class Planned:
    """One file of a change: created (`old` is None) or replaced, with its new bytes."""

    path: Path
    data: bytes
    mode: int | None = None
    old: bytes | None = None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha_of(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return _sha(handle.read())
    except FileNotFoundError:
        return None


def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): one flush of a whole file system, far cheaper than an fsync per file."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    return cast(Callable[[int], int], call)


_SYNCFS = _syncfs()


def _flush(fds: list[int]) -> None:
    """Every byte written through `fds` on disk."""
    if _SYNCFS is not None and len(fds) > 2:
        devices = {os.fstat(fd).st_dev: fd for fd in fds}
        if all(_SYNCFS(fd) == 0 for fd in devices.values()):
            return
    for fd in fds:
        os.fsync(fd)


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_new(path: str, data: bytes, mode: int) -> int:
    """Write a new file; its descriptor stays open, for the caller to flush it to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _unlink(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _lock(fd: int, blocking: bool) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def apply_whole(journal: Path, files: list[Planned], label: str, changes: int = 1) -> None:
    """Put every file of one change in place, or none of them (see the comment above).

    Raises OSError (FileExistsError when a file to create appeared) after rolling back what it did.
    """
    token = secrets.token_hex(4)
    entries = []
    for planned in files:
        target = os.path.abspath(planned.path)
        folder, name = os.path.split(target)
        entry = {"path": target, "new": _sha(planned.data), "tmp": os.path.join(folder, f".{name}.{token}.mir-fix-new")}
        if planned.old is not None:
            entry["old"] = _sha(planned.old)
            entry["backup"] = os.path.join(folder, f".{name}.{token}.mir-fix-old")
        entries.append(entry)
    record = {"version": _JOURNAL_VERSION, "pid": os.getpid(), "change": label, "changes": changes, "files": entries}
    tmp = f"{journal}.{token}.tmp"
    os.makedirs(journal.parent, exist_ok=True)
    fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _lock(fd, blocking=True)
        os.write(fd, json.dumps(record, indent=1).encode("utf-8"))
        os.fsync(fd)
        try:
            os.link(tmp, journal)  # never over another run's journal
        except FileExistsError as exc:
            raise JournalBusy(exc.errno, f"another mir-fix is applying changes here ({journal} exists)") from exc
        finally:
            _unlink(tmp)
        _fsync_dir(str(journal.parent))
        linked: set[str] = set()
        try:
            written: list[int] = []
            try:
                for planned, entry in zip(files, entries, strict=True):
                    mode = planned.mode if planned.mode is not None else _default_mode()
                    written.append(_write_new(entry["tmp"], planned.data, mode))
                _flush(written)
            finally:
                for each in written:
                    os.close(each)
            # New files first: an edit never points at a file that is not there yet.
            for planned, entry in zip(files, entries, strict=True):
                if planned.old is None:
                    os.link(entry["tmp"], entry["path"])
                    linked.add(entry["path"])  # the tmp stays until the end: it marks the file as ours
            for planned, entry in zip(files, entries, strict=True):
                if planned.old is not None:
                    os.link(entry["path"], entry["backup"])
                    os.replace(entry["tmp"], entry["path"])
            for folder in dict.fromkeys(os.path.dirname(e["path"]) for e in entries):
                _fsync_dir(folder)
            os.write(fd, _IN_PLACE)  # from here on, an interrupted batch is finished, never rolled back
            os.fsync(fd)
        except BaseException:
            _roll_back(record, linked)
            _unlink(str(journal))
            raise
        for entry in entries:
            _unlink(entry.get("backup", entry["tmp"]))
        _unlink(str(journal))
    finally:
        os.close(fd)


def _roll_back(record: dict[str, Any], linked: set[str] | None = None) -> list[str]:
    """Undo what a journaled batch did, or nothing of it when a file was changed since; then [] or the report.

    `linked`: the files this process created (when it rolls back itself); None in recovery. A created file is
    deleted only when it holds exactly the bytes mir-fix wrote, an edited one restored only when it does.
    """
    files = record["files"]
    started = any("backup" in e and os.path.lexists(e["backup"]) for e in files)  # every new file was linked
    undo: list[tuple[str, dict[str, Any]]] = []
    report: list[str] = []
    changed = False
    for entry in files:
        path, current = entry["path"], _sha_of(entry["path"])
        if "backup" in entry:
            backup = entry["backup"]
            if not os.path.lexists(backup):
                report.append(f"{path}: not rewritten yet (as it was)")
            elif current == entry["new"]:
                undo.append(("restore", entry))
                report.append(f"{path}: rewritten by mir-fix; as it was before: {backup}")
            elif current == entry.get("old"):
                undo.append(("drop", entry))
                report.append(f"{path}: not rewritten yet (as it was)")
            else:
                changed = True
                report.append(f"{path}: rewritten by mir-fix, then changed since; as it was before: {backup}")
        elif current is None:
            report.append(f"{path}: not created")
        else:
            # In recovery, a file there while the temporary copy is (written before any file is linked) is taken
            # for ours, replaced by an editor that saves through a rename; if it is not, nothing is rolled back.
            mine = path in linked if linked is not None else started or os.path.lexists(entry["tmp"])
            if current == entry["new"] and mine:
                undo.append(("delete", entry))
                report.append(f"{path}: created by mir-fix")
            elif mine:
                changed = True
                report.append(f"{path}: created by mir-fix, then changed since")
            else:
                report.append(f"{path}: not created (the file there is not mir-fix's)")
    for entry in files:
        _unlink(entry["tmp"])
    if changed:
        return report
    for action, entry in undo:
        if action == "restore":
            os.replace(entry["backup"], entry["path"])
        elif action == "drop":
            _unlink(entry["backup"])
        else:
            _unlink(entry["path"])
    return []


def _parse(raw: bytes) -> dict[str, Any] | None:
    """The journal's record; its "in_place" says whether the _IN_PLACE line was added."""
    cut = raw.find(b"\n#")
    body = raw if cut < 0 else raw[:cut]
    try:
        record = json.loads(body)
        if not isinstance(record, dict) or not all(isinstance(e["path"], str) for e in record["files"]):
            return None
    except (ValueError, KeyError, TypeError):
        return None
    record["in_place"] = raw[cut:] == _IN_PLACE if cut >= 0 else False
    return record


@dataclass(frozen=True)
class Pending:
    """A journal an interrupted (or still running) run left: what `recover` would finish or roll back."""

    journal: Path
    change: str
    paths: list[str]
    busy: bool = False


def pending(journal: Path) -> Pending | None:
    """What `journal` holds, read without writing anything; None when there is nothing to recover."""
    if journal.name.endswith(".tmp"):  # never in place: nothing of the tree was written after it
        return None
    try:
        fd = os.open(journal, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        if not _lock(fd, blocking=False):
            return Pending(journal, "", [], busy=True)
        raw = b""
        while chunk := os.read(fd, 1 << 16):
            raw += chunk
    finally:
        os.close(fd)
    record = _parse(raw)
    if record is None:
        return None
    return Pending(journal, str(record.get("change", "")), [str(e["path"]) for e in record["files"]])


@dataclass
class Recovered:
    journal: Path
    change: str
    finished: bool = False
    changes: int = 1
    # Set when a file of the batch was changed since, so nothing of it was rolled back: every file, its state.
    unresolved: list[str] = field(default_factory=list)
    busy: bool = False


def recover(journal: Path) -> Recovered | None:
    """Finish or roll back the change an interrupted run left in `journal`; None when it is not a journal."""
    try:
        fd = os.open(journal, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        if not _lock(fd, blocking=False):
            return Recovered(journal, "", busy=True)
        if journal.name.endswith(".tmp"):  # never in place, so nothing was written after it
            _unlink(str(journal))
            return None
        raw = b""
        while chunk := os.read(fd, 1 << 16):
            raw += chunk
        record = _parse(raw)
        if record is None:
            return None
        files = record["files"]
        label = str(record.get("change", ""))
        if record.get("version", 1) >= 2:
            done = bool(record["in_place"])
        else:  # an older mir-fix's journal: done when every file holds its new content
            done = all(_sha_of(e["path"]) == e["new"] for e in files)
        result = Recovered(journal, label, finished=done, changes=int(record.get("changes", 1)))
        if done:  # finishing only removes what the batch left beside its files
            for entry in files:
                for key in ("backup", "tmp"):
                    if key in entry:
                        _unlink(entry[key])
        else:
            result.unresolved = _roll_back(record)
        for folder in dict.fromkeys(os.path.dirname(e["path"]) for e in files):
            _fsync_dir(folder)
        _unlink(str(journal))
        return result
    finally:
        os.close(fd)
