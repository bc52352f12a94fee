"""preload: the shapes the golden cases do not show one by one (issue 16)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from .cli import run
from .golden import run_cli

REPO = "defmodule Shop.Repo do\n  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres\nend\n"


def _app(tmp_path: Path, code: str) -> Path:
    (tmp_path / "mix.exs").write_text("defmodule Shop.MixProject do\n  use Mix.Project\nend\n")
    (tmp_path / "lib" / "shop").mkdir(parents=True)
    (tmp_path / "lib" / "shop" / "repo.ex").write_text(REPO)
    (tmp_path / "lib" / "shop" / "blog.ex").write_text(textwrap.dedent(code))
    return tmp_path


def _changes(tmp_path: Path, code: str) -> list[dict[str, Any]]:
    code_, report = run_cli(["--select", "preload", str(_app(tmp_path, code))])
    assert code_ == 0 and report["errors"] == []
    changes: list[dict[str, Any]] = report["changes"]
    return changes


@pytest.mark.parametrize(
    "enumerable",
    [
        "Stream.map(Repo.all(Post), & &1)",  # Repo.preload of a stream fails where Enum.map does not
        "Map.new(Repo.all(Post), &{&1.id, &1})",  # Enum.map over a map gives {id, post} tuples
        "MapSet.new(Repo.all(Post))",  # a MapSet is a struct: Repo.preload would take it for one
        "Enum.map(Repo.all(Post), &Map.put(&1, :x, 1))",  # a map of the list may change what each item is
        "[post_a, post_b]",  # structs from anywhere: several prefixes, several schemas
    ],
)
def test_per_item_preload_over_what_is_not_one_querys_list_is_blocked(tmp_path: Path, enumerable: str) -> None:
    changes = _changes(
        tmp_path,
        f"""\
        defmodule Shop.Blog do
          alias Shop.Blog.Post
          alias Shop.Repo

          def posts(post_a, post_b) do
            Enum.map({enumerable}, &Repo.preload(&1, :author))
          end
        end
        """,
    )
    assert [c["status"] for c in changes] == ["blocked"]
    assert "is a list of structs loaded by one query" in changes[0]["reason"]


@pytest.mark.parametrize(
    ("enumerable", "status"),
    [
        ("Repo.all(Post) |> Enum.sort_by(& &1.id)", "ready"),
        ("Repo.all(Post) |> Enum.reject(&is_nil(&1.title))", "ready"),
        ("Post |> Repo.all() |> Repo.preload(:comments)", "ready"),
    ],
)
def test_sublists_and_preloads_of_one_querys_list_are_still_its_list(
    tmp_path: Path, enumerable: str, status: str
) -> None:
    changes = _changes(
        tmp_path,
        f"""\
        defmodule Shop.Blog do
          alias Shop.Blog.Post
          alias Shop.Repo

          def posts do
            Enum.map({enumerable}, fn post -> Repo.preload(post, :author) end)
          end
        end
        """,
    )
    assert [c["status"] for c in changes] == [status]


@pytest.mark.parametrize(
    "preloads",
    [
        "&1, [author: fn ids -> Repo.all(from u in User, where: u.id in ^ids) end]",  # runs per item, with effects
        "&1, Preloads.for_user()",  # a call mir-fix cannot see into
    ],
)
def test_preloads_that_are_not_plain_values_are_blocked(tmp_path: Path, preloads: str) -> None:
    changes = _changes(
        tmp_path,
        f"""\
        defmodule Shop.Blog do
          alias Shop.Blog.Post
          alias Shop.Repo

          def posts do
            Post |> Repo.all() |> Enum.map(&Repo.preload({preloads}))
          end
        end
        """,
    )
    assert [c["status"] for c in changes] == ["blocked"]
    assert "once per item now" in changes[0]["reason"]


def test_enum_each_and_several_generators_are_not_rewritten(tmp_path: Path) -> None:
    changes = _changes(
        tmp_path,
        """\
        defmodule Shop.Blog do
          alias Shop.Blog.Post
          alias Shop.Repo

          def each, do: Enum.each(Repo.all(Post), &Repo.preload(&1, :author))

          def pairs(tags) do
            for post <- Repo.all(Post), tag <- tags, do: Repo.preload(post, :author)
          end
        end
        """,
    )
    assert [(c["status"], c["line"]) for c in changes] == [("blocked", 8)]
    assert "several generators" in changes[0]["reason"]


def test_explain_proves_the_equivalence_from_ectos_preloader() -> None:
    code, out, _ = run(["--explain", "preload"])
    assert code == 0
    for needed in ("preloader.ex", "preload_each", "nil", "prefix", "force: true", "assert_struct!", "assoc_loaded?"):
        assert needed in out, needed


@pytest.mark.parametrize(
    ("setup", "preloads", "status"),
    [
        ("", "comments: query", "blocked"),  # a parameter: it may be a query with a limit
        ("query = from(c in Comment, order_by: c.id)", "comments: query", "ready"),
        ("query = from(c in Comment, order_by: c.id, offset: 5)", "comments: query", "blocked"),
        ("", "comments: from(c in Comment, distinct: true)", "blocked"),
        ("", "comments: from(c in Comment, where: c.id in ^ids)", "ready"),  # a pinned value is no query part
    ],
)
def test_what_a_preload_query_holds_is_read_before_one_query_replaces_many(
    tmp_path: Path, setup: str, preloads: str, status: str
) -> None:
    changes = _changes(
        tmp_path,
        f"""\
        defmodule Shop.Blog do
          import Ecto.Query

          alias Shop.Blog.{{Comment, Post}}
          alias Shop.Repo

          def posts(query, ids) do
            {setup}
            Post |> Repo.all() |> Enum.map(&Repo.preload(&1, {preloads}))
          end
        end
        """,
    )
    assert [c["status"] for c in changes] == [status], changes


def test_a_template_loop_over_selected_maps_is_no_association_read(tmp_path: Path) -> None:
    """`select:` gives maps (or fields): `post.author` is then whatever the query selected, not an association."""
    app = _app(tmp_path, "defmodule Shop.Blog do\nend\n")
    schema = app / "lib" / "shop" / "post.ex"
    schema.write_text(
        'defmodule Shop.Blog.Post do\n  use Ecto.Schema\n\n  schema "posts" do\n    belongs_to :author, Shop.User\n'
        "  end\nend\n"
    )
    live = app / "lib" / "shop_web" / "index.ex"
    live.parent.mkdir(parents=True)
    live.write_text(
        textwrap.dedent(
            '''\
            defmodule ShopWeb.Index do
              use ShopWeb, :live_view

              import Ecto.Query

              alias Shop.Blog.Post
              alias Shop.Repo

              def mount(_params, _session, socket) do
                query = from p in Post, join: a in assoc(p, :author), select: %{id: p.id, author: a}
                {:ok, assign(socket, :posts, Repo.all(query))}
              end

              def render(assigns) do
                ~H"""
                <p :for={post <- @posts}>{post.author.name}</p>
                """
              end
            end
            '''
        )
    )
    status, report = run_cli(["--select", "preload", str(app)])
    assert status == 0 and report["changes"] == [] and report["findings"] == [], report
    live.write_text(live.read_text().replace(", select: %{id: p.id, author: a}", ""))
    status, report = run_cli(["--select", "preload", str(app)])
    assert [c["status"] for c in report["changes"]] == ["ready"], report  # the same loop over structs: a rewrite
