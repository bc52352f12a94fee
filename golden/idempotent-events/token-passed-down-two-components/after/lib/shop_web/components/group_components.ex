defmodule ShopWeb.GroupComponents do
  use Phoenix.Component

  attr :group, :map, required: true
  attr :form, :any, required: true
  attr :submit_grant_idempotency_key, :string, default: nil

  def group_panel(assigns) do
    ~H"""
    <section id="group-panel">
      <h2><%= @group.name %></h2>
      <.grant_form form={@form} submit_grant_idempotency_key={@submit_grant_idempotency_key} />
    </section>
    """
  end

  attr :form, :any, required: true
  attr :submit_grant_idempotency_key, :string, default: nil

  defp grant_form(assigns) do
    ~H"""
    <.form for={@form} id="grant-form" phx-submit="submit_grant">
      <input
        :if={@submit_grant_idempotency_key}
        type="hidden"
        name="submit_grant_idempotency_key"
        value={@submit_grant_idempotency_key}
      />
      <input type="text" name="grant[resource]" value={@form[:resource].value} />
      <button type="submit" phx-disable-with="Saving...">Grant access</button>
    </.form>
    """
  end
end
