defmodule Shop.Repo.Migrations.WidenTotal do
  use Ecto.Migration

  def change do
    execute "SET LOCAL lock_timeout TO '5s'", "SET LOCAL lock_timeout TO '5s'"

    alter table(:orders) do
      modify :total, :bigint, from: :integer
    end
  end
end
