"""Finding source files by walking the tree, not by guessing one layout."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .change import FileError

SKIP_DIRS = frozenset({"_build", "deps", "node_modules", ".git", ".elixir_ls", ".hex", "cover"})
SUFFIXES = (".ex", ".exs", ".heex")


class PathNotFound(Exception):
    pass


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regex over `/`-separated paths: `*` and `?` stay within one folder, `**` crosses folders."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body[:1] == "!" else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def anchor_pattern(pattern: str, base: Path) -> str:
    """An exclude glob made independent of the working directory.

    A glob without `/` (`*_test.exs`, `legacy`) matches a file or folder of
    that name anywhere, and stays as it is; any other is relative to `base`
    (the config file's folder, or the working directory for `--exclude`) and
    is made absolute. A trailing `/` is dropped: a folder that matches is
    skipped with everything in it.
    """
    pattern = pattern.strip().rstrip("/")
    if "/" not in pattern:
        return pattern
    if not os.path.isabs(pattern):
        pattern = os.path.join(os.path.realpath(base), pattern.removeprefix("./"))
    return os.path.normpath(pattern) if "**" not in pattern else pattern


@dataclass(frozen=True)
class Selection:
    """Which files under the given paths are left out of the walk.

    `exclude` holds globs made by anchor_pattern. Files and folders git
    ignores (`.gitignore`, `.git/info/exclude`, the global excludes file) are
    left out when `gitignore` is set. A path given on the command line is
    analysed even when it matches, unless `force`: as ruff does, so that
    `mir-fix path/to/file.exs` always does what it says, while a pre-commit
    hook that passes every staged file can pass `--force-exclude`.
    """

    exclude: tuple[str, ...] = ()
    gitignore: bool = True
    force: bool = False
    # The working directory (a real path): with `force`, a given path is excluded when it or a folder
    # between it and here matches.
    base: str = ""

    def excluded_given(self, path: str) -> bool:
        while True:
            if self.excluded(path):
                return True
            parent = os.path.dirname(path)
            if parent == path or not _inside(parent, self.base) or parent == self.base:
                return False
            path = parent

    def excluded(self, path: str) -> bool:
        name = os.path.basename(path)
        for pattern in self.exclude:
            regex = _glob_regex(pattern)
            if regex.match(path if "/" in pattern else name):
                return True
        return False


class GitIgnored:
    """What git ignores under the folders walked: one `git ls-files` per folder given (and per nested repository)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.paths: set[str] = set()
        self.asked: set[str] = set()

    def learn(self, folder: str) -> None:
        """Add the ignored files and folders under `folder` (nothing when it is not in a git work tree)."""
        if not self.enabled or folder in self.asked:
            return
        self.asked.add(folder)
        try:
            result = subprocess.run(
                ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"],
                cwd=folder,
                capture_output=True,
                check=False,
            )
        except OSError:  # no git: nothing is known to be ignored
            return
        if result.returncode != 0:  # not a git work tree
            return
        for name in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if name:
                self.paths.add(os.path.join(folder, name.rstrip("/")))

    def ignored(self, path: str) -> bool:
        return path in self.paths

    def ignored_given(self, path: str) -> bool:
        """Whether a path given on the command line is ignored (asked of git for it alone)."""
        if not self.enabled:
            return False
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        try:
            result = subprocess.run(
                ["git", "check-ignore", "-q", "--", path], cwd=folder, capture_output=True, check=False
            )
        except OSError:
            return False
        return result.returncode == 0


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def discover(paths: list[Path], display: Callable[[Path], str], selection: Selection | None = None) -> Discovery:
    """Source files under `paths`, each once, by real path (see iter_files)."""
    found = Discovery()
    found.files = list(iter_files(paths, display, found.errors, selection))
    return found


def iter_files(
    paths: list[Path], display: Callable[[Path], str], errors: list[FileError], selection: Selection | None = None
) -> Iterator[Path]:
    """Source files under `paths`, each once, by real path, as the walk finds them (see iter_paths)."""
    return (Path(path) for path in iter_paths(paths, display, errors, selection))


def iter_paths(
    paths: Sequence[Path], display: Callable[[Path], str], errors: list[FileError], selection: Selection | None = None
) -> Iterator[str]:
    """Source files under `paths`, each once, by real path as a string, as the walk finds them.

    Symbolic links are followed only when they point inside the folder being
    walked; linked folders are never descended (no loops, no escapes).
    Folders that cannot be listed are added to `errors`. What `selection`
    leaves out is never yielded (see Selection).
    """
    selection = selection or Selection(gitignore=False)
    ignored = GitIgnored(selection.gitignore)
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            raise PathNotFound(f"{given}: no such file or folder")
    for given in paths:
        real_root = os.path.realpath(given)
        if selection.force and (selection.excluded_given(real_root) or ignored.ignored_given(real_root)):
            continue
        if os.path.isfile(real_root):
            if real_root.endswith(SUFFIXES) and real_root not in seen:
                seen.add(real_root)
                yield real_root
            continue
        if not os.path.isdir(real_root):
            errors.append(FileError(display(given), "is neither a file nor a folder", True))
            continue
        ignored.learn(real_root)
        yield from _walk(real_root, real_root, seen, display, errors, selection, ignored)


def _walk(
    folder: str,
    root: str,
    seen: set[str],
    display: Callable[[Path], str],
    errors: list[FileError],
    selection: Selection,
    ignored: GitIgnored,
) -> Iterator[str]:
    """A folder's source files (sorted), then its subfolders' in name order; os.scandir, so no stat per file."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        errors.append(FileError(display(Path(folder)), f"cannot be listed: {exc.strerror}", unreadable=True))
        return
    if folder != root and any(entry.name == ".git" for entry in entries):
        ignored.learn(folder)  # a nested repository has ignore rules of its own
    subfolders = []
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            if name in SKIP_DIRS or name.startswith("."):
                continue
            if not (ignored.ignored(entry.path) or selection.excluded(entry.path)):
                subfolders.append(entry.path)
        elif name.endswith(SUFFIXES):
            full = entry.path
            if ignored.ignored(full) or selection.excluded(full):
                continue
            if entry.is_symlink():
                full = os.path.realpath(full)
                if not (_inside(full, root) and os.path.isfile(full)):
                    continue
            if full not in seen:
                seen.add(full)
                yield full
    for sub in subfolders:
        yield from _walk(sub, root, seen, display, errors, selection, ignored)
