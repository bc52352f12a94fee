"""`mir-fix --interactive`: the planned changes, one at a time, at a prompt.

It consumes the same plan as every other mode. Accepted changes are written
as they are accepted (or, under --branch, handed back to be committed per
codemod); quitting, or Ctrl-C, writes nothing further and keeps what was
already applied.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

from mir_fix.engine.apply import Applied, Applier, Interrupted
from mir_fix.engine.change import PlannedChange, Question, Status
from mir_fix.engine.planner import Unsafe, answer, answer_problem
from mir_fix.engine.run import Plan
from mir_fix.report import TextReport, reason_of, shipped_note

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

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


MORE = "-- more (space/enter: next page, q: skip to the prompt) --"
HINT = "y apply   n skip   a apply all of this codemod   s skip this codemod   q quit"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _rows(line: str, columns: int) -> int:
    """How many terminal rows a line takes, wrapped at `columns`."""
    return max(1, -(-len(_ANSI.sub("", line)) // max(columns, 1)))


def pages(text: str, columns: int, rows: int) -> list[list[str]]:
    """`text` in screenfuls of `rows` rows each (a line longer than the width takes several)."""
    result: list[list[str]] = [[]]
    used = 0
    for line in text.splitlines():
        height = _rows(line, columns)
        if result[-1] and used + height > rows:
            result.append([])
            used = 0
        result[-1].append(line)
        used += height
    return result


class QuestionaryPrompter:
    """The terminal prompts: a single key y/n/a/s/q (no Enter), or the arrow keys then Enter.

    A change taller than the terminal is paged, and its header printed again right above the prompt.
    """

    # Rows kept free below a change shown whole: the prompt line and the key hint.
    PROMPT_ROWS = 3

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout

    def show(self, text: str, header: str) -> bool:
        """Print a change (`header` then its diff); False for Ctrl-C at the pager."""
        size = shutil.get_terminal_size()
        columns, rows = size.columns, max(size.lines, 4)
        if sum(_rows(line, columns) for line in text.splitlines()) + self.PROMPT_ROWS <= rows:
            self.out.write(text)
            self.out.flush()
            return True
        screens = pages(text, columns, rows - 1)
        for number, screen in enumerate(screens):
            self.out.write("".join(f"{line}\n" for line in screen))
            self.out.flush()
            if number == len(screens) - 1:
                break
            key = self._keys(MORE, {" ": "next", "enter": "next", "q": "skip"})
            if key is None:
                return False
            if key == "skip":
                hidden = sum(len(later) for later in screens[number + 1 :])
                print(f"  ({hidden} more line(s) not shown)", file=self.out)
                break
        self.out.write(header)  # the codemod, file and summary stay visible right above the prompt
        self.out.flush()
        return True

    def choose(self, message: str) -> str | None:
        """A key of CHOICES at once, without Enter; the arrow keys pick one for Enter, which alone does nothing."""
        titles = dict(CHOICES)
        keys = [key for key, _ in CHOICES]
        picked: list[int | None] = [None]

        def move(step: int) -> None:
            current = picked[0]
            picked[0] = (0 if step > 0 else len(keys) - 1) if current is None else (current + step) % len(keys)

        def render() -> StyleAndTextTuples:
            parts: StyleAndTextTuples = [("bold", message), ("", "\n")]
            for index in range(len(keys)):
                title = HINT.split("   ")[index]
                parts.append(("reverse" if picked[0] == index else "", title))
                parts.append(("", "   " if index < len(keys) - 1 else ""))
            return parts

        def enter() -> str | None:
            return keys[picked[0]] if picked[0] is not None else ""

        extra: dict[str, Callable[[int], None]] = {"up": move, "left": move, "down": move, "right": move}
        key = self._keys(None, {key: key for key in keys}, render=render, moves=extra, enter=enter)
        if key is not None:
            print(f"{message} {key} ({titles[key]})", file=self.out)
            self.out.flush()
        return key

    def _keys(
        self,
        line: str | None,
        keys: dict[str, str],
        *,
        render: Callable[[], StyleAndTextTuples] | None = None,
        moves: dict[str, Callable[[int], None]] | None = None,
        enter: Callable[[], str | None] | None = None,
    ) -> str | None:
        """Wait for one of `keys` (the value it maps to), showing `line` or `render()`; None for Ctrl-C.

        The lines shown are erased once a key is taken.
        """
        from prompt_toolkit.application import Application
        from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
        from prompt_toolkit.layout import Layout, Window
        from prompt_toolkit.layout.controls import FormattedTextControl

        bindings = KeyBindings()
        for key, value in keys.items():
            name = "c-m" if key == "enter" else key

            def take(event: KeyPressEvent, value: str = value) -> None:
                event.app.exit(result=value)

            bindings.add(name)(take)
        for name, move in (moves or {}).items():

            def step(event: KeyPressEvent, move: Callable[[int], None] = move, name: str = name) -> None:
                move(-1 if name in ("up", "left") else 1)

            bindings.add(name)(step)
        if enter is not None:

            @bindings.add("c-m")
            def _enter(event: KeyPressEvent) -> None:
                picked = enter()
                if picked:
                    event.app.exit(result=picked)

        @bindings.add("c-c")
        def _interrupt(event: KeyPressEvent) -> None:
            event.app.exit(result=None)

        @bindings.add("<any>")
        def _ignore(event: KeyPressEvent) -> None:
            pass

        def shown() -> StyleAndTextTuples:
            return render() if render is not None else [("reverse", line or "")]

        application: Application[str | None] = Application(
            layout=Layout(Window(FormattedTextControl(shown, show_cursor=False), wrap_lines=True)),
            key_bindings=bindings,
            erase_when_done=True,
        )
        result: str | None = application.run()
        return result

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
            if not _show(item, prompter, report):
                session.quit = session.interrupted = True
                session.remaining = offered[index:]
                break
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


def _show(item: PlannedChange, prompter: Prompter, report: TextReport) -> bool:
    """The change with its diff, paged by a prompter that can (`show`); False for Ctrl-C."""
    show = getattr(prompter, "show", None)
    if show is None:
        report.change(item)
        return True
    text = io.StringIO()
    TextReport(text, report.color).change(item)
    shown: bool = show(text.getvalue(), report.header(item))
    return shown


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
    session = review(plan, prompter or QuestionaryPrompter(report.out), report, lambda item: applier.apply([item]))
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
