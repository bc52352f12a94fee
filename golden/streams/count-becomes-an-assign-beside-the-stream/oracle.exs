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
      seed: fn -> Store.seed(:posts, for(id <- 1..2, do: %Post{id: id, title: "Post #{id}"})) end,
      mount: "/posts",
      list: "#posts article",
      steps: [
        {:info, fn -> {:post_created, Store.insert(:posts, %Post{id: 3, title: "Post 3"})} end},
        {:info,
         fn ->
           Store.insert(:posts, %Post{id: 4, title: "Post 4"})
           :reload
         end},
        {:info,
         fn ->
           Store.seed(:posts, [])
           :reload
         end},
        {:info, fn -> {:post_created, Store.insert(:posts, %Post{id: 5, title: "Post 5"})} end}
      ]
    }
  end
end
