# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title, :author_id]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts(author: author), do: Enum.filter(Store.all(:posts), &(&1.author_id == author.id))

  def search_posts(query, author: author) do
    list_posts(author: author)
    |> Enum.filter(&(query == nil or String.contains?(&1.title, query)))
  end
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [{"/posts", ShopWeb.PostLive.Index, :index}],
      assigns: fn -> %{current_user: %{id: 1}} end,
      seed: fn ->
        Store.seed(:posts, [
          %Post{id: 1, title: "Streams", author_id: 1},
          %Post{id: 2, title: "Ecto", author_id: 2},
          %Post{id: 3, title: "Ecto SQL", author_id: 1}
        ])
      end,
      mount: "/posts",
      list: "#posts article",
      steps: [{:change, "form", %{"q" => "Ecto"}}, {:patch, "/posts"}]
    }
  end
end
