defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  def mount(_params, _session, socket) do
    if connected?(socket) do
      Phoenix.PubSub.subscribe(Shop.PubSub, "posts")
      Process.send_after(self(), :refresh, 60_000)
    end

    {:ok, assign(socket, :post, nil)}
  end

  def handle_info({:post_updated, id}, socket) do
    {:noreply, assign(socket, :post, Blog.get_post!(id))}
  end

  def handle_info(:refresh, socket) do
    Process.send_after(self(), :refresh, 60_000)
    {:noreply, assign(socket, :post, Blog.get_post!(socket.assigns.post.id))}
  end

  def handle_info({ShopWeb.PostLive.FormComponent, {:saved, post}}, socket) do
    {:noreply, assign(socket, :post, Blog.get_post!(post.id))}
  end

  def handle_info({:post_deleted, _id}, socket) do
    {:noreply, assign(socket, :post, nil)}
  end

  def render(assigns) do
    ~H"""
    <p>{@post && @post.title}</p>
    """
  end
end
