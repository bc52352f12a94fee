"""Every golden case: exact output, expected statuses, idempotence, and outputs that parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mir_fix.engine.parse import count_errors, heex_regions, parse_elixir, parse_heex

from .golden import GoldenCase, all_cases, regenerate, run_cli, tree
from .oracles import elixir_rejects, mix_format_differences

CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_case(case: GoldenCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request) -> None:
    work = tmp_path / "app"
    shutil.copytree(case.before, work, symlinks=True)
    monkeypatch.chdir(work)

    code, first = run_cli(["--write", *case.args()])
    assert code == 0
    assert first["errors"] == []
    statuses = sorted(c["status"] for c in first["changes"])
    assert statuses == sorted(case.expect.get("statuses", [])), first["changes"]
    shipped = [c for c in first["changes"] if c.get("shipped")]
    assert len(shipped) == case.expect.get("shipped", 0), shipped
    if "reason" in case.expect:
        reasons = [c.get("reason", "") for c in first["changes"] if c["status"] == "blocked"]
        assert any(case.expect["reason"] in r for r in reasons), reasons
    if "lines" in case.expect:  # where changes are reported: the statement a `# mir-fix: ignore` can target
        assert sorted(c["line"] for c in first["changes"]) == sorted(case.expect["lines"]), first["changes"]
    messages = [f["message"] for f in first["findings"]]
    expected_findings = case.expect.get("findings", [])
    assert len(messages) == len(expected_findings), messages
    for expected in expected_findings:
        assert any(expected in m for m in messages), (expected, messages)

    if request.config.getoption("--regen-golden"):
        regenerate(work, case)
    assert tree(work) == tree(case.after)

    code, second = run_cli(case.args())
    assert code == 0
    again = [c for c in second["changes"] if c["status"] != "blocked" and not c.get("shipped")]
    assert again == [], "a second run must propose nothing"
    assert sorted(c["summary"] for c in second["changes"]) == sorted(
        c["summary"] for c in first["changes"] if c["status"] == "blocked" or c.get("shipped")
    ), "a second run shows again only what the first could not write"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_after_parses_with_tree_sitter(case: GoldenCase) -> None:
    for path in sorted(case.after.rglob("*")):
        if path.suffix in {".ex", ".exs"}:
            tree = parse_elixir(path.read_bytes())
            assert count_errors(tree.root_node) == 0, path
            for region in heex_regions(tree, path.read_bytes()):
                before = case.before / path.relative_to(case.after)
                baseline = 0
                if before.exists():
                    old = before.read_bytes()
                    baseline = sum(r.errors for r in heex_regions(parse_elixir(old), old))
                assert region.errors <= baseline, path
        elif path.suffix == ".heex":
            assert count_errors(parse_heex(path.read_bytes()).root_node) == 0, path


def _after_sources() -> list[Path]:
    return [p for c in CASES for p in sorted(c.after.rglob("*")) if p.suffix in {".ex", ".exs"}]


def test_golden_after_files_parse_with_elixir() -> None:
    rejected = elixir_rejects(_after_sources())
    assert rejected == {}


def test_golden_changed_files_are_mix_formatted() -> None:
    """What mir-fix writes looks hand-written: `mix format` leaves it as it is."""
    changed = []
    for case in CASES:
        if case.spec.get("formatted", True) is False:
            continue
        for path in sorted(case.after.rglob("*")):
            if path.suffix in {".ex", ".exs"}:
                before = case.before / path.relative_to(case.after)
                if not before.exists() or before.read_bytes() != path.read_bytes():
                    changed.append(path)
    assert changed, "golden cases must change some files"
    assert mix_format_differences(changed) == {}
