"""mir-fix against excellent_migrations' own test migrations: every case it flags, what mir-fix says.

    python bench/excellent_migrations.py /work/.mirror/Artur-Sulej+excellent_migrations/repo [--markdown]

The argument is a checkout or a bare git directory of
https://github.com/Artur-Sulej/excellent_migrations (nothing of it is copied
into this repository). Its cases are read from the repository itself:

- every `string_to_ast(...)` snippet of test/ast_parser_test.exs, with what
  its `assert [...] == AstParser.parse(ast)` expects (`[]`: safe). A snippet
  of column operations (`add`, `modify`, `remove`, ...) is put inside
  `alter table(:recipes)`, anything else inside `def change`, as a migration
  of its own in a scratch app;
- every migration of test/example_migrations, with the checks
  test/runner_test.exs expects of it (a file it does not list is safe).
  Those files have no `use Ecto.Migration` (excellent_migrations reads any
  file of its folders; Ecto compiles none without it): it is added.

Each case runs through mir-fix (all codemods, --all-migrations, PostgreSQL
14). A case excellent_migrations flags is covered when mir-fix proposes a
change (any status) or reports a finding for it; a case it calls safe must get
no ready change. Prints one row per case (check, EM says, mir-fix says) and the
totals; exits 1 when a flagged case is not covered or a safe case is changed,
unless the check is one mir-fix deliberately leaves (DELIBERATE, with why).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tree_sitter import Node

from mir_fix.codemods import CODEMODS
from mir_fix.engine.change import Status
from mir_fix.engine.config import Options
from mir_fix.engine.elixir import call_args, call_name, named, remote_call
from mir_fix.engine.parse import parse_elixir
from mir_fix.engine.run import analyze

COLUMN_OPERATIONS = ("add ", "add(", "add_if_not_exists", "modify", "remove", "timestamps")
# What mir-fix leaves alone on purpose, though excellent_migrations flags it: check -> why.
DELIBERATE = {
    "column_added_with_default": "a constant default is catalog-only on PostgreSQL 11+ (pg_version 14 here)",
    "safety_assured": "not a hazard: excellent_migrations' record of an assurance comment",
}
# Cases mir-fix is silent on by design though excellent_migrations flags them: a marker in the case's text -> why.
DELIBERATE_SHAPES = {
    'fragment("now()")': "now() is STABLE, not volatile: PostgreSQL 11+ evaluates it once and stores the value in the "
    "catalog, no table rewrite; a constant default likewise",
    "create table(:dumplings)": "the table is created in the same migration: no other session can hold it yet, so "
    "neither its foreign key nor its index locks anyone",
}


@dataclass
class Case:
    name: str
    source: str  # the migration file's text
    expected: list[str]  # excellent_migrations' checks; [] means safe
    file_name: str = "20240101000000_case.exs"
    said: list[str] = field(default_factory=list)
    changed: bool = False  # a ready change


def git_show(repo: Path, path: str) -> str:
    if (repo / path).is_file():
        return (repo / path).read_text(encoding="utf-8")
    return subprocess.run(
        ["git", "--git-dir", str(repo if (repo / "HEAD").exists() else repo / ".git"), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def git_ls(repo: Path, folder: str) -> list[str]:
    if (repo / folder).is_dir():
        return sorted(p.name for p in (repo / folder).iterdir())
    listed = subprocess.run(
        [
            "git",
            "--git-dir",
            str(repo if (repo / "HEAD").exists() else repo / ".git"),
            "ls-tree",
            "--name-only",
            f"HEAD:{folder}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return sorted(listed.split())


def string_value(node: Node) -> str | None:
    """The text of a string or sigil literal without interpolation (what Code.string_to_quoted gets)."""
    if node.type not in {"string", "sigil"}:
        return None
    parts = [c for c in node.named_children if c.type in {"quoted_content", "escape_sequence", "interpolation"}]
    if any(p.type == "interpolation" for p in parts):
        return None
    text = ""
    for part in parts:
        raw = (part.text or b"").decode()
        text += {"\\n": "\n", '\\"': '"', "\\\\": "\\"}.get(raw, raw) if part.type == "escape_sequence" else raw
    return text


def checks_of(node: Node) -> list[str] | None:
    """`[column_removed: 1, raw_sql_executed: 2]` or `[{:check, 1}]` as check names, one per occurrence."""
    if node.type != "list":
        return None
    found: list[str] = []
    for item in named(node):
        if item.type == "keywords":
            for pair in named(item):
                key = (pair.named_children[0].text or b"").decode().rstrip(": ")
                found.append(key)
        elif item.type == "tuple" and item.named_children:
            found.append((item.named_children[0].text or b"").decode().lstrip(":"))
    return found


def snippet_cases(repo: Path) -> list[Case]:
    text = git_show(repo, "test/ast_parser_test.exs")
    tree = parse_elixir(text.encode())
    cases: list[Case] = []
    snippets: dict[tuple[int, str], str] = {}

    def visit(node: Node, test: int) -> None:
        if call_name(node) == "test":
            test = node.start_byte
        if node.type == "binary_operator" and node.child_by_field_name("operator") is not None:
            operator = (node.child_by_field_name("operator").text or b"").decode()  # type: ignore[union-attr]
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator == "=" and left is not None and right is not None and call_name(right) == "string_to_ast":
                args = call_args(right)
                value = string_value(args[0]) if args else None
                if value is not None:
                    snippets[test, (left.text or b"").decode()] = value
            if (
                operator == "=="
                and left is not None
                and right is not None
                and remote_call(right) == ("AstParser", "parse")
            ):
                args = call_args(right)
                expected = checks_of(left)
                key = (test, (args[0].text or b"").decode()) if args else None
                if key in snippets and expected is not None:
                    cases.append(Case(f"ast_parser_test:{right.start_point[0] + 1}", wrap(snippets[key]), expected))
        for child in node.named_children:
            visit(child, test)

    visit(tree.root_node, 0)
    return cases


def with_use(source: str) -> str:
    """excellent_migrations reads any file of its folders; Ecto compiles only modules that `use Ecto.Migration`."""
    if "use Ecto.Migration" in source:
        return source
    return re.sub(r"^(defmodule [^\n]+ do\n)", r"\1  use Ecto.Migration\n\n", source, count=1, flags=re.M)


def wrap(snippet: str) -> str:
    body = snippet.strip("\n")
    if "defmodule" in body:
        return with_use(body + "\n")
    if not body.lstrip().startswith("def "):
        if body.lstrip().startswith(COLUMN_OPERATIONS):
            body = "alter table(:recipes) do\n" + indent(body) + "\nend"
        body = "def change do\n" + indent(body) + "\nend"
    # The snippet tests judge statements; whether the module runs a concurrent build outside a transaction is
    # a check of whole files (index_concurrently_without_disable_*). A snippet that builds concurrently gets
    # the attributes such a file needs, so that it is what its test calls safe.
    if "concurrently: true" in body:
        body = "@disable_ddl_transaction true\n@disable_migration_lock true\n\n" + body
    return "defmodule Kitchen.Repo.Migrations.Case do\n  use Ecto.Migration\n\n" + indent(body) + "\nend\n"


def indent(text: str) -> str:
    return "\n".join(("  " + line) if line.strip() else "" for line in text.splitlines())


def example_cases(repo: Path) -> list[Case]:
    runner = git_show(repo, "test/runner_test.exs")
    expected: dict[str, list[str]] = {}
    for entry in re.finditer(r"%\{(.*?)\}", runner, re.S):
        path = re.search(r'path:\s*"test/example_migrations/([^"]+)"', entry.group(1))
        kind = re.search(r"type:\s*:(\w+)", entry.group(1))
        if path and kind:
            expected.setdefault(path.group(1), []).append(kind.group(1))
    cases = []
    for name in git_ls(repo, "test/example_migrations"):
        source = with_use(git_show(repo, f"test/example_migrations/{name}"))
        cases.append(Case(f"example_migrations/{name}", source, expected.get(name, []), file_name=name))
    return cases


def run_case(case: Case, scratch: Path) -> None:
    root = scratch / re.sub(r"\W", "_", case.name)
    folder = root / "priv" / "repo" / "migrations"
    folder.mkdir(parents=True)
    (root / ".git").mkdir()
    (folder / case.file_name).write_text(case.source, encoding="utf-8")
    plan = analyze([root], CODEMODS, Options(all_migrations=True), root)
    for item in plan.changes:
        change = item.change
        case.said.append(f"{change.codemod}:{change.status.value}")
        case.changed |= change.status is Status.READY
    for finding in plan.findings:
        case.said.append(f"{finding.codemod}:{finding.check or 'finding'}")


def why_silent(case: Case) -> str | None:
    """Why mir-fix is right to say nothing about a case excellent_migrations flags; None: it should say something."""
    if set(case.expected) <= set(DELIBERATE):
        return DELIBERATE[case.expected[0]]
    return next((why for marker, why in DELIBERATE_SHAPES.items() if marker in case.source), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path, help="excellent_migrations checkout or bare git directory")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    cases = snippet_cases(args.repo) + example_cases(args.repo)
    with tempfile.TemporaryDirectory() as scratch:
        for case in cases:
            run_case(case, Path(scratch))
    flagged = [c for c in cases if c.expected]
    safe = [c for c in cases if not c.expected]
    missed = [c for c in flagged if not c.said and why_silent(c) is None]
    deliberate = [c for c in flagged if not c.said and why_silent(c) is not None]
    wrongly_changed = [c for c in safe if c.changed]
    rows = [
        (c.name, ", ".join(sorted(set(c.expected))) or "safe", ", ".join(sorted(set(c.said))) or "-") for c in cases
    ]
    if args.markdown:
        print("| case | excellent_migrations | mir-fix |\n|---|---|---|")
        for row in rows:
            print(f"| {row[0]} | {row[1]} | {row[2]} |")
    else:
        width = max(len(r[0]) for r in rows)
        for row in rows:
            print(f"{row[0].ljust(width)}  {row[1]:<45}  {row[2]}")
    print(
        f"\n{len(cases)} cases: {len(flagged)} flagged by excellent_migrations, {len(safe)} safe; "
        f"flagged and covered by mir-fix: {len(flagged) - len(missed) - len(deliberate)}; "
        f"left alone on purpose: {len(deliberate)}; missed: {len(missed)}; safe cases changed: {len(wrongly_changed)}"
    )
    for case in deliberate:
        print(f"  on purpose: {case.name} ({', '.join(sorted(set(case.expected)))}): {why_silent(case)}")
    for case in missed:
        print(f"  MISSED: {case.name} ({', '.join(case.expected)})")
    for case in wrongly_changed:
        print(f"  CHANGED A SAFE CASE: {case.name} ({', '.join(case.said)})")
    return 1 if missed or wrongly_changed else 0


if __name__ == "__main__":
    sys.exit(main())
