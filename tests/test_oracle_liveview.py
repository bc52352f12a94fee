"""Every golden streams, idempotent-events and async-events case, run on real Phoenix LiveView (issues 11, 16).

tests/oracle/live/run.exs runs in the oracle mix project (phoenix 1.7.14,
phoenix_live_view 0.20.17), once over every case's before/ and once over every
after/, both at the same time. For each case it compiles the case's
oracle.exs (golden/<codemod>/<case>/oracle.exs: stub contexts that count their
writes, and the scenario), then every .ex file of the tree, mounts the
scenario's route with Phoenix.LiveViewTest and runs its steps, recording after
each step what a user sees (the page's text and, for the scenario's `list`
selector, each item's DOM id, text and markup) and how often each stub wrote.

For every case this test then requires:

- both sides compile and mount; or both were skipped, or both failed to compile
  as the scenario expects, with the scenario's reason;
- on the first render (without and with a socket) and after every plain step:
  no step fails, the same page text and the same items with the same markup,
  every DOM id the original page had is kept (an item that had none may get
  one: stream items need it), no two items share a DOM id, and the same writes;
  a changed streams case must show items, or the comparison proves nothing;
- for each guarded event of the scenario (`events`): a double submit from one
  render writes once (the original twice, which is the defect, or what the
  scenario says with its reason); the next submit from the re-rendered page
  writes again; the event without a token writes (the guard fails open); two
  different guarded events sent from one render both write;
- for each slow event of the scenario (`async`, async-events): the original
  finishes its slow call before it answers the event (else the scenario proves
  nothing), the rewritten page answers the event and a ping while the call
  still runs, shows once its tasks are done the page the original showed, and
  when the call raises lives on with the flash where the original crashed.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest

from .golden import ROOT, GoldenCase, all_cases, tree
from .runtime import ORACLE, Mix

LIVE_CODEMODS = ("streams", "idempotent-events", "async-events")
RUN = ORACLE / "live" / "run.exs"
PROTOCOL = ("double", "genuine", "bare", "pair")
ASYNC = ("async_send", "async_ping", "async_result", "async_exit")
SIDES = ("before", "after")

Trace = dict[str, Any]
Step = dict[str, Any]


def live_cases() -> list[GoldenCase]:
    return [c for c in all_cases() if c.codemod in LIVE_CODEMODS]


def test_every_liveview_case_has_an_oracle_scenario() -> None:
    missing = [c.name for c in live_cases() if not (c.folder / "oracle.exs").is_file()]
    assert not missing, f"golden LiveView cases without oracle.exs (stub contexts and scenario): {missing}"


@dataclass(frozen=True)
class Mutant:
    """A golden case whose after/ is edited to bring a known defect back: the oracle must fail it."""

    case: str
    pattern: str
    replacement: str
    expected_problem: str


MUTANTS = {
    # Issue 11, defect 1: mount streams the items and handle_params streams them again with
    # reset: true in the same first render; the page shows mount's items and handle_params' items.
    "defect-1": Mutant(
        "streams/reassign-in-handle-params-resets",
        r"stream\(socket, :posts, \[\]\)",
        "stream(socket, :posts, Blog.list_posts())",
        "several items with the DOM id",
    ),
    # Issue 16: a handle_async without the {:exit, reason} clause, so that a failing call crashes the
    # LiveView as the original did.
    "async-exit": Mutant(
        "async-events/assign-result-params-captured",
        r"\{:exit, _reason\}",
        "{:exit, :never_this_reason}",
        "must live on",
    ),
    # Issue 11, defect 2: one token for every guarded event; an event sent from the same render
    # after another guarded event is dropped.
    "defect-2": Mutant(
        "idempotent-events/several-writing-events",
        r"\b\w+_idempotency_key\b",
        "idempotency_key",
        "each legitimate action must write",
    ),
}


@pytest.fixture(scope="module")
def mutants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GoldenCase]:
    root = tmp_path_factory.mktemp("mutants")
    made = {}
    for name, mutant in MUTANTS.items():
        folder = root / name / mutant.case
        shutil.copytree(ROOT / mutant.case, folder)
        edits = 0
        for path in sorted((folder / "after").rglob("*")):
            if path.suffix in (".ex", ".heex"):
                text, n = re.subn(mutant.pattern, mutant.replacement, path.read_text())
                path.write_text(text)
                edits += n
        assert edits, f"{name}: {mutant.pattern!r} is not in {mutant.case}/after any more: update the mutant"
        made[name] = GoldenCase(folder)
    return made


@pytest.fixture(scope="module")
def traces(
    oracle_mix: Mix, mutants: dict[str, GoldenCase], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Trace]]:
    """side -> case folder -> trace, from one BEAM run per side (the mutants' too)."""
    folder = tmp_path_factory.mktemp("liveview-oracle")
    cases = [str(c.folder) for c in [*live_cases(), *mutants.values()]]

    def run(side: str) -> dict[str, Trace]:
        out = folder / f"{side}.json"
        oracle_mix.run(RUN, side, str(out), *cases, timeout=600)
        result: dict[str, Trace] = json.loads(out.read_text())
        return result

    with ThreadPoolExecutor(len(SIDES)) as pool:
        return dict(zip(SIDES, pool.map(run, SIDES), strict=True))


@pytest.mark.parametrize("case", live_cases(), ids=lambda c: c.name)
def test_golden_liveview_runs_the_same(case: GoldenCase, traces: dict[str, dict[str, Trace]]) -> None:
    before, after = (traces[side].get(str(case.folder)) for side in SIDES)
    problems = list(case_problems(case, before, after))
    assert not problems, f"{case.name} on real LiveView:\n- " + "\n- ".join(problems)


@pytest.mark.parametrize("name", MUTANTS)
def test_the_oracle_fails_a_known_defect(
    name: str, mutants: dict[str, GoldenCase], traces: dict[str, dict[str, Trace]]
) -> None:
    """A golden after/ edited to bring back a defect of issue 11 fails the check above."""
    case = mutants[name]
    before, after = (traces[side].get(str(case.folder)) for side in SIDES)
    problems = list(case_problems(case, before, after))
    assert any(MUTANTS[name].expected_problem in p for p in problems), problems


def test_liveview_oracle_counts(traces: dict[str, dict[str, Trace]]) -> None:
    """The counts for the record (pytest -rP shows them); every case has a trace on both sides."""
    cases = live_cases()
    for side in SIDES:
        missing = [c.name for c in cases if str(c.folder) not in traces[side]]
        assert not missing, f"{side}/: no trace for {missing}"
    golden = {side: [traces[side][str(c.folder)] for c in cases] for side in SIDES}
    statuses = [t["status"] for t in golden["after"]]
    steps = [s for side in SIDES for t in golden[side] for s in t["steps"]]
    sent = sum(len(s["results"]) for s in steps if s["kind"] not in ("dead", "mount", "compile"))
    seconds = {side: round(sum(t["seconds"] or 0 for t in golden[side]), 1) for side in SIDES}
    print(
        f"LiveView oracle: {len(cases)} cases, each side compiled: {statuses.count('ok') + statuses.count('skipped')}, "
        f"mounted: {statuses.count('ok')}, skipped with a reason: {statuses.count('skipped')}, "
        f"expected compile errors: {statuses.count('expected_compile_error')}; "
        f"events sent (both sides): {sent}, double submits: {sum(s['kind'] == 'double' for s in steps)}, "
        f"two-event sends: {sum(s['kind'] == 'pair' for s in steps)}; seconds in cases: {seconds}"
    )


def case_problems(case: GoldenCase, before: Trace | None, after: Trace | None) -> Iterator[str]:
    if before is None or after is None:
        yield "run.exs has no trace for this case"
        return
    failed = False
    for side, trace in zip(SIDES, (before, after), strict=True):
        if trace["status"] not in ("ok", "skipped", "expected_compile_error"):
            failed = True
            where = f" (after step {trace['steps'][-1]['label']!r})" if trace["steps"] else ""
            yield f"{side}/ {trace['status']}{where}: {trace['reason']}"
    if failed:
        return
    if before["status"] != after["status"]:
        yield f"before/ {before['status']} but after/ {after['status']}"
        return
    if before["status"] != "ok":
        # Both skipped, or both failed to compile as the scenario expects: its reason is in the trace.
        return
    labels = [[(s["kind"], s["label"]) for s in t["steps"]] for t in (before, after)]
    if labels[0] != labels[1]:
        yield f"the sides ran different steps: {labels[0]} / {labels[1]}"
        return
    yield from step_problems(before["steps"], after["steps"])
    changed = tree(case.before) != tree(case.after)
    if case.codemod == "streams" and changed and not any(s["items"] for s in before["steps"]):
        yield "the scenario's list selector finds no item on the original page: the comparison proves nothing"


def step_problems(before: list[Step], after: list[Step]) -> Iterator[str]:
    previous: tuple[dict[str, int], dict[str, int]] = ({}, {})
    diverged = False
    for b, a in zip(before, after, strict=True):
        label = b["label"]
        wrote = (delta(previous[0], b["writes"]), delta(previous[1], a["writes"]))
        previous = (b["writes"], a["writes"])
        if b["kind"] in ASYNC:
            # The rewritten page answers before the slow call returns: the states differ until the result.
            diverged = diverged or b["kind"] == "async_exit"
            yield from async_problems(b, a, wrote)
            continue
        for side, step in zip(SIDES, (b, a), strict=True):
            for result in step["results"]:
                if result.startswith("error"):
                    yield f"{label}: {side}/ failed: {result}"
        if b["results"] != a["results"]:
            yield f"{label}: before/ {b['results']} but after/ {a['results']}"
        if b["kind"] in PROTOCOL:
            # From the first double submit on, the original writes more: states may differ.
            diverged = True
            yield from protocol_problems(b, wrote)
            continue
        if diverged:
            continue
        if b["page"] != a["page"]:
            yield f"{label}: the page reads {b['page']!r} before but {a['page']!r} after"
        yield from item_problems(label, b["items"], a["items"])
        if wrote[0] != wrote[1]:
            yield f"{label}: wrote {wrote[0]} before but {wrote[1]} after"


def delta(previous: dict[str, int], now: dict[str, int]) -> dict[str, int]:
    return {counter: n - previous.get(counter, 0) for counter, n in now.items() if n != previous.get(counter, 0)}


def show(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{i['id'] or '(no id)'} {i['text']!r}" for i in items) or "nothing"


def item_problems(label: str, before: list[dict[str, Any]] | None, after: list[dict[str, Any]] | None) -> Iterator[str]:
    if before is None and after is None:
        return
    before, after = before or [], after or []
    ids = [i["id"] for i in after if i["id"] is not None]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        yield f"{label}: after/ shows several items with the DOM id {', '.join(duplicates)}"
    if [(i["text"], i["html"]) for i in before] != [(i["text"], i["html"]) for i in after]:
        yield f"{label}: the items differ: before {show(before)}; after {show(after)}"
        return
    for b, a in zip(before, after, strict=True):
        if b["id"] is not None and a["id"] != b["id"]:
            yield f"{label}: the item with DOM id {b['id']!r} has {a['id']!r} after (hooks, CSS and tests select it)"


def protocol_problems(step: Step, wrote: tuple[dict[str, int], dict[str, int]]) -> Iterator[str]:
    kind, label = step["kind"], step["label"]
    if kind == "pair":
        expected = {counter: 1 for counter in step["counters"]}
        for side, writes in zip(SIDES, wrote, strict=True):
            if writes != expected:
                yield f"{label}: {side}/ wrote {writes}, expected {expected}: each legitimate action must write"
        return
    counter = step["counter"]
    if kind == "double":
        if wrote[1] != {counter: 1}:
            yield f"{label}: after/ wrote {wrote[1]} on a double submit, expected once ({counter})"
        expected_before = {counter: step["before_double"]}
        if wrote[0] != expected_before:
            why = f" ({step['why']})" if step.get("why") else ""
            yield (
                f"{label}: before/ wrote {wrote[0]} on a double submit, the scenario expects {expected_before}{why}: "
                "it does not exercise the double submit it claims to"
            )
        return
    what = {
        "genuine": "the next submit from the re-rendered page must write (the token is rotated and rendered again)",
        "bare": "an event without a token must write (the guard fails open)",
    }[kind]
    for side, writes in zip(SIDES, wrote, strict=True):
        if writes != {counter: 1}:
            yield f"{label}: {side}/ wrote {writes}, expected {{{counter!r}: 1}}: {what}"


def async_problems(before: Step, after: Step, wrote: tuple[dict[str, int], dict[str, int]]) -> Iterator[str]:
    """An async-events step: the event returns while its slow call runs, other events are handled meanwhile,
    the result arrives through handle_async and gives the page the original gave, and a failing call leaves
    the rewritten LiveView alive with a flash."""
    kind, label = before["kind"], before["label"]
    done = (wrote[0].get("slow_done", 0), wrote[1].get("slow_done", 0))
    if kind == "async_exit":
        flash = before.get("flash")
        if any(r != "ok" for r in after["results"]) or (flash and flash not in (after["page"] or "")):
            yield (
                f"{label}: after/ {after['results']}, page {after['page']!r}: when the slow call fails the "
                f"LiveView must live on and show {flash!r}"
            )
        return
    for side, step in zip(SIDES, (before, after), strict=True):
        for result in step["results"]:
            if result != "ok":
                yield f"{label}: {side}/ {result}"
    if kind == "async_send":
        if done[0] != 1:
            yield f"{label}: before/ finished {done[0]} slow calls during the event: the scenario sends no slow call"
        if done[1] != 0:
            yield f"{label}: after/ answered the event only after its slow call returned: the page froze"
    elif kind == "async_ping":
        if done[1] != 0:
            yield f"{label}: after/ handled the ping only after the slow call returned: the page froze"
    elif kind == "async_result":
        if done[1] != 1:
            yield f"{label}: after/ finished {done[1]} slow calls by the end of its tasks, expected 1"
        if before["page"] != after["page"]:
            pages = f"{before['page']!r} before but {after['page']!r} after"
            yield f"{label}: once the result is in, the page reads {pages}"
        yield from item_problems(label, before["items"], after["items"])
