defmodule Shop.Context do
  defmacro __using__(_opts) do
    quote do
      alias Shop.Repo
    end
  end
end
