"""The guard mir-fix writes really drops a double click, in plain Elixir (no Phoenix needed).

The mount and handle_event/3 clauses of a golden case's output are loaded
into a module with a stand-in assign/3 and a stand-in context whose write
sends a message; the test then delivers events as a LiveView process would:
one event twice, and two guarded events sent from the same render, each with
the token the template puts beside it.
"""

from __future__ import annotations

import re
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
token = socket.assigns.vote_idempotency_key
params = %{"choice" => "yes", "vote_idempotency_key" => token}

# A double click: two events rendered with the same token, handled one after the other.
{:noreply, socket} = Harness.handle_event("vote", params, socket)
first = writes.()
{:noreply, socket} = Harness.handle_event("vote", params, socket)
second = writes.()

# The page re-rendered with the rotated token: a new submit writes again.
rotated = socket.assigns.vote_idempotency_key
{:noreply, socket} = Harness.handle_event("vote", %{params | "vote_idempotency_key" => rotated}, socket)
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
        .replace("token = socket.assigns.vote_idempotency_key", 'token = "none"')
        .replace("rotated = socket.assigns.vote_idempotency_key", 'rotated = "none"')
    )
    result = subprocess.run([elixir, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "writes: 1 1 1 1" in result.stdout


TWO_EVENTS = Path(__file__).resolve().parent.parent / "golden/idempotent-events/several-writing-events"

TWO_EVENTS_HARNESS = r"""
defmodule Ecto.UUID do
  def generate, do: "token-" <> Integer.to_string(System.unique_integer([:positive]))
end

defmodule Shop.Teams.Member do
  defstruct [:team_id, :email]
end

defmodule Shop.Teams do
  def get_team!(id), do: %{id: id}
  def invite_member(_team), do: send(self(), {:wrote, :invite})
  def update_team(team, attrs), do: {:ok, Map.merge(team, attrs)}
end

defmodule Shop.Repo do
  def insert(member) do
    send(self(), {:wrote, :add_member})
    {:ok, member}
  end
end

defmodule Harness do
  alias Shop.Teams

  def assign(socket, key, value), do: put_in(socket, [:assigns, key], value)

CLAUSES
end

defmodule Writes do
  def all(acc \\ []) do
    receive do
      {:wrote, what} -> all([what | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end
end

{:ok, socket} = Harness.mount(%{"id" => "1"}, %{}, %{assigns: %{}})

# One render: the invite button and the add_member form carry what the template puts in them.
invite = %{INVITE_PARAM => socket.assigns[INVITE_ASSIGN]}
add = Map.put(%{"email" => "ada@example.com"}, ADD_PARAM, socket.assigns[ADD_ASSIGN])

# A click on one, then a submit of the other from the same page: both write.
{:noreply, socket} = Harness.handle_event("invite", invite, socket)
{:noreply, socket} = Harness.handle_event("add_member", add, socket)
IO.puts("one render: #{inspect(Writes.all())}")

# Each sent again with the same token (a double click): neither writes.
{:noreply, socket} = Harness.handle_event("invite", invite, socket)
{:noreply, _socket} = Harness.handle_event("add_member", add, socket)
IO.puts("sent again: #{inspect(Writes.all())}")
"""


def sent_token(template: str, event: str) -> tuple[str, str]:
    """(param name, assign name) of the token the template sends with `event`."""
    click = re.search(rf'phx-click="{event}"[^>]*?phx-value-(\w+)=\{{@(\w+)\}}', template)
    form = re.search(rf'phx-submit="{event}">\s*<input type="hidden" name="(\w+)" value=\{{@(\w+)\}}', template)
    found = click or form
    assert found, f"the template sends no token with {event}"
    return found.group(1), found.group(2)


def two_events_script(text: str, tmp_path: Path) -> Path:
    """The harness over the LiveView `text`, with the tokens its template sends."""
    path = tmp_path / "team_live.ex"
    path.write_text(text)
    invite, add = sent_token(text, "invite"), sent_token(text, "add_member")
    script = tmp_path / "harness.exs"
    script.write_text(
        TWO_EVENTS_HARNESS.replace("CLAUSES", clauses(path))
        .replace("INVITE_PARAM", f'"{invite[0]}"')
        .replace("INVITE_ASSIGN", f":{invite[1]}")
        .replace("ADD_PARAM", f'"{add[0]}"')
        .replace("ADD_ASSIGN", f":{add[1]}")
    )
    return script


def test_two_guarded_events_sent_from_one_render_both_write(tmp_path: Path) -> None:
    elixir = elixir_or_skip()
    (path,) = (TWO_EVENTS / "after").rglob("*.ex")
    script = two_events_script(path.read_text(), tmp_path)
    result = subprocess.run([elixir, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "one render: [:invite, :add_member]" in result.stdout
    assert "sent again: []" in result.stdout


def test_with_one_token_for_both_events_the_second_is_dropped(tmp_path: Path) -> None:
    """The same harness on one shared token (what mir-fix wrote before): proves it can see the drop."""
    elixir = elixir_or_skip()
    (path,) = (TWO_EVENTS / "after").rglob("*.ex")
    shared = re.sub(r"\b\w+_idempotency_key\b", "idempotency_key", path.read_text())
    script = two_events_script(shared, tmp_path)
    result = subprocess.run([elixir, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "one render: [:invite]" in result.stdout
