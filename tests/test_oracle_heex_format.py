"""Template edits stay clean under `mix format` with Phoenix.LiveView.HTMLFormatter (issue 11).

A Phoenix app's .formatter.exs has `plugins: [Phoenix.LiveView.HTMLFormatter]`,
so `mix format --check-formatted` in its CI also checks .heex files and ~H
sigils. Every golden file mir-fix changes that holds a template (a .heex file,
or an .ex file with a ~H sigil) must stay clean under that formatter when the
original was clean: a rewrite must not make a team's format check fail. The
plugin comes from the oracle project's phoenix_live_view 0.20.17, so this
needs the runtime oracle (tests/runtime.py).
"""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import pytest

from .golden import GoldenCase, all_cases
from .oracles import FORMATTER
from .runtime import ORACLE, Mix

HEEX_FORMATTER = FORMATTER.replace("[\n", "[\n  plugins: [Phoenix.LiveView.HTMLFormatter],\n", 1)
# A line the plugin must break: proves it ran.
CANARY = '<div class="canary"><button phx-click="go" phx-value-a={@first} phx-value-b={@second}>Go</button></div>'


def holds_template(path: Path) -> bool:
    return path.suffix == ".heex" or (path.suffix == ".ex" and b"~H" in path.read_bytes())


def template_edits(case: GoldenCase) -> list[tuple[Path, Path]]:
    """(before, after) of each template-holding file the case changes; files mir-fix creates have no baseline."""
    edits = []
    for after in sorted(case.after.rglob("*")):
        before = case.before / after.relative_to(case.after)
        if holds_template(after) and before.is_file() and before.read_bytes() != after.read_bytes():
            edits.append((before, after))
    return edits


CASES = [c for c in all_cases() if template_edits(c)]


def test_golden_cases_change_templates() -> None:
    assert CASES, "no golden case changes a template: the check below proves nothing"


@pytest.fixture(scope="module")
def formatted(oracle_mix: Mix, tmp_path_factory: pytest.TempPathFactory) -> dict[Path, bytes]:
    """Each file as `mix format` with the HTMLFormatter plugin writes it; one mix run for all."""
    assert HEEX_FORMATTER != FORMATTER
    folder = tmp_path_factory.mktemp("heex-format")
    formatter = folder / ".formatter.exs"
    formatter.write_text(HEEX_FORMATTER)
    canary = folder / "canary.html.heex"
    canary.write_text(CANARY)
    copies = {canary: canary}
    for i, path in enumerate(sorted({p for c in CASES for edit in template_edits(c) for p in edit})):
        copy = folder / f"f{i}{''.join(path.suffixes[-1:])}"
        copy.write_bytes(path.read_bytes())
        copies[copy] = path
    result = subprocess.run(
        ["mix", "format", "--dot-formatter", str(formatter), *map(str, copies)],
        cwd=ORACLE,
        env=oracle_mix.env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise AssertionError(f"mix format failed:\n{result.stdout}\n{result.stderr}")
    assert canary.read_text() != CANARY, "the HTMLFormatter plugin did not run"
    return {original: copy.read_bytes() for copy, original in copies.items() if copy != canary}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_template_edits_stay_formatted(case: GoldenCase, formatted: dict[Path, bytes]) -> None:
    problems = []
    for before, after in template_edits(case):
        if formatted[before] != before.read_bytes():
            continue  # the original was not clean either: nothing to keep
        if formatted[after] != after.read_bytes():
            diff = difflib.unified_diff(
                after.read_text().splitlines(keepends=True),
                formatted[after].decode().splitlines(keepends=True),
                f"{after.relative_to(case.folder)} (as mir-fix writes it)",
                "as mix format with Phoenix.LiveView.HTMLFormatter writes it",
                n=1,
            )
            problems.append("".join(diff))
    assert not problems, (
        f"{case.name}: the original was clean under `mix format --check-formatted` with "
        "Phoenix.LiveView.HTMLFormatter, the rewrite is not:\n" + "\n".join(problems)
    )
