defmodule Shop.Repo.Migrations.WidenAmount do
  use Ecto.Migration

  def after_begin do
    repo().query!("SET LOCAL lock_timeout TO '5s'")
  end

  def change do
    alter table(:orders) do
      modify :amount, :decimal, precision: 8, scale: 4, from: {:decimal, precision: 8, scale: 2}
    end
  end
end
