defmodule ShopWeb.Ui do
  @moduledoc "What every page imports, as an app's web module does in html_helpers."

  defmacro __using__(_opts) do
    quote do
      import ShopWeb.Panels
    end
  end
end
