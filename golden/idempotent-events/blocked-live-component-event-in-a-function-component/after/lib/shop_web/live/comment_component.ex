defmodule ShopWeb.CommentComponent do
  use ShopWeb, :live_component

  alias Shop.Comments

  @impl true
  def render(assigns) do
    ~H"""
    <div id={@id}>
      <.comment_form target={@myself} />
    </div>
    """
  end

  attr :target, :any, required: true

  defp comment_form(assigns) do
    ~H"""
    <form id="comment-form" phx-submit="post" phx-target={@target}>
      <input type="text" name="body" />
      <button>Post</button>
    </form>
    """
  end

  @impl true
  def handle_event("post", %{"body" => body}, socket) do
    {:ok, _comment} = Comments.create_comment(body)
    {:noreply, socket}
  end
end
