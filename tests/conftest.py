from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .cli import EXAMPLES
from .runtime import ENABLE, Mix, Postgres, compile_oracle, throwaway_postgres


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite every golden after/ from the current code, for review with git diff",
    )


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/ in a temporary folder, which is the working directory."""
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    monkeypatch.chdir(tmp_path)
    return copy


@pytest.fixture(scope="session")
def oracle_mix() -> Mix:
    """The runtime oracle's mix project, compiled once per test session."""
    return compile_oracle()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL cluster for the whole test session."""
    with throwaway_postgres() as cluster:
        yield cluster


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line, not one per test, when the runtime oracles were skipped."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = {str(getattr(r, "longrepr", "")) for r in skipped}
    if any(ENABLE in reason for reason in reasons):
        terminalreporter.write_line(f"runtime oracle tests skipped: {ENABLE}")
