"""What mir-fix proposes on real apps now, next to what an older commit proposed.

    python bench/plan_diff.py OLD-REV /tmp/corpus/hexpm /tmp/corpus/accent ...

Both runs are dry runs with --all-migrations and the migration codemods over
each app, in JSON. A change an older mir-fix made (ready or needs-input) that
this one blocks or no longer proposes is counted under the class of its block
reason (the "never a wrong edit" classes), so each class shows how many edits
it now stops; changes it newly proposes are counted too. The older commit is
checked out into a scratch work tree. Not run in CI: the apps are not part
of the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SELECT = "index-concurrently,not-null"

# Block reasons, by the words that name each class.
CLASSES = (
    ("2 not PostgreSQL", ("adapter", "not PostgreSQL", "SQLite", "MyXQL", "Tds")),
    ("4 partitioned table", ("partitioned",)),
    ("5 down/0", ("down/0",)),
    ("7 later statement needs the column", ("would run before the backfill", "primary key", "pages on")),
    ("8 folder the migrator does not scan", ("migrator", "scans")),
    ("9 per-row column", ("need a value each",)),
    ("11 drop and re-create", ("re-create", "recreate")),
    ("17 default changed later", ("changes the default of",)),
)


def package_tree(checkout: Path, into: Path) -> Path:
    """`mir_fix` laid out as it installs (engine/ and codemods/ inside it), from a checkout."""
    package = into / "mir_fix"
    package.mkdir(parents=True)
    for path in (checkout / "mir_fix").iterdir():
        (package / path.name).symlink_to(path)
    (package / "engine").symlink_to(checkout / "engine")
    (package / "codemods").symlink_to(checkout / "codemods")
    return into


def plan(code: Path, app: Path, extra: list[str], select: str = SELECT) -> list[dict]:
    # The package tree comes first on sys.path, before the editable install of this checkout.
    run = f"import sys; sys.path.insert(0, {str(code)!r}); from mir_fix.cli import main; sys.exit(main())"
    result = subprocess.run(
        [sys.executable, "-c", run, "--format", "json", "--select", select, *extra, str(app)],
        cwd=app,
        capture_output=True,
        text=True,
    )
    try:
        changes: list[dict] = json.loads(result.stdout)["changes"]
    except (json.JSONDecodeError, KeyError):
        print(f"{app}: no plan ({result.stderr.strip()[-300:]})", file=sys.stderr)
        return []
    return changes


def key(change: dict) -> tuple[str, str, int]:
    return change["codemod"], change["path"], change["line"]


def classify(reason: str) -> str:
    for name, words in CLASSES:
        if any(word.lower() in reason.lower() for word in words):
            return name
    return "other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old_rev")
    parser.add_argument("apps", nargs="+", type=Path)
    parser.add_argument("--select", default=SELECT, help=f"codemods to compare (default {SELECT})")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="mir-fix-old-")) / "checkout"
    subprocess.run(["git", "worktree", "add", "--detach", str(scratch), args.old_rev], cwd=ROOT, check=True)
    old_code = package_tree(scratch, scratch.parent / "old")
    new_code = package_tree(ROOT, scratch.parent / "new")
    stopped: collections.Counter[str] = collections.Counter()
    gone: collections.Counter[str] = collections.Counter()
    new: collections.Counter[str] = collections.Counter()
    try:
        for app in args.apps:
            app = app.resolve()
            # The old commit has no --all-migrations: it rewrote every migration anyway.
            old = {key(c): c for c in plan(old_code, app, [], args.select)}
            now = {key(c): c for c in plan(new_code, app, ["--all-migrations"], args.select)}
            for k, change in old.items():
                if change["status"] == "blocked":
                    continue
                current = now.get(k)
                if current is None:
                    gone[change["codemod"]] += 1
                elif current["status"] == "blocked":
                    reason = current.get("reason", "")
                    stopped[classify(reason)] += 1
                    if classify(reason) == "other":
                        print(f"other: {reason[:160]}", file=sys.stderr)
            for k, change in now.items():
                if change["status"] != "blocked" and (k not in old or old[k]["status"] == "blocked"):
                    new[change["codemod"]] += 1
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(scratch)], cwd=ROOT, check=False)
    print("| class | edits the old commit made that are now blocked |")
    print("|---|---|")
    for name, count in sorted(stopped.items()):
        print(f"| {name} | {count} |")
    print(f"\nno longer proposed (left alone) by codemod: {dict(gone)}")
    print(f"newly proposed by codemod: {dict(new)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
