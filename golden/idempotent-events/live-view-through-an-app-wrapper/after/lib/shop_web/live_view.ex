defmodule ShopWeb.LiveView do
  @moduledoc "The app's own LiveView wrapper: the layout and the helpers every page uses."

  defmacro __using__(_opts) do
    quote do
      use Phoenix.LiveView, layout: {ShopWeb.Layouts, :app}
      unquote(helpers())
    end
  end

  defp helpers do
    quote do
      import ShopWeb.CoreComponents
      alias Phoenix.LiveView.JS
    end
  end
end
