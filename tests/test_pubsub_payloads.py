"""pubsub-payloads: argument positions and evidence the golden cases do not show one by one (issue 16)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from .cli import run
from .golden import run_cli

REPO = "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n"


def _findings(tmp_path: Path, code: str) -> list[str]:
    (tmp_path / "mix.exs").write_text("defmodule Shop.MixProject do\n  use Mix.Project\nend\n")
    (tmp_path / "lib" / "shop").mkdir(parents=True)
    (tmp_path / "lib" / "shop" / "repo.ex").write_text(REPO)
    (tmp_path / "lib" / "shop" / "feed.ex").write_text(textwrap.dedent(code))
    status, report = run_cli(["--select", "pubsub-payloads", str(tmp_path)])
    assert status == 0 and report["errors"] == [] and report["changes"] == []
    return [f["message"] for f in report["findings"]]


@pytest.mark.parametrize(
    ("call", "found"),
    [
        ('Phoenix.PubSub.broadcast(Shop.PubSub, "t", {:new, post})', True),
        ('Phoenix.PubSub.broadcast!(Shop.PubSub, "t", {:new, post}, MyDispatcher)', True),
        ('Phoenix.PubSub.broadcast_from(Shop.PubSub, self(), "t", {:new, post})', True),
        ('Phoenix.PubSub.local_broadcast(Shop.PubSub, "t", %{post: post})', True),
        ('ShopWeb.Endpoint.broadcast_from(self(), "t", "new", %{post: post})', True),
        ('{:new, post} |> then(&Phoenix.PubSub.broadcast(Shop.PubSub, "t", &1))', False),
        ('Phoenix.PubSub.broadcast(Shop.PubSub, "t", {:new, post.id})', False),
        ('Phoenix.PubSub.broadcast(Shop.PubSub, "t", {:new, Map.take(post, [:id])})', False),
        ('Phoenix.PubSub.broadcast(Shop.PubSub, "t:#{post.id}", :refresh)', False),  # the topic is no payload
        ('ShopWeb.Presence.track(self(), "t", post.id, %{post: post})', False),
    ],
)
def test_the_message_argument_is_the_payload(tmp_path: Path, call: str, found: bool) -> None:
    messages = _findings(
        tmp_path,
        f"""\
        defmodule Shop.Feed do
          alias Shop.Repo

          def publish(id) do
            post = Repo.get!(Shop.Blog.Post, id)
            {call}
          end
        end
        """,
    )
    assert bool(messages) == found, messages


def test_a_variable_without_evidence_is_not_reported(tmp_path: Path) -> None:
    messages = _findings(
        tmp_path,
        """\
        defmodule Shop.Feed do
          def publish(post, event), do: Phoenix.PubSub.broadcast(Shop.PubSub, "t", {event, post})
        end
        """,
    )
    assert messages == []


def test_explain_says_both_sides_of_the_fan_out() -> None:
    code, out, _ = run(["--explain", "pubsub-payloads"])
    assert code == 0
    for needed in ("copies", "handle_info", "one query per subscriber", "Presence"):
        assert needed in out, needed


def test_the_last_binding_before_the_broadcast_decides(tmp_path: Path) -> None:
    messages = _findings(
        tmp_path,
        """\
        defmodule Shop.Feed do
          alias Shop.Repo

          def publish(id) do
            post = Repo.get!(Shop.Blog.Post, id)
            post = Map.take(post, [:id, :title])
            Phoenix.PubSub.broadcast(Shop.PubSub, "t", {:updated, post})
          end

          def republish(id) do
            post = Map.take(%{id: id}, [:id])
            {:ok, post} = Repo.insert(%Shop.Blog.Post{id: post.id})
            Phoenix.PubSub.broadcast(Shop.PubSub, "t", {:updated, post})
          end
        end
        """,
    )
    assert len(messages) == 1 and "Repo.insert (line 12)" in messages[0], messages
