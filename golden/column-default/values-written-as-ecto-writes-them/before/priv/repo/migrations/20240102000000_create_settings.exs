defmodule Shop.Repo.Migrations.CreateSettings do
  use Ecto.Migration

  def change do
    create table(:settings) do
      add :label, :string
      add :retries, :integer
      add :offset, :integer
      add :ratio, :float
      add :enabled, :boolean
      add :note, :text, default: "none"
      add :checked_at, :utc_datetime
    end
  end
end
