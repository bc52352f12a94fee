"""The planner: unsafe rewrites are dropped, overlaps blocked, stale files left alone."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from mir_fix.codemods import CODEMODS
from mir_fix.engine.apply import apply
from mir_fix.engine.change import Change, FileEdits, Finding, NewFile, Status
from mir_fix.engine.codemod import Codemod, Context, ParsedSource
from mir_fix.engine.config import Options
from mir_fix.engine.edit import Edit
from mir_fix.engine.run import analyze


class Scripted(Codemod):
    """A codemod that proposes whatever edits a test gives it."""

    prefilter = (b"defmodule",)
    explain = ""

    def __init__(self, id: str, edits: list[Edit], creates: tuple[NewFile, ...] = ()) -> None:
        self.id = id  # type: ignore[misc]
        self.title = id  # type: ignore[misc]
        self.edits = edits
        self.creates = creates

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        if source.file.content == SOURCE.encode():  # once its edit is made, a second run has nothing to do
            yield self.change(source)

    def change(self, source: ParsedSource) -> Change:
        return Change(
            self.id,
            Status.READY,
            f"{self.id} change",
            source.file.rel,
            1,
            edits=(FileEdits(source.file.rel, tuple(self.edits)),),
            creates=self.creates,
        )


SOURCE = "defmodule A do\n  def a, do: 1\nend\n"


def plan_for(tmp_path: Path, *codemods: Codemod):
    (tmp_path / "a.ex").write_text(SOURCE)
    return analyze([tmp_path], codemods, Options(), tmp_path)


def test_a_change_that_breaks_parsing_is_dropped_and_reported(tmp_path: Path) -> None:
    broken = Scripted("breaks", [Edit(0, 9, "defmodule (")])
    plan = plan_for(tmp_path, broken)
    assert plan.changes == []
    assert len(plan.errors) == 1
    assert "parse worse" in plan.errors[0].message


def test_a_change_that_keeps_parsing_is_planned_with_its_diff(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, Scripted("renames", [Edit(21, 22, "b")]))
    assert [c.status for c in plan.changes] == [Status.READY]
    assert "-  def a, do: 1\n+  def b, do: 1" in plan.changes[0].diffs[0].diff


def test_the_later_of_two_overlapping_changes_is_blocked(tmp_path: Path) -> None:
    first = Scripted("first", [Edit(21, 22, "b")])
    second = Scripted("second", [Edit(21, 22, "c")])
    plan = plan_for(tmp_path, first, second)
    assert [c.status for c in plan.changes] == [Status.READY, Status.BLOCKED]
    assert "overlaps the first change" in (plan.changes[1].change.reason or "")


def test_two_changes_creating_one_file_the_later_is_blocked(tmp_path: Path) -> None:
    new = (NewFile("new.exs", "IO.puts(1)\n"),)
    plan = plan_for(tmp_path, Scripted("first", [], new), Scripted("second", [], new))
    assert [c.status for c in plan.changes] == [Status.READY, Status.BLOCKED]


def test_a_file_changed_after_planning_is_not_written(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, Scripted("renames", [Edit(21, 22, "b")]))
    (tmp_path / "a.ex").write_text(SOURCE.replace("1", "2"))
    applied = apply(plan.changes, tmp_path)
    assert applied.written == []
    assert "changed since mir-fix read it" in applied.errors[0].message
    assert (tmp_path / "a.ex").read_text() == SOURCE.replace("1", "2")


def test_apply_writes_atomically_and_keeps_permissions(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, Scripted("renames", [Edit(21, 22, "b")]))
    (tmp_path / "a.ex").chmod(0o640)
    applied = apply(plan.changes, tmp_path)
    assert applied.written == ["a.ex"]
    assert (tmp_path / "a.ex").read_text() == SOURCE.replace("def a", "def b")
    assert (tmp_path / "a.ex").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ex"]  # no temporary file left


def test_an_existing_file_is_never_overwritten_by_a_creation(tmp_path: Path) -> None:
    (tmp_path / "new.exs").write_text("keep me\n")
    plan = plan_for(tmp_path, Scripted("creates", [], (NewFile("new.exs", "IO.puts(1)\n"),)))
    assert plan.changes[0].status is Status.BLOCKED
    assert (tmp_path / "new.exs").read_text() == "keep me\n"


def test_two_new_migrations_with_one_version_clash(tmp_path: Path) -> None:
    first = Scripted("first", [], (NewFile("m/20240101000001_a_concurrent_indexes.exs", "IO.puts(1)\n"),))
    second = Scripted("second", [], (NewFile("m/20240101000001_a_backfill_c.exs", "IO.puts(2)\n"),))
    plan = plan_for(tmp_path, first, second)
    assert [c.status for c in plan.changes] == [Status.READY, Status.BLOCKED]
    assert "version" in (plan.changes[1].change.reason or "")


def test_changes_to_one_file_apply_one_after_another(tmp_path: Path) -> None:
    from mir_fix.engine.apply import Applier

    plan = plan_for(tmp_path, Scripted("renames", [Edit(21, 22, "b")]), Scripted("numbers", [Edit(28, 29, "2")]))
    assert [c.status for c in plan.changes] == [Status.READY, Status.READY]
    applier = Applier(tmp_path)
    first = applier.apply([plan.changes[0]])
    assert first.written == ["a.ex"] and first.errors == []
    second = applier.apply([plan.changes[1]])
    assert second.errors == []
    assert (tmp_path / "a.ex").read_text() == "defmodule A do\n  def b, do: 2\nend\n"


def test_a_file_edited_by_hand_between_two_applications_is_left_alone(tmp_path: Path) -> None:
    from mir_fix.engine.apply import Applier

    plan = plan_for(tmp_path, Scripted("renames", [Edit(21, 22, "b")]), Scripted("numbers", [Edit(28, 29, "2")]))
    applier = Applier(tmp_path)
    applier.apply([plan.changes[0]])
    (tmp_path / "a.ex").write_text("defmodule A do\n  def c, do: 1\nend\n")
    second = applier.apply([plan.changes[1]])
    assert "changed since mir-fix wrote it" in second.errors[0].message
    assert (tmp_path / "a.ex").read_text() == "defmodule A do\n  def c, do: 1\nend\n"


class Repeats(Scripted):
    """Proposes its edit whatever the file holds: its edit never settles."""

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        yield self.change(source)


def test_a_change_its_codemod_would_make_again_is_blocked_not_written(tmp_path: Path) -> None:
    plan = plan_for(tmp_path, Repeats("repeats", [Edit(17, 17, "# again\n  ")]))
    assert [c.status for c in plan.changes] == [Status.BLOCKED]
    assert "would change it again (repeats change)" in (plan.changes[0].change.reason or "")
    assert apply(plan.writable, tmp_path).written == []
    assert (tmp_path / "a.ex").read_text() == SOURCE


def test_the_settle_check_catches_an_edit_swallowed_by_a_call_without_parentheses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The codemod's own rule for this shape switched off: the re-read still refuses the edit."""
    monkeypatch.setattr("mir_fix.codemods.index_concurrently.open_ended", lambda node: False)
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    body = "  def change do\n    create index(:orders, cols :status)\n  end\n"
    migration = f"defmodule M do\n  use Ecto.Migration\n\n{body}end\n"
    (folder / "20240101000000_m.exs").write_text(migration)
    plan = analyze([tmp_path], CODEMODS, Options(), tmp_path)
    assert [c.status for c in plan.changes] == [Status.BLOCKED]
    assert "would change it again" in (plan.changes[0].change.reason or "")
