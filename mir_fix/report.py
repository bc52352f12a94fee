"""Printers: the same plan as text for people or as one JSON document for tools."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any, TextIO

from mir_fix.engine.apply import Applied
from mir_fix.engine.change import Change, Finding, PlannedChange, Status
from mir_fix.engine.run import Plan

RED, GREEN, CYAN, YELLOW, BOLD, RESET = (
    "\033[31m",
    "\033[32m",
    "\033[36m",
    "\033[33m",
    "\033[1m",
    "\033[0m",
)


def reason_of(change: Change) -> str | None:
    """A blocked change's reason without a leading `path:line: ` that repeats the change's own location."""
    if change.reason is None:
        return None
    return change.reason.removeprefix(f"{change.path}:{change.line}: ")


class TextReport:
    def __init__(self, out: TextIO | None = None, color: bool = False) -> None:
        self.out = out or sys.stdout
        self.color = color

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text

    def diff(self, text: str) -> str:
        if not self.color:
            return text
        lines = []
        for line in text.splitlines():
            if line.startswith(("+++", "---")):
                lines.append(self._c(BOLD, line))
            elif line.startswith("+"):
                lines.append(self._c(GREEN, line))
            elif line.startswith("-"):
                lines.append(self._c(RED, line))
            elif line.startswith("@@"):
                lines.append(self._c(CYAN, line))
            else:
                lines.append(line)
        return "\n".join(lines) + "\n"

    def header(self, item: PlannedChange) -> str:
        """A change's lines above its diff: codemod, status, path:line, summary, reason and note."""
        change = item.change
        status = {Status.READY: GREEN, Status.NEEDS_INPUT: YELLOW, Status.BLOCKED: RED}[change.status]
        label = self._c(status, change.status.value) + (", shipped" if change.shipped else "")
        lines = [self._c(BOLD, f"{change.codemod} [{label}] {change.path}:{change.line}"), f"  {change.summary}"]
        if change.reason:
            lines.append(f"  reason: {reason_of(change)}")
        if change.note:
            lines.append(f"  note: {change.note}")
        return "".join(f"{line}\n" for line in lines)

    def change(self, item: PlannedChange) -> None:
        self.out.write(self.header(item))
        for file_diff in item.diffs:
            self.out.write(self.diff(file_diff.diff))
        print(file=self.out)

    def plan(self, plan: Plan, *, show_diffs: bool = True) -> None:
        for item in plan.changes:
            if item.status is Status.BLOCKED or show_diffs:
                self.change(item)
        self.findings_and_errors(plan)

    def findings_and_errors(self, plan: Plan) -> None:
        for finding in plan.findings:
            shipped = " (shipped)" if finding.shipped else ""
            check = f" [{finding.check}]" if finding.check else ""
            print(f"{finding.path}:{finding.line}: {finding.codemod}{check}{shipped}: {finding.message}", file=self.out)
        self.errors(plan)

    def errors(self, plan: Plan) -> None:
        for error in plan.errors:
            print(self._c(RED, f"error: {error.path}: {error.message}"), file=sys.stderr)

    def statistics(self, plan: Plan) -> None:
        """One line per codemod and status: the count, the codemod, the status (as ruff's --statistics)."""
        rows = statistics(plan)
        if not rows:
            return
        width = max(len(row["codemod"]) for row in rows)
        digits = max(len(str(row["count"])) for row in rows)
        for row in rows:
            status = str(row["status"]) + (", shipped" if row["shipped"] else "")
            print(f"{str(row['count']).rjust(digits)}  {str(row['codemod']).ljust(width)}  {status}", file=self.out)
        print(file=self.out)

    def summary(self, plan: Plan, applied: Applied | None = None, *, quiet: bool = False) -> None:
        current = [c for c in plan.changes if not c.change.shipped]
        counts = {s: sum(1 for c in current if c.status is s) for s in Status}
        shipped = f"{len(plan.shipped)} on shipped migrations (shown, not written); " if plan.shipped else ""
        line = (
            f"{counts[Status.READY]} ready, {counts[Status.NEEDS_INPUT]} needing input, "
            f"{counts[Status.BLOCKED]} blocked; {shipped}{len(plan.findings)} finding(s); "
            f"{len(plan.errors)} error(s); {plan.files_scanned} files scanned, {plan.files_parsed} parsed"
        )
        print(self._c(BOLD, line), file=self.out)
        if quiet:
            if applied is not None:
                if applied.written or applied.created:
                    print(f"wrote {len(applied.written)} file(s), created {len(applied.created)}", file=self.out)
                for error in applied.errors:
                    print(self._c(RED, f"error: {error.path}: {error.message}"), file=sys.stderr)
            return
        self.shipped_note(plan)
        if applied is not None:
            for path in applied.written:
                print(f"wrote {path}", file=self.out)
            for path in applied.created:
                print(f"created {path}", file=self.out)
            for error in applied.errors:
                print(self._c(RED, f"error: {error.path}: {error.message}"), file=sys.stderr)
        elif counts[Status.READY]:
            print("dry run: nothing written; run with --write to apply the ready changes", file=self.out)

    def shipped_note(self, plan: Plan) -> None:
        """Why changes to older migrations are not written, and how to say which ones have not shipped."""
        if plan.shipped:
            print(shipped_note(len(plan.shipped)), file=self.out)


def shipped_note(count: int) -> str:
    return (
        f"note: {count} change(s) touch migrations that may have run in production (see each one's note), so "
        "no mode writes them: a rewritten migration does not run again, and the files a rewrite adds would "
        "run on the next deploy against tables that already have what they create. Say which migrations have "
        "not shipped: `mir-fix init` writes .mir-fix.toml with start_after = your newest migration (the "
        "newer ones are then rewritten); or set `start_after` there; or pass --since REF (files changed "
        "since REF); or --all-migrations for an app that was never deployed."
    )


def statistics(plan: Plan) -> list[dict[str, Any]]:
    """Changes and findings counted by codemod, status (`finding` for findings) and shipped, most first."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for item in plan.changes:
        counts[item.change.codemod, item.status.value, item.change.shipped] += 1
    for finding in plan.findings:
        counts[finding.codemod, "finding", finding.shipped] += 1
    rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    return [
        {"codemod": codemod, "status": status, "shipped": shipped, "count": count}
        for (codemod, status, shipped), count in rows
    ]


def plan_document(plan: Plan, applied: Applied | None = None) -> dict[str, object]:
    changes = []
    for item in plan.changes:
        change = item.change
        entry: dict[str, object] = {
            "codemod": change.codemod,
            "status": change.status.value,
            "summary": change.summary,
            "path": change.path,
            "line": change.line,
            "files": [{"path": d.path, "action": d.action, "diff": d.diff} for d in item.diffs],
        }
        if change.reason:
            entry["reason"] = reason_of(change)
        if change.shipped:
            entry["shipped"] = True
        if change.note:
            entry["note"] = change.note
        if change.questions:
            entry["questions"] = [{"key": q.key, "prompt": q.prompt} for q in change.questions]
        changes.append(entry)
    errors = plan.errors + (applied.errors if applied else [])
    document: dict[str, object] = {
        "changes": changes,
        "findings": [_finding_entry(f) for f in plan.findings],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
    }
    if applied is not None:  # --write: what is on disk now
        document["written"] = list(applied.written)
        document["created"] = list(applied.created)
    return document


def _finding_entry(finding: Finding) -> dict[str, object]:
    entry: dict[str, object] = {
        "codemod": finding.codemod,
        "path": finding.path,
        "line": finding.line,
        "message": finding.message,
    }
    if finding.check:
        entry["check"] = finding.check
    if finding.shipped:
        entry["shipped"] = True
    return entry


def print_json(
    plan: Plan, applied: Applied | None = None, out: TextIO | None = None, *, with_statistics: bool = False
) -> None:
    out = out or sys.stdout
    document = plan_document(plan, applied)
    if with_statistics:
        document["statistics"] = statistics(plan)
    json.dump(document, out, indent=2)
    out.write("\n")
