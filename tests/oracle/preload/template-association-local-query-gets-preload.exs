# Preload oracle scenario (tests/test_oracle_preload.py): the posts mount assigns gain their loaded
# author, and are otherwise the same rows in the same order.
[
  %{
    name: "PostLive.Index.mount/3",
    loads: [:author],
    call: fn ->
      {:ok, socket} = ShopWeb.PostLive.Index.mount(%{}, %{}, %Phoenix.LiveView.Socket{})
      socket.assigns.posts
    end
  }
]
