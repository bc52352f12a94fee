defmodule ShopWeb.PostLive.Index do
  use ShopWeb, :live_view

  alias Shop.Blog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :mode, nil)}
  end

  @impl true
  def handle_params(_params, _url, socket) do
    {:noreply, apply_action(socket, socket.assigns.live_action)}
  end

  defp apply_action(socket, :import) do
    socket
    |> assign(:mode, "import")
    |> stream(:posts, Blog.list_posts(), reset: true)
  end

  defp apply_action(socket, :index) do
    assign(socket, :mode, "browse")
  end

  @impl true
  def render(assigns) do
    ~H"""
    <p>Mode: <%= @mode %></p>
    <%= if @mode == "import" do %>
      <ul id="posts" phx-update="stream">
        <li :for={{dom_id, post} <- @streams.posts} id={dom_id}><%= post.title %></li>
      </ul>
    <% end %>
    """
  end
end
