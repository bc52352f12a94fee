"""The shape of a codemod, and the read-only view of the project it is given."""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TypeVar

from tree_sitter import Node, Tree

from .change import Change, Finding
from .config import Options
from .parse import count_errors, first_error_line, parse_elixir
from .source import SourceError, SourceFile, load_source
from .suppress import Suppressions, find_suppressions

MIGRATION_VERSION = re.compile(r"^(\d{14})_")
T = TypeVar("T")


@dataclass(frozen=True)
class ParsedSource:
    file: SourceFile
    tree: Tree
    suppressions: Suppressions

    def text(self, node: Node) -> str:
        return self.file.content[node.start_byte : node.end_byte].decode("utf-8")

    def line(self, node: Node) -> int:
        return node.start_point[0] + 1

    @property
    def migration_version(self) -> str | None:
        match = MIGRATION_VERSION.match(self.file.path.name)
        return match.group(1) if match else None


class Workspace:
    """Files other than the one being rewritten, read through the engine.

    Codemods never open files themselves: they ask here, so every read is
    cached, bounded to text, and the same in every process.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self._prefix = str(base).rstrip(os.sep) + os.sep
        self._parsed: dict[Path, ParsedSource | None] = {}
        self._listings: dict[Path, tuple[str, ...]] = {}
        self._facts: dict[tuple[str, ...], object] = {}

    def fact(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """A project fact (say, the repo's migration lock), computed once per process."""
        if key not in self._facts:
            self._facts[key] = compute()
        return self._facts[key]  # type: ignore[return-value]

    def display(self, path: Path) -> str:
        text = str(path)
        prefix = self._prefix
        return text[len(prefix) :] if text.startswith(prefix) else text

    def resolve(self, display_path: str) -> Path:
        return self.base / display_path

    def list_dir(self, folder: Path) -> tuple[str, ...]:
        if folder not in self._listings:
            try:
                self._listings[folder] = tuple(sorted(os.listdir(folder)))
            except OSError:
                self._listings[folder] = ()
        return self._listings[folder]

    def walk(self, folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
        """Files under `folder` with one of `suffixes`, not following links, skipping deps and builds."""

        def collect() -> list[Path]:
            found = []
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(
                    d for d in dirs if d not in {"_build", "deps", "node_modules"} and not d.startswith(".")
                )
                found += [Path(root, f) for f in sorted(files) if f.endswith(suffixes)]
            return found

        return self.fact(("walk", str(folder), *suffixes), collect)

    def ancestors(self, path: Path) -> list[Path]:
        """The folders above `path`, nearest first, up to and including the git root."""
        folders = []
        for folder in path.parents:
            folders.append(folder)
            if self.exists(folder / ".git"):
                break
        return folders

    def exists(self, path: Path) -> bool:
        return path.name in self.list_dir(path.parent)

    def source(self, path: Path) -> SourceFile | None:
        """Any text file (a template, mix.exs), or None when absent or unreadable."""
        key = ("source", str(path))
        return self.fact(key, lambda: self._read(path))

    def _read(self, path: Path) -> SourceFile | None:
        if not path.is_file():
            return None
        try:
            return load_source(path, self.display(path))
        except SourceError:
            return None

    def parse(self, path: Path) -> ParsedSource | None:
        """An Elixir file other than the current one, or None when absent or broken."""
        if path not in self._parsed:
            self._parsed[path] = self._load(path)
        return self._parsed[path]

    def _load(self, path: Path) -> ParsedSource | None:
        if not path.is_file():
            return None
        try:
            source = load_source(path, self.display(path))
        except SourceError:
            return None
        tree = parse_elixir(source.content)
        if tree.root_node.has_error:
            return None
        return ParsedSource(source, tree, find_suppressions(source.content))


@dataclass
class Context:
    options: Options
    workspace: Workspace
    # Keys (such as migration versions) that proposals for the current file have
    # claimed for new files, so that two codemods never create clashing files.
    claimed: set[str] = field(default_factory=set)


class Blocked(Exception):
    """A codemod cannot make a change safely; the message says what a person can do about it.

    `line` is the statement it is about, where a `# mir-fix: ignore` can
    target it; None when it is about the module as a whole.
    """

    def __init__(self, message: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Codemod(ABC):
    """One rewrite. It proposes changes from a parsed file; it never writes or prints."""

    id: ClassVar[str]
    title: ClassVar[str]
    explain: ClassVar[str]
    # Byte strings of which one must occur in a file before it is parsed for this codemod...
    prefilter: ClassVar[tuple[bytes, ...]]
    # ...and byte strings that must all occur in it (say, `Ecto.Migration` for a migration codemod).
    requires: ClassVar[tuple[bytes, ...]] = ()
    # excellent_migrations check names whose suppression comments this codemod honours.
    assured_checks: ClassVar[frozenset[str]] = frozenset()
    # The checks whose findings it reports (name -> help text: what is wrong and the fix a person should
    # make); each is a SARIF rule and an `--explain` topic of its own.
    checks: ClassVar[dict[str, str]] = {}
    # Why a migration codemod leaves the migrations of a repo that is not PostgreSQL alone (its one finding).
    other_database_reason: ClassVar[str] = (
        "it writes PostgreSQL-only DDL (concurrent index builds, NOT VALID check constraints) that this database "
        "does not run"
    )

    def wants(self, content: bytes) -> bool:
        return all(token in content for token in self.requires) and any(token in content for token in self.prefilter)

    @abstractmethod
    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        """Changes and findings for one file."""

    def ignores_file(self, source: ParsedSource) -> bool:
        return source.suppressions.file_ignored(self.id, self.assured_checks)

    def ignores_line(self, source: ParsedSource, line: int) -> bool:
        return source.suppressions.line_ignored(self.id, line, self.assured_checks)


def parse_error_message(tree: Tree) -> str:
    line = first_error_line(tree.root_node)
    count = count_errors(tree.root_node)
    return (
        f"does not parse ({count} syntax error(s), first at line {line}); "
        "mir-fix skipped it. Fix the syntax (mix compile shows it), then run mir-fix again"
    )
