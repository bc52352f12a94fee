defmodule Shop.BlogTest do
  use ExUnit.Case

  alias Shop.Blog.Post
  alias Shop.Repo

  test "authors" do
    posts = Post |> Repo.all() |> Enum.map(&Repo.preload(&1, :author))
    assert posts == []
  end
end
