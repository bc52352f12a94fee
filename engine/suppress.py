"""Suppression comments: ours, and the excellent_migrations ones teams already have.

# mir-fix: ignore                       the next line, every codemod
# mir-fix: ignore index-concurrently    the next line, that codemod
# mir-fix: ignore-file [ID]             the whole file
# excellent_migrations:safety-assured-for-next-line index_not_concurrently
# excellent_migrations:safety-assured-for-this-file index_not_concurrently
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OURS = re.compile(rb"#\s*mir-fix:\s*(ignore-file|ignore)\b([ \t]+[\w, \t-]+)?")
_THEIRS = re.compile(rb"#\s*excellent_migrations:safety-assured-for-(next-line|this-file)\b([ \t]+[\w \t]+)?")


@dataclass(frozen=True)
class Suppression:
    codemods: frozenset[str] | None  # None: every codemod
    checks: frozenset[str] | None  # excellent_migrations check names; None: every check

    def covers(self, codemod: str, checks: frozenset[str]) -> bool:
        if self.codemods is not None:
            return codemod in self.codemods
        if self.checks is not None:
            return bool(self.checks & checks)
        return True


@dataclass(frozen=True)
class Suppressions:
    """Where a file silences which codemods; lines are 1-based."""

    file: tuple[Suppression, ...] = ()
    by_line: dict[int, tuple[Suppression, ...]] = field(default_factory=dict)

    def file_ignored(self, codemod: str, checks: frozenset[str] = frozenset()) -> bool:
        return any(s.covers(codemod, checks) for s in self.file)

    def line_ignored(self, codemod: str, line: int, checks: frozenset[str] = frozenset()) -> bool:
        """A suppression comment stands on the line before `line`."""
        return any(s.covers(codemod, checks) for s in self.by_line.get(line - 1, ()))


def _names(raw: bytes | None) -> frozenset[str] | None:
    if raw is None:
        return None
    names = frozenset(n for n in re.split(r"[\s,]+", raw.decode("utf-8", "replace")) if n)
    return names or None


def find_suppressions(content: bytes) -> Suppressions:
    if b"mir-fix:" not in content and b"excellent_migrations:" not in content:
        return Suppressions()
    file: list[Suppression] = []
    by_line: dict[int, list[Suppression]] = {}
    for number, line in enumerate(content.splitlines(), start=1):
        ours = _OURS.search(line)
        if ours:
            item = Suppression(_names(ours.group(2)), None)
            if ours.group(1) == b"ignore-file":
                file.append(item)
            else:
                by_line.setdefault(number, []).append(item)
        theirs = _THEIRS.search(line)
        if theirs:
            item = Suppression(None, _names(theirs.group(2)))
            if theirs.group(1) == b"this-file":
                file.append(item)
            else:
                by_line.setdefault(number, []).append(item)
    return Suppressions(tuple(file), {k: tuple(v) for k, v in by_line.items()})
