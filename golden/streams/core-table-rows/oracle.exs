# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title, :views]
end

defmodule Shop.Blog do
  def list_posts, do: MirFixOracle.Live.Store.all(:posts)
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Post

  def scenario do
    %{
      core_components: :generated,
      why:
        "the golden's core_components.ex has only the head of table/1 (its LiveStream clause) and renders no rows; " <>
          "Phoenix 1.7.14's generated table/1, with the same LiveStream clause, renders them",
      routes: [
        {"/posts", ShopWeb.PostLive.Index, :index},
        {"/posts/:id", ShopWeb.PostLive.Index, :show}
      ],
      seed: fn ->
        Store.seed(
          :posts,
          for(id <- 1..3, do: %Post{id: id, title: "Post #{id}", views: id * 10})
        )
      end,
      mount: "/posts",
      list: "#posts tr"
    }
  end
end
