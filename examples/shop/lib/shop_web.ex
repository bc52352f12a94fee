defmodule ShopWeb do
  @moduledoc """
  The entrypoint for defining your web interface, such as
  live views, components and the router.

      use ShopWeb, :live_view
  """

  def router do
    quote do
      use Phoenix.Router, helpers: false

      import Plug.Conn
      import Phoenix.Controller
      import Phoenix.LiveView.Router
    end
  end

  def live_view do
    quote do
      use Phoenix.LiveView

      unquote(html_helpers())
    end
  end

  def live_component do
    quote do
      use Phoenix.LiveComponent

      unquote(html_helpers())
    end
  end

  defp html_helpers do
    quote do
      import Phoenix.HTML
      import ShopWeb.CoreComponents

      alias Phoenix.LiveView.JS
    end
  end

  @doc """
  When used, dispatch to the appropriate live_view/router/etc.
  """
  defmacro __using__(which) when is_atom(which) do
    apply(__MODULE__, which, [])
  end
end
