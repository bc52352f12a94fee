defmodule Shop.AuditRepo do
  use Ecto.Repo, otp_app: :shop, adapter: Ecto.Adapters.Postgres
end
