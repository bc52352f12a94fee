# Preload oracle scenario (tests/test_oracle_preload.py): calls whose values must not change.
[
  %{name: "Blog.refreshed_posts/0", call: fn -> Shop.Blog.refreshed_posts() end},
  %{name: "Blog.posts_with_comments/0", call: fn -> Shop.Blog.posts_with_comments() end},
  %{
    name: "PostLive.Index.mount/3",
    call: fn ->
      {:ok, socket} = ShopWeb.PostLive.Index.mount(%{}, %{}, %Phoenix.LiveView.Socket{})
      socket.assigns.posts
    end
  }
]
