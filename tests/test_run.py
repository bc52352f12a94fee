"""The pipeline with several processes: the same plan as one process, and failures that surface."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from mir_fix.codemods import CODEMODS
from mir_fix.engine.change import Change, Finding, Status
from mir_fix.engine.codemod import Codemod, Context, ParsedSource
from mir_fix.engine.config import Options
from mir_fix.engine.run import Plan, analyze

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def summary(plan: Plan) -> list[object]:
    return [
        sorted(
            (c.change.codemod, c.change.path, c.change.line, c.status.value, c.change.reason or "", c.diffs)
            for c in plan.changes
        ),
        sorted((f.path, f.line, f.message) for f in plan.findings),
        sorted((e.path, e.message) for e in plan.errors),
        plan.files_scanned,
        plan.files_parsed,
    ]


@pytest.fixture(scope="module")
def many_apps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every golden `before/`, each an app of its own, with filler files: well over one batch per process."""
    root = tmp_path_factory.mktemp("apps")
    for case in sorted(GOLDEN.glob("*/*/before")):
        app = root / f"{case.parent.parent.name}-{case.parent.name}"
        shutil.copytree(case, app)
        for n in range(8):
            (app / f"filler_{n}.ex").write_text(f"defmodule Filler{n} do\n  def f, do: {n}\nend\n")
    (root / "broken").mkdir()
    broken = "defmodule B do\n  use Ecto.Migration\n  def change do\n    create index(:t, [:c])\n"
    (root / "broken" / "broken.exs").write_text(broken)
    return root


@pytest.mark.parametrize("jobs", [2, 3])
def test_several_processes_give_the_plan_of_one(many_apps: Path, jobs: int) -> None:
    paths = sorted(many_apps.iterdir())
    one = analyze(paths, CODEMODS, Options(), many_apps, jobs=1)
    assert one.files_scanned > 64 * 4 and one.changes and one.errors
    seen: list[tuple[int, int]] = []
    many = analyze(paths, CODEMODS, Options(), many_apps, jobs=jobs, progress=lambda d, t: seen.append((d, t)))
    assert summary(many) == summary(one)
    assert seen[-1] == (one.files_scanned, one.files_scanned)


class Explodes(Codemod):
    id = "explodes"
    title = "raises on every file"
    explain = "a test codemod"
    prefilter = (b"defmodule",)

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        raise RuntimeError(f"boom in {source.file.rel}")


def test_a_failure_in_any_process_is_raised_not_lost(many_apps: Path) -> None:
    with pytest.raises(RuntimeError, match="boom in"):
        analyze(sorted(many_apps.iterdir()), [Explodes()], Options(), many_apps, jobs=2)


def test_one_batch_of_files_starts_no_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(GOLDEN / "index-concurrently" / "already-safe-left-alone" / "before", tmp_path / "app")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for a handful of files")

    monkeypatch.setattr("mir_fix.engine.run.ProcessPoolExecutor", no_pool)
    plan = analyze([tmp_path / "app"], CODEMODS, Options(), tmp_path, jobs=2)
    assert plan.files_scanned >= 1


@pytest.mark.parametrize(
    "codemod, content, wanted",
    [
        ("index-concurrently", b"use Ecto.Migration\ncreate index(:t, [:c])", True),
        ("index-concurrently", b'use Ecto.Migration\nexecute "CREATE INDEX i ON t (c)"', True),
        ("index-concurrently", b"use Ecto.Migration\ncreate table(:t) do\nend", False),
        ("index-concurrently", b"create index(:t, [:c])", False),
        ("not-null", b"use Ecto.Migration\nalter table(:t) do\nadd :c, :t, null: false", True),
        ("not-null", b"use Ecto.Migration\ncreate table(:t) do\nadd :c, :t, null: false", False),
        ("streams", b"use AppWeb, :live_view\nassign(socket, :x, [])", True),
        ("streams", b"use AppWeb, :live_view\ndef render(assigns), do: ~H[]", True),
        ("streams", b"use AppWeb, :live_view\n{:ok, socket}", False),
    ],
)
def test_prefilters_need_every_required_word_and_one_of_the_others(codemod: str, content: bytes, wanted: bool) -> None:
    assert next(c for c in CODEMODS if c.id == codemod).wants(content) is wanted


def test_a_file_read_again_with_other_content_of_the_same_length_gets_fresh_answers(tmp_path: Path) -> None:
    """Per-module indexes must not be keyed by path and span alone (the re-read of every rewrite relies on it)."""
    app = tmp_path / "app"
    shutil.copytree(GOLDEN / "streams" / "for-attribute-keeps-dom-ids" / "before", app)
    view = app / "lib/shop_web/live/note_live/index.ex"
    original = view.read_text()
    helper = "\n  def count(socket), do: length(socket.assigns.{})\nend\n"
    statuses = {}
    for field in ("notes", "notez"):  # same length; only `notes` is another use of the assign
        view.write_text(original.rstrip().removesuffix("end") + helper.format(field).lstrip("\n"))
        plan = analyze([app], CODEMODS, Options(), app)
        statuses[field] = [c.status for c in plan.changes if c.change.codemod == "streams"]
    assert statuses == {"notez": [Status.READY], "notes": [Status.BLOCKED]}
