defmodule ShopWeb.GroupComponents do
  use Phoenix.Component

  attr :group, :map, required: true
  attr :form, :any, required: true

  def group_panel(assigns) do
    ~H"""
    <section id="group-panel">
      <h2><%= @group.name %></h2>
      <.grant_form form={@form} />
    </section>
    """
  end

  attr :form, :any, required: true

  defp grant_form(assigns) do
    ~H"""
    <.form for={@form} id="grant-form" phx-submit="submit_grant">
      <input type="text" name="grant[resource]" value={@form[:resource].value} />
      <button type="submit">Grant access</button>
    </.form>
    """
  end
end
