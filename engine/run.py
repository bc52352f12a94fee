"""The pipeline: files -> parsed sources -> proposals -> verified plan; and applying a plan."""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from .change import Change, FileError, Finding, PlannedChange, Status
from .codemod import Codemod, Context, ParsedSource, Workspace, parse_error_message
from .config import Options
from .discover import Selection, iter_paths
from .edit import OverlapError, apply_edits
from .elixir import forget_captures
from .parse import parse_elixir
from .planner import resolve_conflicts, verify_all
from .source import SourceError, SourceFile, decode_source, load_source
from .suppress import find_suppressions, normalize, suppression_findings, unused_suppressions

# In the reason of a change blocked because its codemod would change the file again: a codemod defect, which
# tests and the corpus runner count as a failure.
UNSETTLED = "would change it again"


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

    @property
    def writable(self) -> list[PlannedChange]:
        """What write modes may apply: neither blocked nor shipped (needs-input ones go with their placeholders)."""
        return [c for c in self.changes if c.status is not Status.BLOCKED and not c.change.shipped]

    @property
    def shipped(self) -> list[PlannedChange]:
        return [c for c in self.changes if c.change.shipped]

    @property
    def failing(self) -> bool:
        """What `--check` fails on: any change or finding in code that has not shipped."""
        return any(not c.change.shipped for c in self.changes) or any(not f.shipped for f in self.findings)


class Analyzer:
    """Runs the selected codemods over one file at a time; one per process."""

    def __init__(self, codemods: Sequence[Codemod], options: Options, base: Path) -> None:
        self.codemods = [c for c in codemods if options.enabled(c.id)]
        self.known = {normalize(c.id) for c in codemods}
        self.every_codemod = len(self.codemods) == len(codemods)
        self.options = options
        self.workspace = Workspace(base)
        self.context = Context(options, self.workspace)

    def analyze(self, path: str, content: bytes | None = None) -> tuple[FileResult | None, bool]:
        """Changes, findings and errors for one file (None when there are none), and whether it was parsed.

        Most files are dropped by the byte prefilter, so that path stays on
        plain strings and bytes: no Path, no decoding. `content`, when given,
        stands for the file's (read from stdin: the file need not exist).
        """
        if path.endswith(".heex"):
            return None, False  # templates are read through their LiveView module
        try:
            if content is None:
                with open(path, "rb") as handle:
                    content = handle.read()
        except OSError as exc:
            rel = self.workspace.display(Path(path))
            return FileResult(errors=[FileError(rel, f"cannot be read: {exc.strerror}", unreadable=True)]), False
        head = content
        wanted = [c for c in self.codemods if c.wants(head)]
        if not wanted:
            return None, False
        result = FileResult()
        rel = self.workspace.display(Path(path))
        try:
            source = decode_source(Path(path), rel, head)
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
        result.findings.extend(suppression_findings(parsed.suppressions, rel, self.known))
        if self.options.report_unused_suppressions:
            ran = [c.id for c in wanted if not c.ignores_file(parsed)]
            result.findings.extend(unused_suppressions(parsed.suppressions, rel, ran, self.every_codemod))
        planned, errors = verify_all(proposals, self._loader(source))
        for codemod in wanted:
            planned = self._settled(codemod, source, planned)
        result.changes.extend(planned)
        result.errors.extend(errors)
        return (result if result.changes or result.findings or result.errors else None), True

    def _settled(self, codemod: Codemod, source: SourceFile, planned: list[PlannedChange]) -> list[PlannedChange]:
        """Re-read the file with the codemod's changes made: if the codemod would change it again, block them.

        A second run must find nothing to do. This checks that on every file,
        not only in tests: an edit that did not do what its codemod meant (say,
        an option that a call without parentheses swallowed) is caught here and
        reported, never written. Changes that edit other files (templates)
        are not re-read here; their codemods' tests and corpus runs cover them.
        """
        ours = [p for p in planned if p.change.codemod == codemod.id and p.status is not Status.BLOCKED]
        if not ours or any(f.path != source.rel for p in ours for f in p.change.edits):
            return planned
        try:
            after = apply_edits(
                source.content, [e for p in ours for f in p.change.edits for e in f.edits], source.newline
            )
        except OverlapError:
            return planned  # the planner blocks overlapping changes later
        if after == source.content:
            return planned
        tree = parse_elixir(after)
        again = ParsedSource(replace(source, content=after), tree, find_suppressions(after))
        claimed, self.context.claimed = self.context.claimed, set()
        try:
            left = [
                item
                for item in codemod.propose(again, self.context)
                if isinstance(item, Change) and item.status is not Status.BLOCKED
            ]
        finally:
            self.context.claimed = claimed
        if not left:
            return planned
        reason = (
            f"mir-fix re-read {source.rel} with this change made and {UNSETTLED} "
            f"({left[0].summary}), so the edit does not do what it means to; nothing is written. "
            "Please report this file to mir-fix"
        )
        return [PlannedChange(p.change.blocked(reason)) if p in ours else p for p in planned]

    def _loader(self, source: SourceFile) -> Callable[[str], SourceFile]:
        def load(rel: str) -> SourceFile:
            if rel == source.rel:
                return source
            return load_source(self.workspace.resolve(rel), rel)

        return load


# A batch: files by their index in the walk. Its result: the files with something to report, and how many were parsed.
Batch = list[tuple[int, str]]
BatchResult = tuple[list[tuple[int, FileResult]], int]

_worker: Analyzer | None = None


def _init_worker(codemods: Sequence[Codemod], options: Options, base: Path) -> None:
    global _worker
    _worker = Analyzer(codemods, options, base)


def _analyze_batch(batch: Batch) -> BatchResult:
    assert _worker is not None
    return _run_batch(_worker, batch)


def _run_batch(analyzer: Analyzer, batch: Batch) -> BatchResult:
    """The non-empty results of a batch, by file index, and how many of its files were parsed."""
    results = []
    parsed = 0
    for index, path in batch:
        result, was_parsed = analyzer.analyze(path)
        parsed += was_parsed
        if result is not None:
            results.append((index, result))
    return results, parsed


def batches(files: Iterable[str], found: list[str], size: int = 64) -> Iterator[Batch]:
    """Consecutive files (a folder's files stay mostly together) as the walk finds them; each is added to `found`.

    Batches keep the round trips to worker processes few; most files are
    dropped by the byte prefilter in microseconds, so one round trip per file
    or per small folder would cost more than the work.
    """
    batch: Batch = []
    for path in files:
        if len(batch) >= size:
            yield batch
            batch = []
        batch.append((len(found), path))
        found.append(path)
    if batch:
        yield batch


def _analyze_in_pool(
    walk: Iterable[str],
    found: list[str],
    codemods: Sequence[Codemod],
    options: Options,
    base: Path,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[list[FileResult], int]:
    """`jobs` processes analyse batches of files: `jobs - 1` workers, and this process.

    The workers get batches while the walk is still going. Once it ends, this
    process takes batches from the back of the queue, while a thread keeps
    every worker fed from the front (two batches in flight each, so no worker
    waits for the next). So on N cores, N processes are busy, and none of them
    is only walking or passing messages. Workers send back only the files
    that have something to report.
    """
    local = Analyzer(codemods, options, base)
    queue: deque[Batch] = deque()
    indexed: list[tuple[int, FileResult]] = []
    counts = [0, 0]  # files done, files parsed
    in_flight: dict[Future[BatchResult], int] = {}
    stop = threading.Event()
    lock = threading.Lock()
    failure: list[BaseException] = []

    def record(results: list[tuple[int, FileResult]], parsed: int, size: int) -> None:
        with lock:
            indexed.extend(results)
            counts[0] += size
            counts[1] += parsed

    def settle(futures: Iterable[Future[BatchResult]]) -> None:
        for future in futures:
            results, parsed = future.result()
            record(results, parsed, in_flight.pop(future))

    def top_up(pool: ProcessPoolExecutor) -> None:
        settle([f for f in in_flight if f.done()])
        while len(in_flight) < 2 * (jobs - 1) and not stop.is_set():
            try:
                batch = queue.popleft()
            except IndexError:
                return
            in_flight[pool.submit(_analyze_batch, batch)] = len(batch)

    def feed(pool: ProcessPoolExecutor) -> None:
        try:
            while True:
                top_up(pool)
                if not in_flight:
                    return
                settle(wait(in_flight, return_when=FIRST_COMPLETED).done)
        except BaseException as exc:  # re-raised in the main thread
            failure.append(exc)

    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None
        for batch in batches(walk, found):
            queue.append(batch)
            if pool is None and len(queue) > 1:  # a single batch is not worth starting processes for
                pool = stack.enter_context(
                    ProcessPoolExecutor(jobs - 1, initializer=_init_worker, initargs=(codemods, options, base))
                )
            if pool is not None:
                top_up(pool)
        feeder = threading.Thread(target=feed, args=(pool,), daemon=True) if pool is not None else None
        if feeder is not None:
            feeder.start()
        try:
            while not failure:
                try:
                    batch = queue.pop()
                except IndexError:
                    break
                record(*_run_batch(local, batch), len(batch))
                if progress:
                    progress(counts[0], len(found))
            while feeder is not None and feeder.is_alive():
                feeder.join(0.1)
                if progress:
                    progress(counts[0], len(found))
        finally:
            stop.set()
            if feeder is not None:
                feeder.join()
    if failure:
        raise failure[0]
    return [result for _, result in sorted(indexed, key=lambda item: item[0])], counts[1]


def analyze(
    paths: list[Path],
    codemods: Sequence[Codemod],
    options: Options,
    base: Path,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    workspace = Workspace(base)
    errors: list[FileError] = []
    display = lambda p: workspace.display(Path(p))  # noqa: E731
    selection = Selection(options.exclude, options.respect_gitignore, options.force_exclude, str(base.resolve()))
    walk = iter_paths(paths, display, errors, selection)
    if options.only_paths is not None:
        only = options.only_paths
        walk = (f for f in walk if f in only)
    files: list[str] = []
    if jobs > 1:
        results, parsed = _analyze_in_pool(walk, files, codemods, options, base, jobs, progress)
    else:
        files = list(walk)
        analyzer = Analyzer(codemods, options, base)
        results = []
        parsed = 0
        for done, path in enumerate(files, start=1):
            result, was_parsed = analyzer.analyze(path)
            parsed += was_parsed
            if result is not None:
                results.append(result)
            if progress:
                progress(done, len(files))
    return _plan(results, errors, len(files), parsed, codemods, workspace)


def analyze_content(content: bytes, path: Path, codemods: Sequence[Codemod], options: Options, base: Path) -> Plan:
    """One file's content (say, from stdin) analysed as if it were at `path`, which need not exist.

    Its project context (the app, its config, the other migrations of its
    folder) is the one around `path`.
    """
    workspace = Workspace(base)
    real = os.path.realpath(path)
    result, parsed = Analyzer(codemods, options, base).analyze(real, content)
    return _plan([result] if result else [], [], 1, int(parsed), codemods, workspace)


def _plan(
    results: list[FileResult],
    errors: list[FileError],
    scanned: int,
    parsed: int,
    codemods: Sequence[Codemod],
    workspace: Workspace,
) -> Plan:
    changes = [c for r in results for c in r.changes]
    order = {c.id: i for i, c in enumerate(codemods)}
    changes.sort(key=lambda c: (order.get(c.change.codemod, 99), c.change.path, c.change.line))
    changes = resolve_conflicts(changes, lambda rel: workspace.resolve(rel).exists())
    return Plan(
        changes=changes,
        findings=[f for r in results for f in r.findings],
        errors=errors + [e for r in results for e in r.errors],
        files_scanned=scanned,
        files_parsed=parsed,
    )
