defmodule ShopWeb.Panels do
  use Phoenix.Component

  attr :form, :any, required: true

  def token_panel(assigns) do
    ~H"""
    <.form for={@form} id="token-form" phx-submit="create_token">
      <input type="text" name="token[name]" value={@form[:name].value} />
      <button>Create token</button>
    </.form>
    """
  end
end
