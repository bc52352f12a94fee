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
    """Source files under `paths`, each once, by real path, as the walk finds them.

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
                yield Path(real_root)
            continue
        if not os.path.isdir(real_root):
            errors.append(FileError(display(given), "is neither a file nor a folder", True))
            continue

        def on_error(exc: OSError) -> None:
            name = exc.filename if isinstance(exc.filename, str) else str(exc.filename)
            errors.append(FileError(display(Path(name)), f"cannot be listed: {exc.strerror}", unreadable=True))

        for folder, dirs, files in os.walk(real_root, onerror=on_error, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                if not name.endswith(SUFFIXES):
                    continue
                full = os.path.join(folder, name)
                if os.path.islink(full):
                    full = os.path.realpath(full)
                    if not (_inside(full, real_root) and os.path.isfile(full)):
                        continue
                if full not in seen:
                    seen.add(full)
                    yield Path(full)
