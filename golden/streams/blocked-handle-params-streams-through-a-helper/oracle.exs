# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title, :archived]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts, do: Enum.reject(Store.all(:posts), & &1.archived)
  def list_archived_posts, do: Enum.filter(Store.all(:posts), & &1.archived)
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [
        {"/posts", ShopWeb.PostLive.Index, :index},
        {"/posts/archived", ShopWeb.PostLive.Index, :archived}
      ],
      seed: fn ->
        Store.seed(
          :posts,
          for(id <- 1..4, do: %Post{id: id, title: "Post #{id}", archived: id > 2})
        )
      end,
      mount: "/posts",
      list: "#posts article",
      steps: [{:patch, "/posts/archived"}, {:patch, "/posts"}]
    }
  end
end
