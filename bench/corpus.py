"""Run mir-fix over real apps on scratch copies and count what must be zero.

    python bench/corpus.py /tmp/corpus/firezone /tmp/corpus/hexpm ...

For each app: a dry run, then --write on a scratch copy, then a second run.
Reports per app: ready / needs-input / blocked (by reason) / findings / errors,
crashes, files written, written files Elixir's parser rejects, files that
tree-sitter parses worse than before, changes a second run still proposes, and
changes mir-fix blocked itself because re-reading showed it would change the file again;
then ready / needs-input / blocked / findings per codemod and blocked reasons
per codemod. With --each-codemod, the whole run (write, oracles, second run)
is repeated with each codemod alone, so every failure count is per codemod too.

Those runs pass --all-migrations: they measure every rewrite mir-fix can make.
Before them, on another scratch copy, a dry run and a --write with the default
migration scope (no start_after, --since or --all-migrations, as a new user
would run it) count the changes marked shipped and, per codemod, the files of
those changes that --write touched anyway ("outside scope", must be 0).
Not run in CI: the apps are not part of the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mir_fix.engine.parse import kind_of, parse_health
from tests.oracles import elixir_rejects

IGNORE = shutil.ignore_patterns(".git", "_build", "deps", "node_modules", "*.png", "*.jpg", "*.mp3", "*.woff*")


def mir_fix(args: list[str], cwd: Path) -> tuple[int, dict, float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mir_fix.cli", "--format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError:
        document = {}
    return result.returncode, document, elapsed, result.stderr


def reason_key(reason: str) -> str:
    reason = re.sub(r"\S+\.exs?:\d+", "FILE", reason)
    return re.sub(r"`[^`]*`", "`…`", reason)[:90]


def touched(work: Path, change: dict, originals: dict[str, bytes | None]) -> bool:
    """Whether any file of `change` differs on disk from what the dry run read."""
    for f in change["files"]:
        path = work / f["path"]
        now = path.read_bytes() if path.exists() else None
        if now != originals[f["path"]]:
            return True
    return False


def snapshot(work: Path, changes: list[dict]) -> dict[str, bytes | None]:
    originals = {}
    for change in changes:
        for f in change["files"]:
            path = work / f["path"]
            originals[f["path"]] = path.read_bytes() if path.exists() else None
    return originals


def scope_check(app: Path, extra: list[str], row: dict) -> None:
    """The default migration scope on a scratch copy: shipped changes, and those --write touched anyway."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / app.name
        shutil.copytree(app, work, ignore=IGNORE, symlinks=True)
        _, dry, _, _ = mir_fix([*extra, "."], work)
        shipped = [c for c in dry.get("changes", []) if c.get("shipped")]
        originals = snapshot(work, shipped)
        mir_fix(["--write", *extra, "."], work)
        row["shipped"] = len(shipped)
        row["outside_by"] = collections.Counter(c["codemod"] for c in shipped if touched(work, c, originals))
        row["outside_scope"] = sum(row["outside_by"].values())


def run_app(app: Path, extra: list[str]) -> dict:
    row: dict = {"app": app.name}
    scope_check(app, extra, row)
    extra = [*extra, "--all-migrations"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / app.name
        shutil.copytree(app, work, ignore=IGNORE, symlinks=True)
        code, dry, row["dry_s"], err = mir_fix([*extra, "."], work)
        row["crash"] = int(code not in (0, 1) or not dry)
        if row["crash"]:
            row["stderr"] = err[-2000:]
            return row
        statuses = collections.Counter(c["status"] for c in dry["changes"])
        row.update(ready=statuses["ready"], needs_input=statuses["needs-input"], blocked=statuses["blocked"])
        row["findings"] = len(dry["findings"])
        row["errors"] = len(dry["errors"])
        row["blocked_by"] = collections.Counter(
            (c["codemod"], reason_key(c.get("reason", ""))) for c in dry["changes"] if c["status"] == "blocked"
        )
        row["by_codemod"] = collections.Counter((c["codemod"], c["status"]) for c in dry["changes"])
        row["by_codemod"].update((f["codemod"], "finding") for f in dry["findings"])
        originals = snapshot(work, dry["changes"])
        code, wrote, row["write_s"], err = mir_fix(["--write", *extra, "."], work)
        row["crash"] += int(code not in (0, 1) or not wrote)
        written = [p for p in originals if (work / p).exists() and (work / p).read_bytes() != originals[p]]
        row["written"] = len(written)
        worse = 0
        for rel in written:
            kind = kind_of(rel)
            if kind is None:
                continue
            after = parse_health((work / rel).read_bytes(), kind)
            before = originals[rel]
            if before is None:
                worse += int(after.elixir_errors > 0)
            elif after.worse_than(parse_health(before, kind)):
                worse += 1
        row["parse_worse"] = worse
        row["elixir_rejects"] = len(elixir_rejects([work / p for p in written if p.endswith((".ex", ".exs"))]))
        _, again, _, _ = mir_fix([*extra, "."], work)
        row["second_run"] = sum(1 for c in again.get("changes", []) if c["status"] != "blocked")
        # Changes mir-fix blocked because re-reading the file showed its codemod would change it again.
        row["unsettled"] = sum(1 for c in dry["changes"] if "would change it again" in c.get("reason", ""))
    return row


HEAD = [
    "app",
    "ready",
    "needs",
    "blocked",
    "findings",
    "errors",
    "crash",
    "written",
    "worse",
    "rejects",
    "2nd",
    "unsettled",
    "shipped",
    "outside",
    "dry_s",
]
KEYS = [
    "app",
    "ready",
    "needs_input",
    "blocked",
    "findings",
    "errors",
    "crash",
    "written",
    "parse_worse",
    "elixir_rejects",
    "second_run",
    "unsettled",
    "shipped",
    "outside_scope",
]
FAILURES = ("crash", "parse_worse", "elixir_rejects", "second_run", "unsettled", "outside_scope")


def run_all(apps: list[Path], extra: list[str]) -> list[dict]:
    rows = []
    print("| " + " | ".join(HEAD) + " |")
    print("|" + "---|" * len(HEAD))
    for app in apps:
        row = run_app(app, extra)
        rows.append(row)
        cells = [row.get(k, "") for k in KEYS]
        print("| " + " | ".join(str(c) for c in cells) + f" | {row.get('dry_s', 0):.1f} |", flush=True)
    total = {k: sum(row.get(k, 0) for row in rows) for k in KEYS[1:]}
    print("| all | " + " | ".join(str(total[k]) for k in KEYS[1:]) + f" | {sum(r.get('dry_s', 0) for r in rows):.1f} |")
    return rows


def by_codemod(rows: list[dict]) -> None:
    counts: collections.Counter = collections.Counter()
    blocked: collections.Counter = collections.Counter()
    outside: collections.Counter = collections.Counter()
    for row in rows:
        counts.update(row.get("by_codemod", {}))
        blocked.update(row.get("blocked_by", {}))
        outside.update(row.get("outside_by", {}))
    codemods = sorted({codemod for codemod, _ in counts})
    print("\n| codemod | ready | needs | blocked | findings | written outside scope |\n|---|---|---|---|---|---|")
    for codemod in codemods:
        cells = [counts[(codemod, s)] for s in ("ready", "needs-input", "blocked", "finding")]
        print(f"| {codemod} | " + " | ".join(str(c) for c in [*cells, outside[codemod]]) + " |")
    print("\nblocked by codemod and reason:")
    for (codemod, reason), count in sorted(blocked.items(), key=lambda item: (item[0][0], -item[1])):
        print(f"  {count:4d}  {codemod}: {reason}")


def _plain(value: object) -> object:
    """`value` with tuple keys (Counters by codemod and status) joined by `|`: JSON keys are strings."""
    if isinstance(value, dict):
        return {"|".join(map(str, k)) if isinstance(k, tuple) else str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("apps", nargs="+", type=Path)
    parser.add_argument("--select", default=None)
    parser.add_argument("--each-codemod", action="store_true", help="also run each codemod alone")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    extra = ["--select", args.select] if args.select else []
    print(f"all codemods{' selected' if args.select else ''}:")
    rows = run_all(args.apps, extra)
    by_codemod(rows)
    runs = {"all": rows}
    if args.each_codemod:
        from mir_fix.codemods import CODEMODS

        for codemod in CODEMODS:
            print(f"\n{codemod.id} alone:")
            runs[codemod.id] = run_all(args.apps, ["--select", codemod.id])
    for name, ran in runs.items():
        for row in ran:
            if row.get("stderr"):
                print(f"\n{row['app']} crashed ({name}):\n{row['stderr']}")
    if args.json:
        args.json.write_text(json.dumps(_plain(runs), indent=2))
    failures = sum(row.get(k, 0) for ran in runs.values() for row in ran for k in FAILURES)
    print(f"\nfailure counts (crash + worse + rejects + 2nd + unsettled + outside) over all runs: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
