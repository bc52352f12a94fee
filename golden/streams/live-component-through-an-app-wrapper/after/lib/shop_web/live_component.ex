defmodule ShopWeb.LiveComponent do
  @moduledoc "The app's own LiveComponent wrapper: the helpers every component uses."

  defmacro __using__(_opts) do
    quote do
      use Phoenix.LiveComponent
      import Phoenix.HTML
    end
  end
end
