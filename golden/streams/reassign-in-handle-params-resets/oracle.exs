# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title, :tag]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts(opts \\ []) do
    case Keyword.fetch(opts, :tag) do
      {:ok, tag} -> Enum.filter(Store.all(:posts), &(&1.tag == tag))
      :error -> Store.all(:posts)
    end
  end
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [{"/posts", ShopWeb.PostLive.Index, :index}],
      seed: fn ->
        Store.seed(:posts, [
          %Post{id: 1, title: "Streams", tag: "elixir"},
          %Post{id: 2, title: "Tailwind", tag: "css"},
          %Post{id: 3, title: "Ecto", tag: "elixir"}
        ])
      end,
      mount: "/posts?tag=elixir",
      list: "#posts article",
      steps: [{:patch, "/posts?tag=css"}, {:patch, "/posts?tag=elixir"}]
    }
  end
end
