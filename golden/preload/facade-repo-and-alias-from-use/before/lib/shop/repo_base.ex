defmodule Shop.RepoBase do
  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres
end
