"""Machine formats beyond JSON: SARIF for code scanning, GitHub workflow annotations."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from mir_fix import __version__
from mir_fix.codemods import CODEMODS
from mir_fix.engine.change import Status
from mir_fix.engine.run import Plan
from mir_fix.report import reason_of

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# partialFingerprints key: bump the version if what is hashed ever changes (code scanning would see new alerts).
FINGERPRINT = "mirFixStatementHash/v1"


def _folder_uri(folder: Path) -> str:
    """An absolute file: URI ending in / (SARIF's originalUriBaseIds resolve relative URIs against it)."""
    return folder.as_uri().rstrip("/") + "/"


class _Locations:
    """Artifact locations relative to a base URI: %SRCROOT% (the working directory) for the files under it.

    A file outside it (`mir-fix ../other-app`) is given relative to its git work tree, or else its folder,
    under a base of its own (ROOT1, ROOT2, ...), never as a bare absolute path.
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.bases: dict[str, str] = {SRCROOT: _folder_uri(cwd)}
        self._ids: dict[Path, str] = {}

    def artifact(self, path: str) -> dict[str, str]:
        native = Path(path)
        if not native.is_absolute():
            return {"uri": quote(native.as_posix()), "uriBaseId": SRCROOT}
        root = self._root_of(native)
        if root not in self._ids:
            self._ids[root] = f"ROOT{len(self._ids) + 1}"
            self.bases[self._ids[root]] = _folder_uri(root)
        return {"uri": quote(native.relative_to(root).as_posix()), "uriBaseId": self._ids[root]}

    @staticmethod
    def _root_of(path: Path) -> Path:
        for folder in path.parents:
            if (folder / ".git").exists():
                return folder
        return path.parent

    def location(self, path: str, line: int) -> dict[str, Any]:
        region = {"startLine": max(1, line)}
        return {"physicalLocation": {"artifactLocation": self.artifact(path), "region": region}}


class _Fingerprints:
    """Stable ids for code scanning: codemod + path + a hash of the statement's text, not its line number.

    The statement's text is its first line as the file holds it now, whitespace collapsed; the same text
    twice in one file for one codemod is told apart by its order (as GitHub's own line hashes are).
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._lines: dict[str, list[str] | None] = {}
        self._seen: dict[tuple[str, str, str], int] = {}

    def _line(self, path: str, line: int) -> str | None:
        if path not in self._lines:
            try:
                data = (self.cwd / path).read_bytes()
                self._lines[path] = data.decode("utf-8", errors="replace").splitlines()
            except OSError:
                self._lines[path] = None
        lines = self._lines[path]
        if lines is None or not 1 <= line <= len(lines):
            return None
        return " ".join(lines[line - 1].split())

    def __call__(self, codemod: str, path: str, uri: str, line: int, fallback: str) -> dict[str, str]:
        """`uri`: the path relative to its base, the same wherever the project is checked out."""
        text = self._line(path, line)
        statement = text if text else fallback
        key = (codemod, uri, statement)
        occurrence = self._seen.get(key, 0) + 1
        self._seen[key] = occurrence
        digest = hashlib.sha256("\0".join([codemod, uri, statement]).encode("utf-8")).hexdigest()
        return {FINGERPRINT: f"{digest[:32]}:{occurrence}"}


def sarif_document(plan: Plan, cwd: Path | None = None) -> dict[str, Any]:
    cwd = Path(os.path.realpath(cwd or Path.cwd()))
    locations = _Locations(cwd)
    fingerprints = _Fingerprints(cwd)
    rules = [
        {
            "id": c.id,
            "name": c.id,
            "shortDescription": {"text": c.title},
            "fullDescription": {"text": c.explain.strip().split("\n\n")[0]},
            "help": {"text": c.explain.strip()},
        }
        for c in CODEMODS
    ] + [
        {
            "id": check,
            "name": check,
            "shortDescription": {"text": help_text.strip().split(". ")[0].rstrip(".")},
            "fullDescription": {"text": help_text.strip().split("\n\n")[0]},
            "help": {"text": help_text.strip()},
            "properties": {"codemod": c.id},
        }
        for c in CODEMODS
        for check, help_text in c.checks.items()
    ]
    results = []
    for item in plan.changes:
        change = item.change
        blocked = change.status is Status.BLOCKED
        text = f"{change.summary}" + (f" (not fixed automatically: {reason_of(change)})" if blocked else "")
        if change.shipped:
            text += f" ({change.note or 'shipped migration: not rewritten'})"
        location = locations.location(change.path, change.line)
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        results.append(
            {
                "ruleId": change.codemod,
                "level": "note" if blocked or change.shipped else "warning",
                "message": {"text": text},
                "locations": [location],
                "partialFingerprints": fingerprints(change.codemod, change.path, uri, change.line, change.summary),
                "properties": {"status": change.status.value, "shipped": change.shipped},
            }
        )
    for finding in plan.findings:
        location = locations.location(finding.path, finding.line)
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        results.append(
            {
                "ruleId": finding.rule,
                "level": "note" if finding.shipped else "warning",
                "message": {"text": finding.message},
                "locations": [location],
                "partialFingerprints": fingerprints(finding.rule, finding.path, uri, finding.line, finding.message),
            }
        )
    notifications = [
        {"level": "error", "message": {"text": f"{e.path}: {e.message}"}, "locations": [locations.location(e.path, 1)]}
        for e in plan.errors
    ]
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {"driver": {"name": "mir-fix", "version": __version__, "rules": rules}},
                "originalUriBaseIds": {base: {"uri": base_uri} for base, base_uri in locations.bases.items()},
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
        title = _escape_property(f"mir-fix {finding.rule}")
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
