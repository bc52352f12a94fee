"""`mir-fix --interactive`: the planned changes, one at a time, at a prompt.

It consumes the same plan as every other mode. Accepted changes are written
as they are accepted (or, under --branch, handed back to be committed per
codemod); quitting, or Ctrl-C, writes nothing further and keeps what was
already applied.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from mir_fix.engine.apply import Applied, Applier, Interrupted
from mir_fix.engine.change import PlannedChange, Question, Status
from mir_fix.engine.planner import Unsafe, answer, answer_problem
from mir_fix.engine.run import Plan
from mir_fix.report import TextReport, reason_of, shipped_note

APPLY, SKIP, APPLY_CODEMOD, SKIP_CODEMOD, QUIT = "y", "n", "a", "s", "q"
CHOICES = (
    (APPLY, "apply this change"),
    (SKIP, "skip it"),
    (APPLY_CODEMOD, "apply all remaining changes of this codemod"),
    (SKIP_CODEMOD, "skip this codemod"),
    (QUIT, "quit"),
)


def prompt_message(number: int, total: int, item: PlannedChange, width: int) -> str:
    """`[3/12] not-null path:line: summary — apply?`, the summary then the path shortened to fit `width`."""
    change = item.change
    head, where, tail = f"[{number}/{total}] {change.codemod} ", f"{change.path}:{change.line}", " — apply?"
    summary = " ".join(change.summary.split())
    room = max(width, 40) - len(head) - len(tail) - len(": ")
    if len(where) + len(summary) > room:  # the file comes first: at least 24 columns of it
        summary = _shorten(summary, min(max(room - len(where), min(len(summary), 12)), room - min(len(where), 24)))
    if len(where) + len(summary) > room:
        where = _middle(where, room - len(summary))
    return f"{head}{where}: {summary}{tail}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 3, 0)].rstrip() + "..."  # never shorter than ...


def _middle(text: str, width: int) -> str:
    """`priv/repo/migrations/2024..._x.exs:6`: the start and the end, which tells files apart, kept."""
    if len(text) <= width:
        return text
    keep = max(width - 3, 8)
    start = keep // 3
    return text[:start] + "..." + text[len(text) - (keep - start) :]


class Prompter(Protocol):
    def choose(self, message: str) -> str | None:
        """One of the CHOICES keys, or None for Ctrl-C."""

    def value(self, question: Question) -> str | None:
        """A valid answer, or None for Ctrl-C."""


class QuestionaryPrompter:
    """The terminal prompts: shortcut keys y/n/a/s/q then Enter, or the arrow keys."""

    def choose(self, message: str) -> str | None:
        import questionary

        choices = [questionary.Choice(f"{title}", value=key, shortcut_key=key) for key, title in CHOICES]
        answer: str | None = questionary.select(message, choices=choices, use_shortcuts=True, use_arrow_keys=True).ask()
        return answer

    def value(self, question: Question) -> str | None:
        import questionary

        def validate(text: str) -> bool | str:
            problem = answer_problem(text)
            return True if problem is None else problem

        answer: str | None = questionary.text(question.prompt, validate=validate).ask()
        return answer.strip() if answer is not None else None


@dataclass
class Session:
    applied: list[PlannedChange] = field(default_factory=list)
    skipped: list[PlannedChange] = field(default_factory=list)
    remaining: list[PlannedChange] = field(default_factory=list)
    blocked: list[PlannedChange] = field(default_factory=list)
    shipped: list[PlannedChange] = field(default_factory=list)
    written: Applied = field(default_factory=Applied)
    quit: bool = False
    # Ctrl-C rather than q: the command exits 130.
    interrupted: bool = False


def review(
    plan: Plan,
    prompter: Prompter,
    report: TextReport,
    apply: Callable[[PlannedChange], Applied] | None,
    width: int | None = None,
) -> Session:
    """Ask about each change; `apply` writes an accepted one (None: only collect them).

    `width`: the terminal's columns (default: shutil.get_terminal_size) the prompt line is shortened to.
    """
    width = width or shutil.get_terminal_size().columns
    session = Session()
    applying: set[str] = set()
    skipping: set[str] = set()
    offered = plan.writable
    session.blocked = [c for c in plan.changes if c.status is Status.BLOCKED and not c.change.shipped]
    session.shipped = plan.shipped
    for index, item in enumerate(offered):
        codemod = item.change.codemod
        if codemod in skipping:
            session.skipped.append(item)
            continue
        if codemod not in applying:
            report.change(item)
            choice = prompter.choose(prompt_message(index + 1, len(offered), item, width - 3))
            if choice in (None, QUIT):
                session.quit = True
                session.interrupted = choice is None
                session.remaining = offered[index:]
                break
            if choice == SKIP:
                session.skipped.append(item)
                continue
            if choice == SKIP_CODEMOD:
                skipping.add(codemod)
                session.skipped.append(item)
                continue
            if choice == APPLY_CODEMOD:
                applying.add(codemod)
        if item.status is Status.NEEDS_INPUT:
            answered = _answer(item, prompter, report)
            if answered is None:
                session.quit = True
                session.interrupted = True
                session.remaining = offered[index:]
                break
            item = answered
        if apply is None:
            session.applied.append(item)
            continue
        try:
            result = apply(item)
        except Interrupted as exc:  # Ctrl-C while it was written: it went in whole (or not at all)
            session.written.extend(exc.applied)
            (session.applied if exc.applied.changes else session.remaining).append(item)
            session.remaining += offered[index + 1 :]
            session.quit = session.interrupted = True
            break
        session.written.extend(result)
        if result.changes:
            session.applied.append(item)
        else:
            session.skipped.append(item)
            for error in result.errors:
                print(f"not applied: {error.path}: {error.message}", file=report.out)
    return session


def _answer(item: PlannedChange, prompter: Prompter, report: TextReport) -> PlannedChange | None:
    answers = {}
    for question in item.change.questions:
        value = prompter.value(question)
        if value is None:
            return None
        problem = answer_problem(value)
        if problem is not None:  # a prompter that does not validate
            print(f"not used: {problem}", file=report.out)
            return _answer(item, prompter, report)
        answers[question.key] = value
    try:
        return answer(item, answers)
    except Unsafe as exc:
        print(f"not used: {exc}", file=report.out)
        return _answer(item, prompter, report)


def run_interactive(plan: Plan, applier: Applier, report: TextReport, prompter: Prompter | None = None) -> Session:
    session = review(plan, prompter or QuestionaryPrompter(), report, lambda item: applier.apply([item]))
    print_session(session, report)
    return session


def print_session(session: Session, report: TextReport) -> None:
    out = report.out
    print(file=out)
    print(
        f"applied {len(session.applied)}, skipped {len(session.skipped)}, "
        f"not reached {len(session.remaining)}; {len(session.blocked)} blocked (not offered)"
        + (f", {len(session.shipped)} on shipped migrations (not offered)" if session.shipped else ""),
        file=out,
    )
    for path in session.written.written:
        print(f"wrote {path}", file=out)
    for path in session.written.created:
        print(f"created {path}", file=out)
    for item in session.blocked:
        print(f"blocked: {item.change.path}:{item.change.line}: {reason_of(item.change)}", file=out)
    if session.shipped:
        print(shipped_note(len(session.shipped)), file=out)
    if session.interrupted:
        print("interrupted: each applied change was written whole; nothing half-written remains", file=out)
    elif session.quit:
        print("quit: nothing more was written", file=out)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
