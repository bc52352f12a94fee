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
      seed: fn -> Store.seed(:posts, for(id <- 1..3, do: %Post{id: id, title: "Post #{id}"})) end,
      mount: "/posts",
      list: "#posts article"
    }
  end
end
