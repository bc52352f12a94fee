defmodule Shop.Repo.Migrations.TransactionNesting do
  use Ecto.Migration

  def change do
    execute "BEGIN; UPDATE orders SET status = 'open'; COMMIT;"
  end
end
