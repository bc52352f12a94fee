defmodule Shop.MixProject do
  use Mix.Project

  def project do
    [app: :shop, version: "0.1.0", deps: [{:ecto_sql, "~> 3.12"}, {:postgrex, "~> 0.19"}]]
  end
end
