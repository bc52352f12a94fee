"""--interactive: the review loop with scripted answers, and once through a real terminal."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from mir_fix.codemods import CODEMODS
from mir_fix.engine.apply import Applier
from mir_fix.engine.change import Change, PlannedChange, Question, Status
from mir_fix.engine.config import Options
from mir_fix.engine.run import analyze
from mir_fix.interactive import prompt_message, run_interactive
from mir_fix.report import TextReport

from .cli import EXAMPLES
from .oracles import elixir_rejects

MIGRATIONS = "shop/priv/repo/migrations"
SELECTED = frozenset({"index-concurrently", "not-null", "idempotent-events"})


class Scripted:
    def __init__(self, choices: list[str | None], values: list[str | None] = ()) -> None:  # type: ignore[assignment]
        self.choices = list(choices)
        self.values = list(values)
        self.asked: list[str] = []

    def choose(self, message: str) -> str | None:
        self.asked.append(message)
        return self.choices.pop(0)

    def value(self, question: Question) -> str | None:
        self.asked.append(question.prompt)
        return self.values.pop(0)


def session(app: Path, prompter: Scripted):
    # The review loop is what is tested: three codemods' worth of changes are enough.
    plan = analyze([app], CODEMODS, Options(select=SELECTED, all_migrations=True), app.parent)
    out = io.StringIO()
    result = run_interactive(plan, Applier(app.parent), TextReport(out), prompter)
    return result, out.getvalue()


def changed(app: Path) -> list[str]:
    return sorted(
        str(p.relative_to(app))
        for p in app.rglob("*")
        if p.is_file()
        and (
            not (EXAMPLES / p.relative_to(app)).exists()
            or p.read_bytes() != (EXAMPLES / p.relative_to(app)).read_bytes()
        )
    )


def test_yes_no_quit_applies_exactly_the_first_change(app: Path) -> None:
    result, out = session(app, Scripted(["y", "n", "q"]))
    assert [c.change.codemod for c in result.applied] == ["index-concurrently"]
    assert len(result.skipped) == 1 and len(result.remaining) == 3
    assert changed(app) == [f"{MIGRATIONS}/20240201110000_add_orders_status_index.exs"]
    assert "applied 1, skipped 1, not reached 3" in out and "quit: nothing more was written" in out


def test_ctrl_c_is_quit(app: Path) -> None:
    result, _ = session(app, Scripted([None]))
    assert result.quit and result.applied == [] and changed(app) == []


def test_all_of_a_codemod_and_skip_a_codemod(app: Path) -> None:
    prompter = Scripted(["a", "s", "n"])
    result, _ = session(app, prompter)
    assert [c.change.codemod for c in result.applied] == ["index-concurrently", "index-concurrently"]
    assert [c.change.codemod for c in result.skipped] == ["not-null", "not-null", "idempotent-events"]
    assert len(prompter.asked) == 3


def test_needs_input_asks_for_the_value_and_writes_it(app: Path) -> None:
    result, _ = session(app, Scripted(["s", "y", "n", "n"], ['"EUR"']))
    assert [c.change.codemod for c in result.applied] == ["not-null"]
    backfill = next((app / MIGRATIONS).glob("*_backfill_currency.exs"))
    text = backfill.read_text()
    assert '    value = "EUR"\n' in text and "raise" not in text
    assert elixir_rejects([backfill]) == {}


def test_an_invalid_value_is_asked_again(app: Path) -> None:
    prompter = Scripted(["s", "y", "n", "n"], ["orders", "0"])
    _, out = session(app, prompter)
    assert "not used: `orders` refers to `orders`" in out
    assert "value = 0" in next((app / MIGRATIONS).glob("*_backfill_currency.exs")).read_text()


def test_two_changes_to_one_file_both_apply(app: Path, tmp_path: Path) -> None:
    migration = app / MIGRATIONS / "20240320000000_add_channel_and_region.exs"
    migration.write_text(
        "defmodule Shop.Repo.Migrations.AddChannelAndRegion do\n  use Ecto.Migration\n\n  def change do\n"
        "    alter table(:orders) do\n      add :channel, :string, null: false\n"
        "      add :region, :string, null: false\n    end\n  end\nend\n"
    )
    result, out = session(app, Scripted(["s", "n", "n", "y", "y", "n"], ['"web"', '"eu"']))
    assert len(result.applied) == 2, out
    text = migration.read_text()
    assert "add :channel, :string\n" in text and "add :region, :string\n" in text


def test_the_prompt_names_the_change_within_the_width() -> None:
    path = "priv/repo/migrations/20240101000000_add_orders_status_not_null_constraint.exs"
    summary = "add NOT NULL to orders.status by a check constraint, a batched backfill and a validated contract"
    item = PlannedChange(Change("not-null", Status.READY, summary, path, 6))
    short = PlannedChange(Change("not-null", Status.READY, "add NOT NULL", "x.exs", 6))
    assert prompt_message(3, 12, short, 77) == "[3/12] not-null x.exs:6: add NOT NULL — apply?"
    for width in (77, 60, 50):
        message = prompt_message(3, 12, item, width)
        assert len(message) <= width, message
        assert message.startswith("[3/12] not-null pr") and message.endswith("... — apply?"), message
        assert "traint.exs:6: " in message, message
    assert "_constraint.exs:6: add NOT N" in prompt_message(3, 12, item, 77)
    message = prompt_message(3, 12, item, 130)
    assert f"{path}:6: add NOT NULL" in message and len(message) <= 130


def read_until(fd: int, needle: bytes, seconds: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {needle!r}; screen so far: {seen[-2000:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_real_terminal_y_n_q(app: Path) -> None:
    """The real prompts in a pseudo-terminal, answered with key presses."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mir_fix.cli",
            "--interactive",
            "--all-migrations",
            "--no-color",
            "--select",
            ",".join(sorted(SELECTED)),
            "examples",
        ],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=app.parent,
        env=env,
    )
    os.close(slave)
    try:
        for number, key in ((1, b"y"), (2, b"n"), (3, b"q")):  # the key alone, no Enter
            assert b"[%d/5]" % number in to_prompt(master, page_key=b"q")
            os.write(master, key)
        tail = read_until(master, b"nothing more was written")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert b"applied 1, skipped 1, not reached 3" in tail
    assert changed(app) == [f"{MIGRATIONS}/20240201110000_add_orders_status_index.exs"]


def test_changes_to_shipped_migrations_are_not_offered(app: Path) -> None:
    plan = analyze([app], CODEMODS, Options(select=SELECTED), app.parent)
    out = io.StringIO()
    prompter = Scripted(["y"])
    result = run_interactive(plan, Applier(app.parent), TextReport(out), prompter)
    assert [c.change.codemod for c in result.applied] == ["idempotent-events"]
    assert len(prompter.asked) == 1 and prompter.asked[0].startswith("[1/1] idempotent-events examples/")
    assert prompter.asked[0].endswith(" — apply?") and len(prompter.asked[0]) <= 77
    assert "4 on shipped migrations (not offered)" in out.getvalue() and "mir-fix init" in out.getvalue()
    assert not [p for p in changed(app) if "/migrations/" in p]


def test_real_terminal_80x24_pages_a_long_diff_and_names_the_file(app: Path) -> None:
    """80x24: a diff taller than the screen is paged, the header is shown again above a prompt naming the
    file; Enter alone applies nothing, `y` alone (no Enter) applies."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "mir_fix.cli", "--interactive", "--all-migrations", "--no-color", "--select"),
            "not-null",
            "examples",
        ],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=app.parent,
        env={**env, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )
    os.close(slave)
    try:
        screen = read_until(master, b"-- more (space/enter: next page, q: skip to the prompt) --")
        first_page = screen[screen.index(b"not-null [") :].split(b"-- more")[0]
        assert first_page.count(b"\n") <= 23 and b"[1/" not in first_page
        screen += to_prompt(master, page_key=b" ", first=b" ")
        prompt = screen[screen.rindex(b"not-null [") :]
        # the header (codemod, file, summary) right above the prompt, the last page of the diff above it
        assert re.match(rb"not-null \[[a-z-]+\] \S+\.exs:\d+\r\n  [^\r]+\r\n(\x1b\[[0-9;?]*[a-zA-Z])*\[1/", prompt), (
            prompt
        )
        assert screen.count(b"-- more") >= 2  # paged: more than one screenful
        line = re.search(rb"\[1/\d+\] not-null (\S+):\d+: .*? \xe2\x80\x94 apply\?", prompt)
        assert line is not None, prompt
        assert line.group(1).endswith(b"currency_to_orders.exs")
        assert len(line.group(0).decode()) <= 80
        os.write(master, b"\r")  # Enter alone: nothing happens
        time.sleep(1.0)
        assert process.poll() is None and changed(app) == []
        os.write(master, b"y")  # y alone: accepted, and this needs-input change asks for its value
        read_until(master, b"Value for currency")
        os.write(master, b'"EUR"\r')
        assert b"[2/" in to_prompt(master, page_key=b"q")
        assert changed(app) != []
        os.write(master, b"q")
        tail = read_until(master, b"nothing more was written")
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert b"applied 1, skipped 0" in tail


def to_prompt(fd: int, page_key: bytes, first: bytes = b"") -> bytes:
    """The screen up to the next change's prompt, pressing `page_key` at each `-- more` of the pager."""
    if first:
        os.write(fd, first)
    seen = b""
    deadline = time.monotonic() + 30
    while b"q quit" not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for the prompt; screen so far: {seen[-2000:]!r}")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            seen += chunk
            if b"-- more" in chunk:
                os.write(fd, page_key)
    return seen
