"""Every golden migration case, and the example app, run on PostgreSQL with real ecto_sql.

For each case the original migrations (before/) are run on an empty database:
that is the reference schema. mir-fix's output (after/, with needs-input
questions answered as --interactive would) is then run on a database whose
tables get rows after every migration, the way a deployed app's tables
have them: migrate, roll back all, migrate again. It must migrate, end with
the reference schema (pg_dump --schema-only, which does not show whether an
index was built concurrently) with every index valid and no helper
constraint left, roll back wherever the original did, and fill backfilled
rows with the answered value.

Per-case oracle settings live in golden/<codemod>/<case>/oracle.toml:
`setup_sql` (tables the case's migrations assume exist), `answers` (question
key -> Elixir term), `expect_sql` (queries that must return true after the
migration), `skip` (why the migrator cannot run this case),
`writer` (`after`: a version, `sql`: an INSERT the running app keeps
making, as fast as it can, from the next migration on), `seed_after` (a
version: rows are written only from that migration on, for cases whose
older migrations ran when the tables were empty),
`original_fails` (the original itself fails even on an empty database, which
is what the case fixes: the error it must give; the reference schema is then
the output's on an empty database), and `output_fails` (mir-fix rightly left
the migration as it was, blocked or suppressed, and it fails on a populated
table: the error it must give).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mir_fix.cli import build_parser, load_options
from mir_fix.codemods import CODEMODS
from mir_fix.codemods._migration import MIGRATOR_FILE
from mir_fix.engine.apply import Applier
from mir_fix.engine.change import Question
from mir_fix.engine.run import analyze
from mir_fix.interactive import APPLY_CODEMOD, run_interactive
from mir_fix.report import TextReport

from .cli import EXAMPLES
from .golden import all_cases
from .runtime import ORACLE, Mix, Postgres

MIGRATION_CODEMODS = ("index-concurrently", "not-null", "validate-constraints", "column-default")
EXAMPLE_ORACLE = Path(__file__).resolve().parent / "oracle" / "example.toml"


@dataclass
class OracleCase:
    name: str
    before: Path
    args: list[str]
    settings: dict[str, Any]
    after: Path | None = None
    # index-concurrently is expected to make at least one index operation concurrent.
    makes_concurrent: bool = False
    answered: Path | None = None
    interactive: Path | None = None
    # Why the case could not be prepared (say, a question oracle.toml does not answer).
    problem: str | None = None
    results: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _settings(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def oracle_cases() -> list[OracleCase]:
    cases = [
        OracleCase(
            c.name,
            c.before,
            c.args(),
            _settings(c.folder / "oracle.toml"),
            after=c.after,
            makes_concurrent=c.codemod == "index-concurrently" and "ready" in c.expect.get("statuses", []),
        )
        for c in all_cases()
        if c.codemod in MIGRATION_CODEMODS
    ]
    example_args = ["--select", ",".join(MIGRATION_CODEMODS), "--all-migrations"]
    cases.append(OracleCase("examples", EXAMPLES, example_args, _settings(EXAMPLE_ORACLE)))
    return cases


class Answers:
    """--interactive's prompter, scripted: apply every change, answer every question from oracle.toml."""

    def __init__(self, case: OracleCase) -> None:
        self.case = case
        self.given: dict[str, str] = {}  # placeholder -> answer

    def choose(self, message: str) -> str | None:
        return APPLY_CODEMOD

    def value(self, question: Question) -> str | None:
        answers: dict[str, str] = self.case.settings.get("answers", {})
        if question.key not in answers:
            raise AssertionError(f"{self.case.name}: add `{question.key} = ...` under [answers] in its oracle.toml")
        self.given[question.placeholder] = answers[question.key]
        return answers[question.key]


def answer_interactively(case: OracleCase, work: Path) -> dict[str, str]:
    """mir-fix --interactive on `work`, as a person who accepts every change would run it; the answers given."""
    args = build_parser().parse_args([*case.args, str(work)])
    options = load_options(args, [work])
    plan = analyze([work], CODEMODS, options, work)
    prompter = Answers(case)
    run_interactive(plan, Applier(work), TextReport(io.StringIO()), prompter)
    return prompter.given


def answered_after(after: Path, given: dict[str, str], work: Path) -> None:
    """The golden's after/ tree with each question's placeholder replaced by its answer, into `work`."""
    shutil.copytree(after, work, symlinks=True)
    for path in work.rglob("*"):
        if path.is_file() and given:
            text = path.read_bytes()
            for placeholder, value in given.items():
                text = text.replace(placeholder.encode(), value.encode())
            path.write_bytes(text)


def migration_folders(tree: Path) -> list[str]:
    folders = {
        str(p.parent)
        for p in tree.rglob("*.exs")
        if MIGRATOR_FILE.match(p.name) and "Ecto.Migration" in p.read_text(encoding="utf-8", errors="replace")
    }
    return sorted(folders)


def app_config(tree: Path) -> str | None:
    """config/config.exs, with empty environment files where the case has none (goldens are partial apps)."""
    if not (tree / "config" / "config.exs").exists():
        return None
    copy = tree.parent / f"{tree.name}-config"
    shutil.copytree(tree / "config", copy, dirs_exist_ok=True)
    for env in ("dev", "test", "prod"):
        env_file = copy / f"{env}.exs"
        if not env_file.exists():
            env_file.write_text("import Config\n")
    return str(copy / "config.exs")


def job(database: str, tree: Path, case: OracleCase, *, seed: bool, steps: list[str]) -> dict[str, Any]:
    return {
        "database": database,
        "paths": migration_folders(tree),
        "config": app_config(tree),
        "setup_sql": case.settings.get("setup_sql"),
        "expect_sql": case.settings.get("expect_sql", []),
        "seed": seed,
        "seed_after": int(case.settings.get("seed_after", 0)),
        "writer": case.settings.get("writer") if seed else None,
        "steps": steps,
    }


def normalized_schema(dump: str) -> str:
    """pg_dump's schema without comments, SET lines and blank lines."""
    lines = []
    for line in dump.splitlines():
        if not line.strip() or line.startswith("--") or line.startswith("SET ") or "set_config(" in line:
            continue
        if line.startswith("\\restrict") or line.startswith("\\unrestrict"):
            continue
        lines.append(line)
    return "\n".join(lines)


# MIR_FIX_ORACLE_CASES=validate-constraints/,add-volatile runs only the cases whose name holds one of them
# (while working on a codemod; CI runs every case).
_ONLY = [part for part in os.environ.get("MIR_FIX_ORACLE_CASES", "").split(",") if part]
CASES = [c for c in oracle_cases() if not _ONLY or any(part in c.name for part in _ONLY)]


@pytest.fixture(scope="module")
def ran(oracle_mix: Mix, postgres: Postgres, tmp_path_factory: pytest.TempPathFactory) -> dict[str, OracleCase]:
    """Every case, reference and output, in one mix run."""
    jobs = []
    root = tmp_path_factory.mktemp("oracle-migrations")
    for index, case in enumerate(CASES):
        if "skip" in case.settings:
            continue
        reference = root / f"{index}-before"
        shutil.copytree(case.before, reference, symlinks=True)
        interactive = root / f"{index}-interactive"
        shutil.copytree(case.before, interactive, symlinks=True)
        try:
            given = answer_interactively(case, interactive)
        except AssertionError as exc:
            case.problem = str(exc)
            continue
        case.interactive = interactive
        # What runs is the golden's after/ (answered), so a hand edit of after/ is run too.
        answered = root / f"{index}-answered"
        if case.after is not None:
            answered_after(case.after, given, answered)
        else:
            shutil.copytree(interactive, answered, symlinks=True)
        case.answered = answered
        once, twice = ["up", "dump", "down"], ["up", "dump", "down", "up", "dump"]
        jobs.append((case, "reference", job(f"c{index}_ref", reference, case, seed=False, steps=once)))
        if "original_fails" in case.settings:
            jobs.append((case, "unseeded", job(f"c{index}_uns", answered, case, seed=False, steps=once)))
        jobs.append((case, "answered", job(f"c{index}_out", answered, case, seed=True, steps=twice)))
    jobs_file, results_file = root / "jobs.json", root / "results.json"
    jobs_file.write_text(json.dumps([j for _, _, j in jobs]))
    oracle_mix.run(ORACLE / "migrations.exs", str(jobs_file), str(results_file), extra_env=postgres.env)
    for (case, role, _), result in zip(jobs, json.loads(results_file.read_text()), strict=True):
        case.results[role] = result
    return {case.name: case for case in CASES}


def _failure(step: dict[str, Any]) -> str:
    return f"{step.get('step')} failed at {step.get('failed')}: {step.get('error')}"


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_output_migrates_rolls_back_and_migrates_again_on_postgres(ran: dict[str, OracleCase], name: str) -> None:
    case = ran[name]
    if "skip" in case.settings:
        pytest.skip(case.settings["skip"])
    assert case.problem is None, case.problem
    assert case.answered is not None
    answered = case.results["answered"]
    assert answered[0]["step"] == "up", _failure(answered[0])
    up, dump, down, again, dump_again = answered
    if "output_fails" in case.settings:
        assert _files(case.answered) == _files(case.before), "output_fails is for migrations mir-fix left as they were"
        assert not up["ok"], "the migration left alone runs on a populated table: drop output_fails"
        assert case.settings["output_fails"] in up["error"], _failure(up)
        return
    reference = case.results["reference"]
    if "original_fails" in case.settings:
        assert not reference[0]["ok"], "the original runs: the case no longer shows the failure it fixes"
        assert case.settings["original_fails"] in reference[0]["error"], _failure(reference[0])
        reference = case.results["unseeded"]
    assert reference[0]["ok"], (
        f"the original migrations do not run; give oracle.toml a setup_sql: {_failure(reference[0])}"
    )
    assert reference[0]["migrated"], "no migration ran"
    assert up["ok"], _failure(up)
    assert up["seeded"] > 0, "no table held rows while migrating"
    if "writer" in case.settings:
        assert up["written"] > 0, "the concurrent writer wrote nothing"
    assert dump["invalid_indexes"] == [], "an index was left invalid"
    assert dump["not_valid_constraints"] == [], "a constraint was left NOT VALID"
    assert dump["check_constraints"] == reference[1]["check_constraints"], "a helper constraint was left behind"
    assert normalized_schema(dump["schema"]) == normalized_schema(reference[1]["schema"])
    # A dump cannot show how an index was built; the statements ecto_sql sent can.
    plain = [sql for sql in up["index_statements"] if "CONCURRENTLY" not in sql.upper()]
    if "original_fails" not in case.settings:
        before = [sql for sql in reference[0]["index_statements"] if "CONCURRENTLY" not in sql.upper()]
        assert len(plain) <= len(before), f"more indexes built without CONCURRENTLY than before: {plain}"
        if case.makes_concurrent:
            assert len(plain) < len(before), f"no index operation became concurrent: {plain}"
    expected = case.settings.get("expect_sql", [])
    assert dump["expect"] == [True] * len(expected), list(zip(expected, dump["expect"], strict=True))
    if reference[2]["ok"]:
        assert down["ok"], f"the original rolls back, mir-fix's output does not: {_failure(down)}"
        assert again["ok"], _failure(again)
        assert normalized_schema(dump_again["schema"]) == normalized_schema(dump["schema"])
    # --interactive, answering as oracle.toml does, writes exactly what ran.
    assert case.interactive is not None
    assert _files(case.interactive) == _files(case.answered)


def _files(tree: Path) -> dict[str, bytes]:
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}
