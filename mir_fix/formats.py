"""Machine formats beyond JSON: SARIF for code scanning, GitHub workflow annotations."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from mir_fix import __version__
from mir_fix.codemods import CODEMODS
from mir_fix.engine.change import Status
from mir_fix.engine.run import Plan
from mir_fix.report import reason_of

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _location(path: str, line: int) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": path}, "region": {"startLine": max(1, line)}}}


def sarif_document(plan: Plan) -> dict[str, Any]:
    rules = [
        {
            "id": c.id,
            "name": c.id,
            "shortDescription": {"text": c.title},
            "fullDescription": {"text": c.explain.strip().split("\n\n")[0]},
            "help": {"text": c.explain.strip()},
        }
        for c in CODEMODS
    ]
    results = []
    for item in plan.changes:
        change = item.change
        blocked = change.status is Status.BLOCKED
        text = f"{change.summary}" + (f" (not fixed automatically: {reason_of(change)})" if blocked else "")
        if change.shipped:
            text += f" ({change.note or 'shipped migration: not rewritten'})"
        results.append(
            {
                "ruleId": change.codemod,
                "level": "note" if blocked or change.shipped else "warning",
                "message": {"text": text},
                "locations": [_location(change.path, change.line)],
                "properties": {"status": change.status.value, "shipped": change.shipped},
            }
        )
    for finding in plan.findings:
        results.append(
            {
                "ruleId": finding.codemod,
                "level": "note" if finding.shipped else "warning",
                "message": {"text": finding.message},
                "locations": [_location(finding.path, finding.line)],
            }
        )
    notifications = [
        {"level": "error", "message": {"text": f"{e.path}: {e.message}"}, "locations": [_location(e.path, 1)]}
        for e in plan.errors
    ]
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {"driver": {"name": "mir-fix", "version": __version__, "rules": rules}},
                "results": results,
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            }
        ],
    }


def print_sarif(plan: Plan, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(sarif_document(plan), out, indent=2)
    out.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(plan: Plan) -> list[str]:
    """`::warning file=...,line=...,title=...::message` workflow commands, one a line."""
    lines = []
    for item in plan.changes:
        change = item.change
        blocked = change.status is Status.BLOCKED
        level = "notice" if blocked or change.shipped else "warning"
        if change.shipped:
            message = f"{change.summary} ({change.note or 'shipped migration: not rewritten'})"
        else:
            message = change.summary + (f" (blocked: {reason_of(change)})" if blocked else "; run mir-fix to fix it")
        title = _escape_property(f"mir-fix {change.codemod}")
        lines.append(
            f"::{level} file={_escape_property(change.path)},line={change.line},title={title}::{_escape_data(message)}"
        )
    for finding in plan.findings:
        title = _escape_property(f"mir-fix {finding.codemod}")
        level = "notice" if finding.shipped else "warning"
        lines.append(
            f"::{level} file={_escape_property(finding.path)},line={finding.line},title={title}::"
            f"{_escape_data(finding.message)}"
        )
    for error in plan.errors:
        lines.append(f"::error file={_escape_property(error.path)}::{_escape_data(error.message)}")
    return lines


def print_github(plan: Plan, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    for line in github_lines(plan):
        print(line, file=out)
