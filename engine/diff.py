"""Unified diffs for every front end."""

from __future__ import annotations

import difflib


def unified_diff(path: str, old: bytes | None, new: bytes) -> str:
    old_lines = old.decode("utf-8", "replace").splitlines() if old is not None else []
    new_lines = new.decode("utf-8", "replace").splitlines()
    # A path outside the working directory is absolute: `a/tmp/x.exs`, as git writes it, not `a//tmp/x.exs`.
    name = path.lstrip("/")
    lines = difflib.unified_diff(
        old_lines,
        new_lines,
        fromfile=f"a/{name}" if old is not None else "/dev/null",
        tofile=f"b/{name}",
        lineterm="",
    )
    return "\n".join(lines) + "\n"
