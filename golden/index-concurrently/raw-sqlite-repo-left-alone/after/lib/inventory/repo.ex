defmodule Inventory.Repo do
  use Ecto.Repo,
    otp_app: :inventory,
    adapter: Ecto.Adapters.SQLite3
end
