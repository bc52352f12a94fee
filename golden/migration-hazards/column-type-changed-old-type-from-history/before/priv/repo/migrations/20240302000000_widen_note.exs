defmodule Shop.Repo.Migrations.WidenNote do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :note, :string, size: 200
    end
  end
end
