defmodule ShopWeb.CommentComponent do
  use ShopWeb, :live_component

  alias Shop.Comments

  @impl true
  def mount(socket) do
    {:ok, assign(socket, :post_idempotency_key, Ecto.UUID.generate())}
  end

  @impl true
  def update(assigns, socket) do
    {:ok, assign(socket, assigns)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div>
      <.form for={@form} phx-submit="post" phx-target={@myself}>
        <input type="hidden" name="post_idempotency_key" value={@post_idempotency_key} />
        <.input field={@form[:body]} />
        <.button phx-disable-with="Saving...">Post</.button>
      </.form>
    </div>
    """
  end

  @impl true
  def handle_event("post", %{"post_idempotency_key" => key}, socket)
      when key != socket.assigns.post_idempotency_key,
      do: {:noreply, socket}

  def handle_event("post", %{"comment" => params}, socket) do
    socket = assign(socket, :post_idempotency_key, Ecto.UUID.generate())

    case Comments.create_comment(socket.assigns.post, params) do
      {:ok, _comment} -> {:noreply, socket}
      {:error, changeset} -> {:noreply, assign(socket, :form, to_form(changeset))}
    end
  end
end
