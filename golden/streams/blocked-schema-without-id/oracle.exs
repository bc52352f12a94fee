# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# the case's own context (lib/shop/blog.ex) and schema run; the repo is a stub
# that answers Repo.all from the store.
defmodule Shop.Repo do
  def all(_query), do: MirFixOracle.Live.Store.all(:posts)
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store

  def scenario do
    %{
      routes: [{"/posts", ShopWeb.PostLive.Index, :index}],
      seed: fn ->
        Store.seed(:posts, for(id <- 1..3, do: struct(Shop.Blog.Post, slug: "post-#{id}", title: "Post #{id}")))
      end,
      mount: "/posts",
      list: "ul li",
      steps: [
        {:info,
         fn ->
           Store.insert(:posts, struct(Shop.Blog.Post, slug: "post-4", title: "Post 4"))
           :reload
         end}
      ]
    }
  end
end
