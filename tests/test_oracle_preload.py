"""The preload rewrites run on PostgreSQL with real ecto (issue 16): same data, fewer queries.

tests/oracle/preload/run.exs compiles a golden preload case's lib/ (before/, then
after/), seeds a database (posts with and without an author, with and without
comments), and evaluates the case's scenario, tests/oracle/preload/<case>.exs:
calls into the case's code. For each call it records the value (structs as maps,
an unloaded association as :not_loaded, has_many rows sorted by id) and the
SELECTs sent, counted with Ecto's query telemetry.

A mutant proves the comparison can fail: a `limit:` put into a preload query of
both sides of a case gives each post its rows before and the list its rows in all
after, and the oracle must report that call (why mir-fix blocks such rewrites).

For every call this test then requires: both sides run; a call without `loads:`
returns the same value after mir-fix, with no more queries, and a case whose
rewrite touched the call sends fewer; a call with `loads: [assocs]` returns, once
those associations are unloaded again, the same value as before, with them
loaded, in one more query per association.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from .golden import GoldenCase, all_cases
from .runtime import ORACLE, Mix, Postgres

SCENARIOS = ORACLE / "preload"
RUN = SCENARIOS / "run.exs"


def preload_cases() -> list[GoldenCase]:
    return [c for c in all_cases() if c.codemod == "preload"]


def test_every_ready_preload_case_has_a_scenario() -> None:
    missing = [
        c.name
        for c in preload_cases()
        if "ready" in c.expect.get("statuses", []) and not (SCENARIOS / f"{c.folder.name}.exs").is_file()
    ]
    assert not missing, f"ready preload cases without tests/oracle/preload/<case>.exs: {missing}"


CASES = [c for c in preload_cases() if (SCENARIOS / f"{c.folder.name}.exs").is_file()]

# A defect the codemod must never bring in, applied to a case's before/ and after/ alike: the oracle must see it.
# A limit in a preload query limits each item's rows per item, and the whole list's rows in one query: the
# reason mir-fix blocks such rewrites (blocked-limit-in-preload-query).
MUTANT = ("preload/fn-and-for-become-one-preload", "order_by: c.id)", "order_by: c.id, limit: 2)")


@pytest.fixture(scope="module")
def ran(oracle_mix: Mix, postgres: Postgres, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("oracle-preload")
    jobs, keys = [], []
    for index, case in enumerate(CASES):
        for side, tree in (("before", case.before), ("after", case.after)):
            jobs.append({"database": f"p{index}_{side}", "tree": str(tree), "scenario": str(_scenario(case))})
            keys.append((case.name, side))
            if case.name == MUTANT[0]:
                mutated = root / f"mutant-{side}"
                shutil.copytree(tree, mutated)
                for path in mutated.rglob("*.ex"):
                    path.write_text(path.read_text().replace(MUTANT[1], MUTANT[2]))
                jobs.append({"database": f"m_{side}", "tree": str(mutated), "scenario": str(_scenario(case))})
                keys.append(("mutant", side))
    jobs_file, out = root / "jobs.json", root / "out.json"
    jobs_file.write_text(json.dumps(jobs))
    oracle_mix.run(RUN, str(jobs_file), str(out), extra_env=postgres.env)
    results: dict[str, Any] = {}
    for (name, side), result in zip(keys, json.loads(out.read_text()), strict=True):
        results.setdefault(name, {})[side] = result
    return results


def _scenario(case: GoldenCase) -> Path:
    return SCENARIOS / f"{case.folder.name}.exs"


def _changed(case: GoldenCase) -> bool:
    return any(
        (case.after / p.relative_to(case.before)).read_bytes() != p.read_bytes() for p in case.before.rglob("*.ex")
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_preload_rewrite_returns_the_same_data_with_fewer_queries(ran: dict[str, Any], case: GoldenCase) -> None:
    before, after = ran[case.name]["before"], ran[case.name]["after"]
    assert [c["name"] for c in before] == [c["name"] for c in after]
    fewer = 0
    for old, new in zip(before, after, strict=True):
        assert "error" not in old, f"{old['name']} fails before mir-fix: {old.get('error')}"
        assert "error" not in new, f"{new['name']} fails after mir-fix: {new.get('error')}"
        assert old["queries"] > 0, f"{old['name']} sent no query: the scenario proves nothing"
        loads = new["unloaded"] != new["value"]
        if loads:
            assert new["unloaded"] == old["value"], f"{new['name']}: the rows changed, not only the preload"
            assert "not_loaded" in old["value"]
            assert new["queries"] > old["queries"], new["sql"]
        else:
            assert new["value"] == old["value"], f"{new['name']} returns something else after mir-fix"
            assert new["queries"] <= old["queries"], (old["sql"], new["sql"])
            fewer += new["queries"] < old["queries"]
    if _changed(case) and not any(new["unloaded"] != new["value"] for new in after):
        assert fewer > 0, "no call sent fewer queries after mir-fix"


def test_the_oracle_sees_a_limit_that_one_query_for_the_list_applies_to_all_items(ran: dict[str, Any]) -> None:
    before, after = ran["mutant"]["before"], ran["mutant"]["after"]
    changed = [old["name"] for old, new in zip(before, after, strict=True) if old.get("value") != new.get("value")]
    assert changed == ["Blog.posts_with_comments/0"], changed
