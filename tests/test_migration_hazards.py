"""migration-hazards: each golden case's findings by check and line; mir-fix's own output reports nothing."""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest

from mir_fix.codemods import CODEMODS, by_check, by_id
from mir_fix.codemods._hazard_checks import EXCELLENT_CHECKS
from mir_fix.codemods._hazard_sql import OTHERS, SAFE, classify, sql_text, statements
from mir_fix.codemods._hazard_types import ColumnType, rewrite
from mir_fix.engine.parse import parse_elixir

from .golden import GoldenCase, all_cases, run_cli
from .runtime import Postgres

HAZARDS = "migration-hazards"
CASES = [c for c in all_cases() if c.codemod == HAZARDS]
OTHER_CASES = [c for c in all_cases() if c.codemod != HAZARDS and c.codemod in {m.id for m in CODEMODS}]


def _findings(folder: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    monkeypatch.chdir(folder)
    code, document = run_cli(["--select", HAZARDS, *args])
    assert code == 0
    assert document["errors"] == []
    assert document["changes"] == []
    # Only this codemod's: a moved `# mir-fix: ignore` with an unknown id is the engine's finding, wherever it goes.
    return [f for f in document["findings"] if f["codemod"] == HAZARDS]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_findings_by_check_and_line(case: GoldenCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "app"
    shutil.copytree(case.before, work)
    args = case.args()[2:]
    found = sorted(
        f"{f.get('check') or '-'}:{f['path']}:{f['line']}" + (":shipped" if f.get("shipped") else "")
        for f in _findings(work, args, monkeypatch)
    )
    assert found == sorted(case.expect["checks"])


def test_every_check_reported_is_explained() -> None:
    codemod = by_id(HAZARDS)
    assert codemod is not None
    assert set(codemod.checks) >= EXCELLENT_CHECKS
    assert codemod.assured_checks == EXCELLENT_CHECKS
    for case in CASES:
        for expected in case.expect["checks"]:
            check = expected.split(":")[0]
            assert check == "-" or check in codemod.checks, expected
    for check, help_text in codemod.checks.items():
        owner = by_check(check)
        assert owner is not None and owner[0] is codemod and "Fix" in help_text, check


@pytest.mark.parametrize("case", OTHER_CASES, ids=[c.name for c in OTHER_CASES])
def test_files_mir_fix_writes_report_no_hazard(
    case: GoldenCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What another codemod writes (a backfill, a contract step, a concurrent index) is no hazard.

    New files of after/ have no finding; a file it edited has no finding of a
    check more often than before/ had (the user's own hazards stay).
    """
    args = [a for a in case.args()[2:] if a != "--all-migrations"] + ["--all-migrations"]
    before, after = tmp_path / "before", tmp_path / "after"
    shutil.copytree(case.before, before)
    shutil.copytree(case.after, after)
    old = collections.Counter((f["path"], f.get("check")) for f in _findings(before, args, monkeypatch))
    new = collections.Counter((f["path"], f.get("check")) for f in _findings(after, args, monkeypatch))
    grown = {key: count for key, count in new.items() if count > old.get(key, 0)}
    assert grown == {}


@pytest.mark.parametrize(
    ("sql", "kinds"),
    [
        ("CREATE INDEX CONCURRENTLY i ON t (a)", [SAFE]),
        ("create unique index i on t (a)", [OTHERS]),
        ("DROP INDEX IF EXISTS i", [OTHERS]),
        ('ALTER TABLE "t" VALIDATE CONSTRAINT "c"', [SAFE]),
        ("ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u (id) NOT VALID", [SAFE]),
        ("ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES u (id)", [OTHERS]),
        ("ALTER TABLE t ALTER COLUMN a SET NOT NULL", [OTHERS]),
        ("ALTER TABLE t ALTER COLUMN a DROP NOT NULL", ["not_null_dropped"]),
        ("ALTER TABLE t ADD COLUMN a text DEFAULT 'x'", [SAFE]),
        ("ALTER TABLE t ADD COLUMN a uuid DEFAULT gen_random_uuid()", ["raw_sql_executed"]),
        ("ALTER TABLE t ADD COLUMN a int NOT NULL", ["raw_sql_executed"]),
        ("ALTER TABLE t ADD CONSTRAINT k UNIQUE (a)", ["disallow_unique_constraint"]),
        ("ALTER TABLE t ADD CONSTRAINT k UNIQUE USING INDEX i", [SAFE]),
        ("ALTER TABLE t DETACH PARTITION p CONCURRENTLY", [SAFE]),
        ("TRUNCATE t", ["operation_delete"]),
        ("SET LOCAL lock_timeout TO '5s'; UPDATE t SET a = 1", [SAFE, "operation_update"]),
        ("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; COMMIT", [SAFE, "transaction_nesting"]),
        ("-- a comment; not a statement\nSELECT 1", [SAFE]),
        ("WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved", ["operation_insert"]),
    ],
)
def test_raw_sql_statements_are_classified(sql: str, kinds: list[str]) -> None:
    assert [classify(s).kind for s in statements(sql)] == kinds


def test_sql_of_literals() -> None:
    tree = parse_elixir(b'x(~s(ALTER TABLE "t" #{a}), "UP\\nDATE", ~w(a b))')
    args = [n for n in tree.root_node.children[0].children[1].named_children]
    assert [sql_text(a) for a in args] == ['ALTER TABLE "t" __interpolated__', "UP\nDATE", None]


VERDICTS = [
    (ColumnType("varchar", (255,)), ColumnType("text"), 14, False, False, False),
    (ColumnType("varchar", (100,)), ColumnType("varchar", (50,)), 14, True, True, False),
    (ColumnType("numeric", (8, 2)), ColumnType("numeric", (10, 2)), 14, False, False, False),
    (ColumnType("numeric", (8, 2)), ColumnType("numeric", (8, 4)), 14, True, True, False),
    (ColumnType("text"), ColumnType("citext"), 14, False, True, False),
    (ColumnType("timestamp", (0,)), ColumnType("timestamptz"), 14, None, True, False),
    (ColumnType("timestamp", (0,)), ColumnType("timestamptz"), 11, True, True, False),
    (ColumnType("timestamp", (0,)), ColumnType("timestamptz", (0,)), 14, True, True, False),
    (ColumnType("integer"), ColumnType("bigint"), 14, True, True, False),
    (ColumnType("timestamp", (0,)), ColumnType("timestamptz"), 14, False, True, True),
    (ColumnType("timestamp", (6,)), ColumnType("timestamptz", (6,)), 14, False, True, True),
    (ColumnType("timestamp", (0,)), ColumnType("timestamptz", (3,)), 14, True, True, True),
    (ColumnType("inet", known=False), ColumnType("inet", known=False), 14, False, False, False),
    (ColumnType("citext"), ColumnType("varchar", (255,)), 14, True, True, False),
    (ColumnType("varchar", (10,)), ColumnType("citext"), 14, False, True, False),
]
# Pairs mir-fix cannot judge (a type ecto_sql passes through): "may rewrite", never "does not".
UNKNOWN = [
    (ColumnType("inet", known=False), ColumnType("cidr", known=False)),
    (ColumnType("text"), ColumnType("ltree", known=False)),
]


@pytest.mark.parametrize(("old", "new", "pg", "rewrites", "indexes", "utc"), VERDICTS)
def test_rewrite_verdicts(
    old: ColumnType, new: ColumnType, pg: int, rewrites: bool | None, indexes: bool, utc: bool
) -> None:
    verdict = rewrite(old, new, pg, utc=utc)
    assert (verdict.rewrites, verdict.indexes_rebuilt) == (rewrites, indexes)


@pytest.mark.parametrize(("old", "new"), UNKNOWN)
def test_unknown_types_may_rewrite(old: ColumnType, new: ColumnType) -> None:
    assert rewrite(old, new, 14).rewrites is None


def test_rewrite_verdicts_are_what_postgres_does(postgres: Postgres) -> None:
    """Each verdict for this server's version, read from the files of the table and of an index on the column."""
    version = int(postgres.psql("postgres", "SHOW server_version_num")) // 10000
    postgres.psql("postgres", "CREATE EXTENSION IF NOT EXISTS citext")
    files = "SELECT string_agg(relfilenode::text, ',' ORDER BY relname) FROM pg_class WHERE relname IN ('t', 't_c')"
    for old, new, _, _, _, utc in VERDICTS:
        zone = "UTC" if utc else "America/New_York"
        postgres.psql("postgres", f"DROP TABLE IF EXISTS t; CREATE TABLE t (c {old}); CREATE INDEX t_c ON t (c)")
        table_before, index_before = postgres.psql("postgres", files).split(",")
        postgres.psql("postgres", f"SET timezone = '{zone}'; ALTER TABLE t ALTER COLUMN c TYPE {new}")
        table_after, index_after = postgres.psql("postgres", files).split(",")
        verdict = rewrite(old, new, version, utc=utc)
        expected = verdict.rewrites if verdict.rewrites is not None else True  # outside UTC it rewrites
        assert (table_before != table_after, index_before != index_after) == (expected, verdict.indexes_rebuilt), (
            old,
            new,
            zone,
        )
