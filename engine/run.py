"""The pipeline: files -> parsed sources -> proposals -> verified plan; and applying a plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .change import Change, FileError, Finding, PlannedChange, Status
from .codemod import MIGRATION_VERSION, Codemod, Context, ParsedSource, Workspace, parse_error_message
from .config import Options
from .discover import Discovery, iter_files
from .elixir import forget_captures
from .parse import parse_elixir
from .planner import resolve_conflicts, verify_all
from .source import SourceError, SourceFile, decode_source, load_source
from .suppress import find_suppressions


@dataclass
class FileResult:
    changes: list[PlannedChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)


@dataclass
class Plan:
    """What every front end consumes: the same list, whatever the mode."""

    changes: list[PlannedChange]
    findings: list[Finding]
    errors: list[FileError]
    files_scanned: int
    files_parsed: int
    # Changes to migrations older than the newest one in their folder (likely already run).
    shipped_migration_changes: int = 0

    @property
    def actionable(self) -> list[PlannedChange]:
        return [c for c in self.changes if c.status is not Status.BLOCKED]


class Analyzer:
    """Runs the selected codemods over one file at a time; one per process."""

    def __init__(self, codemods: Sequence[Codemod], options: Options, base: Path) -> None:
        self.codemods = [c for c in codemods if options.enabled(c.id)]
        self.options = options
        self.workspace = Workspace(base)
        self.context = Context(options, self.workspace)

    def analyze(self, path: Path) -> tuple[FileResult, bool]:
        """Changes, findings and errors for one file, and whether it was parsed."""
        result = FileResult()
        rel = self.workspace.display(path)
        if path.suffix == ".heex":
            return result, False  # templates are read through their LiveView module
        try:
            head = path.read_bytes()
        except OSError as exc:
            result.errors.append(FileError(rel, f"cannot be read: {exc.strerror}", unreadable=True))
            return result, False
        wanted = [c for c in self.codemods if c.wants(head)]
        if not wanted:
            return result, False
        try:
            source = decode_source(path, rel, head)
        except SourceError as exc:
            result.errors.append(FileError(rel, str(exc), exc.unreadable))
            return result, False
        tree = parse_elixir(source.content)
        if tree.root_node.has_error:
            result.errors.append(FileError(rel, parse_error_message(tree)))
            return result, True
        parsed = ParsedSource(source, tree, find_suppressions(source.content))
        self.context.claimed = set()
        forget_captures()
        proposals: list[Change] = []
        for codemod in wanted:
            if codemod.ignores_file(parsed):
                continue
            for item in codemod.propose(parsed, self.context):
                if isinstance(item, Finding):
                    result.findings.append(item)
                else:
                    proposals.append(item)
        planned, errors = verify_all(proposals, self._loader(source))
        result.changes.extend(planned)
        result.errors.extend(errors)
        return result, True

    def _loader(self, source: SourceFile) -> Callable[[str], SourceFile]:
        def load(rel: str) -> SourceFile:
            if rel == source.rel:
                return source
            return load_source(self.workspace.resolve(rel), rel)

        return load


_worker: Analyzer | None = None


def _init_worker(codemods: Sequence[Codemod], options: Options, base: Path) -> None:
    global _worker
    _worker = Analyzer(codemods, options, base)


def _analyze_batch(batch: list[tuple[int, Path]]) -> list[tuple[int, FileResult, bool]]:
    assert _worker is not None
    return [(index, *_worker.analyze(path)) for index, path in batch]


def batches(files: Iterable[Path], found: list[Path], size: int = 64) -> Iterator[list[tuple[int, Path]]]:
    """Consecutive files (a folder's files stay mostly together) as the walk finds them; each is added to `found`.

    Batches keep the round trips to worker processes few; most files are
    dropped by the byte prefilter in microseconds, so one round trip per file
    or per small folder would cost more than the work.
    """
    batch: list[tuple[int, Path]] = []
    for path in files:
        if len(batch) >= size:
            yield batch
            batch = []
        batch.append((len(found), path))
        found.append(path)
    if batch:
        yield batch


def _analyze_in_pool(
    walk: Iterable[Path],
    found: list[Path],
    codemods: Sequence[Codemod],
    options: Options,
    base: Path,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> list[tuple[FileResult, bool]]:
    """Hand batches to worker processes while the walk goes on, so finding files overlaps analysing them."""
    indexed: list[tuple[int, FileResult, bool]] = []
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(codemods, options, base)) as pool:
        pending = [pool.submit(_analyze_batch, batch) for batch in batches(walk, found)]
        for future in as_completed(pending):
            indexed += future.result()
            if progress:
                progress(len(indexed), len(found))
    return [(result, parsed) for _, result, parsed in sorted(indexed, key=lambda item: item[0])]


def analyze(
    paths: list[Path],
    codemods: Sequence[Codemod],
    options: Options,
    base: Path,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    workspace = Workspace(base)
    found = Discovery()
    display = lambda p: workspace.display(Path(p))  # noqa: E731
    walk = iter_files(paths, display, found.errors)
    if options.only_paths is not None:
        only = options.only_paths
        walk = (f for f in walk if str(f) in only)
    if jobs > 1:
        results = _analyze_in_pool(walk, found.files, codemods, options, base, jobs, progress)
    else:
        found.files = list(walk)
        analyzer = Analyzer(codemods, options, base)
        results = []
        for done, path in enumerate(found.files, start=1):
            results.append(analyzer.analyze(path))
            if progress:
                progress(done, len(found.files))
    files = found.files
    changes = [c for r, _ in results for c in r.changes]
    order = {c.id: i for i, c in enumerate(codemods)}
    changes.sort(key=lambda c: (order.get(c.change.codemod, 99), c.change.path, c.change.line))
    changes = resolve_conflicts(changes, lambda rel: workspace.resolve(rel).exists())
    plan = Plan(
        changes=changes,
        findings=[f for r, _ in results for f in r.findings],
        errors=found.errors + [e for r, _ in results for e in r.errors],
        files_scanned=len(files),
        files_parsed=sum(1 for _, parsed in results if parsed),
    )
    plan.shipped_migration_changes = _count_shipped(plan.actionable, workspace)
    return plan


def _count_shipped(changes: list[PlannedChange], workspace: Workspace) -> int:
    """Changes to a migration older than the newest one beside it: it has probably run."""
    count = 0
    for item in changes:
        version = item.change.migration_version
        if version is None:
            continue
        folder = workspace.resolve(item.change.path).parent
        versions = [m.group(1) for name in workspace.list_dir(folder) if (m := MIGRATION_VERSION.match(name))]
        if versions and version < max(versions):
            count += 1
    return count
