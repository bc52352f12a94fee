"""The guard mir-fix writes really drops a double click, in plain Elixir (no Phoenix needed).

The mount/1 and handle_event/3 clauses of a golden case's output are loaded
into a module with a stand-in assign/3 and a stand-in context whose write
sends a message; the test then delivers events as a LiveView process would.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mir_fix.codemods._liveview import live_modules
from mir_fix.engine.codemod import ParsedSource
from mir_fix.engine.parse import parse_elixir
from mir_fix.engine.source import load_source
from mir_fix.engine.suppress import Suppressions

from .oracles import elixir_or_skip

CASE = Path(__file__).resolve().parent.parent / "golden/idempotent-events/live-component-existing-mount"

HARNESS = r"""
defmodule Ecto.UUID do
  def generate, do: "token-" <> Integer.to_string(System.unique_integer([:positive]))
end

defmodule Shop.Polls do
  def submit_vote(_poll, choice) do
    send(self(), {:wrote, choice})
    {:ok, %{choice: choice}}
  end
end

defmodule Harness do
  alias Shop.Polls

  def assign(socket, key, value), do: put_in(socket, [:assigns, key], value)

CLAUSES
end

writes = fn ->
  receive do
    {:wrote, _} -> 1
  after
    0 -> 0
  end
end

{:ok, socket} = Harness.mount(%{assigns: %{poll: :poll}})
token = socket.assigns.idempotency_key
params = %{"choice" => "yes", "idempotency_key" => token}

# A double click: two events rendered with the same token, handled one after the other.
{:noreply, socket} = Harness.handle_event("vote", params, socket)
first = writes.()
{:noreply, socket} = Harness.handle_event("vote", params, socket)
second = writes.()

# The page re-rendered with the rotated token: a new submit writes again.
rotated = socket.assigns.idempotency_key
{:noreply, socket} = Harness.handle_event("vote", %{params | "idempotency_key" => rotated}, socket)
third = writes.()

# An event that carries no token (sent by code mir-fix did not see) passes: the guard fails open.
{:noreply, _socket} = Harness.handle_event("vote", %{"choice" => "no"}, socket)
fourth = writes.()

IO.puts("writes: #{first} #{second} #{third} #{fourth}; rotated: #{rotated != token}")
"""


def clauses(path: Path) -> str:
    source = load_source(path, path.name)
    parsed = ParsedSource(source, parse_elixir(source.content), Suppressions())
    (module,) = live_modules(parsed)
    wanted = [c for c in module.clauses if c.name in {"mount", "handle_event"}]
    return "\n\n".join("  " + parsed.text(c.node) for c in wanted)


def test_the_same_event_twice_writes_once_and_a_rotated_token_writes_again(tmp_path: Path) -> None:
    elixir = elixir_or_skip()
    (path,) = (CASE / "after").rglob("*.ex")
    loaded = clauses(path)
    assert loaded.count("def handle_event(") == 2, "the guard clause and the writing clause"
    script = tmp_path / "harness.exs"
    script.write_text(HARNESS.replace("CLAUSES", loaded))
    result = subprocess.run([elixir, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "writes: 1 0 1 1; rotated: true" in result.stdout


def test_without_the_guard_the_double_click_writes_twice(tmp_path: Path) -> None:
    """The same harness on the input: proves the harness can see a double write."""
    elixir = elixir_or_skip()
    (path,) = (CASE / "before").rglob("*.ex")
    body = clauses(path)
    script = tmp_path / "harness.exs"
    script.write_text(
        HARNESS.replace("CLAUSES", body)
        .replace("token = socket.assigns.idempotency_key", 'token = "none"')
        .replace("rotated = socket.assigns.idempotency_key", 'rotated = "none"')
    )
    result = subprocess.run([elixir, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "writes: 1 1 1 1" in result.stdout
