# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts, do: Store.all(:posts)
  # The app subscribes to a PubSub topic; the steps send what it broadcasts.
  def subscribe, do: :ok
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [{"/posts", ShopWeb.PostLive.Index, :index}],
      seed: fn -> Store.seed(:posts, for(id <- 1..3, do: %Post{id: id, title: "Post #{id}"})) end,
      mount: "/posts",
      list: "#posts article",
      steps: [
        {:info, fn -> {:posts_changed, Store.insert(:posts, %Post{id: 4, title: "Post 4"})} end},
        {:info,
         fn ->
           Store.delete(:posts, &(&1.id == 2))
           {:posts_changed, nil}
         end}
      ]
    }
  end
end
