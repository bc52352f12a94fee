"""Printers: the same plan as text for people or as one JSON document for tools."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from mir_fix.engine.apply import Applied
from mir_fix.engine.change import PlannedChange, Status
from mir_fix.engine.run import Plan

RED, GREEN, CYAN, YELLOW, BOLD, RESET = (
    "\033[31m",
    "\033[32m",
    "\033[36m",
    "\033[33m",
    "\033[1m",
    "\033[0m",
)


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

    def change(self, item: PlannedChange) -> None:
        change = item.change
        status = {Status.READY: GREEN, Status.NEEDS_INPUT: YELLOW, Status.BLOCKED: RED}[change.status]
        head = f"{change.codemod} [{self._c(status, change.status.value)}] {change.path}:{change.line}"
        print(self._c(BOLD, head), file=self.out)
        print(f"  {change.summary}", file=self.out)
        if change.reason:
            print(f"  reason: {change.reason}", file=self.out)
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
            print(f"{finding.path}:{finding.line}: {finding.codemod}: {finding.message}", file=self.out)
        for error in plan.errors:
            print(self._c(RED, f"error: {error.path}: {error.message}"), file=sys.stderr)

    def summary(self, plan: Plan, applied: Applied | None = None) -> None:
        counts = {s: sum(1 for c in plan.changes if c.status is s) for s in Status}
        line = (
            f"{counts[Status.READY]} ready, {counts[Status.NEEDS_INPUT]} needing input, "
            f"{counts[Status.BLOCKED]} blocked; {len(plan.findings)} finding(s); "
            f"{len(plan.errors)} error(s); {plan.files_scanned} files scanned, {plan.files_parsed} parsed"
        )
        print(self._c(BOLD, line), file=self.out)
        if plan.shipped_migration_changes:
            print(
                f"note: {plan.shipped_migration_changes} change(s) touch migrations older than the newest "
                "one in their folder; if those have already run in production, rewriting them changes "
                "nothing there. Set `start_after` in .mir-fix.toml or pass --since REF.",
                file=self.out,
            )
        if applied is not None:
            for path in applied.written:
                print(f"wrote {path}", file=self.out)
            for path in applied.created:
                print(f"created {path}", file=self.out)
            for error in applied.errors:
                print(self._c(RED, f"error: {error.path}: {error.message}"), file=sys.stderr)
        elif counts[Status.READY]:
            print("dry run: nothing written; run with --write to apply the ready changes", file=self.out)


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
            entry["reason"] = change.reason
        if change.questions:
            entry["questions"] = [{"key": q.key, "prompt": q.prompt} for q in change.questions]
        changes.append(entry)
    errors = plan.errors + (applied.errors if applied else [])
    return {
        "changes": changes,
        "findings": [
            {"codemod": f.codemod, "path": f.path, "line": f.line, "message": f.message} for f in plan.findings
        ],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
    }


def print_json(plan: Plan, applied: Applied | None = None, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    json.dump(plan_document(plan, applied), out, indent=2)
    out.write("\n")
