# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title]
end

defmodule Shop.Blog do
  alias MirFixOracle.Live.Store

  def list_posts, do: Store.all(:posts)

  def get_post!(id),
    do:
      Enum.find(Store.all(:posts), &(to_string(&1.id) == to_string(id))) || raise("no post #{id}")

  def delete_post(%Shop.Blog.Post{id: id} = post) do
    Store.write(:delete_post, fn ->
      Store.delete(:posts, &(&1.id == id))
      {:ok, post}
    end)
  end
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
      steps: [{:click, "#post-2 button"}, {:click, "#post-1 button"}]
    }
  end
end
