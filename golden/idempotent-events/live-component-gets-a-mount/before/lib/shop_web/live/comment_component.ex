defmodule ShopWeb.CommentComponent do
  use ShopWeb, :live_component

  alias Shop.Comments

  @impl true
  def update(assigns, socket) do
    {:ok, assign(socket, assigns)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div>
      <.form for={@form} phx-submit="post" phx-target={@myself}>
        <.input field={@form[:body]} />
        <.button>Post</.button>
      </.form>
    </div>
    """
  end

  @impl true
  def handle_event("post", %{"comment" => params}, socket) do
    case Comments.create_comment(socket.assigns.post, params) do
      {:ok, _comment} -> {:noreply, socket}
      {:error, changeset} -> {:noreply, assign(socket, :form, to_form(changeset))}
    end
  end
end
