defmodule Shop.Repo.Migrations.AddKindToEvents do
  use Ecto.Migration

  def change do
    alter table(:events) do
      add :kind, :string
    end
  end
end
