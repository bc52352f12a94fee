defmodule ShopWeb.CourseLive do
  use ShopWeb, :live_view

  alias Shop.Courses

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :enroll_idempotency_key, Ecto.UUID.generate())
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="enroll" phx-value-enroll_idempotency_key={@enroll_idempotency_key}>
      Enroll
    </button>
    <button phx-click="create">Create</button>
    """
  end

  @impl true
  def handle_event("enroll", %{"enroll_idempotency_key" => key}, socket)
      when key != socket.assigns.enroll_idempotency_key,
      do: {:noreply, socket}

  def handle_event("enroll", _params, socket) do
    socket = assign(socket, :enroll_idempotency_key, Ecto.UUID.generate())
    {:ok, _} = Courses.enroll_student(socket.assigns.course, socket.assigns.current_user)
    {:noreply, socket}
  end

  def handle_event("create", _params, socket) do
    {:ok, _} = Courses.create_course(%{})
    {:noreply, socket}
  end
end
