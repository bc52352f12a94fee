"""async-events beyond the golden cases: which calls wait, which shapes it refuses, and what it writes."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from .golden import run_cli

MIX = """
defmodule Shop.MixProject do
  use Mix.Project

  def project, do: [app: :shop, version: "0.1.0", deps: [{:phoenix_live_view, "~> 0.20.17"}]]
end
"""


def live(body: str, extra: str = "") -> str:
    return (
        "defmodule ShopWeb.WeatherLive do\n  use ShopWeb, :live_view\n"
        + textwrap.indent(textwrap.dedent(extra), "  ")
        + "\n"
        + textwrap.indent(textwrap.dedent(body), "  ")
        + "end\n"
    )


def run(tmp_path: Path, files: dict[str, str], *args: str, mix: str = MIX) -> dict[str, Any]:
    (tmp_path / "mix.exs").write_text(mix)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    code, out = run_cli(["--select", "async-events", *args, str(tmp_path)])
    assert code in (0, 1), out
    assert out["errors"] == []
    return out


def event(call: str, rest: str = "{:noreply, assign(socket, :summary, result)}") -> str:
    return f"""
    def handle_event("fetch", %{{"city" => city}}, socket) do
      result = {call}
      {rest}
    end
    """


LV = "lib/shop_web/live/weather_live.ex"


@pytest.mark.parametrize(
    "call",
    [
        "Process.sleep(1000)",
        ":timer.sleep(1000)",
        ':httpc.request(~c"http://example.com/" ++ String.to_charlist(city))',
        "Finch.build(:get, city) |> Finch.request(Shop.Finch)",
        'Tesla.get("https://example.com/" <> city)',
        'HTTPoison.get!("https://example.com/" <> city)',
        'Req.post!("https://example.com/", json: %{city: city})',
    ],
)
def test_calls_that_wait_are_moved(tmp_path: Path, call: str) -> None:
    out = run(tmp_path, {LV: live(event(call))})
    assert [c["status"] for c in out["changes"]] == ["ready"], out["changes"]


@pytest.mark.parametrize(
    "call",
    [
        'Req.new(base_url: "https://example.com")',
        "Process.send_after(self(), :tick, 1000)",
        'Finch.build(:get, "https://example.com/")',
        'Task.start(fn -> Req.post!("https://example.com/", json: %{city: city}) end)',
        "Shop.Weather.current(city)",
    ],
)
def test_calls_that_do_not_wait_are_left_alone(tmp_path: Path, call: str) -> None:
    out = run(tmp_path, {LV: live(event(call))})
    assert out["changes"] == [] and out["findings"] == []


def test_app_modules_are_followed_through_their_alias_forms(tmp_path: Path) -> None:
    files = {
        "lib/shop/weather.ex": """
            defmodule Shop.Weather do
              def current(city), do: Req.get!("https://example.com/" <> city).body
              def cached(city), do: city
            end
            """,
        "lib/shop/api.ex": """
            defmodule Shop.Api do
              use Tesla
              plug Tesla.Middleware.BaseUrl, "https://example.com"
            end
            """,
    }
    for alias, call, ready in [
        ("alias Shop.Weather", "Weather.current(city)", True),
        ("alias Shop.Weather, as: W", "W.current(city)", True),
        ("alias Shop.{Api, Weather}", "Weather.current(city)", True),
        ("alias Shop.{Api, Weather}", 'Api.get("/weather/" <> city)', True),
        ("alias Shop.Weather", "Weather.cached(city)", False),
    ]:
        out = run(tmp_path, {**files, LV: live(event(call), extra=alias)})
        statuses = [c["status"] for c in out["changes"]]
        assert statuses == (["ready"] if ready else []), (alias, call, out["changes"])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            event('Req.get!("https://example.com/" <> city)', "ShopWeb.Replies.noreply(socket, result)"),
            "returns {:noreply, socket}",
        ),
        (
            """
            def handle_event("fetch", %{"city" => city}, socket) do
              result = Req.get!("https://example.com/" <> city)

              if result.status == 200 do
                {:noreply, assign(socket, :summary, result.body)}
              end
            end
            """,
            "an `if` without else",
        ),
        (
            """
            def handle_event("fetch", _params, socket) do
              assigns = socket.assigns
              result = Req.get!("https://example.com/")
              {:noreply, assign(socket, :summary, assigns.city <> result.body)}
            end
            """,
            "bound from the socket",
        ),
        (
            """
            def handle_event("fetch", %{"id" => id}, socket) do
              {:ok, ^id} = Req.get("https://example.com/" <> id)
              {:noreply, socket}
            end
            """,
            "pinned",
        ),
        (
            """
            def handle_event("fetch", _params, socket) do
              results = Enum.map(["a", "b"], fn city -> Req.get!("https://example.com/" <> city) end)
              {:noreply, assign(socket, :results, results)}
            end
            """,
            "some paths only, inside `fn`",
        ),
        (
            """
            def handle_event("fetch", _params, socket) do
              result = Req.get!(Shop.Urls.weather())
              {:noreply, assign(socket, :summary, result.body)}
            end
            """,
            "also calls `Shop.Urls.weather`",
        ),
        (
            """
            def handle_event("fetch", _params, socket) do
              socket = assign(socket, :summary, Req.get!("https://example.com/").body)
              {:noreply, socket}
            end
            """,
            "goes straight into the socket",
        ),
        (
            """
            def handle_event("fetch", _params, socket) do
              Req.get!("https://example.com/") |> then(fn response -> body = response.body end)
              {:noreply, assign(socket, :summary, body)}
            end
            """,
            "bound inside the expression",
        ),
        (
            """
            def handle_event("fetch", %{"city" => city}, socket) do
              task = Task.async(fn -> Shop.Weather.current(city) end)
              summary = Task.await(task)
              {:noreply, assign(socket, :summary, summary)}
            end
            """,
            "only the process that started a task may await it",
        ),
        (
            """
            def handle_event("fetch", _params, socket) do
              response = Req.get!("https://example.com/") # the slow one
              {:noreply, assign(socket, :summary, response.body)}
            end
            """,
            "shares its line",
        ),
        (
            """
            def handle_event("fetch", _params, %{assigns: %{city: city}}) do
              Req.get!("https://example.com/" <> city)
              {:noreply, socket}
            end
            """,
            "does not bind the socket",
        ),
    ],
)
def test_shapes_it_cannot_move_are_blocked(tmp_path: Path, body: str, reason: str) -> None:
    out = run(tmp_path, {LV: live(body)})
    blocked = [c for c in out["changes"] if c["status"] == "blocked"]
    assert blocked and reason in blocked[0]["reason"], out["changes"]


def test_temporary_assigns_read_after_the_call_block(tmp_path: Path) -> None:
    mount = """
    def mount(_params, _session, socket) do
      {:ok, assign(socket, :messages, []), temporary_assigns: [messages: []]}
    end
    """
    body = event(
        'Req.get!("https://example.com/" <> city)', "{:noreply, assign(socket, :n, length(socket.assigns.messages))}"
    )
    out = run(tmp_path, {LV: live(mount + body)})
    assert [c["status"] for c in out["changes"]] == ["blocked"]
    assert "temporary assigns" in out["changes"][0]["reason"]
    body = event('Req.get!("https://example.com/" <> city)')
    out = run(tmp_path, {LV: live(mount + body)})
    assert [c["status"] for c in out["changes"]] == ["ready"]


def test_names_are_atoms_unique_in_the_module(tmp_path: Path) -> None:
    body = """
    def handle_event("fetch-weather", %{"city" => city}, socket) do
      result = Req.get!("https://example.com/" <> city)
      {:noreply, assign(socket, :summary, result.body)}
    end

    def handle_event("fetch_weather", %{"city" => city}, socket) do
      result = Req.get!("https://example.com/" <> city)
      {:noreply, assign(socket, :summary, result.body)}
    end

    def handle_event("2fa", _params, socket) do
      Process.sleep(10)
      {:noreply, socket}
    end
    """
    run(tmp_path, {LV: live(body)}, "--write")
    text = (tmp_path / LV).read_text()
    for name in (":fetch_weather,", ":fetch_weather_2,", ":event_2fa,"):
        assert f"def handle_async({name} {{:ok," in text, text
        assert f"def handle_async({name} {{:exit, _reason}}" in text, text


def test_the_socket_never_goes_into_the_task(tmp_path: Path) -> None:
    body = """
    def handle_event("fetch", _params, socket) do
      result = Req.get!("https://example.com/" <> socket.assigns.city, params: [id: socket.assigns.user.id])
      {:noreply, assign(socket, :summary, result.body)}
    end
    """
    run(tmp_path, {LV: live(body)}, "--write")
    text = (tmp_path / LV).read_text()
    task = text[text.index("fn ->") : text.index("end)}")]
    assert "socket" not in task, text
    assert "city = socket.assigns.city\n" in text and "user_id = socket.assigns.user.id\n" in text, text


def test_older_liveview_blocks(tmp_path: Path) -> None:
    files = {LV: live(event('Req.get!("https://example.com/" <> city)'))}
    (tmp_path / "mix.lock").write_text(
        '%{\n  "phoenix_live_view": {:hex, :phoenix_live_view, "0.19.5", "x", [:mix], [], "hexpm", "y"},\n}\n'
    )
    out = run(tmp_path, files)
    assert [c["status"] for c in out["changes"]] == ["blocked"]
    assert "0.19.5 (mix.lock)" in out["changes"][0]["reason"]
    (tmp_path / "mix.lock").write_text(
        '%{\n  "phoenix_live_view": {:hex, :phoenix_live_view, "1.0.17", "x", [:mix], [], "hexpm", "y"},\n}\n'
    )
    out = run(tmp_path, files)
    assert [c["status"] for c in out["changes"]] == ["ready"]
    (tmp_path / "mix.lock").unlink()
    out = run(tmp_path, files, mix=MIX.replace(', deps: [{:phoenix_live_view, "~> 0.20.17"}]', ""))
    assert [c["status"] for c in out["changes"]] == ["blocked"]
    assert "cannot tell the LiveView version" in out["changes"][0]["reason"]


def test_explain_says_what_differs() -> None:
    import contextlib
    import io

    from mir_fix.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--explain", "async-events"])
    text = out.getvalue()
    for words in ("What differs", "drops its result", "{:exit", "mount/3"):
        assert words in text, words
