defmodule Inventory.MixProject do
  use Mix.Project

  def project do
    [app: :inventory, version: "0.1.0", deps: deps()]
  end

  defp deps do
    [
      {:ecto_sql, "~> 3.10"},
      {:ecto_sqlite3, ">= 0.0.0"}
    ]
  end
end
