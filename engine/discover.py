"""Finding source files by walking the tree, not by guessing one layout."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .change import FileError

SKIP_DIRS = frozenset({"_build", "deps", "node_modules", ".git", ".elixir_ls", ".hex", "cover"})
SUFFIXES = (".ex", ".exs", ".heex")


class PathNotFound(Exception):
    pass


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def discover(paths: list[Path], display: Callable[[Path], str]) -> Discovery:
    """Source files under `paths`, each once, by real path (see iter_files)."""
    found = Discovery()
    found.files = list(iter_files(paths, display, found.errors))
    return found


def iter_files(paths: list[Path], display: Callable[[Path], str], errors: list[FileError]) -> Iterator[Path]:
    """Source files under `paths`, each once, by real path, as the walk finds them (see iter_paths)."""
    return (Path(path) for path in iter_paths(paths, display, errors))


def iter_paths(paths: list[Path], display: Callable[[Path], str], errors: list[FileError]) -> Iterator[str]:
    """Source files under `paths`, each once, by real path as a string, as the walk finds them.

    Symbolic links are followed only when they point inside the folder being
    walked; linked folders are never descended (no loops, no escapes).
    Folders that cannot be listed are added to `errors`.
    """
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            raise PathNotFound(f"{given}: no such file or folder")
    for given in paths:
        real_root = os.path.realpath(given)
        if os.path.isfile(real_root):
            if real_root.endswith(SUFFIXES) and real_root not in seen:
                seen.add(real_root)
                yield real_root
            continue
        if not os.path.isdir(real_root):
            errors.append(FileError(display(given), "is neither a file nor a folder", True))
            continue

        yield from _walk(real_root, real_root, seen, display, errors)


def _walk(
    folder: str, root: str, seen: set[str], display: Callable[[Path], str], errors: list[FileError]
) -> Iterator[str]:
    """A folder's source files (sorted), then its subfolders' in name order; os.scandir, so no stat per file."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        errors.append(FileError(display(Path(folder)), f"cannot be listed: {exc.strerror}", unreadable=True))
        return
    subfolders = []
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=False):
            if name not in SKIP_DIRS and not name.startswith("."):
                subfolders.append(entry.path)
        elif name.endswith(SUFFIXES):
            full = entry.path
            if entry.is_symlink():
                full = os.path.realpath(full)
                if not (_inside(full, root) and os.path.isfile(full)):
                    continue
            if full not in seen:
                seen.add(full)
                yield full
    for sub in subfolders:
        yield from _walk(sub, root, seen, display, errors)
