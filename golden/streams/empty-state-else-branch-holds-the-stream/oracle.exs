# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title]
end

defmodule Shop.Blog do
  def list_posts, do: MirFixOracle.Live.Store.all(:posts)
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [{"/posts", ShopWeb.PostLive.Index, :index}],
      # No posts at first: the page shows the empty state, then the first post replaces it.
      seed: fn -> Store.seed(:posts, []) end,
      mount: "/posts",
      list: "#posts li",
      steps: [
        {:info, fn -> {:post_created, Store.insert(:posts, %Post{id: 1, title: "Post 1"})} end},
        {:info, fn -> {:post_created, Store.insert(:posts, %Post{id: 2, title: "Post 2"})} end},
        {:info, :cleared},
        {:info, fn -> {:post_created, Store.insert(:posts, %Post{id: 3, title: "Post 3"})} end}
      ]
    }
  end
end
