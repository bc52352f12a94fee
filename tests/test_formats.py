"""--format sarif and --format github on the example app."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest

from mir_fix.engine.run import Plan
from mir_fix.formats import github_lines, sarif_document

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
    changes, findings = json.loads(plain)["changes"], json.loads(plain)["findings"]
    assert findings, "the example app has a finding (a whole struct broadcast)"
    assert len(run_["results"]) == len(changes) + len(findings)
    for result, item in zip(run_["results"], changes + findings, strict=True):
        assert result["ruleId"] == item.get("check", item["codemod"]) in rules
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": item["path"], "uriBaseId": "%SRCROOT%"}
        assert location["region"]["startLine"] == item["line"]


def test_sarif_lists_every_check_as_a_rule_with_help() -> None:
    from mir_fix.codemods import CODEMODS

    document = sarif_document(Plan([], [], [], 0, 0))
    rules = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
    checks = {check: c.id for c in CODEMODS for check in c.checks}
    assert "column_removed" in checks and "table_dropped" in checks
    for check, codemod in checks.items():
        assert rules[check]["properties"]["codemod"] == codemod
        assert rules[check]["help"]["text"].strip(), check


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
    assert {r["level"] for r in results if r.get("properties", {}).get("shipped")} == {"note"}


# SARIF 2.1.0: the structure code scanning reads, checked by hand against the schema's required fields

LEVELS = {"none", "note", "warning", "error"}


def _message(value: Any, where: str) -> None:
    assert isinstance(value, dict) and ("text" in value or "id" in value), f"{where}: a message needs text or id"
    assert isinstance(value.get("text", ""), str), where


def _artifact_location(value: Any, where: str, bases: dict[str, Any]) -> None:
    assert isinstance(value, dict), where
    uri = value["uri"]
    assert isinstance(uri, str) and uri, where
    if "uriBaseId" in value:
        assert value["uriBaseId"] in bases, f"{where}: uriBaseId {value['uriBaseId']} is not in originalUriBaseIds"
        parsed = urlsplit(uri)
        assert not parsed.scheme and not uri.startswith("/"), f"{where}: a URI with a base must be relative: {uri}"
    else:
        assert urlsplit(uri).scheme, f"{where}: without uriBaseId a URI must be absolute: {uri}"
    assert uri == quote(unquote(uri)), f"{where}: not percent-encoded: {uri}"


def _location(value: Any, where: str, bases: dict[str, Any]) -> None:
    physical = value["physicalLocation"]
    assert "artifactLocation" in physical or "address" in physical, where
    _artifact_location(physical["artifactLocation"], where, bases)
    region = physical.get("region", {})
    assert isinstance(region.get("startLine", 1), int) and region.get("startLine", 1) >= 1, where


def validate_sarif(document: Any) -> None:
    """The required properties and value constraints of sarif-schema-2.1.0.json for what mir-fix emits."""
    assert document["version"] == "2.1.0"
    assert isinstance(document.get("$schema", ""), str)
    assert isinstance(document["runs"], list)
    for r, run_ in enumerate(document["runs"]):
        where = f"runs[{r}]"
        driver = run_["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"], where
        rules = driver.get("rules", [])
        ids = [rule["id"] for rule in rules]
        assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids), where
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule:
                    assert isinstance(rule[key]["text"], str), f"{where}: rule {rule['id']}.{key} needs text"
        bases = run_.get("originalUriBaseIds", {})
        for name, base in bases.items():
            assert isinstance(name, str) and name, where
            parsed = urlsplit(base["uri"])
            assert parsed.scheme == "file" and base["uri"].endswith("/"), (
                f"{where}: base {name} must be an absolute folder URI"
            )
        for i, result in enumerate(run_.get("results", [])):
            where = f"runs[{r}].results[{i}]"
            _message(result["message"], where)
            assert result.get("level", "warning") in LEVELS, where
            assert result["ruleId"] in ids, where
            for location in result.get("locations", []):
                _location(location, where, bases)
            fingerprints = result.get("partialFingerprints", {})
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in fingerprints.items()), where
        for invocation in run_.get("invocations", []):
            assert isinstance(invocation["executionSuccessful"], bool), where
            for notification in invocation.get("toolExecutionNotifications", []):
                _message(notification["message"], where)
                assert notification.get("level", "warning") in LEVELS, where
                for location in notification.get("locations", []):
                    _location(location, where, bases)


def resolve(document: dict[str, Any], location: dict[str, Any]) -> Path:
    """Where a result's file is: its base URI joined with its relative URI."""
    artifact = location["physicalLocation"]["artifactLocation"]
    base = document["runs"][0]["originalUriBaseIds"][artifact["uriBaseId"]]["uri"]
    return Path(unquote(urlsplit(base).path)) / unquote(artifact["uri"])


def test_sarif_is_valid_and_its_uris_are_relative_to_the_working_directory(app: Path) -> None:
    code, out, _ = run(["--format", "sarif", "--all-migrations", "examples"])
    assert code == 0
    document = json.loads(out)
    validate_sarif(document)
    run_ = document["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}}
    assert run_["results"]
    for result in run_["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%" and artifact["uri"].startswith("examples/shop/")
        assert resolve(document, result["locations"][0]).is_file()


def test_sarif_paths_outside_the_working_directory_have_a_base_not_a_bare_absolute_path(
    app: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = app.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = run(["--format", "sarif", "--all-migrations", str(app / "shop")])
    assert code == 0
    document = json.loads(out)
    validate_sarif(document)
    results = document["runs"][0]["results"]
    assert results
    for result in results:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] != "%SRCROOT%" and not artifact["uri"].startswith(("/", ".."))
        assert str(app) not in artifact["uri"]
        assert resolve(document, result["locations"][0]).is_file()


def test_sarif_uris_are_percent_encoded(app: Path) -> None:
    spaced = app.parent / "my app"
    (app / "shop").rename(spaced)
    _, out, _ = run(["--format", "sarif", "--all-migrations", "my app"])
    document = json.loads(out)
    validate_sarif(document)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]]
    assert uris and all(uri.startswith("my%20app/") for uri in uris)


def fingerprints(out: str) -> dict[str, tuple[str, int]]:
    results = json.loads(out)["runs"][0]["results"]
    prints = {r["partialFingerprints"]["mirFixStatementHash/v1"]: r for r in results}
    assert len(prints) == len(results), "every result has its own fingerprint"
    return {
        key: (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for key, r in prints.items()
    }


def test_sarif_fingerprints_are_stable_across_runs_and_line_shifts(app: Path) -> None:
    args = ["--format", "sarif", "--all-migrations", "examples"]
    first = fingerprints(run(args)[1])
    assert first == fingerprints(run(args)[1])
    # Lines added above every change move them down, but the alerts stay the same alerts.
    for path in app.rglob("*.ex*"):
        if path.suffix in (".ex", ".exs"):
            path.write_text("# a header comment\n\n" + path.read_text())
    shifted = fingerprints(run(args)[1])
    assert shifted.keys() == first.keys()
    assert all(shifted[key] == (rule, line + 2) for key, (rule, line) in first.items())
    # The same alerts from another checkout of the project (another working directory) keep their fingerprints.
    moved = app.parent / "checkout"
    moved.mkdir()
    app.rename(moved / "examples")
    os.chdir(moved)
    assert fingerprints(run(args)[1]).keys() == first.keys()


def test_sarif_fingerprints_tell_apart_the_same_statement_twice_and_change_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    migration = tmp_path / "priv/repo/migrations/20240101000000_twice.exs"
    migration.parent.mkdir(parents=True)
    body = "defmodule M do\n  use Ecto.Migration\n\n  def change do\n{}  end\nend\n"
    statement = "    create index(:orders, [:status])\n"
    migration.write_text(body.format(statement))
    (one,) = fingerprints(run(["--format", "sarif", "."])[1])
    migration.write_text(body.format(statement.replace("status", "state")))
    (other,) = fingerprints(run(["--format", "sarif", "."])[1])
    assert one != other
    # The same text twice in one file (a unit check: a codemod groups the statements of one migration).
    from mir_fix.engine.change import Change, PlannedChange, Status
    from mir_fix.engine.run import Plan
    from mir_fix.formats import sarif_document

    (tmp_path / "live.ex").write_text("x = 1\n  assign(socket, :rows, rows)\nassign(socket,  :rows, rows)\n")
    changes = [PlannedChange(Change("streams", Status.READY, "s", "live.ex", line)) for line in (2, 3)]
    results = sarif_document(Plan(changes, [], [], 1, 1))["runs"][0]["results"]
    first, second = (r["partialFingerprints"]["mirFixStatementHash/v1"] for r in results)
    assert first.endswith(":1") and second == first[:-1] + "2"
