"""What codemods propose and what every front end consumes: small frozen records."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from .edit import Edit


class Status(StrEnum):
    READY = "ready"
    NEEDS_INPUT = "needs-input"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class FileEdits:
    """Edits to one existing file."""

    path: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class NewFile:
    """A file a change creates, such as a migration split off another one."""

    path: str
    text: str
    # Files that must ship in a later deploy (a NOT NULL contract) are committed apart.
    group: str = "main"


@dataclass(frozen=True)
class Question:
    """A value a person must give before a change can be applied as intended.

    Until answered, `placeholder` stands in the change's text; answering
    replaces it with the value.
    """

    key: str
    prompt: str
    placeholder: str


@dataclass(frozen=True)
class Change:
    """One reviewable unit: accepted or skipped whole, committed with its codemod."""

    codemod: str
    status: Status
    summary: str
    path: str
    line: int
    edits: tuple[FileEdits, ...] = ()
    creates: tuple[NewFile, ...] = ()
    reason: str | None = None
    questions: tuple[Question, ...] = ()
    # The migration version (timestamp) the change touches, when it touches a migration.
    migration_version: str | None = None
    # The code it rewrites has shipped (say, a migration that may have run in production): a dry
    # run shows the change, write modes never apply it, and `--check` does not fail on it.
    shipped: bool = False
    # What a person should know beyond the summary: why it counts as shipped, or what was assumed.
    note: str | None = None
    # The excellent_migrations check it fixes, when the codemod answers several (see Finding.check).
    check: str | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(f.path for f in self.edits) + tuple(f.path for f in self.creates)

    def blocked(self, reason: str) -> Change:
        return replace(self, status=Status.BLOCKED, reason=reason, edits=(), creates=())


@dataclass(frozen=True)
class Finding:
    """Something detected that has no automatic fix."""

    codemod: str
    path: str
    line: int
    message: str
    # In code that has shipped: shown, but `--check` does not fail on it (see Change.shipped).
    shipped: bool = False
    # The check it reports, named as excellent_migrations names it where it has one (`column_removed`),
    # so that its suppression comments and `skip_checks` apply; None: the codemod's own finding.
    check: str | None = None

    @property
    def rule(self) -> str:
        """The SARIF rule id: the check, else the codemod."""
        return self.check or self.codemod


@dataclass(frozen=True)
class FileError:
    """A file that could not be read, parsed, or safely rewritten."""

    path: str
    message: str
    unreadable: bool = False


@dataclass(frozen=True)
class FileDiff:
    path: str
    action: str  # "modify" | "create"
    diff: str


@dataclass(frozen=True)
class PlannedChange:
    """A change with its verified result: the diffs every front end shows."""

    change: Change
    diffs: tuple[FileDiff, ...] = field(default=())
    # sha256 of each modified file as the plan read it; applying refuses a file changed since.
    originals: tuple[tuple[str, str], ...] = ()

    @property
    def status(self) -> Status:
        return self.change.status
