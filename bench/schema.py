"""Whole migration folders of real apps on PostgreSQL, before and after mir-fix.

    python bench/schema.py /tmp/corpus/hexpm /tmp/corpus/accent ...

For each app: its migrations as they are run on an empty database (the
reference schema); then a scratch copy after `mir-fix --interactive
--all-migrations` with the migration codemods, every change accepted and every
backfill question answered `nil` (the database is empty, so no row takes the
value); that folder is run the same way. The two `pg_dump --schema-only`
outputs must be identical: CONCURRENTLY does not show in a dump, and the
helper constraints of a NOT NULL split are dropped again. Then the output is
rolled back and migrated again where the original rolls back.

Uses the oracle project in tests/oracle and a throwaway cluster (see
tests/runtime.py): needs elixir, erlang-dev, postgresql and MIR_FIX_HEXDEPS or
Hex. Not run in CI: the apps are not part of the repository.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mir_fix.cli import build_parser, load_options
from mir_fix.codemods import CODEMODS
from mir_fix.engine.apply import Applier
from mir_fix.engine.change import Question
from mir_fix.engine.run import analyze
from mir_fix.interactive import APPLY_CODEMOD, run_interactive
from mir_fix.report import TextReport
from tests.runtime import ORACLE, compile_oracle, throwaway_postgres
from tests.test_oracle_migrations import app_config, migration_folders, normalized_schema

IGNORE = shutil.ignore_patterns(".git", "_build", "deps", "node_modules", "assets", "*.png", "*.jpg")
SELECT = "index-concurrently,not-null"


class AcceptAll:
    """Accept every change; a backfill of an empty table needs no value, so answer nil."""

    questions = 0

    def choose(self, message: str) -> str | None:
        return APPLY_CODEMOD

    def value(self, question: Question) -> str | None:
        self.questions += 1
        return "nil"


def rewrite(app: Path) -> tuple[int, int]:
    """mir-fix --interactive --all-migrations on `app`, accepting all: (changes applied, questions)."""
    args = build_parser().parse_args(["--select", SELECT, "--all-migrations", str(app)])
    plan = analyze([app], CODEMODS, load_options(args, [app]), app)
    prompter = AcceptAll()
    session = run_interactive(plan, Applier(app), TextReport(io.StringIO()), prompter)
    return len(session.applied), prompter.questions


REPO_MODULE = re.compile(r"defmodule\s+([\w.]+)\s+do\s+use\s+Ecto\.Repo\b")


def repo_module(tree: Path) -> str | None:
    """The app's module that uses Ecto.Repo (the main `X.Repo` first), so migrations that call it by name find it."""
    names = [
        match.group(1)
        for path in sorted(tree.rglob("*.ex"))
        if "/deps/" not in str(path) and "/test/" not in str(path)
        for match in REPO_MODULE.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]
    return min(names, key=lambda name: (not name.endswith(".Repo"), len(name)), default=None)


MIGRATE_PREFIX = re.compile(r"ecto\.migrate[^\"\n]*--prefix[ =](\w+)")


def migrate_prefix(tree: Path) -> str | None:
    """The schema `mix ecto.migrate --prefix P` in the app's mix.exs aliases runs migrations in."""
    mix = tree / "mix.exs"
    match = MIGRATE_PREFIX.search(mix.read_text(encoding="utf-8", errors="replace")) if mix.exists() else None
    return match.group(1) if match else None


def job(database: str, tree: Path, steps: list[str]) -> dict[str, Any]:
    return {
        "database": database,
        "prefix": migrate_prefix(tree),
        "repo": repo_module(tree),
        "requires": [str(Path(__file__).resolve().parent / "oban_stub.exs")],
        "paths": migration_folders(tree),
        "config": app_config(tree),
        "steps": steps,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("apps", nargs="+", type=Path)
    args = parser.parse_args()
    mix = compile_oracle()
    scratch = Path(tempfile.mkdtemp(prefix="mir-fix-schema-"))
    jobs, rows = [], []
    for index, app in enumerate(args.apps):
        before, after = scratch / f"{index}-before", scratch / f"{index}-after"
        shutil.copytree(app, before, ignore=IGNORE, symlinks=True)
        shutil.copytree(app, after, ignore=IGNORE, symlinks=True)
        applied, questions = rewrite(after)
        rows.append({"app": app.name, "applied": applied, "questions": questions})
        jobs.append(job(f"s{index}_before", before, ["up", "dump", "down"]))
        jobs.append(job(f"s{index}_after", after, ["up", "dump", "down", "up", "dump"]))
    jobs_file, results_file = scratch / "jobs.json", scratch / "results.json"
    jobs_file.write_text(json.dumps(jobs))
    with throwaway_postgres() as postgres:
        mix.run(ORACLE / "migrations.exs", str(jobs_file), str(results_file), extra_env=postgres.env, timeout=3600)
    results = json.loads(results_file.read_text())
    failures = 0
    print("| app | changes applied | questions | original migrates | output migrates | schemas equal | rolls back |")
    print("|---|---|---|---|---|---|---|")
    for index, row in enumerate(rows):
        original, output = results[2 * index], results[2 * index + 1]
        migrated = original[0].get("ok", False)
        out_ok = output[0].get("ok", False)
        equal: str = "-"
        rollback: str = "-"
        if migrated and out_ok:
            a, b = normalized_schema(original[1]["schema"]), normalized_schema(output[1]["schema"])
            equal = "yes" if a == b else "NO"
            if a != b:
                failures += 1
                diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "original", "mir-fix", lineterm="", n=1)
                print("\n".join(diff), file=sys.stderr)
            if original[2].get("ok"):
                rollback = "yes" if output[2].get("ok") and output[3].get("ok") else "NO"
                failures += rollback == "NO"
        elif migrated and not out_ok:
            failures += 1
            print(f"{row['app']}: output fails: {output[0].get('error', '')[:600]}", file=sys.stderr)
        elif not migrated:
            print(f"{row['app']}: original fails: {original[0].get('error', '')[:300]}", file=sys.stderr)
        print(
            f"| {row['app']} | {row['applied']} | {row['questions']} | {'yes' if migrated else 'no'} "
            f"| {'yes' if out_ok else 'no'} | {equal} | {rollback} |"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
