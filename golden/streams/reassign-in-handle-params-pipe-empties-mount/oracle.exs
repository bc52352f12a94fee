# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts(opts \\ []) do
    case Keyword.get(opts, :sort, "newest") do
      "newest" -> Enum.sort_by(Store.all(:posts), & &1.id, :desc)
      "oldest" -> Enum.sort_by(Store.all(:posts), & &1.id)
    end
  end
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      routes: [
        {"/posts", ShopWeb.PostLive.Index, :index},
        {"/posts/:id", ShopWeb.PostLive.Index, :show}
      ],
      seed: fn -> Store.seed(:posts, for(id <- 1..3, do: %Post{id: id, title: "Post #{id}"})) end,
      mount: "/posts",
      list: "#posts li",
      steps: [{:click, "a[data-phx-link=patch]"}, {:patch, "/posts?sort=newest"}]
    }
  end
end
