defmodule Shop.Repo.Migrations.ScratchColumn do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :scratch, :string
    end

    alter table(:orders) do
      remove :scratch
    end
  end
end
