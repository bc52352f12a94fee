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
      seed: fn -> Store.seed(:posts, for(id <- 1..3, do: %Post{id: id, title: "Post #{id}"})) end,
      component: {ShopWeb.PostLive.Index, fn -> %{id: "post-list"} end},
      list: "#posts article"
    }
  end
end
