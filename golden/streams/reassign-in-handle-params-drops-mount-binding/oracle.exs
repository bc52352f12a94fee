# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts, do: Store.all(:posts)
  def search_posts(nil), do: Store.all(:posts)
  def search_posts(query), do: Enum.filter(Store.all(:posts), &String.contains?(&1.title, query))
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [{"/posts", ShopWeb.PostLive.Index, :index}],
      seed: fn ->
        Store.seed(:posts, [
          %Post{id: 1, title: "Streams"},
          %Post{id: 2, title: "Ecto"},
          %Post{id: 3, title: "Ecto SQL"}
        ])
      end,
      mount: "/posts",
      list: "#posts article",
      steps: [
        {:change, "form", %{"q" => "Ecto"}},
        {:patch, "/posts?q=Streams"},
        {:patch, "/posts"}
      ]
    }
  end
end
