"""--format sarif and --format github on the example app."""

from __future__ import annotations

import json
from pathlib import Path

from mir_fix.formats import github_lines

from .cli import run


def test_sarif_lists_a_result_per_change_with_its_rule_and_location(app: Path) -> None:
    _, plain, _ = run(["--format", "json", "examples"])
    code, out, _ = run(["--format", "sarif", "examples"])
    assert code == 0
    document = json.loads(out)
    assert document["version"] == "2.1.0"
    run_ = document["runs"][0]
    rules = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert {"index-concurrently", "not-null", "streams", "idempotent-events"} <= rules
    changes = json.loads(plain)["changes"]
    assert len(run_["results"]) == len(changes)
    for result, change in zip(run_["results"], changes, strict=True):
        assert result["ruleId"] == change["codemod"] in rules
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == change["path"]
        assert location["region"]["startLine"] == change["line"]


def test_github_annotations_escape_their_text(app: Path) -> None:
    code, out, _ = run(["--format", "github", "--all-migrations", "examples"])
    assert code == 0
    lines = out.splitlines()
    assert lines and all(line.startswith("::warning file=examples/") for line in lines)
    assert all(",line=" in line and "::" in line[2:] for line in lines)


def test_github_escapes_newlines_commas_and_colons() -> None:
    from mir_fix.engine.change import Change, PlannedChange, Status
    from mir_fix.engine.run import Plan

    change = Change("streams", Status.BLOCKED, "a, b", "a:b,c.ex", 3, reason="line one\nline two 100%")
    (line,) = github_lines(Plan([PlannedChange(change)], [], [], 1, 1))
    assert line.startswith("::notice file=a%3Ab%2Cc.ex,line=3,title=mir-fix streams::")
    assert "line one%0Aline two 100%25" in line and "\n" not in line


def test_shipped_changes_are_notices_and_sarif_notes(app: Path) -> None:
    _, out, _ = run(["--format", "github", "examples"])
    shipped = [line for line in out.splitlines() if "may have run in production" in line]
    assert shipped and all(line.startswith("::notice file=examples/shop/priv/repo/migrations/") for line in shipped)
    _, out, _ = run(["--format", "sarif", "examples"])
    results = json.loads(out)["runs"][0]["results"]
    assert {r["level"] for r in results if r["properties"]["shipped"]} == {"note"}
