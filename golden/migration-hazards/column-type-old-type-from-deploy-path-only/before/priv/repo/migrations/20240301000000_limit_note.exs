defmodule Shop.Repo.Migrations.LimitNote do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :note, :string
    end
  end
end
