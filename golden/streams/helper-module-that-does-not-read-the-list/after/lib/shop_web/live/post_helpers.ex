defmodule ShopWeb.PostHelpers do
  import Phoenix.Component, only: [assign: 3]

  def assign_title(socket) do
    assign(socket, :title, "Posts")
  end
end
