"""Suppression comments: ours, and the excellent_migrations ones teams already have.

# mir-fix: ignore                       the next statement, every codemod
# mir-fix: ignore index-concurrently    the next statement, that codemod
create index(:a, [:b])  # mir-fix: ignore [ID]    the same, as a comment on the statement's first line
# mir-fix: ignore-file [ID]             the whole file
# excellent_migrations:safety-assured-for-next-line index_not_concurrently
# excellent_migrations: safety-assured-for-this-file index_not_concurrently
@safety_assured :all  /  @safety_assured [:index_not_concurrently]    (excellent_migrations' attribute: the file)

Comment lines stack: a suppression comment followed by other comment lines
covers the first line after them that is not a comment, as excellent_migrations
does. Ids are compared with `_` and `-` alike (`index_concurrently`,
`index-not-concurrently`). `used` records which comment silenced which
codemod, for `--report-unused-suppressions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .change import Finding

# The codemod of findings about the suppression comments themselves.
OWN = "mir-fix"

_OURS = re.compile(rb"#\s*mir-fix\s*:\s*(ignore-file|ignore)(?![\w-])([ \t]+[\w, \t-]+)?")
_THEIRS = re.compile(rb"#\s*excellent_migrations\s*:\s*safety-assured-for-(next-line|this-file)\b([ \t]+[\w, \t-]+)?")
# excellent_migrations' module attribute: `@safety_assured :all`, `true`, `:check` or `[:check_a, :check_b]`.
_ATTRIBUTE = re.compile(rb"^[ \t]*@safety_assured[ \t]*\(?[ \t]*(\[[^\]]*\]|:\w+|true)", re.MULTILINE)
_ATOM = re.compile(rb":(\w+)")
_COMMENT_LINE = re.compile(rb"^[ \t]*#")


def normalize(name: str) -> str:
    return name.strip().lower().replace("_", "-")


@dataclass(frozen=True)
class Suppression:
    codemods: frozenset[str] | None  # None: every codemod (normalized ids)
    checks: frozenset[str] | None  # excellent_migrations check names (normalized); None: every check
    line: int = 0  # where the comment stands (1-based); 0 for the module attribute
    ours: bool = True  # `# mir-fix: ignore`, as opposed to an excellent_migrations form
    names: tuple[str, ...] = ()  # the ids as written, for messages

    def covers(self, codemod: str, checks: frozenset[str]) -> bool:
        if self.codemods is not None:
            return normalize(codemod) in self.codemods
        if self.checks is not None:
            return bool(self.checks & {normalize(c) for c in checks})
        return True


@dataclass(frozen=True)
class Suppressions:
    """Where a file silences which codemods; lines are 1-based."""

    file: tuple[Suppression, ...] = ()
    # By the line they cover (the statement's first line), not the line of the comment.
    by_line: dict[int, tuple[Suppression, ...]] = field(default_factory=dict)
    # (comment line, codemod id) of every suppression that silenced something.
    used: set[tuple[int, str]] = field(default_factory=set, compare=False)

    def file_ignored(self, codemod: str, checks: frozenset[str] = frozenset()) -> bool:
        return self._match(self.file, codemod, checks)

    def line_ignored(self, codemod: str, line: int, checks: frozenset[str] = frozenset()) -> bool:
        """A suppression comment stands before `line` (comment lines between) or at its end."""
        return self._match(self.by_line.get(line, ()), codemod, checks)

    def _match(self, items: tuple[Suppression, ...], codemod: str, checks: frozenset[str]) -> bool:
        hit = False
        for item in items:
            if item.covers(codemod, checks):
                self.used.add((item.line, codemod))
                hit = True
        return hit

    def ours(self) -> list[Suppression]:
        """Every `# mir-fix: ignore` and `ignore-file` comment, in file order."""
        items = [s for s in self.file if s.ours] + [s for group in self.by_line.values() for s in group if s.ours]
        return sorted(set(items), key=lambda s: s.line)

    def line_comments(self) -> list[Suppression]:
        """The `# mir-fix: ignore` comments (not ignore-file), in file order."""
        return sorted({s for group in self.by_line.values() for s in group if s.ours}, key=lambda s: s.line)


def _names(raw: bytes | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    return tuple(n for n in re.split(r"[\s,]+", raw.decode("utf-8", "replace")) if n)


def _covered_line(lines: list[bytes], index: int) -> int:
    """The 1-based line a comment-only line at 0-based `index` covers: the next line that is not a comment."""
    at = index + 1
    while at < len(lines) and _COMMENT_LINE.match(lines[at]):
        at += 1
    return at + 1


def find_suppressions(content: bytes) -> Suppressions:
    if b"mir-fix" not in content and b"excellent_migrations" not in content and b"@safety_assured" not in content:
        return Suppressions()
    file: list[Suppression] = []
    by_line: dict[int, list[Suppression]] = {}
    lines = content.splitlines()
    for index, line in enumerate(lines):
        number = index + 1
        alone = bool(_COMMENT_LINE.match(line))
        ours = _OURS.search(line)
        if ours:
            names = _names(ours.group(2))
            item = Suppression(frozenset(normalize(n) for n in names) or None, None, number, True, names)
            if ours.group(1) == b"ignore-file":
                file.append(item)
            else:
                by_line.setdefault(_covered_line(lines, index) if alone else number, []).append(item)
        theirs = _THEIRS.search(line)
        if theirs and alone:  # excellent_migrations reads whole-line comments only
            names = _names(theirs.group(2))
            item = Suppression(None, frozenset(normalize(n) for n in names) or None, number, False, names)
            if theirs.group(1) == b"this-file":
                file.append(item)
            else:
                by_line.setdefault(_covered_line(lines, index), []).append(item)
    for match in _ATTRIBUTE.finditer(content):
        value = match.group(1)
        atoms = [a.decode() for a in _ATOM.findall(value)]
        everything = value == b"true" or "all" in atoms
        checks = None if everything else frozenset(normalize(a) for a in atoms)
        file.append(Suppression(None, checks, 0, False, tuple(atoms)))
    return Suppressions(tuple(file), {k: tuple(v) for k, v in by_line.items()})


def _comment(item: Suppression) -> str:
    return "# mir-fix: ignore" + (f" {', '.join(item.names)}" if item.names else "")


def suppression_findings(found: Suppressions, path: str, known: Iterable[str]) -> list[Finding]:
    """A warning for each id in a `# mir-fix: ignore` comment that names no codemod: it silences nothing."""
    known = set(known)
    findings = []
    for item in found.ours():
        unknown = [n for n in item.names if normalize(n) not in known]
        if unknown:
            findings.append(
                Finding(
                    OWN,
                    path,
                    item.line,
                    f"unknown codemod {', '.join(f'`{n}`' for n in unknown)} in a suppression comment, which "
                    f"therefore silences nothing for it; known: {', '.join(sorted(known))} (see mir-fix --list)",
                )
            )
    return findings


def unused_suppressions(found: Suppressions, path: str, ran: Iterable[str], every_codemod: bool) -> list[Finding]:
    """`# mir-fix: ignore` comments that silenced none of the codemods that ran on the file.

    A comment naming codemods is judged by those of them that ran; one naming
    none only when every codemod was selected (it may be there for one left out).
    """
    ran = list(ran)
    findings = []
    for item in found.line_comments():
        used = {codemod for line, codemod in found.used if line == item.line}
        if item.codemods is None:
            idle = [] if used or not every_codemod or not ran else ["any codemod"]
        else:
            idle = [c for c in ran if normalize(c) in item.codemods and c not in used]
        if idle:
            findings.append(
                Finding(
                    OWN,
                    path,
                    item.line,
                    f"unused suppression: `{_comment(item)}` silences nothing for {', '.join(idle)}; remove it",
                )
            )
    return findings
