defmodule ShopWeb.CourseLive do
  use ShopWeb, :live_view

  alias Shop.Courses

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <button phx-click="enroll">Enroll</button>
    <button phx-click="create">Create</button>
    """
  end

  @impl true
  def handle_event("enroll", _params, socket) do
    {:ok, _} = Courses.enroll_student(socket.assigns.course, socket.assigns.current_user)
    {:noreply, socket}
  end

  def handle_event("create", _params, socket) do
    {:ok, _} = Courses.create_course(%{})
    {:noreply, socket}
  end
end
