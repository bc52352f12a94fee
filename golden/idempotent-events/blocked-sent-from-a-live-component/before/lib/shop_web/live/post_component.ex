defmodule ShopWeb.PostComponent do
  use ShopWeb, :live_component

  @impl true
  def render(assigns) do
    ~H"""
    <article id={"post-#{@post.id}"}>
      <p><%= @post.body %></p>
      <button id={"like-#{@post.id}"} phx-click="like" phx-value-id={@post.id}>Like</button>
    </article>
    """
  end
end
