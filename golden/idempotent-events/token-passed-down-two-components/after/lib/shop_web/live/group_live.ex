defmodule ShopWeb.GroupLive do
  use ShopWeb, :live_view

  import ShopWeb.GroupComponents

  alias Shop.Groups

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :submit_grant_idempotency_key, Ecto.UUID.generate())
    form = to_form(%{"resource" => ""}, as: :grant)
    {:ok, assign(socket, group: %{id: 1, name: "Admins"}, form: form)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <.group_panel
      group={@group}
      form={@form}
      submit_grant_idempotency_key={@submit_grant_idempotency_key}
    />
    """
  end

  @impl true
  def handle_event("submit_grant", %{"submit_grant_idempotency_key" => key}, socket)
      when key != socket.assigns.submit_grant_idempotency_key,
      do: {:noreply, socket}

  def handle_event("submit_grant", %{"grant" => params}, socket) do
    socket = assign(socket, :submit_grant_idempotency_key, Ecto.UUID.generate())
    {:ok, _grant} = Groups.create_grant(socket.assigns.group, params)
    {:noreply, put_flash(socket, :info, "Access granted")}
  end
end
