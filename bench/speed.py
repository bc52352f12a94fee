"""Speed of a full dry run next to tree-sitter parsing alone, on the same files.

    python bench/speed.py /tmp/corpus/*/ [--jobs 2]

Reports files/s and MB/s for: parsing every .ex/.exs with tree-sitter (read +
parse, one process), and mir-fix's dry run with every codemod (one process,
then --jobs N). The dry run reads every file but parses only those a codemod's
byte prefilter wants, so it can beat parsing everything.

Each time is the best of --repeat rounds; in every round, parsing alone, one
process and --jobs N run one after the other, and the ratios are also given
round by round (median and range): a small shared machine's speed wanders by
20% from one run to the next.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mir_fix.codemods import CODEMODS
from mir_fix.engine.codemod import Workspace
from mir_fix.engine.config import Options
from mir_fix.engine.discover import discover
from mir_fix.engine.parse import parse_elixir
from mir_fix.engine.run import analyze


def timed(label: str, files: int, size: int, seconds: float, baseline: float | None) -> None:
    ratio = f"  {seconds / baseline:.2f}x parse time" if baseline else ""
    rate = f"{files / seconds:8.0f} files/s  {size / seconds / 1e6:6.2f} MB/s"
    print(f"{label:<28} {seconds:7.2f} s  {rate}{ratio}")


SPIN = 20_000_000  # about a second of one core


def spin(n: int) -> int:
    """Pure-Python work with no I/O: what a perfectly parallel job would scale like on this machine."""
    total = 0
    for i in range(n):
        total += i % 7
    return total


def spin_in_processes(n: int, jobs: int) -> None:
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(spin, [n // jobs] * jobs))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for each figure")
    args = parser.parse_args()
    base = Path.cwd()
    found = discover(args.paths, Workspace(base).display)
    sources = [f for f in found.files if f.suffix in {".ex", ".exs"}]
    size = sum(f.stat().st_size for f in sources)
    print(f"{len(sources)} .ex/.exs files, {size / 1e6:.1f} MB")

    def parse_all() -> None:
        for path in sources:
            parse_elixir(path.read_bytes())

    # Parsing alone, one process and --jobs N take turns in every round, so a slow spell of the
    # machine hits all three alike; each figure is the best of its rounds.
    def seconds(work: Callable[[], object]) -> float:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started

    rounds: list[tuple[float, float, float]] = []
    ceilings: list[float] = []
    for _ in range(args.repeat):
        rounds.append(
            (
                seconds(parse_all),
                seconds(lambda: analyze(args.paths, CODEMODS, Options(), base, jobs=1)),
                seconds(lambda: analyze(args.paths, CODEMODS, Options(), base, jobs=args.jobs)),
            )
        )
        ceilings.append(seconds(lambda: spin(SPIN)) / seconds(lambda: spin_in_processes(SPIN, args.jobs)))
    parse_s, one, many = (min(r[i] for r in rounds) for i in range(3))
    timed("tree-sitter parse only", len(sources), size, parse_s, None)
    timed("mir-fix dry run, 1 process", len(sources), size, one, parse_s)
    plan = analyze(args.paths, CODEMODS, Options(), base, jobs=1)
    print(f"{'':<28} {plan.files_parsed} files parsed, {len(plan.changes)} changes")
    timed(f"mir-fix dry run, --jobs {args.jobs}", len(sources), size, many, parse_s)
    to_parse = sorted(r[1] / r[0] for r in rounds)
    speedups = sorted(r[1] / r[2] for r in rounds)
    print(
        f"1 process / parse time: {one / parse_s:.2f}x (best of each); per round: median "
        f"{statistics.median(to_parse):.2f}x, range {to_parse[0]:.2f}x-{to_parse[-1]:.2f}x"
    )
    print(
        f"--jobs {args.jobs} speed-up over one process: {one / many:.2f}x (best of each); per round: median "
        f"{statistics.median(speedups):.2f}x, range {speedups[0]:.2f}x-{speedups[-1]:.2f}x"
    )
    ceilings.sort()
    print(
        f"this machine, pure-Python work split over {args.jobs} processes: median {statistics.median(ceilings):.2f}x, "
        f"range {ceilings[0]:.2f}x-{ceilings[-1]:.2f}x (the most --jobs {args.jobs} could give here)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
